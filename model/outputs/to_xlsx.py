"""The workbook export: an About sheet, the Summary (findings and totals), the A-4 statement in OMB's
layout, one data sheet per report table, and native Excel charts of the stream and the distribution.

Each data sheet: a title row (what it holds, units, dollar year), a caption row, the column ids for
scripts in a hidden row 3, human headers in row 4, data from row 5 as a filterable Excel Table with $
and % formats; printed landscape, one page wide, header row repeated. Values keep full precision (the
formats round what is shown). Text a spreadsheet would run as a formula is neutralized. The sheet layout
is in ``xlsx_sheet``, the Charts sheet in ``xlsx_charts``.
"""

from __future__ import annotations

import io
import math

from model.outputs.present import findings
from model.outputs.present.a4_layout import accounting_statement_table
from model.outputs.provenance import basis_line, provenance_lines
from model.outputs.report import Report
from model.outputs.xlsx_charts import charts_sheet
from model.outputs.xlsx_sheet import (CAPTION_ROW, LINE_PT, WRAP_SLACK, data_table, print_setup, pub_table,
                                      sheet_cell, sheet_title_rows)

ABOUT, SUMMARY, STATEMENT, CHARTS = "About", "Summary", "A-4 statement", "Charts"
STREAM, STREAM_SUMMARY = "Stream", "Stream summary"
STREAM_NOT_PRINTED = (" A working table: only these two rows print; the Stream summary sheet prints the totals "
                      "by year.")
ABOUT_WIDTH = 90  # characters (a wider single column is not scaled to the page by LibreOffice)
READ_BACK = "pandas.read_excel(path, sheet_name=NAME, skiprows=[0, 1, 3])"


def to_xlsx(report: Report) -> bytes:
    """The workbook (see the module docstring)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _about(wb.create_sheet(ABOUT), report)
    for name, df in sheet_tables(report).items():
        if name == STREAM:
            _stream_summary(wb.create_sheet(STREAM_SUMMARY), report)
        ws = wb.create_sheet(name)
        caption = report.notes.get(name, "") + (STREAM_NOT_PRINTED if name == STREAM else "")
        top = sheet_title_rows(ws, _sheet_title(report, name), caption)
        if name == SUMMARY:
            top = _findings(ws, report)
        data_table(ws, name, df, top, printed=name != STREAM)
        if name == SUMMARY:
            _statement_sheet(wb.create_sheet(STATEMENT, index=2), report)
    charts_sheet(wb.create_sheet(CHARTS, index=3), report)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheet_tables(report: Report) -> dict:
    """The report's tables the workbook shows: a Monte Carlo or sensitivity table that was not run (a
    one-cell note) is left out, not printed as a sheet that says so."""
    return {name: df for name, df in report.tables.items() if not is_not_run(df)}


def is_not_run(df) -> bool:
    return list(df.columns) == ["note"]


def _stream_summary(ws, report: Report) -> None:
    """The stream's totals by year, government-wide and per agency (both framings, every coaching mode),
    the printed form of the Stream sheet."""
    from model.outputs.present import layouts

    row = 1
    tables = [layouts.stream_table(report), layouts.stream_table(report, "agency")]
    width = max(len(t.columns) for t in tables)
    for t in tables:
        row = pub_table(ws, t, row, [10] + [16] * (width - 1))
    print_setup(ws, None)


def _sheet_title(report: Report, name: str) -> str:
    return f"{name}: {basis_line(report.provenance)}"


def _about(ws, report: Report) -> None:
    """What each sheet holds, how to re-import, and the provenance."""
    from openpyxl.styles import Alignment, Font

    p = report.provenance
    lines = [(f"SESCDP rule cost model: workbook; {basis_line(p)}", True), (p.get("nprm", ""), False), ("", False),
             ("Sheets", True), (f"{SUMMARY}: findings and total cost per framing, coaching mode and level.", False),
             (f"{STATEMENT}: the OMB Circular A-4 accounting statement, as published and incremental, "
              "$ millions a year.", False),
             (f"{CHARTS}: the cost stream and, when drawn, the distribution, as Excel charts.", False)]
    shown = sheet_tables(report)
    lines += [(f"{STREAM_SUMMARY}: the stream's totals by year, government-wide and per agency.", False)]
    lines += [(f"{name}: {report.notes.get(name, '')}", False) for name in shown if name != SUMMARY]
    if len(shown) < len(report.tables):
        lines += [("Monte Carlo and sensitivity sheets: run the export with --draws N --seed S to add them.",
                   False)]
    lines += [("", False), ("How to re-import", True),
              ("Each data sheet: title in row 1, caption in row 2, column ids (for scripts) in hidden row 3, "
               "headers in row 4, data from row 5 (an Excel Table).", False),
              (f"pandas: {READ_BACK} gives the table with its ids as column names.", False),
              ("Money is in dollars at full precision; the cell formats round what is shown. Rows whose "
               "component is 'total' are the sum of the components: do not add them again.", False),
              ("Edit 'Value' on the Assumptions sheet and run: sescdp run --scenario THIS.xlsx", False),
              ("", False), ("Provenance", True)]
    lines += [(line, False) for line in provenance_lines(p)]
    for i, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(i, 1, sheet_cell(text))
        cell.font = Font(bold=bold, size=13 if i == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(cell.value, str) and len(cell.value) > ABOUT_WIDTH:
            ws.row_dimensions[i].height = LINE_PT * math.ceil(len(cell.value) * WRAP_SLACK / ABOUT_WIDTH)
    ws.column_dimensions["A"].width = ABOUT_WIDTH
    print_setup(ws, None)


def _findings(ws, report: Report) -> int:
    """The summary's findings above its totals table; returns the row for the table's ids."""
    from model.core.accounting import complete_vs_published
    from model.core.standard import complete_of

    a, p = report.assumptions, report.provenance
    high = max(p["discount_rates"])
    cv = complete_vs_published(a, complete_of(a), years=p["horizon_years"])
    texts = (findings.scope_findings(report, cv, high) + findings.accounting_findings(report, high)
             + findings.uncertainty_findings(report, high) + findings.omitted_findings(report))
    row = CAPTION_ROW + 1
    for text in texts:
        ws.cell(row, 1, sheet_cell("• " + text))
        row += 1
    return row + 1


STATEMENT_WIDTHS = [12, 30, 44, 10, 10, 11, 13, 14, 30]


def _statement_sheet(ws, report: Report) -> None:
    from openpyxl.worksheet.pagebreak import Break

    row = 1
    for framing in ("as_published", "incremental"):
        if row > 1:
            ws.row_breaks.append(Break(id=row - 1))  # each framing's statement on its own printed page
        row = pub_table(ws, accounting_statement_table(report, framing), row, STATEMENT_WIDTHS)
    print_setup(ws, None)

