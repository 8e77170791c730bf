"""The workbook export: an About sheet, the Summary (findings and totals), the A-4 statement in OMB's
layout, one data sheet per report table, and native Excel charts of the stream and the distribution.

Each data sheet: a title row (what it holds, units, dollar year), a caption row, the column ids for
scripts in a hidden row 3, human headers in row 4, data from row 5 as a filterable Excel Table with $
and % formats; printed landscape, one page wide, header row repeated. Values keep full precision (the
formats round what is shown). Text a spreadsheet would run as a formula is neutralized.
"""

from __future__ import annotations

import io
import math

import pandas as pd

from model.core.text import xml_safe
from model.outputs.cells import column_kind
from model.outputs.cells import sheet_cell as _sheet_cell
from model.outputs.present import findings, layouts
from model.outputs.present.formats import Kind, cell_text, excel_format
from model.outputs.present.labels import FRAMING_SHORT, column_label
from model.outputs.present.layouts import PubTable
from model.outputs.provenance import basis_line, provenance_lines
from model.outputs.report import Report


def sheet_cell(value):
    """A cell value as the workbook writes it (``cells.sheet_cell``), with the characters XML forbids (a
    scenario name's ESC or BEL, which openpyxl refuses) shown as escapes."""
    return _sheet_cell(xml_safe(value) if isinstance(value, str) else value)


TITLE_ROW, CAPTION_ROW, IDS_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_DATA_ROW = HEADER_ROW + 1
MAX_WIDTH = 60  # characters; longer text wraps, its row made tall enough
LINE_PT = 15      # height of one line of 11-point text
WRAP_SLACK = 1.15  # wrapped text fills a line less than fully
ABOUT, SUMMARY, STATEMENT, CHARTS = "About", "Summary", "A-4 statement", "Charts"
CHART_ROWS = 16          # rows per chart: both charts on the first printed page, their data below
CHART_CM = (22.0, 7.0)   # chart width, height
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
        top = _title(ws, _sheet_title(report, name), report.notes.get(name, ""))
        if name == SUMMARY:
            top = _findings(ws, report)
        _data_table(ws, name, df, top)
        if name == SUMMARY:
            _statement_sheet(wb.create_sheet(STATEMENT, index=2), report)
    _charts_sheet(wb.create_sheet(CHARTS, index=3), report)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_title(report: Report, name: str) -> str:
    return f"{name}: {basis_line(report.provenance)}"


def _title(ws, title: str, caption: str) -> int:
    from openpyxl.styles import Font
    ws.cell(TITLE_ROW, 1, sheet_cell(title)).font = Font(bold=True, size=12)
    ws.cell(CAPTION_ROW, 1, sheet_cell(caption)).font = Font(italic=True)
    return IDS_ROW


