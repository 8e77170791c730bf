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


@pytest.mark.slow  # every writer, a workbook round trip or the whole app: seconds
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


@pytest.mark.slow  # every writer, a workbook round trip or the whole app: seconds
def test_link_refuses_a_decimal_comma():
    at = _app({"labor.load_factor": "2,5"})
    assert not at.exception
    assert any(DECIMAL_COMMA in e.value for e in at.error)
    assert at.session_state["app"].overrides == ()  # the app's one state object (ui.appstate.AppState)


# ---------------------------------------------------------------------------------------------
# A repeated id

def test_set_refuses_a_repeated_id(capsys):
    code, out, err = cli(capsys, "run", "--set", "coaching.hours=12", "--set", "coaching.hours=15")
    assert code == 2 and out == ""
    assert "coaching.hours: given twice ('12' and '15'); expected each parameter once" in err
    with pytest.raises(ModelInputError, match="given twice"):
        parse_set_options(["coaching.hours=12", " coaching.hours = 12"])


@pytest.mark.slow  # every writer, a workbook round trip or the whole app: seconds
def test_link_refuses_a_repeated_id():
    at = _app({"coaching.hours": ["12", "15"]})
    assert not at.exception
    assert any("'coaching.hours': given 2 times; expected each parameter once" in e.value for e in at.error)
    assert at.session_state["app"].overrides == ()  # the app's one state object (ui.appstate.AppState)


# ---------------------------------------------------------------------------------------------
# Scenario text: checked where it enters, safe in every writer

ESC_NAME = "esc\x1b[31m red \x07 del\x7f c1\x9b"


def _scenario_file(tmp_path, name: str, description: str = "d") -> Path:
    import json

    f = tmp_path / "text.toml"
    f.write_text(f"[scenario]\nname = {json.dumps(name)}\ndescription = {json.dumps(description)}\n\n"
                 '[overrides]\n"coaching.hours" = 12\n', encoding="utf-8")
    return f


@pytest.mark.parametrize("name, description, fragment", [
    (ESC_NAME, "d", "[scenario] name: contains a control character (U+001B at character 4)"),
    ("bell\x07", "d", "name: contains a control character (U+0007 at character 5)"),
    ("del\x7f", "d", "name: contains a control character (U+007F"),
    ("c1\x85", "d", "name: contains a control character (U+0085"),
    ("ok", "vertical\x0btab", "description: contains a control character (U+000B"),
    ("n" * 300, "d", "name: String should have at most 200 characters"),
    ("ok", "d" * 6000, "description: String should have at most 5000 characters"),
])
def test_scenario_file_text_is_checked_where_it_enters(tmp_path, capsys, name, description, fragment):
    f = _scenario_file(tmp_path, name, description)
    with pytest.raises(ModelInputError) as exc:
        load_scenario(f)
    assert fragment in str(exc.value) and "\n" not in str(exc.value)
    code, out, err = cli(capsys, "run", "--scenario", str(f))
    assert code == 2 and out == "" and fragment in err and "\x1b" not in err and len(err.strip().splitlines()) == 1


def test_api_name_with_a_control_character_is_refused():
    with pytest.raises(ModelInputError, match="scenario name: contains a control character \\(U\\+001B"):
        Scenario.load(None).with_overrides({"coaching.hours": 12}, name=ESC_NAME)


def _workbook_with_provenance_name(tmp_path, name: str) -> Path:
    from openpyxl import load_workbook

    path = tmp_path / "named.xlsx"
    Scenario.load(None).with_overrides({"coaching.hours": 12}, name="plain").export(path)
    wb = load_workbook(path)
    ws = wb["Provenance"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "scenario")
    ws.cell(row, 2).value = name
    wb.save(path)
    return path


@pytest.mark.parametrize("name, fragment", [("x" * 250, "name: String should have at most 200 characters"),
                                            ("bell\\x07", None)])
@pytest.mark.slow  # every writer, a workbook round trip or the whole app: seconds
def test_workbook_provenance_name_is_checked(tmp_path, name, fragment):
    from model.outputs.export import read_workbook_scenario

    path = _workbook_with_provenance_name(tmp_path, name)
    if fragment is None:  # printable text (a backslash, not a control character) reads
        assert read_workbook_scenario(path).name == name
        return
    with pytest.raises(ModelInputError) as exc:
        read_workbook_scenario(path)
    assert "[scenario] " + fragment in str(exc.value) and "\n" not in str(exc.value)


