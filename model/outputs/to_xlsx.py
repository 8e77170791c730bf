"""The workbook export: one sheet per report table."""

from __future__ import annotations

import io

from model.outputs.cells import column_kind, sheet_cell, text_value
from model.outputs.report import Report

XLSX_MAX_WIDTH = 80  # characters; longer text (quotes) is cut off on screen, not in the cell
XLSX_FORMATS = {"usd": "#,##0", "cents": "#,##0.00", "rate": "0.0%", "index": "0.000", "general": "General"}


def to_xlsx(report: Report) -> bytes:
    """The workbook: one sheet per table, numbers as numbers with thousands formats, widths fitted,
    header row frozen, text that could run as a formula neutralized. openpyxl stores a float to 16
    significant digits (Excel shows 15); the CSV and JSON keep every digit."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, df in report.tables.items():
        ws = wb.create_sheet(title=name)
        cols = [str(c) for c in df.columns]
        ws.append([sheet_cell(c) for c in cols])
        for cell in ws[1]:
            cell.font = bold
            cell.data_type = "s"
        widths = [len(c) for c in cols]
        formats = [XLSX_FORMATS[column_kind(name, c)] for c in cols]
        for r, row in enumerate(df.itertuples(index=False, name=None), start=2):
            for j, v in enumerate(row):
                cell = ws.cell(row=r, column=j + 1, value=sheet_cell(v))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
                elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = formats[j]
                widths[j] = max(widths[j], len(text_value(name, cols[j], v)))
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = min(w + 2, XLSX_MAX_WIDTH)
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
