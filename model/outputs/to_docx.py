"""The Word export: the comment appendix (``present.appendix``) laid out to be attached as it is.

Portrait pages for text and narrow tables, a landscape section for each part with a wide table; column
widths fitted to their content (a number never wraps); header rows that repeat on every page and rows
that never split; numbered table and figure captions (Word SEQ fields); page numbers in the footer.
Fitting a table to the page (column widths, landscape or not, height) is ``docx_fit``.
"""

from __future__ import annotations

import io
import re

from model.outputs.present.appendix import (Figure, Heading, PageBreak, Paragraph, Table, appendix_blocks,
                                            title as appendix_title)
from model.core.text import xml_safe
from model.outputs.docx_fit import (CHAR_IN, MARGIN_IN, PORTRAIT_USABLE_IN, TABLE_PT, column_widths, height_in,
                                    needs_landscape, table_needs)
from model.outputs.present.formats import Kind
from model.outputs.present.pubtable import PubTable
from model.outputs.report import Report

FONT = "Arial"  # metric-compatible Liberation Sans where Arial is absent, so the layout holds in any reader
BODY_PT, SMALL_PT, TITLE_PT = 10, 8, 18
HEADER_FILL = "D9E2F3"
KEEP_TOGETHER_SHARE = 0.6
# Terms kept whole across lines: "Year-1", "2026-2035", "OPM-2025-0014", "412.303(a)(1)", "$2.2 million", "5 CFR 412"
UNBROKEN = re.compile(r"\b[A-Za-z]+(?:-\d+)+\b|\b\d{4}[-\u2013]\d{4}\b|\b\d+\.\d+(?:\([a-z0-9]+\))+"
                      r"|\$[\d,.]+ (?:million|billion|thousand)\b|\b\d+ CFR(?: \d+(?:\.\d+)?)?")
WORD_JOINER, NBSP = "\u2060", "\u00a0"  # a table shorter than this share of a page is kept on one page


def to_docx(report: Report) -> bytes:
    """The comment appendix as a Word document."""
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION

    doc = docx.Document()
    _styles(doc)
    sec = doc.sections[0]
    _margins(sec)
    _footer(sec)
    p = report.provenance
    doc.core_properties.title = xml_safe(appendix_title(report))
    doc.core_properties.author = f"{p['tool']} {p['version']}"
    blocks = appendix_blocks(report)
    wide_parts = _wide_parts(blocks)
    counters = {"Table": 0, "Figure": 0}
    part = -1
    for i, blk in enumerate(blocks):
        if isinstance(blk, Heading):
            if blk.level == 1:
                part += 1
                landscape = wide_parts.get(part, False)
                current = doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE
                if landscape != current:
                    new = doc.add_section(WD_SECTION.NEW_PAGE)
                    _orient(new, landscape)
            heading = doc.add_heading("", level=blk.level)
            _runs(heading, blk.text, size=TITLE_PT if blk.level == 0 else None)
        elif isinstance(blk, Paragraph):
            para = doc.add_paragraph(style="List Bullet" if blk.bullet else None)
            _runs(para, blk.text, size=SMALL_PT if blk.small else None)
        elif isinstance(blk, Table):
            counters["Table"] += 1
            _caption(doc, "Table", counters["Table"], blk.table.title)
            _table(doc, blk.table)
        elif isinstance(blk, Figure):
            counters["Figure"] += 1
            width = _usable_width(doc.sections[-1])
            doc.add_picture(io.BytesIO(blk.png), width=docx.shared.Inches(min(width, 9.0)))
            doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the figure stays with its caption
            _caption(doc, "Figure", counters["Figure"], blk.caption)
        elif isinstance(blk, PageBreak):
            if i + 1 < len(blocks) and isinstance(blocks[i + 1], Heading) and blocks[i + 1].level == 1 \
                    and wide_parts.get(part + 1, False) != (doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE):
                continue  # the next part opens a new section (a new page) anyway
            doc.add_page_break()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- layout helpers

def _runs(paragraph, text: str, size: float | None = None, bold: bool | None = None, italic: bool | None = None):
    """Write ``text`` into ``paragraph``: the one place text reaches the document. Inside a term (``UNBROKEN``) a
    hyphen becomes Word's non-breaking hyphen, a space a non-breaking space, and ")(" is joined."""
    from docx.oxml import OxmlElement

    def run(piece: str):
        r = paragraph.add_run(piece)
        if size is not None:
            r.font.size = _pt(size)
        if bold is not None:
            r.font.bold = bold
        if italic is not None:
            r.italic = italic
        return r
    text = xml_safe(text)
    pos = 0
    for m in UNBROKEN.finditer(text):
        if m.start() > pos:
            run(text[pos:m.start()])
        parts = m.group(0).replace(" ", NBSP).replace(")(", ")" + WORD_JOINER + "(").split("-")
        for k, part in enumerate(parts):
            r = run(part)
            if k + 1 < len(parts):
                r._r.append(OxmlElement("w:noBreakHyphen"))
        pos = m.end()
    if pos < len(text) or not text:
        run(text[pos:])