@pytest.fixture(scope="module")
def escaped_report():
    """A report whose scenario name and description hold control characters (as the API's description= or a
    future entry point could hand a writer): every writer must still write a valid file."""
    from dataclasses import replace

    from model.outputs.export import build_report, export_bytes

    a = load_assumptions().with_overrides({"coaching.hours": 12}, "test", scenario="plain")
    with pytest.MonkeyPatch.context() as mp:  # the entry check, off while the files are written
        for module in ("model.core.assumption_set", "model.core.scenario_files"):  # where parameters' checks live
            mp.setattr(f"{module}.control_problem", lambda text: "")
        report = build_report(replace(a, scenario=ESC_NAME), scenarios=[], description="desc\x01\x1b[0m\x7f")
        return {fmt: export_bytes(report, fmt) for fmt in ("xlsx", "docx", "toml", "csv", "md")}


@pytest.mark.slow  # every writer, a workbook round trip or the whole app: seconds
def test_xlsx_writes_a_name_with_control_characters(escaped_report):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(escaped_report["xlsx"]))
    cells = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("esc\\x1b[31m red \\x07" in c for c in cells)
    assert not any("\x1b" in c or "\x07" in c for c in cells)


@pytest.mark.slow  # uses a whole report written in every format (seconds)
def test_docx_writes_a_name_with_control_characters(escaped_report):
    import docx

    d = docx.Document(io.BytesIO(escaped_report["docx"]))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "esc\\x1b[31m red \\x07" in text and "\x1b" not in text


@pytest.mark.slow  # uses a whole report written in every format (seconds)
def test_toml_never_writes_a_raw_control_character_and_reads_back(escaped_report, tmp_path):
    data = escaped_report["toml"]
    assert b"\x7f" not in data and b"\x1b" not in data and b"\xc2\x9b" not in data
    f = tmp_path / "back.toml"
    f.write_bytes(data)
    back = load_scenario(f)
    assert back.name == "esc\\x1b[31m red \\x07 del\\x7f c1\\x9b"
    assert back.overrides == {"coaching.hours": 12.0}


@pytest.mark.slow  # uses a whole report written in every format (seconds)
def test_csv_file_carries_no_raw_control_character(escaped_report):
    data = escaped_report["csv"]
    assert b"\x1b" not in data and b"\x7f" not in data and b"\xc2\x9b" not in data
    assert b'"esc\\x1b[31m red \\x07 del\\x7f c1\\x9b","as_published"' in data


def test_run_table_never_echoes_a_raw_escape(monkeypatch, capsys):
    from dataclasses import replace

    import model.api.scenario as api_scenario

    real = Scenario.load

    def load(*args, **kwargs):
        s = real(*args, **kwargs)
        return api_scenario.Scenario(replace(s._a, scenario=ESC_NAME), "d", s._coaching)

    monkeypatch.setattr(api_scenario.Scenario, "load", staticmethod(load))
    code, out, err = cli(capsys, "run")
    assert code == 0, err
    assert "Scenario: esc\\x1b[31m red \\x07 del\\x7f c1\\x9b |" in out and "\x1b" not in out


def test_run_csv_on_stdout_neutralizes_a_formula_name(tmp_path, capsys):
    f = _scenario_file(tmp_path, '=HYPERLINK("http://example.com","x")')
    code, out, err = cli(capsys, "run", "--scenario", str(f), "--format", "csv")
    assert code == 0, err
    row = out.splitlines()[1]
    assert row.startswith('"\'=HYPERLINK(""http://example.com"",""x"")",as_published,')


@pytest.mark.slow  # uses a whole report written in every format (seconds)
def test_markdown_shows_control_characters_as_escapes(escaped_report):
    data = escaped_report["md"]
    assert b"\x1b" not in data and b"\x07" not in data and b"\x7f" not in data
    assert b"esc\\x1b[31m red \\x07" in data and b"\n" in data


def test_tab_and_newline_are_allowed_in_a_description(tmp_path):
    """Kept for the existing round trips (tests/test_bad_input.py, tests/test_export.py): tab and newline are
    safe in every writer; the terminal shows them escaped."""
    assert load_scenario(_scenario_file(tmp_path, "tab\there", "two\nlines")).description == "two\nlines"


@pytest.mark.parametrize("kw, fragment", [
    ({"name": "a" * 201}, "name: expected at most 200 characters, got 201"),
    ({"description": "d" * 5001}, "description: expected at most 5,000 characters, got 5,001"),
    ({"name": "esc\x1b[31m red \x07"}, "name: contains a control character (U+001B at character 4)"),
    ({"description": "bell\x07"}, "description: contains a control character (U+0007 at character 5)"),
])
def test_api_name_and_description_checked_where_they_enter(kw, fragment):
    from model import ModelInputError, Scenario
    with pytest.raises(ModelInputError) as exc:
        Scenario.load().with_overrides({}, **kw)
    assert fragment in str(exc.value) and "\n" not in str(exc.value)
    assert Scenario.load().with_overrides({}, name="a" * 200).name == "a" * 200  # the limit itself is allowed
