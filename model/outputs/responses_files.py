"""The comment responses (``responses.Responses``) as a file a reader opens: a workbook (.xlsx), a Word document
(.docx) or Markdown (.md). Built from the exports' own blocks (``PubTable``, the Word and workbook layout helpers,
the atomic write of ``files``); every file carries the provenance the other exports carry."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from model.core.errors import ModelInputError
from model.core.parameters import Assumptions
from model.core.results import horizon
from model.core.text import xml_safe
from model.outputs.files import MEDIA_TYPES, suffix_format, write_bytes_atomic
from model.outputs.present.formats import Kind
from model.outputs.present.labels import MODE_SHORT
from model.outputs.present.pubtable import Column, PubTable
from model.outputs.provenance import basis_line, provenance, provenance_lines
from model.outputs.responses import Responses

FORMATS = ("xlsx", "docx", "md")
TITLE = "Responses to public comments: the change in the rule's incremental cost"
SCOPE = "USD, incremental (against the current rule and current practice), government-wide"

# per comment, one row per coaching mode and A-4 rate (Word and Markdown)
FIGURES = (Column("coaching", "Coaching"), Column("discount_rate", "Discount rate", Kind.RATE),
           Column("year1_before", "Year-1 cost, proposal", Kind.USD),
           Column("year1", "Year-1 cost, with the comment", Kind.USD),
           Column("year1_change", "Change in year-1 cost", Kind.USD),
           Column("year1_change_pct", "Change in year-1 cost, %", Kind.PERCENT),
           Column("annualized_before", "Annualized cost, proposal", Kind.USD),
           Column("annualized", "Annualized cost, with the comment", Kind.USD),
           Column("annualized_change", "Change in annualized cost", Kind.USD),
           Column("annualized_change_pct", "Change in annualized cost, %", Kind.PERCENT))
# the whole response table, one row per comment, coaching mode and rate (the workbook)
TEXTS = (Column("id", "Comment"), Column("commenter", "Commenter"), Column("claim", "Claim"),
         Column("changes", "What changes (from -> to, with evidence grades)"))
CHECKS = (Column("crosses_threshold", "Crosses the E.O. 12866 threshold"),
          Column("ranking_changes", "Ranking of the alternatives changes"), Column("finding", "Finding"))
TEXT_WIDTH = 45  # characters: a workbook column of claims, changes or findings wraps at this width


def _fmt(path: str | Path) -> str:
    return suffix_format(path, FORMATS)


def _cell(value, col: Column):
    if col.id == "coaching":
        return MODE_SHORT.get(value, value)
    if isinstance(value, (bool,)) or col.kind == Kind.TEXT:
        return value
    return float(value)


def _pub(key: str, title: str, rows: pd.DataFrame, columns: tuple[Column, ...], note: str = "") -> PubTable:
    return PubTable(key, title, columns, tuple(tuple(_cell(r[c.id], c) for c in columns)
                                              for r in rows.to_dict("records")), note)


def _comments(r: Responses):
    """(id, commenter, claim, changes, finding, that comment's rows) in the file's order."""
    for cid, rows in r.table.groupby("id", sort=False):
        first = rows.iloc[0]
        yield cid, first.commenter, first.claim, first.changes or "no parameter changes", first.finding, rows


def _prov(a: Assumptions, years: int | None) -> dict:
    return provenance(a, horizon(a, years))


def _comment_table(cid: str, rows: pd.DataFrame, prov: dict) -> PubTable:
    return _pub("response_" + str(cid), f"{cid}: the proposal's cost and its cost with the comment "
                f"(USD, incremental, government-wide)", rows, FIGURES)


# ---------------------------------------------------------------- Markdown

def to_markdown(r: Responses, a: Assumptions, years: int | None = None) -> bytes:
    from model.outputs.to_markdown import _md_escape, markdown_table
    prov = _prov(a, years)
    out = [f"# {_md_escape(TITLE)}", "", _md_escape(f"{SCOPE}; {basis_line(prov)}."), ""]
    for n, (cid, who, claim, changes, finding, rows) in enumerate(_comments(r), start=1):
        out += [f"## {_md_escape(cid)}: {_md_escape(who)}", "", f"**Claim.** {_md_escape(claim)}", "",
                f"**What changes.** {_md_escape(changes)}", "",
                f"Table {n}. {_md_escape(_comment_table(cid, rows, prov).title)}", "",
                markdown_table(_comment_table(cid, rows, prov)), "", f"**Finding.** {_md_escape(finding)}", ""]
    out += ["## Provenance", ""] + [f"- {_md_escape(line)}" for line in provenance_lines(prov)] + [""]
    return "\n".join(out).encode("utf-8")


# ---------------------------------------------------------------- Word

def to_docx(r: Responses, a: Assumptions, years: int | None = None) -> bytes:
    import docx

    from model.outputs.docx_fit import PORTRAIT_USABLE_IN, needs_landscape
    from model.outputs.to_docx import SMALL_PT, _caption, _footer, _margins, _orient, _pt, _styles, _table
    prov = _prov(a, years)
    doc = docx.Document()
    _styles(doc)
    sec = doc.sections[0]
    _margins(sec)
    _footer(sec)
    groups = list(_comments(r))
    _orient(sec, any(needs_landscape(_comment_table(g[0], g[5], prov), PORTRAIT_USABLE_IN) for g in groups))
    doc.core_properties.title = TITLE
    doc.core_properties.author = f"{prov['tool']} {prov['version']}"
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(xml_safe(f"{SCOPE}; {basis_line(prov)}."))
    for n, (cid, who, claim, changes, finding, rows) in enumerate(groups, start=1):
        doc.add_heading(xml_safe(f"{cid}: {who}"), level=1).paragraph_format.keep_with_next = True
        for label, text in (("Claim. ", claim), ("What changes. ", changes)):
            para = doc.add_paragraph()
            para.add_run(label).bold = True
            para.add_run(xml_safe(text))
            para.paragraph_format.keep_with_next = True
        t = _comment_table(cid, rows, prov)
        _caption(doc, "Table", n, t.title)
        _table(doc, t)
        para = doc.add_paragraph()
        para.add_run("Finding. ").bold = True
        para.add_run(xml_safe(finding))
    doc.add_heading("Provenance", level=1)
    for line in provenance_lines(prov):
        doc.add_paragraph(xml_safe(line), style="List Bullet").runs[0].font.size = _pt(SMALL_PT)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- workbook

def to_xlsx(r: Responses, a: Assumptions, years: int | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from model.outputs.xlsx_sheet import print_setup, pub_table, sheet_cell
    prov = _prov(a, years)
    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    cols = TEXTS[:2] + FIGURES + CHECKS[:2] + TEXTS[2:] + CHECKS[2:]
    widths = [max(len(c.label) // 2 + 2, 14) if c.kind != Kind.TEXT or c.id in ("id", "coaching") else TEXT_WIDTH
              for c in cols]
    t = _pub("responses", f"{TITLE} ({SCOPE}; {basis_line(prov)})", r.table, cols,
             note="One row per comment, coaching mode and discount rate. Each finding is generated from the figures "
                  "in its row's comment.")
    pub_table(ws, t, 1, widths)
    print_setup(ws, 2)
    ws.freeze_panes = "C3"
    pv = wb.create_sheet("Provenance")
    pv.cell(1, 1, "Provenance").font = Font(bold=True, size=12)
    for i, line in enumerate(provenance_lines(prov), start=2):
        pv.cell(i, 1, sheet_cell(line))
    pv.column_dimensions["A"].width = 120
    wb.properties.title = TITLE
    wb.properties.creator = f"{prov['tool']} {prov['version']}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


WRITERS = {"xlsx": to_xlsx, "docx": to_docx, "md": to_markdown}


def responses_bytes(r: Responses, fmt: str, a: Assumptions, years: int | None = None) -> bytes:
    """The response table as the bytes of ``fmt`` (``xlsx``, ``docx`` or ``md``; the app's downloads).
    ``MEDIA_TYPES[fmt]`` (``files``) is its media type."""
    key = str(fmt).lower().lstrip(".")
    if key not in WRITERS:
        raise ModelInputError(f"comment responses format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    return WRITERS[key](r, a, years)


def write_responses(r: Responses, path: str | Path, a: Assumptions, years: int | None = None) -> Path:
    """Write the response table to ``path`` in the format its suffix names (.xlsx, .docx or .md), atomically
    (a temporary file in the same folder, renamed over ``path`` when complete). Returns the path."""
    path = Path(path)
    fmt = _fmt(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ModelInputError(f"--out {path}: is a folder; expected a file name such as responses.docx")
    if not folder.is_dir():
        raise ModelInputError(f"--out {path}: folder {folder} does not exist")
    return write_bytes_atomic(responses_bytes(r, fmt, a, years), path)


__all__ = ["FORMATS", "MEDIA_TYPES", "responses_bytes", "write_responses"]
