"""The workbook as a working file and an exhibit (issue 25, item 5; the workbook marks of item 9): it
prints in at most MAX_PAGES pages at LibreOffice's default settings (the full stream a working table whose
print area is its title, the Stream summary printing the totals by year); a Monte Carlo sheet that was not
run is left out, not printed as "not run"; cells a reader reads (framing, coaching mode, level, component,
measure, quantity) hold labels, never ids; a header lines up with its numbers; every cell of a data row is
top-aligned, wrapped or not; every sheet's title row names its units."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

import realclient as rc
from model.core.components import COMPONENTS, TOTAL
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.outputs.report import DRAWN_SHEETS
from model.outputs.uncertainty_tables import NOT_RUN

MAX_PAGES = 60  # issue 25: the default workbook prints in at most 60 pages
IDS_ROW, HEADER_ROW = 3, 4  # a data sheet: title, caption, hidden ids, headers, data
LABEL_COLUMNS = ("framing", "coaching", "level", "component", "measure", "quantity")
CODE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")  # a snake_case word: an id, not a reader's word
IDS = set(FRAMINGS) | set(MODES) | set(LEVELS) | {c.name for c in COMPONENTS} | {TOTAL, "year1", "pv_3", "pv_7"}
UNITS = ("USD of", "$")


def data_sheets(wb):
    """The sheets written as data tables (their hidden row of column ids above the headers)."""
    return [ws for ws in wb if ws.max_row > IDS_ROW and ws.row_dimensions[IDS_ROW].hidden]


@pytest.mark.slow  # uses the workbook written once per test run (seconds)
def test_no_sheet_says_not_run(primary_xlsx):
    wb = load_workbook(primary_xlsx)
    assert not set(wb.sheetnames) & set(DRAWN_SHEETS)  # exported without --draws: left out
    for ws in data_sheets(wb):
        assert [c.value for c in ws[IDS_ROW]] != ["note"], ws.title  # a sheet that only says it was not run
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and NOT_RUN in v for v in row), ws.title


@pytest.mark.slow  # uses the workbook written once per test run (seconds)
def test_label_columns_hold_labels_not_codes(primary_xlsx):
    wb = load_workbook(primary_xlsx)
    seen = set()
    for ws in data_sheets(wb):
        ids = [c.value for c in ws[IDS_ROW]]
        for j, col in enumerate(ids, start=1):
            if col not in LABEL_COLUMNS:
                continue
            seen.add(col)
            for r in range(HEADER_ROW + 1, ws.max_row + 1):
                v = ws.cell(r, j).value
                if isinstance(v, str):
                    assert v not in IDS and not CODE.fullmatch(v), f"{ws.title}!{ws.cell(r, j).coordinate}: {v!r}"
    assert {"framing", "coaching", "level", "component", "measure"} <= seen  # the check saw the columns


@pytest.mark.slow  # uses the workbook written once per test run (seconds)
def test_headers_align_with_their_numbers_and_rows_top_aligned(primary_xlsx):
    wb = load_workbook(primary_xlsx)
    for ws in data_sheets(wb):
        for j in range(1, ws.max_column + 1):
            values = [ws.cell(r, j).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]
            numbers = [v for v in values if v is not None]
            if numbers and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
                assert ws.cell(HEADER_ROW, j).alignment.horizontal == "right", f"{ws.title} column {j}"
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            for j in range(1, ws.max_column + 1):
                assert ws.cell(r, j).alignment.vertical == "top", f"{ws.title}!{ws.cell(r, j).coordinate}"


@pytest.mark.slow  # uses the workbook written once per test run (seconds)
def test_every_sheet_title_names_its_units(primary_xlsx):
    wb = load_workbook(primary_xlsx)
    for ws in wb:
        title = ws.cell(1, 1).value
        assert isinstance(title, str) and any(u in title for u in UNITS), ws.title


@pytest.mark.slow  # uses the workbook written once per test run (seconds)
def test_full_stream_is_a_working_table_and_its_summary_prints(primary_xlsx):
    wb = load_workbook(primary_xlsx)
    stream = wb["Stream"]
    assert stream.print_area == "'Stream'!$A$1:$H$2" and stream.print_title_rows is None
    assert stream.max_row > 100  # the full table is still there to filter
    summary = wb["Stream summary"]
    assert not summary.print_area  # prints whole
    assert wb.sheetnames.index("Stream summary") == wb.sheetnames.index("Stream") - 1


@pytest.mark.slow  # LibreOffice renders the workbook (tens of seconds)
def test_default_workbook_prints_in_at_most_60_pages(primary_xlsx, tmp_path):
    rc.require()
    pdf = rc.to_pdf(primary_xlsx, tmp_path)
    pages = rc.pdf_pages(pdf)
    assert pages <= MAX_PAGES, f"{pages} pages"
    assert NOT_RUN not in " ".join(rc.pdf_text(pdf).split())