def _wrap_block(ws, row: int, ncols: int, widths: list[float], points: float = LINE_PT) -> None:
    """Let the text of ``row``'s first cell wrap across the table's width (merged cells) at a height that
    shows every line: a reader cannot resize a printed row."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    cell = ws.cell(row, 1)
    if not isinstance(cell.value, str) or not cell.value:
        return
    ncols = max(ncols, 1)
    chars = max(sum(widths[:ncols]), 20)
    if ncols > 1:
        ws.merge_cells(f"A{row}:{get_column_letter(ncols)}{row}")
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = points * math.ceil(len(cell.value) * WRAP_SLACK / chars)


def _fit_heights(ws, first: int, last: int, widths: list[float]) -> None:
    """Wrap text longer than its column and make its row tall enough for every line."""
    from openpyxl.styles import Alignment

    for r in range(first, last + 1):
        lines = 1
        for j, w in enumerate(widths, start=1):
            v = ws.cell(r, j).value
            if isinstance(v, str) and len(v) > w:
                ws.cell(r, j).alignment = Alignment(wrap_text=True, vertical="top")
                lines = max(lines, math.ceil(len(v) * WRAP_SLACK / w))
        if lines > 1:
            ws.row_dimensions[r].height = LINE_PT * lines


def _print_setup(ws, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False


def _data_table(ws, name: str, df: pd.DataFrame, ids_row: int) -> None:
    """Hidden ids row, human header row, data rows as an Excel Table, formats, widths, print setup."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    header_row = ids_row + 1
    cols = [str(c) for c in df.columns]
    labels = _unique([column_label(c) for c in cols])
    kinds = [column_kind(name, c) for c in cols]
    for j, (c, lab) in enumerate(zip(cols, labels), start=1):
        ws.cell(ids_row, j, sheet_cell(c)).data_type = "s"
        h = ws.cell(header_row, j, sheet_cell(lab))
        h.data_type, h.font = "s", Font(bold=True)
    ws.row_dimensions[ids_row].hidden = True
    widths = [len(lab) for lab in labels]
    for r, row in enumerate(df.itertuples(index=False, name=None), start=header_row + 1):
        for j, v in enumerate(row):
            cell = ws.cell(row=r, column=j + 1, value=sheet_cell(v))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = excel_format(kinds[j])
            widths[j] = max(widths[j], len(cell_text(v, kinds[j])))
    widths = [min(w + 2, MAX_WIDTH) for w in widths]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    last = header_row + max(len(df), 1)
    _fit_heights(ws, header_row + 1, last, widths)
    for row in range(1, ids_row):
        _wrap_block(ws, row, len(cols), widths)
    ref = f"A{header_row}:{get_column_letter(len(cols))}{last}"
    table = Table(displayName=_table_name(name), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"A{header_row + 1}"
    _print_setup(ws, header_row)


def _unique(labels: list[str]) -> list[str]:
    """Excel Table headers must differ: a repeated label gets ' (2)'."""
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
        out.append(lab if seen[lab] == 1 else f"{lab} ({seen[lab]})")
    return out


def _table_name(sheet: str) -> str:
    return "t_" + "".join(ch if ch.isalnum() else "_" for ch in sheet)


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
    _print_setup(ws, 1)
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


def _pub_table(ws, t: PubTable, row: int, widths: list[float]) -> int:
    """A publication table at ``row`` (title, headers, formatted cells, note) in columns of ``widths``
    (characters); returns the next free row."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w

    ws.cell(row, 1, sheet_cell(t.title)).font = Font(bold=True, size=12)
    row += 1
    fill = PatternFill("solid", fgColor="D9E2F3")
    for j, h in enumerate(t.headers(), start=1):
        c = ws.cell(row, j, sheet_cell(h))
        c.font, c.fill = Font(bold=True), fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = LINE_PT * 2
    first = row + 1
    for values in t.rows:
        row += 1
        for j, (v, col) in enumerate(zip(values, t.columns), start=1):
            cell = ws.cell(row, j, sheet_cell(v))
            cell.alignment = Alignment(wrap_text=isinstance(v, str), vertical="top")
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cell.number_format = excel_format(col.kind)
    _fit_heights(ws, first, row, widths)
    if t.note:
        row += 1
        ws.cell(row, 1, sheet_cell(t.note)).font = Font(italic=True)
        _wrap_block(ws, row, len(t.columns), widths)
    return row + 2


STATEMENT_WIDTHS = [12, 30, 44, 10, 10, 11, 13, 14, 30]


def _statement_sheet(ws, report: Report) -> None:
    from openpyxl.worksheet.pagebreak import Break

    row = 1
    for framing in ("as_published", "incremental"):
        if row > 1:
            ws.row_breaks.append(Break(id=row - 1))  # each framing's statement on its own printed page
        row = _pub_table(ws, layouts.accounting_statement_table(report, framing), row, STATEMENT_WIDTHS)
    _print_setup(ws, 2)
    ws.print_title_rows = None


def _charts_sheet(ws, report: Report) -> None:
    """The government-wide stream (a line chart) and, when drawn, the distribution (a bar chart), one above
    the other on the first printed page, their data below them."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.worksheet.pagebreak import Break

    stream = layouts.stream_table(report)
    years = PubTable(stream.key, stream.title, stream.columns, stream.rows[:-1], "Costs as they fall in each year, "
                     "undiscounted.")
    dist = report.tables.get("Distribution")
    drawn = dist is not None and "note" not in dist.columns
    data_row = CHART_ROWS * (2 if drawn else 1) + 1
    row = _pub_table(ws, years, data_row, [24] * max(len(years.columns), 7))
    n = len(years.rows)
    chart = LineChart()
    chart.title = stream.title
    chart.y_axis.title = "$ millions"
    chart.y_axis.number_format = excel_format(Kind.MUSD)
    chart.x_axis.title = "Year"
    chart.add_data(Reference(ws, min_col=2, max_col=len(years.columns), min_row=data_row + 1,
                             max_row=data_row + 1 + n), titles_from_data=True)
    for series in chart.series:
        series.smooth = False  # a stepped stream stays stepped
    chart.set_categories(Reference(ws, min_col=1, min_row=data_row + 2, max_row=data_row + 1 + n))
    chart.width, chart.height = CHART_CM
    ws.add_chart(chart, "A1")
    _print_setup(ws, 1)
    ws.print_title_rows = None
    ws.row_breaks.append(Break(id=data_row - 1))
    if not drawn:
        return
    wide = dist.pivot_table(index="bin_low", columns=["framing", "coaching"], values="share", sort=False)
    ws.cell(row, 1, sheet_cell(f"Distribution of the {column_label(dist.quantity.iloc[0]).lower()}, government-wide: "
                               "share of draws by bin (bin start, $ millions)"))
    ws.cell(row + 1, 1, "From")
    for j, (f, m) in enumerate(wide.columns, start=2):
        ws.cell(row + 1, j, f"{FRAMING_SHORT[f]}, {m}")
    for i, (lo, vals) in enumerate(wide.iterrows(), start=row + 2):
        ws.cell(i, 1, float(lo)).number_format = excel_format(Kind.MUSD)
        for j, v in enumerate(vals, start=2):
            ws.cell(i, j, float(v)).number_format = excel_format(Kind.PERCENT)
    hist = LineChart()  # one line per framing and coaching mode: six bar series side by side would not read
    hist.title = f"Distribution of the {column_label(dist.quantity.iloc[0]).lower()}, government-wide (share of draws)"
    hist.y_axis.number_format = excel_format(Kind.PERCENT)
    hist.x_axis.title = "$ millions (bin start)"
    hist.add_data(Reference(ws, min_col=2, max_col=1 + wide.shape[1], min_row=row + 1, max_row=row + 1 + len(wide)),
                  titles_from_data=True)
    for series in hist.series:
        series.smooth = False
    hist.set_categories(Reference(ws, min_col=1, min_row=row + 2, max_row=row + 1 + len(wide)))
    hist.width, hist.height = CHART_CM
    ws.add_chart(hist, f"A{CHART_ROWS + 1}")
