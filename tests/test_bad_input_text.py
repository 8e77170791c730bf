"""Issue 22, items 1 and 5: one number grammar on every surface (the CLI's --set, a scenario file, a
workbook's Assumptions cell given as text, an upload, a link and ``Scenario.with_overrides``), a repeated id
refused, and scenario text (names, descriptions) checked where it enters and safe in every writer. Each case
is written by hand: the input and a fragment of the one-line message expected."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from model.api import ModelInputError, Scenario
from model.cli.main import main
from model.core.numbers import parse_number
from model.core.parameters import load_assumptions, load_scenario, parse_scenario_text, parse_set_options

DECIMAL_COMMA = "a decimal comma? use 2.5"


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------------------------
# The grammar itself

@pytest.mark.parametrize("text, value", [("1,500", 1500.0), ("1,234,567", 1234567.0), ("2.5", 2.5), ("-3", -3.0),
                                         ("1,500.25", 1500.25), (" 7 ", 7.0), ("1e3", 1000.0), (".5", 0.5)])
def test_the_grammar_reads(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, why", [("2,5", DECIMAL_COMMA), ("1,50", "a decimal comma? use 1.50"),
                                       ("1,5000", "a decimal comma? use 1.5000"),
                                       ("1__2", "underscores are not accepted"), ("1_000", "underscores are not accepted"),
                                       ("1,,500", "groups of three digits"), (",500", "groups of three digits"),
                                       ("1,500,00", "groups of three digits"), ("12,34.5", "groups of three digits"),
                                       ("\u0661\u0662", "not a number"), ("", "not a number")])
def test_the_grammar_refuses_and_says_why(text, why):
    with pytest.raises(ValueError, match=None) as exc:
        parse_number(text)
    assert why in str(exc.value)


def test_money_keeps_its_dollar_and_the_same_grammar():
    assert parse_number("$1,500", money=True) == 1500.0
    with pytest.raises(ValueError, match="decimal comma"):
        parse_number("$2,5", money=True)


# ---------------------------------------------------------------------------------------------
# The six surfaces

@pytest.mark.parametrize("item, fragment", [("labor.load_factor=2,5", "labor.load_factor: expected a number"),
                                            ("coaching.hours=1,5", "a decimal comma? use 1.5"),
                                            ("coaching.hours=1__2", "underscores are not accepted")])
def test_set_refuses_a_decimal_comma(capsys, item, fragment):
    code, out, err = cli(capsys, "run", "--set", item, "--format", "json")
    assert code == 2 and out == ""
    assert fragment in err and len(err.strip().splitlines()) == 1


def test_set_still_reads_a_thousands_comma(capsys):
    code, out, err = cli(capsys, "run", "--set", "coaching.external_rate=1,500", "--format", "json")
    assert code == 0, err
    assert '"coaching.external_rate": 1500' in out.replace(".0", "")


def test_scenario_file_refuses_a_decimal_comma_string(tmp_path):
    f = tmp_path / "comma.toml"
    f.write_text('[scenario]\nname = "comma"\ndescription = "a decimal comma"\n\n'
                 '[overrides]\n"labor.load_factor" = "2,5"\n', encoding="utf-8")
    with pytest.raises(ModelInputError, match="labor.load_factor: expected a number .*: a decimal comma\\? use 2.5"):
        load_scenario(f)


def test_upload_refuses_a_decimal_comma_string():
    text = b'[scenario]\nname = "up"\ndescription = "uploaded"\n\n[overrides]\n"coaching.hours" = "1,5"\n'
    with pytest.raises(ModelInputError, match="coaching.hours: .*a decimal comma\\? use 1.5"):
        parse_scenario_text(text, "uploaded file", load_assumptions())


def test_workbook_cell_given_as_text_refuses_a_decimal_comma(tmp_path):
    from openpyxl import load_workbook

    from model.outputs.export import read_workbook_scenario

    path = tmp_path / "nprm.xlsx"
    Scenario.load(None).export(path)
    wb = load_workbook(path)
    ws = wb["Assumptions"]
    header = [c.value for c in ws[3]]
    col_id, col_val = header.index("id") + 1, header.index("value") + 1
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, col_id).value == "labor.load_factor")
    ws.cell(row, col_val).value = "2,5"
    wb.save(path)
    with pytest.raises(ModelInputError, match=f"row {row}: labor.load_factor: .*{DECIMAL_COMMA.replace('?', '[?]')}"):
        read_workbook_scenario(path)
    ws.cell(row, col_val).value = "2.5"   # the same cell with a decimal point reads
    wb.save(path)
    assert read_workbook_scenario(path).overrides["labor.load_factor"] == 2.5


@pytest.mark.parametrize("value, fragment", [("2,5", DECIMAL_COMMA), ("1__2", "underscores are not accepted")])
def test_with_overrides_refuses_a_decimal_comma(value, fragment):
    nprm = Scenario.load(None)
    with pytest.raises(ModelInputError, match="labor.load_factor") as exc:
        nprm.with_overrides({"labor.load_factor": value})
    assert fragment in str(exc.value)
    with pytest.raises(ModelInputError, match="a decimal comma"):
        nprm.with_overrides(["labor.load_factor=2,5"])


def _app(query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.query_params.update(query)
    return at.run()


def test_link_refuses_a_decimal_comma():
    at = _app({"labor.load_factor": "2,5"})
    assert not at.exception
    assert any(DECIMAL_COMMA in e.value for e in at.error)
    assert at.session_state["overrides"] == {}


# ---------------------------------------------------------------------------------------------
# A repeated id

def test_set_refuses_a_repeated_id(capsys):
    code, out, err = cli(capsys, "run", "--set", "coaching.hours=12", "--set", "coaching.hours=15")
    assert code == 2 and out == ""
    assert "coaching.hours: given twice ('12' and '15'); expected each parameter once" in err
    with pytest.raises(ModelInputError, match="given twice"):
        parse_set_options(["coaching.hours=12", " coaching.hours = 12"])


def test_link_refuses_a_repeated_id():
    at = _app({"coaching.hours": ["12", "15"]})
    assert not at.exception
    assert any("'coaching.hours': given 2 times; expected each parameter once" in e.value for e in at.error)
    assert at.session_state["overrides"] == {}
