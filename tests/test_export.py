"""Exports (issue 5): every format written and read back, figures equal the model's and hand arithmetic
from the assumption files, provenance present, scenario round trip to the cent, formula injection made
inert, bad output paths rejected without leaving a file."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from model import __version__
from model.outputs import export as ex
from model.outputs import provenance as pv
from model.outputs.present.labels import COMPONENT_LABELS, FRAMING_SHORT, LEVEL_LABELS, MODE_SHORT
from model.outputs.report import DRAWN_SHEETS
from model.cli.main import main
from model.core.errors import ModelInputError
from model.core.parameters import (apply_scenario, assumptions_dir, load_assumptions, parse_scenario_text, parse_set_options)
from model.core.results import accounting_table, cost_table

ROOT = Path(__file__).resolve().parent.parent
EVIL = '=HYPERLINK("http://example.invalid","x")'
EVIL_DESCRIPTION = "@SUM(1+1)*cmd|' /C calc'!A0"


def raw(pid: str) -> float:
    """A parameter's value read straight from its assumption file (independent of the loader)."""
    topic, key = pid.split(".", 1)
    with (assumptions_dir() / f"{topic}.toml").open("rb") as fh:
        return float(tomllib.load(fh)[key]["value"])


def hand_year1_agency(mode: str) -> float:
    """(year-1 per-agency total as published, its policy labour), by hand from the assumption files."""
    loaded = round(raw("labor.annual_salary") / raw("labor.hours_per_year"), 2) * raw("labor.load_factor")
    people = raw("cohort.participants") * raw("cohort.per_year")
    policy = raw("policy.hours") * loaded
    training = people * (raw("training.hours_proposed") - raw("training.hours_baseline")) * raw("training.cost_per_hour")
    assessment = (raw("cohort.applicants_assessed") + raw("cohort.participants")) * raw("cohort.per_year") * raw("assessment.cost")
    share = {"internal": 0.0, "external": 1.0,
             "mixed": 1 - raw("coaching.internal_program_agencies") / raw("agencies.count")}[mode]
    coaching = people * raw("coaching.hours") * (share * raw("coaching.external_rate")
                                                 + (1 - share) * raw("coaching.internal_rate"))
    # the default reading (the mentor reading): SES mentors' time; Reading A's terms are switched off
    mentors = raw("accounting.mentor_time") * people * raw("mentoring.hours") * raw("labor.ses_loaded_hourly")
    reading_a = people * raw("accounting.staff_hours_per_participant") * loaded \
        + raw("accounting.policy_hours_recounted") * policy
    return policy + training + assessment + coaching + mentors + reading_a, policy


def hand_pv_government(mode: str, rate: float, years: int) -> float:
    """PV of the government-wide total: annual costs every year, policy labour in years 1, 1+k, ... ."""
    total, policy = hand_year1_agency(mode)
    annual = total - policy
    k, first = int(raw("policy.reapproval_years")), int(raw("policy.first_approval_year"))
    pv_ = sum(annual / (1 + rate) ** t for t in range(1, years + 1))
    pv_ += sum(policy / (1 + rate) ** t for t in range(first, years + 1, k))
    return pv_ * raw("agencies.count")


IDS_ROW, HEADER_ROW = 3, 4  # an exported data sheet: title, caption, hidden ids, headers, data


def sheet_frame(wb, name: str) -> pd.DataFrame:
    """A data sheet as a table with its column ids (the hidden row above the headers) as column names."""
    ws = wb[name]
    header = int(ws.freeze_panes[1:]) - 1  # panes frozen below the header row
    rows = list(ws.iter_rows(values_only=True))
    return pd.DataFrame(rows[header:], columns=rows[header - 2])


@pytest.fixture
def report(primary_report):
    """The NPRM primary report dated 2025-12-18 (conftest: built once per test run)."""
    return primary_report


@pytest.fixture(scope="module")
def custom():
    """A scenario with awkward values (cents, a count, a switch turned off: SES mentors' time is on in the
    default reading) and a name that is a formula."""
    a = load_assumptions()
    sets = {"coaching.external_rate": "1234.56", "agencies.count": "14", "labor.load_factor": "1.7",
            "accounting.mentor_time": "0", "training.cost_per_hour": "151.37"}
    return a.with_overrides(parse_set_options([f"{k}={v}" for k, v in sets.items()]), "--set", scenario=EVIL)


@pytest.fixture(scope="module")
def evil_report(custom):
    return ex.build_report(custom, scenarios=["external"], description=EVIL_DESCRIPTION)


