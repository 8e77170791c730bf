"""The A-4 accounting statement in OMB's layout reads the same in the app, the workbook, the Word appendix
and the Markdown appendix (issue 10), for both framings; its cost rows are checked by hand in
test_export.test_markdown_appendix and test_docx_appendix_layout."""

import io
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from model.api import Scenario
from model.outputs import export as ex

FRAMINGS = ("as_published", "incremental")
COST_ROWS = 6  # two rates x three coaching modes


def cost_rows(t) -> list[int]:
    """The indices of the monetized cost rows (after the benefits, in OMB's order)."""
    return [i for i, r in enumerate(t.rows) if r[0] == "Costs" and isinstance(r[2], float)]


@pytest.fixture(scope="module")
def statements():
    s = Scenario.load()
    return {f: s.statement(f) for f in FRAMINGS}


@pytest.mark.slow
def test_statement_rows_and_layout(statements):
    for f, t in statements.items():
        assert t.headers() == ["Category", "Item", "Primary estimate", "Low", "High", "Year dollar", "Discount rate",
                               "Period covered", "Source"]
        cats = [r[0] for r in t.rows]
        assert cats == ["Benefits"] * 2 + ["Costs"] * (COST_ROWS + 1) + ["Transfers"] * 2 + ["Effects"] * 2
        assert len(cost_rows(t)) == COST_ROWS
        for r in (t.rows[i] for i in cost_rows(t)):
            assert r[3] <= r[2] <= r[4]  # low <= primary <= high
        assert f.replace("_", " ") in t.title.lower() and "$ millions a year, 2025 dollars" in t.title


@pytest.mark.slow
def test_same_statement_in_xlsx_docx_md(primary_report, statements):
    wb = load_workbook(io.BytesIO(ex.export_bytes(primary_report, "xlsx")))
    cells = [[c.value for c in row] for row in wb["A-4 statement"].iter_rows()]
    d = docx.Document(io.BytesIO(ex.export_bytes(primary_report, "docx")))
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    md = ex.export_bytes(primary_report, "md").decode()
    for f, t in statements.items():
        # workbook: the raw values (full precision), in $ millions by format
        for r in (t.rows[i] for i in cost_rows(t)):
            match = [row for row in cells if row[1] == r[1] and row[6] == r[6] and row[2] == pytest.approx(r[2], rel=1e-14)]
            assert len(match) == 1 and match[0][3:5] == pytest.approx([r[3], r[4]], rel=1e-14), (f, r[1])
        # Word: the same display text
        table = d.tables[next(i for i, c in enumerate(captions) if t.title in c)]
        got = [[c.text for c in row.cells] for row in table.rows]
        assert got[0] == t.headers() and [got[i + 1] for i in cost_rows(t)] == [t.text_rows()[i] for i in cost_rows(t)]
        # Markdown: the same display text
        for row in (t.text_rows()[i] for i in cost_rows(t)):
            assert "| " + " | ".join(row) + " |" in md


@pytest.mark.slow
def test_same_statement_in_the_app(statements):
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120).run()
    at.radio(key="page").set_value("Accounting").run()
    for f, t in statements.items():
        at.radio(key="accounting_framing").set_value(f).run()
        assert not at.exception
        shown = at.table[0].value
        assert list(shown.reset_index().columns) == t.headers()
        assert shown.reset_index().values.tolist() == t.text_rows()


@pytest.mark.slow
def test_same_statement_in_the_cli(statements, capsys):
    from model.cli.main import main

    assert main(["accounting"]) == 0
    out = capsys.readouterr().out
    for t in statements.values():
        assert t.title in out
        section = out[out.index(t.title):]
        lines = [x.split() for x in section.splitlines() if x.startswith("Costs")][:COST_ROWS]
        for row, tokens in zip([t.text_rows()[i] for i in cost_rows(t)], lines):
            cells = row[2:8]  # primary, low, high, year dollar, rate, period: in order, whole
            assert any(tokens[i:i + len(cells)] == cells for i in range(len(tokens))), (row, tokens)


def test_low_and_high_of_a_selection_equal_the_full_statement():
    """The A-4 low/high are computed only for the rows asked for (issue 14), with the same numbers."""
    s = Scenario.load()
    full = s.accounting(draws=4_000)
    part = s.accounting(draws=4_000, framing="incremental", coaching="external", level="government")
    assert len(part) == 4 and set(part.framing) == {"incremental"} and set(part.coaching) == {"external"}
    keys = ["framing", "coaching", "level", "measure", "discount_rate"]
    merged = part.merge(full, on=keys, suffixes=("", "_full"))
    assert len(merged) == 4
    for col in ("primary", "low", "high"):
        assert (merged[col] == merged[f"{col}_full"]).all(), col
