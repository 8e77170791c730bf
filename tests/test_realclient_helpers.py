"""The real-client helpers (tests/realclient.py) themselves: a tiny .docx and a tiny .xlsx go through
LibreOffice to PDF and back through poppler-utils. Without soffice or poppler-utils the conversion
tests skip locally and fail under CI (environment variable CI=true); the pure helpers always run."""

from __future__ import annotations

from pathlib import Path

import pytest

import realclient as rc

FIGURE = "$1,234,567.89"
LONG_TOKEN = "UNBREAKABLE" * 12  # 132 characters, no break opportunity


@pytest.fixture
def real_client():
    """Skip (locally) or fail (CI=true) when soffice or poppler-utils is missing."""
    rc.require()


def _fixed_table(doc, widths_in: list[float]):
    """A one-row table with fixed layout and the given column widths in inches (python-docx writes
    cell widths, but LibreOffice lays the table out from tblGrid and tblLayout)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Inches

    table = doc.add_table(rows=1, cols=len(widths_in))
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for grid_col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_in):
        grid_col.set(qn("w:w"), str(int(Inches(w).twips)))
    for cell, w in zip(table.rows[0].cells, widths_in):
        cell.width = Inches(w)
    return table


@pytest.mark.slow  # LibreOffice and poppler: seconds a conversion
@pytest.mark.usefixtures("real_client")
def test_docx_table_to_pdf(tmp_path: Path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Real-client helper check")
    table = _fixed_table(doc, [0.6, 2.0])  # a narrow column for the long token, room for the figure
    table.cell(0, 0).text = LONG_TOKEN
    table.cell(0, 1).text = f"Total {FIGURE}"
    src = tmp_path / "t.docx"
    doc.save(src)

    pdf = rc.to_pdf(src, tmp_path / "pdf")
    assert pdf == tmp_path / "pdf" / "t.pdf" and pdf.stat().st_size > 0
    assert rc.pdf_pages(pdf) >= 1

    text = rc.pdf_text(pdf)
    assert FIGURE in text
    assert FIGURE in rc.number_tokens(text)

    words = rc.pdf_words(pdf)
    assert any(w.text == FIGURE for w in words)
    for w in words:
        assert w.page >= 1
        assert 200 < w.page_width < 2000 and 200 < w.page_height < 2000  # points: Letter is 612 x 792
        assert w.x_min < w.x_max and w.y_min < w.y_max
        # a page edge clips a box to within a glyph of the page (see off_page); nothing lies far beyond
        assert -20 < w.x_min and w.x_max < w.page_width + 20
        assert -20 < w.y_min and w.y_max < w.page_height + 20

    png = rc.png_of_page(pdf, 1, tmp_path / "page1.png", dpi=40)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow  # LibreOffice and poppler: seconds a conversion
@pytest.mark.usefixtures("real_client")
def test_xlsx_to_pdf(tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "Total", 1234567.89
    ws["B1"].number_format = '"$"#,##0.00'
    ws.column_dimensions["B"].width = 20
    src = tmp_path / "t.xlsx"
    wb.save(src)

    pdf = rc.to_pdf(src, tmp_path)
    assert rc.pdf_pages(pdf) >= 1
    text = rc.pdf_text(pdf)
    assert "Total" in text and FIGURE in rc.number_tokens(text)


@pytest.mark.slow  # LibreOffice and poppler: seconds a conversion
@pytest.mark.usefixtures("real_client")
def test_to_pdf_reports_a_failed_conversion(tmp_path: Path):
    # a source that cannot be loaded (garbage bytes named .docx would not do: LibreOffice opens
    # them as plain text and makes a PDF of them)
    with pytest.raises(AssertionError, match="could not be loaded"):
        rc.to_pdf(tmp_path / "missing.docx", tmp_path / "pdf")


def test_number_tokens():
    text = "Cost $12.74 per hour, $148,821 in all; 1,934,670 hours (7%); split: $1,934, 670"
    tokens = rc.number_tokens(text)
    assert {"$12.74", "$148,821", "1,934,670", "7%", "670"} <= tokens
    assert "$1,934,670" not in tokens  # a figure split across words is not found whole
    assert "$1,934," in tokens  # the regex keeps a token's trailing comma


def test_off_page():
    def word(x_min, x_max, y_min=100.0, y_max=110.0):
        return rc.Word(page=1, text="w", x_min=x_min, y_min=y_min, x_max=x_max, y_max=y_max,
                       page_width=612.0, page_height=792.0)

    inside, straddles = word(90, 150), word(595.7, 612.4)  # straddles: as pdftotext reports a clipped word
    in_margin, below = word(560, 590), word(90, 150, 780, 795)
    assert rc.off_page([inside, straddles, in_margin, below]) == [straddles, below]
    assert rc.off_page([inside, straddles, in_margin, below], margin=36) == [straddles, in_margin, below]


def test_available_names_what_is_missing(monkeypatch):
    monkeypatch.setenv("PATH", "")
    message = rc.available()
    assert message is not None
    assert all(p in message for p in ("soffice", "pdftotext", "pdfinfo", "pdftoppm"))