# ------------------------------------------------------------------------------------------ formats


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_xlsx_sheets_numbers_formats_frozen(report, primary_xlsx):
    wb = load_workbook(primary_xlsx)  # ex.write_export(report, ...), once per test run
    assert wb.sheetnames[:4] == ["About", "Summary", "A-4 statement", "Charts"]
    data_sheets = [s for s in ex.SHEETS if s not in DRAWN_SHEETS]  # no draws: their sheets are left out
    assert wb.sheetnames[4:] == [s if s != "Stream" else "Stream summary" for s in data_sheets if s != "Summary"
                                 ][:3] + ["Stream"] + [s for s in data_sheets if s != "Summary"][3:]
    for name in data_sheets:
        ws = wb[name]
        df = report.tables[name]
        header = int(ws.freeze_panes[1:]) - 1
        assert ws.row_dimensions[header - 1].hidden
        assert [c.value for c in ws[header - 1]][:len(df.columns)] == list(df.columns)
        labels = [c.value for c in ws[header]][:len(df.columns)]
        assert not set(labels) & {"pv_3", "pv_7", "annualized_7", "year1", "usd"}  # human headers
        assert ws.max_row == header + max(len(df), 1)
        assert list(ws.tables.values())[0].ref.startswith(f"A{header}:")  # a filterable Excel Table
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        if name == "Stream":  # a working table: only its title and caption print (Stream summary prints)
            assert ws.print_area == "'Stream'!$A$1:$H$2" and ws.print_title_rows is None
        else:
            assert ws.print_title_rows == f"${header}:${header}"  # the header row repeats on every printed page
    assert "USD of 2025" in wb["Stream"]["A1"].value
    ws = wb["Stream"]
    assert [c.value for c in ws[HEADER_ROW]] == ["Scenario", "Framing", "Coaching", "Level", "Component",
                                                  "Analysis year", "Year", "Cost"]
    usd = [c for c in ws["H"][HEADER_ROW:]]
    assert all(isinstance(c.value, (int, float)) and c.number_format == '"$"#,##0' for c in usd)
    assert ws.column_dimensions["H"].width >= len("$2,176,096")  # fitted, not the default
    acc = sheet_frame(wb, "Accounting")
    assert wb["Accounting"].cell(HEADER_ROW + 1, list(acc.columns).index("discount_rate") + 1).number_format == "0%"


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_xlsx_values_equal_model_and_hand_arithmetic(primary, primary_xlsx):
    wb = load_workbook(primary_xlsx)  # ex.write_export(report, ...), once per test run
    stream = sheet_frame(wb, "Stream")
    model = cost_table(primary, years=int(raw("analysis.horizon_years")))
    # openpyxl stores floats to 16 significant digits: equal far below a cent
    np.testing.assert_allclose(stream["usd"].astype(float), model["usd"], rtol=1e-15, atol=0)
    assert stream[["framing", "coaching", "level", "component"]].values.tolist() == \
        [[FRAMING_SHORT[f], MODE_SHORT[m], LEVEL_LABELS[lv], COMPONENT_LABELS[c]]  # labels, never ids
         for f, m, lv, c in model[["framing", "coaching", "level", "component"]].values.tolist()]

    summary = sheet_frame(wb, "Summary")
    n = int(raw("analysis.horizon_years"))
    for mode in ("internal", "external", "mixed"):
        row = summary[(summary.framing == "As published") & (summary.coaching == MODE_SHORT[mode])
                      & (summary.level == "government-wide")].iloc[0]
        assert row.year1 == pytest.approx(hand_year1_agency(mode)[0] * raw("agencies.count"), abs=0.005)
        for rate in (raw("analysis.discount_rate_low"), raw("analysis.discount_rate_high")):
            assert row[f"pv_{rate * 100:g}"] == pytest.approx(hand_pv_government(mode, rate, n), abs=0.005)

    comp = sheet_frame(wb, "Components").set_index("component")
    assert comp.loc["Total", "external_government"] == pytest.approx(
        hand_year1_agency("external")[0] * raw("agencies.count"), abs=0.005)

    assumptions = sheet_frame(wb, "Assumptions").set_index("id")
    assert assumptions.loc["coaching.external_rate", "value"] == raw("coaching.external_rate")
    assert {"value", "primary", "unit", "source", "quote_or_reasoning", "distribution"} <= set(assumptions.columns)
    assert "pert" in assumptions.loc["coaching.external_rate", "distribution"]
    # the summary sheet's findings and the A-4 sheet, in $ millions
    gov = hand_year1_agency("internal")[0] * raw("agencies.count")
    assert f"year 1 ${gov / 1e6:,.2f} million as published" in wb["Summary"]["A3"].value
    a4 = [c for row in wb["A-4 statement"].iter_rows() for c in row if isinstance(c.value, float)]
    assert a4 and all(c.number_format == '"$"#,##0.00,,' for c in a4 if c.column in (3, 4, 5))


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_csv_tidy_table_and_provenance(tmp_path, primary, report):
    path = ex.write_export(report, tmp_path / "r.csv")
    df, prov = ex.read_csv_export(path)
    n = int(raw("analysis.horizon_years"))
    assert list(df.columns) == ["scenario", "framing", "coaching", "level", "component", "year", "calendar_year", "usd"]
    assert len(df) == 2 * 3 * 2 * 21 * n  # framings x modes x levels x (20 components + total) x years
    model = cost_table(primary, years=n)["usd"]
    np.testing.assert_allclose(df["usd"], model, rtol=0, atol=0.005)  # to the cent
    text = "\n".join(prov)
    assert __version__ in text and primary.digest() in text and "Date (UTC): 2025-12-18" in text
    assert "component = total are the sum" in text and "FR Doc. 2025-23289" in text
    # Defect 4: plain pandas reads it, skipping the comment lines, and no value carries float noise
    plain = pd.read_csv(path, comment="#")
    pd.testing.assert_frame_equal(plain, df)
    body = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    assert not [line for line in body if re.search(r"\d\.\d{3,}", line)]  # at most cents


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_csv_text_with_hash_comma_newline_quote(tmp_path, primary):
    name = 'Case #1, "quoted"\nsecond line, emoji \U0001F600'
    r = ex.build_report(primary.with_overrides({"coaching.hours": 12}, "--set", scenario=name), scenarios=[],
                        years=2)
    path = ex.write_export(r, tmp_path / "r.csv")
    plain = pd.read_csv(path, comment="#")
    assert set(plain.scenario) == {name} and len(plain) == len(r.tables["Stream"])
    assert ex.read_csv_export(path)[0].scenario.iloc[0] == name