def _pt(n: float):
    from docx.shared import Pt
    return Pt(n)


def _styles(doc) -> None:
    from docx.oxml.ns import qn
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption", "List Bullet"):
        style = doc.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:  # theme fonts would override the name
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
    normal = doc.styles["Normal"]
    normal.font.size = _pt(BODY_PT)
    normal.paragraph_format.space_after = _pt(4)


def _margins(sec) -> None:
    from docx.shared import Inches
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Inches(MARGIN_IN))


def _orient(sec, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    w, h = sorted((sec.page_width, sec.page_height))  # portrait: width < height
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (h, w) if landscape else (w, h)
    _margins(sec)


def _usable_width(sec) -> float:
    return (sec.page_width - sec.left_margin - sec.right_margin) / 914400  # EMU per inch


def _field(paragraph, instruction: str, cached: str) -> None:
    """A Word field (PAGE, NUMPAGES, SEQ Table) with its cached result, so any reader shows a number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    fld("begin")
    instr = paragraph.add_run()
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instruction} "
    instr._r.append(t)
    fld("separate")
    paragraph.add_run(cached)
    fld("end")


def _footer(sec) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    para = sec.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("Page ")
    _field(para, "PAGE", "1")
    para.add_run(" of ")
    _field(para, "NUMPAGES", "1")


def _caption(doc, kind: str, number: int, text: str) -> None:
    para = doc.add_paragraph(style="Caption")
    para.add_run(f"{kind} ")
    _field(para, f"SEQ {kind} \\* ARABIC", str(number))
    _runs(para, f". {text}")
    para.paragraph_format.keep_with_next = kind == "Table"


def _wide_parts(blocks, portrait: float = PORTRAIT_USABLE_IN) -> dict[int, bool]:
    """Per part (level-1 heading), whether it holds a table that needs a landscape page."""
    out: dict[int, bool] = {}
    part = -1
    for blk in blocks:
        if isinstance(blk, Heading) and blk.level == 1:
            part += 1
            out[part] = False
        elif isinstance(blk, (Table, Figure)) and part >= 0:
            out[part] = out[part] or (isinstance(blk, Table) and needs_landscape(blk.table, portrait))
    return out


def _usable_height(sec) -> float:
    return (sec.page_height - sec.top_margin - sec.bottom_margin) / 914400  # EMU per inch


def _merge_text_span(row, raw, numeric) -> None:
    """A text in a number column followed by empty cells (the A-4 statement's benefit rows) spans them."""
    for j, value in enumerate(raw):
        if numeric[j] and isinstance(value, str):
            k = j
            while k + 1 < len(raw) and raw[k + 1] is None:
                k += 1
            if k > j:
                merged = row.cells[j].merge(row.cells[k])
                for extra in merged.paragraphs[1:]:  # the empty cells' paragraphs
                    extra._element.getparent().remove(extra._element)
            return


def _table(doc, t: PubTable) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Inches

    rows = t.text_rows()
    usable = _usable_width(doc.sections[-1])
    pt = TABLE_PT
    widths = column_widths(t, usable, pt)
    if sum(table_needs(t)[1]) * CHAR_IN[pt] > usable:
        pt = 7
        widths = column_widths(t, usable, pt)
    table = doc.add_table(rows=1, cols=len(t.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    numeric = [c.kind != Kind.TEXT for c in t.columns]

    def fill(row, values, header: bool, raw=None) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        if header:
            h = OxmlElement("w:tblHeader")
            tr_pr.append(h)
        for j, (cell, text) in enumerate(zip(row.cells, values)):
            cell.width = Inches(widths[j])
            para = cell.paragraphs[0]
            _runs(para, text, size=pt, bold=header)
            para.paragraph_format.space_after = _pt(0)
            if not header and isinstance(raw[j], (int, float)) and not isinstance(raw[j], bool):
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if header:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:fill"), HEADER_FILL)
                cell._tc.get_or_add_tcPr().append(shd)

    fill(table.rows[0], t.headers(), True)
    for values, raw in zip(rows, t.rows):
        row = table.add_row()
        fill(row, values, False, raw)
        _merge_text_span(row, raw, numeric)
    for j, col in enumerate(table.columns):
        col.width = Inches(widths[j])
    if height_in(t, widths, pt) < KEEP_TOGETHER_SHARE * _usable_height(doc.sections[-1]):  # fits: keep whole
        for r in table.rows[:-1]:
            for cell in r.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
    else:  # a long table: its first row stays with the header, its last row is never left alone on a page
        for r in table.rows[:2] + table.rows[-2:-1]:
            for cell in r.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
    if t.note or t.references:
        for text in ([t.note] if t.note else []) + list(t.references):
            para = doc.add_paragraph()
            _runs(para, text, size=SMALL_PT, italic=text == t.note)
            para.paragraph_format.space_after = _pt(1)
    doc.add_paragraph().paragraph_format.space_after = _pt(2)
