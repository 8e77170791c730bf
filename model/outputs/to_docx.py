"""The Word export: the comment-ready tables in a landscape document, with a provenance section."""

from __future__ import annotations

import io

from model.outputs.cells import text_value
from model.outputs.doc_tables import DOC_TITLES, document_heading, document_tables, numeric_columns
from model.outputs.provenance import basis_line, provenance_lines
from model.outputs.report import Report


def to_docx(report: Report) -> bytes:
    """The same tables as a Word document a commenter can paste from, with a provenance section."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = report.provenance
    doc = docx.Document()
    sec = doc.sections[0]  # landscape: the tables are wide
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    doc.add_heading(document_heading(p), level=1)
    doc.add_paragraph(f"{basis_line(p)}. Provenance at the end.")
    for name, df in document_tables(report):
        doc.add_heading(DOC_TITLES[name], level=2)
        if report.notes.get(name):
            doc.add_paragraph(report.notes[name])
        cols = [str(c) for c in df.columns]
        numeric = numeric_columns(df)
        table = doc.add_table(rows=1, cols=len(cols))
        table.style = "Table Grid"
        for j, c in enumerate(cols):
            cell = table.rows[0].cells[j]
            cell.text = c
            cell.paragraphs[0].runs[0].font.bold = True
        for row in df.itertuples(index=False, name=None):
            cells = table.add_row().cells
            for j, v in enumerate(row):
                cells[j].text = text_value(name, cols[j], v)
                if numeric[j]:
                    cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in table.rows:
            for cell in r.cells:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(8)
    doc.add_heading("Provenance", level=2)
    for line in provenance_lines(p):
        doc.add_paragraph(line, style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