def hand_annualized_government(mode: str, rate: float, years: int) -> float:
    """The annualized value: PV / the sum of the end-of-year discount factors."""
    return hand_pv_government(mode, rate, years) / sum((1 + rate) ** -t for t in range(1, years + 1))


def a4_cells(mode: str, rate: float) -> list[str]:
    """The first cells of the A-4 statement's cost row (as published) for one mode and rate, by hand."""
    n = int(raw("analysis.horizon_years"))
    first = int(raw("analysis.first_calendar_year"))
    return ["Costs", f"Annualized monetized costs, {mode} coaching ({'primary' if mode == 'internal' else 'sensitivity'})",
            f"${hand_annualized_government(mode, rate, n) / 1e6:,.2f}"], f"{rate:.0%}", f"{first}-{first + n - 1}"


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_markdown_appendix(tmp_path, primary, report):
    text = ex.write_export(report, tmp_path / "r.md").read_text()
    for mode in ("internal", "external"):
        for rate in (raw("analysis.discount_rate_high"), raw("analysis.discount_rate_low")):
            lead, pct, period = a4_cells(mode, rate)
            row = next(line for line in text.splitlines() if line.startswith("| " + " | ".join(lead) + " |")
                       and f"| {pct} | {period} |" in line)
            assert "| 2025 |" in row
    for item in ("Unquantified costs", "Qualitative benefits", "Annualized monetized transfers",
                 "State, local and tribal governments", "Small business"):
        assert f"| {item} |" in text
    assert "**Table 4. Accounting statement (OMB Circular A-4), as published: $ millions a year, 2025 dollars**" in text
    assert "# 1. Summary of findings" in text and "# 6. Scenario comparison" in text
    assert "FR Doc. 2025-23289, RIN 3206-AO89" in text  # the NPRM cited
    assert primary.digest() in text and __version__ in text and "Values set: none" in text
    for internal_id in ("pv\\_7", "annualized\\_7", "as\\_published", "year1\\_total"):
        assert internal_id not in text


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_docx_appendix_layout(tmp_path, primary, report):
    d = docx.Document(str(ex.write_export(report, tmp_path / "r.docx")))
    body = "\n".join(p.text for p in d.paragraphs)
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Table 1. ") and len(captions) == len(d.tables)  # every table numbered
    a4 = d.tables[next(i for i, c in enumerate(captions) if "Accounting statement (OMB Circular A-4), as published" in c)]
    rows = [[c.text for c in r.cells] for r in a4.rows]
    lead, pct, period = a4_cells("external", raw("analysis.discount_rate_high"))
    assert any(r[:3] == lead and r[6:8] == [pct, period] for r in rows)
    for table in d.tables:
        trs = table._tbl.tr_lst
        assert trs[0].trPr.find(qn("w:tblHeader")) is not None  # header row repeats
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in trs)  # rows never split
    assert {s.orientation for s in d.sections} == {WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE}
    footer = d.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "FR Doc. 2025-23289" in body and primary.digest() in body and "Git commit:" in body


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_json_everything(tmp_path, primary, report):
    d = json.loads(ex.write_export(report, tmp_path / "r.json").read_text())
    assert set(d["tables"]) == set(ex.SHEETS)
    p = d["provenance"]
    assert p["version"] == __version__ and p["assumptions_digest"] == primary.digest()
    assert p["monte_carlo"] is None and p["date_utc"] == "2025-12-18T00:00:00+00:00"
    assert "git_commit" in p and p["values_set"] == []
    n = int(raw("analysis.horizon_years"))
    cents = [round(v, 2) for v in cost_table(primary, years=n)["usd"]]
    assert [r["usd"] for r in d["tables"]["Stream"]] == cents  # to the cent, no float noise
    gov = [r for r in d["tables"]["Summary"] if r["framing"] == "as_published" and r["level"] == "government"]
    for r in gov:
        rate = raw("analysis.discount_rate_high")
        assert r["pv_7"] == pytest.approx(hand_pv_government(r["coaching"], rate, n), abs=0.005)
    assert "[overrides]" in d["scenario_file"]


