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
ABOUT_WIDTH = 90  # characters (a wider single column is not scaled to the page by LibreOffice)
READ_BACK = "pandas.read_excel(path, sheet_name=NAME, skiprows=[0, 1, 3])"


def to_xlsx(report: Report) -> bytes:
    """The workbook (see the module docstring)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _about(wb.create_sheet(ABOUT), report)
    for name, df in report.tables.items():
        ws = wb.create_sheet(name)
        top = sheet_title_rows(ws, _sheet_title(report, name), report.notes.get(name, ""))
        if name == SUMMARY:
            top = _findings(ws, report)
        data_table(ws, name, df, top)
        if name == SUMMARY:
            _statement_sheet(wb.create_sheet(STATEMENT, index=2), report)
    charts_sheet(wb.create_sheet(CHARTS, index=3), report)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_title(report: Report, name: str) -> str:
    return f"{name}: {basis_line(report.provenance)}"


def _about(ws, report: Report) -> None:
    """What each sheet holds, how to re-import, and the provenance."""
    from openpyxl.styles import Alignment, Font

    p = report.provenance
    lines = [("SESCDP rule cost model: workbook", True), (p.get("nprm", ""), False), ("", False),
             ("Sheets", True), (f"{SUMMARY}: findings and total cost per framing, coaching mode and level.", False),
             (f"{STATEMENT}: the OMB Circular A-4 accounting statement, as published and incremental, "
              "$ millions a year.", False),
             (f"{CHARTS}: the cost stream and, when drawn, the distribution, as Excel charts.", False)]
    lines += [(f"{name}: {report.notes.get(name, '')}", False) for name in report.tables if name != SUMMARY]
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
    print_setup(ws, 1)
    ws.print_title_rows = None


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
    print_setup(ws, 2)
    ws.print_title_rows = None

