"""How the workbook lays out a sheet: the title and caption rows, a data table (hidden ids row, human headers,
an Excel Table with $ and % formats), a publication table, wrapped text with rows tall enough for every line,
and landscape printing one page wide. Text a spreadsheet would run as a formula is neutralized."""

from __future__ import annotations

import math

import pandas as pd

from model.core.text import xml_safe
from model.outputs.cells import column_kind
from model.outputs.cells import sheet_cell as _sheet_cell
from model.outputs.present.formats import Kind, cell_text, excel_format
from model.outputs.present.labels import COMPONENT_LABELS, column_label, value_label
from model.core.quantities import label as quantity_label
from model.outputs.present.pubtable import PubTable


def sheet_cell(value):
    """A cell value as the workbook writes it (``cells.sheet_cell``), with the characters XML forbids (a
    scenario name's ESC or BEL, which openpyxl refuses) shown as escapes."""
    return _sheet_cell(xml_safe(value) if isinstance(value, str) else value)


TITLE_ROW, CAPTION_ROW, IDS_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_DATA_ROW = HEADER_ROW + 1
MAX_WIDTH = 60  # characters; longer text wraps, its row made tall enough
LINE_PT = 15      # height of one line of 11-point text
WRAP_SLACK = 1.15  # wrapped text fills a line less than fully


def sheet_title_rows(ws, title: str, caption: str) -> int:
    """The title (row 1) and caption (row 2) of a data sheet; returns the row of the column ids."""
    from openpyxl.styles import Font
    ws.cell(TITLE_ROW, 1, sheet_cell(title)).font = Font(bold=True, size=12)
    ws.cell(CAPTION_ROW, 1, sheet_cell(caption)).font = Font(italic=True)
    return IDS_ROW


def wrap_block(ws, row: int, ncols: int, widths: list[float], points: float = LINE_PT) -> None:
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


def fit_heights(ws, first: int, last: int, widths: list[float]) -> None:
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


def print_setup(ws, header_row: int | None) -> None:
    """Printed landscape, one page wide, ``header_row`` (if any) repeated on every page, no grid lines."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row is not None:  # (openpyxl cannot unset it: a sheet without one never sets it)
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False


def data_table(ws, name: str, df: pd.DataFrame, ids_row: int, printed: bool = True) -> None:
    """Hidden ids row, human header row, data rows as an Excel Table, formats, widths, print setup; not
    ``printed``: a working table whose print area is its title and caption alone."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    header_row = ids_row + 1
    cols = [str(c) for c in df.columns]
    labels = _unique([column_label(c) for c in cols])
    kinds = [column_kind(name, c) for c in cols]
    numeric = [_numeric(df[c]) for c in df.columns]
    for j, (c, lab) in enumerate(zip(cols, labels), start=1):
        ws.cell(ids_row, j, sheet_cell(c)).data_type = "s"
        h = ws.cell(header_row, j, sheet_cell(lab))
        h.data_type, h.font = "s", Font(bold=True)
        h.alignment = Alignment(horizontal="right" if numeric[j - 1] else "left", vertical="top", wrap_text=True)
    ws.row_dimensions[ids_row].hidden = True
    widths = [len(lab) for lab in labels]
    top = Alignment(vertical="top")
    for r, row in enumerate(df.itertuples(index=False, name=None), start=header_row + 1):
        for j, v in enumerate(row):
            v = reader_value(cols[j], v)
            cell = ws.cell(row=r, column=j + 1, value=sheet_cell(v))
            cell.alignment = top  # every cell of a row starts on its first line, wrapped or not
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = excel_format(kinds[j])
            widths[j] = max(widths[j], len(cell_text(v, kinds[j])))
    widths = [min(w + 2, MAX_WIDTH) for w in widths]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    last = header_row + max(len(df), 1)
    fit_heights(ws, header_row + 1, last, widths)
    for row in range(1, ids_row):
        wrap_block(ws, row, len(cols), widths)
    ref = f"A{header_row}:{get_column_letter(len(cols))}{last}"
    table = Table(displayName=_table_name(name), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"A{header_row + 1}"
    print_setup(ws, header_row if printed else None)
    if not printed:
        ws.print_area = f"A{TITLE_ROW}:{get_column_letter(len(cols))}{CAPTION_ROW}"


NO_COMPONENT = "No cost component"
LABEL_COLUMNS = ("framing", "coaching", "level", "component", "measure", "quantity")


def reader_value(col: str, value):
    """A cell of a column a reader reads as a word (framing, coaching mode, level, component, measure,
    quantity): its label, never its id; other cells unchanged. The ids stay in the files for scripts (CSV,
    JSON) and in the hidden ids row's column names."""
    if col not in LABEL_COLUMNS or not isinstance(value, str):
        return value
    if col == "measure" and value not in ("annualized", "present value"):
        return quantity_label(value)
    if col == "component" and value not in COMPONENT_LABELS:
        return NO_COMPONENT  # a requirement the model does not price (Omitted costs)
    return value_label(col, value)


def _numeric(series: pd.Series) -> bool:
    """A column of numbers (its header is right-aligned over them), not of text or switches."""
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


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



def pub_table(ws, t: PubTable, row: int, widths: list[float]) -> int:
    """A publication table at ``row`` (title, headers, formatted cells, note) in columns of ``widths``
    (characters); returns the next free row."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w

    ws.cell(row, 1, sheet_cell(t.title)).font = Font(bold=True, size=12)
    row += 1
    fill = PatternFill("solid", fgColor="D9E2F3")
    for j, (h, col) in enumerate(zip(t.headers(), t.columns), start=1):
        c = ws.cell(row, j, sheet_cell(h))
        c.font, c.fill = Font(bold=True), fill
        c.alignment = Alignment(wrap_text=True, vertical="top",  # a header lines up with its numbers
                                horizontal="left" if col.kind == Kind.TEXT else "right")
    ws.row_dimensions[row].height = LINE_PT * 2
    first = row + 1
    for values in t.rows:
        row += 1
        for j, (v, col) in enumerate(zip(values, t.columns), start=1):
            cell = ws.cell(row, j, sheet_cell(v))
            cell.alignment = Alignment(wrap_text=isinstance(v, str), vertical="top")
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cell.number_format = excel_format(col.kind)
    fit_heights(ws, first, row, widths)
    if t.note:
        row += 1
        ws.cell(row, 1, sheet_cell(t.note)).font = Font(italic=True)
        wrap_block(ws, row, len(t.columns), widths)
    return row + 2