def strict_json(text: str):
    """json.loads that refuses NaN and Infinity (Python's json accepts them by default)."""
    def refuse(token):
        raise AssertionError(f"not JSON: {token}")
    return json.loads(text, parse_constant=refuse)


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_json_has_the_run_document_and_is_strict(primary):
    from model.api import Scenario

    zero = primary.with_overrides({"analysis.discount_rate_low": 0}, "--set", scenario="custom")
    d = strict_json(ex.export_bytes(ex.build_report(zero, scenarios=[]), "json").decode())
    run = Scenario.load(None, {"analysis.discount_rate_low": 0}).record(int(raw("analysis.horizon_years")))
    for key in ("model_version", "scenario", "baseline", "parameters", "changed", "results", "accounting"):
        assert d[key] == strict_json(json.dumps(run[key])), key
    row = next(r for r in d["accounting"] if r["discount_rate"] == 0)
    assert row["perpetual_present_value"] is None and "infinite" in row["perpetual_present_value_null_reason"]
    assert row["present_value"] > 0


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_export_bytes_equals_file(tmp_path, report):
    for fmt in ("csv", "md", "json"):
        assert ex.write_export(report, tmp_path / f"r.{fmt}").read_bytes() == ex.export_bytes(report, fmt)


# --------------------------------------------------------------------------------------- provenance


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_provenance_lists_changed_values(evil_report, custom):
    p = evil_report.provenance
    changed = {c["id"]: (c["primary"], c["value"]) for c in p["values_set"]}
    assert changed["coaching.external_rate"] == (raw("coaching.external_rate"), 1234.56)
    assert changed["agencies.count"] == (raw("agencies.count"), 14.0)
    assert set(changed) == set(custom.overrides)
    assert p["assumptions_digest"] == custom.digest() != load_assumptions().digest()
    lines = "\n".join(pv.provenance_lines(p))
    assert "Fee per hour of external executive coaching: $1,234.56/h (NPRM primary $1,000/h)" in lines
    assert "coaching.external_rate" not in lines  # a reader sees the description; the id is in the scenario file


def test_git_commit_never_crashes(monkeypatch, tmp_path):
    assert pv.git_commit(tmp_path) == pv.NOT_A_CHECKOUT  # a folder outside any checkout

    def boom(*a, **k):
        raise FileNotFoundError("git")
    monkeypatch.setattr(pv.subprocess, "run", boom)
    assert pv.git_commit() == pv.NOT_A_CHECKOUT


def test_git_commit_in_checkout():
    if not (ROOT / ".git").exists():
        pytest.skip("not run from a git checkout")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert pv.git_commit().split()[0] == head


# --------------------------------------------------------------------------------------- round trip


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_scenario_file_round_trip_to_the_cent(evil_report, custom):
    base = load_assumptions()
    back = apply_scenario(base, parse_scenario_text(evil_report.scenario_file, "exported.toml", base))
    assert dict(back.overrides) == dict(custom.overrides)
    assert back.scenario == EVIL
    assert back.digest() == custom.digest()
    a, b = cost_table(custom, years=10), cost_table(back, years=10)
    assert np.array_equal(a["usd"].to_numpy(), b["usd"].to_numpy())
    assert np.array_equal(accounting_table(custom)["present_value"], accounting_table(back)["present_value"])


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_workbook_assumptions_round_trip_to_the_cent(tmp_path, evil_report, custom):
    path = ex.write_export(evil_report, tmp_path / "r.xlsx")
    base = load_assumptions()
    for source in (path, path.read_bytes()):
        scen = ex.read_workbook_scenario(source, base)
        assert scen.name == EVIL  # the quote added for safety is removed on the way back
        assert scen.description == EVIL_DESCRIPTION
        back = apply_scenario(base, scen)
        assert dict(back.overrides) == dict(custom.overrides)
        assert back.digest() == custom.digest()
        a, b = cost_table(custom, years=10), cost_table(back, years=10)
        assert np.array_equal(a["usd"].to_numpy(), b["usd"].to_numpy())


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_edited_workbook_value_becomes_override(primary_xlsx_copy):
    path = primary_xlsx_copy  # ex.write_export(report, ...) once per test run, copied for this test
    wb = load_workbook(path)
    ws = wb["Assumptions"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "coaching.hours":
            row[1].value = 12
    wb.save(path)
    scen = ex.read_workbook_scenario(path)
    assert dict(scen.overrides) == {"coaching.hours": 12.0}


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_workbook_reader_rejects_bad_values(primary_xlsx_copy):
    path = primary_xlsx_copy  # ex.write_export(report, ...) once per test run, copied for this test
    wb = load_workbook(path)
    for row in wb["Assumptions"].iter_rows(min_row=2):
        if row[0].value == "agencies.count":
            row[1].value = "many"
    wb.save(path)
    with pytest.raises(ModelInputError, match=r"Assumptions sheet row \d+: agencies.count: expected a number"):
        ex.read_workbook_scenario(path)
    with pytest.raises(ModelInputError, match="not a readable .xlsx"):
        ex.read_workbook_scenario(b"not a workbook")


# ------------------------------------------------------------------------------------------ safety


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_formula_name_inert_in_xlsx(tmp_path, evil_report):
    wb = load_workbook(ex.write_export(evil_report, tmp_path / "r.xlsx"))
    seen_name = seen_desc = seen_negative = False
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula"
                if isinstance(c.value, str):
                    assert not c.value.startswith(ex.FORMULA_TRIGGERS), f"{ws.title}!{c.coordinate}"
                    seen_name |= c.value == "'" + EVIL
                    seen_desc |= c.value == "'" + EVIL_DESCRIPTION
                elif isinstance(c.value, float) and c.value < 0:
                    seen_negative = True  # a negative number stays a number
    assert seen_name and seen_desc and seen_negative


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_formula_name_inert_in_csv(tmp_path, evil_report):
    text = ex.write_export(evil_report, tmp_path / "r.csv").read_text()
    rows = list(csv.reader(io.StringIO(text)))
    data = [r for r in rows if r and not r[0].startswith("#")]
    for r in data:
        for cell in r:
            if cell.startswith(ex.FORMULA_TRIGGERS):
                float(cell)  # only a number (a negative cost) may start with '-'
    assert data[1][0] == "'" + EVIL
    assert any(r[-1].startswith("-") and float(r[-1]) < 0 for r in data[1:])
    assert all(not r[0].startswith(ex.FORMULA_TRIGGERS) for r in rows if r)
    df, _ = ex.read_csv_export(tmp_path / "r.csv")  # the reader undoes the quote: the name is kept
    assert set(df.scenario) == {EVIL} and pd.api.types.is_float_dtype(df.usd)


def test_neutralize_rules():
    for s in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert ex.neutralize(s) == "'" + s and ex.unneutralize(ex.neutralize(s)) == s
    assert ex.neutralize(-1.5) == -1.5 and ex.neutralize("a=b") == "a=b"


# ------------------------------------------------------------------------------------ bad out paths


@pytest.mark.parametrize("name", ["r.txt", "r", "r.XLS", "r.pdf"])
@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_unknown_suffix(tmp_path, report, name):
    with pytest.raises(ModelInputError, match="unknown file type"):
        ex.write_export(report, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_unwritable_paths(tmp_path, report):
    (tmp_path / "afile").write_text("x")
    for bad in (tmp_path / "missing" / "r.xlsx", tmp_path / "afile" / "r.xlsx"):
        with pytest.raises(ModelInputError, match="does not exist"):
            ex.write_export(report, bad)
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(ModelInputError, match="is a folder"):
        ex.write_export(report, tmp_path / "dir.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "dir.xlsx"]


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_failed_write_leaves_no_file_and_keeps_old(tmp_path, report, monkeypatch):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"previous export")

    def fail(*a, **k):
        raise OSError(28, "No space left on device")
    from model.outputs import files
    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(ModelInputError, match="cannot write: No space left on device"):
        ex.write_export(report, target)
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # no temporary file left behind
    assert target.read_bytes() == b"previous export"


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_writer_error_leaves_no_file(tmp_path, report, monkeypatch):
    def broken(_r):
        raise ModelInputError("export: broken writer")
    monkeypatch.setitem(ex.WRITERS, "md", broken)
    with pytest.raises(ModelInputError):
        ex.write_export(report, tmp_path / "r.md")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------------- CLI


def run_cli(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_cli_export_matches_run_and_reproduce(tmp_path, capsys):
    code, _, err = run_cli(["export", "--set", "coaching.external_rate=1500", "--years", "7",
                            "--out", str(tmp_path / "r.xlsx")], capsys)
    assert code == 0 and "wrote" in err
    code, out, _ = run_cli(["run", "--set", "coaching.external_rate=1500", "--years", "7", "--format", "csv"], capsys)
    ran = pd.read_csv(io.StringIO(out))
    wb = load_workbook(tmp_path / "r.xlsx")
    stream = sheet_frame(wb, "Stream")
    np.testing.assert_allclose(stream["usd"].astype(float), ran["usd"], rtol=1e-15, atol=0)
    assert stream["scenario"].tolist() == ran["scenario"].tolist()

    code, out, _ = run_cli(["reproduce", "--format", "json"], capsys)
    figures = json.loads(out)["figures"]
    rec = sheet_frame(wb, "Reconciliation")
    np.testing.assert_allclose(rec["model"].astype(float), [f["model"] for f in figures], rtol=1e-15, atol=0)
    assert rec["status"].tolist() == [f["status"] for f in figures]

    prov = sheet_frame(wb, "Provenance").set_index("field")["value"]
    assert prov["set: coaching.external_rate"] == 1500 and prov["horizon_years"] == 7


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_cli_export_scenarios_match_compare(tmp_path, capsys):
    assert run_cli(["export", "--out", str(tmp_path / "r.json")], capsys)[0] == 0
    rows = json.loads((tmp_path / "r.json").read_text())["tables"]["Scenarios"]
    _, out, _ = run_cli(["compare", "--format", "json"], capsys)
    compared = json.loads(out)["comparison"]
    assert compared
    for c in compared:
        mine = [r for r in rows if r["framing"] == "as_published"
                and all(r[k] == c[k] for k in ("scenario", "coaching", "level"))]
        assert mine and all(all(r[k] == c[k] for k in c) for r in mine), c


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_cli_round_trip_toml_and_workbook(tmp_path, capsys, reuse_identical_reports):
    """Export the scenario in force (.toml) and the workbook; each, fed back with --scenario, gives the
    same figures to the cent and the same assumption digest. (The three exports with the same options
    share one build_report; the export from the workbook is built afresh.)"""
    sets = ["--set", "coaching.external_rate=987.65", "--set", "agencies.count=15",
            "--set", "accounting.participant_training_time=1"]
    assert run_cli(["export", *sets, "--out", str(tmp_path / "s.toml")], capsys)[0] == 0
    assert run_cli(["export", *sets, "--out", str(tmp_path / "w.xlsx")], capsys)[0] == 0
    assert run_cli(["export", *sets, "--out", str(tmp_path / "direct.json")], capsys)[0] == 0
    direct = json.loads((tmp_path / "direct.json").read_text())
    _, out, _ = run_cli(["run", *sets, "--years", "10", "--format", "csv"], capsys)
    expected = pd.read_csv(io.StringIO(out))["usd"].to_numpy()
    _, out, _ = run_cli(["run", "--scenario", str(tmp_path / "s.toml"), "--years", "10", "--format", "csv"], capsys)
    assert np.array_equal(pd.read_csv(io.StringIO(out))["usd"].to_numpy(), expected)
    assert run_cli(["export", "--scenario", str(tmp_path / "w.xlsx"), "--out", str(tmp_path / "back.json")],
                   capsys)[0] == 0
    back = json.loads((tmp_path / "back.json").read_text())
    assert back["provenance"]["assumptions_digest"] == direct["provenance"]["assumptions_digest"]
    assert back["provenance"]["values_set"] == direct["provenance"]["values_set"]
    assert [r["usd"] for r in back["tables"]["Stream"]] == [r["usd"] for r in direct["tables"]["Stream"]]
    np.testing.assert_allclose([r["usd"] for r in back["tables"]["Stream"]], expected, rtol=0, atol=0.005)  # cents


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_cli_every_format(tmp_path, capsys, reuse_identical_reports):
    """Every format through the CLI (the six identical exports share one build_report)."""
    for fmt in (*ex.FORMATS, ex.SCENARIO_FORMAT):
        code, _, err = run_cli(["export", "--scenario", "complete", "--out", str(tmp_path / f"r.{fmt}")], capsys)
        assert code == 0, err
    scen = ex.read_workbook_scenario(tmp_path / "r.xlsx")
    assert scen.name == "Complete accounting"


@pytest.mark.parametrize("args, message", [
    (["--out", "OUT/r.txt"], "unknown file type '.txt'"),
    (["--out", "OUT/missing/r.xlsx"], "does not exist"),
    (["--out", "OUT/r.xlsx", "--draws", "100"], "give both"),
    (["--out", "OUT/r.xlsx", "--draws", "x", "--seed", "1"], "argument --draws: expected a whole number of at least 2, got 'x'"),
    (["--out", "OUT/r.xlsx", "--draws", "1", "--seed", "1"], "argument --draws: expected a whole number of at least 2"),
    (["--out", "OUT/r.xlsx", "--set", "nope.x=1"], "nope.x: unknown parameter id"),
])
def test_cli_errors_one_line_exit_2(tmp_path, capsys, args, message):
    args = [a.replace("OUT", str(tmp_path)) for a in args]
    code, out, err = run_cli(["export", *args], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("sescdp: error:") and message in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_cli_subprocess_no_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "model", "export", "--out", str(tmp_path / "x.doc")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1


# ------------------------------------------------------------------------------------- Monte Carlo


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_no_draws_means_not_run(report):
    assert list(report.tables["Monte Carlo summary"].columns) == ["note"]
    assert list(report.tables["Sensitivity"].columns) == ["note"]
    assert list(report.tables["Sobol indices"].columns) == ["note"]


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_monte_carlo_and_sensitivity_sheets(tmp_path, primary, report):
    from model.engines.montecarlo import simulate
    from model.engines.sensitivity import tornado as tornado_fn

    r = ex.build_report(primary, draws=256, seed=7, sobol_n=64)
    mc = r.tables["Monte Carlo summary"]
    expected = simulate(primary, 256, 7, years=int(raw("analysis.horizon_years"))).summary.reset_index(drop=True)
    pd.testing.assert_frame_equal(mc, expected)
    tornado, sobol = r.tables["Sensitivity"], r.tables["Sobol indices"]
    for mode in ("internal", "external", "mixed"):
        pd.testing.assert_frame_equal(
            tornado[tornado.coaching == mode].drop(columns=["coaching", "level", "quantity"]).reset_index(drop=True),
            tornado_fn(primary, quantity="pv_7", coaching=mode, level="government").reset_index(drop=True),
            check_like=True)
    assert set(sobol.coaching) == {"internal", "external", "mixed"} and {"S1", "ST"} <= set(sobol.columns)
    assert (sobol.base_sample == 64).all() and (sobol.seed == 7).all()
    assert r.provenance["monte_carlo"]["draws"] == 256 and r.provenance["monte_carlo"]["seed"] == 7

    again = ex.build_report(primary, draws=256, seed=7, sobol_n=64)
    pd.testing.assert_frame_equal(again.tables["Monte Carlo summary"], mc)  # seeded: reproducible

    wb = load_workbook(ex.write_export(r, tmp_path / "mc.xlsx"))
    back = sheet_frame(wb, "Monte Carlo summary")
    np.testing.assert_allclose(back["mean"].astype(float), mc["mean"], rtol=1e-15, atol=0)
    prov = sheet_frame(wb, "Provenance").set_index("field")["value"]
    assert prov["seed"] == 7 and prov["monte_carlo_draws"] == 256
    assert len(wb["Charts"]._charts) == 2  # the stream and the distribution

    md = ex.export_bytes(r, "md").decode()
    assert "# 5. Uncertainty" in md and "256 draws, seed 7" in md
    assert md.count("data:image/png;base64,") == 3  # histogram and two tornados
    assert "Sensitivity of the present value at 7%" in md and "Sobol indices (top" in md
    d = docx.Document(io.BytesIO(ex.export_bytes(r, "docx")))
    assert len(d.inline_shapes) == 3
    assert len(d.tables) == len(docx.Document(io.BytesIO(ex.export_bytes(report, "docx"))).tables) + 3  # MC, tornado, Sobol


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_cli_monte_carlo(tmp_path, capsys):
    code, _, err = run_cli(["export", "--draws", "128", "--seed", "3", "--sobol-n", "0",
                            "--out", str(tmp_path / "mc.json")], capsys)
    assert code == 0, err
    d = json.loads((tmp_path / "mc.json").read_text())
    assert d["provenance"]["monte_carlo"]["seed"] == 3
    assert "note" not in d["tables"]["Monte Carlo summary"][0]
    assert {r["coaching"] for r in d["tables"]["Sensitivity"]} == {"internal", "external", "mixed"}
    assert d["tables"]["Sobol indices"] == [{"note": "not run: --sobol-n 0"}]


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_accounting_low_high_are_p5_p95_of_the_accounting_draws(primary):
    """Defect 5: the A-4 low/high are P5/P95 of analysis.accounting_draws draws from analysis.seed, whatever
    --draws the export was given, as in the app and `sescdp accounting`."""
    from model.api import Scenario
    from model.engines.montecarlo import simulate

    n = int(raw("analysis.horizon_years"))
    draws, seed = int(raw("analysis.accounting_draws")), int(raw("analysis.seed"))
    r = ex.build_report(primary, draws=64, seed=3, sobol_n=0, accounting_method="montecarlo")
    acc = r.tables["Accounting"]
    sel = (acc.framing == "as_published") & (acc.coaching == "external") & (acc.level == "government") \
        & (acc.measure == "present value") & np.isclose(acc.discount_rate, raw("analysis.discount_rate_high"))
    s = simulate(primary, draws, seed, years=n).summary
    mc = s[(s.framing == "as_published") & (s.coaching == "external") & (s.level == "government")
           & (s.quantity == "pv_7")].iloc[0]
    assert acc[sel].low.iloc[0] == pytest.approx(mc.p5) and acc[sel].high.iloc[0] == pytest.approx(mc.p95)
    app = Scenario.load().accounting()  # the app's Accounting page calls this
    pd.testing.assert_frame_equal(acc.drop(columns="source").reset_index(drop=True),
                                  app[list(acc.columns.drop("source"))].reset_index(drop=True), check_dtype=False)
    assert r.provenance["monte_carlo"]["draws"] == 64
    assert r.provenance["accounting_draws"]["draws"] == draws and r.provenance["accounting_draws"]["seed"] == seed
    prov = r.tables["Provenance"].set_index("field")["value"]
    assert prov["accounting_draws"] == draws and prov["monte_carlo_draws"] == 64


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_correlations_recorded(primary):
    """Defect 6: the rank correlations used are in the provenance, for the A-4 draws and the Monte Carlo."""
    with (assumptions_dir() / "uncertainty" / "correlations.toml").open("rb") as fh:
        pairs = tomllib.load(fh)
    r = ex.build_report(primary, draws=64, seed=3, sobol_n=0)
    text = "\n".join(ex.provenance_lines(r.provenance))
    named = pv.parameter_names()
    listed = [f"{named(c['a'])} and {named(c['b'])}: {c['rho']:g}" for c in pairs["correlation"]]
    assert listed and all(text.count(item) == 2 for item in listed)  # Monte Carlo line and A-4 line
    assert r.provenance["monte_carlo"]["correlations"] == r.provenance["accounting_draws"]["correlations"]


@pytest.mark.slow  # writes and reads back a workbook, document or the CLI's files: seconds
def test_accounting_defaults_to_montecarlo_and_says_so(primary, report):
    r = report  # ex.build_report(primary) with every default (and a fixed date)
    note = f"P5/P95 of {raw('analysis.accounting_draws'):,.0f} Monte Carlo draws (seed {raw('analysis.seed'):.0f})"
    assert note in r.tables["Accounting"].source.iloc[0]
    assert note in r.provenance["accounting_low_high"]
    assert any(note in line for line in ex.provenance_lines(r.provenance))
    ranges = ex.build_report(primary, accounting_method="ranges")
    assert "ends of their ranges" in ranges.provenance["accounting_low_high"]
    with pytest.raises(ModelInputError, match="accounting method"):
        ex.build_report(primary, accounting_method="bootstrap")
