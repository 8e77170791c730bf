"""The Markdown export: the comment appendix (``present.appendix``) as Markdown, tables as pipe tables with
numbered captions, provenance and references at the end. Written to a file (``markdown_with_figures``), its
figures are PNG files in a folder beside it (``appendix_files/figure-1.png``), linked by relative path; as
bytes alone (``to_markdown``, a download) they are embedded as PNG data URIs, the one way a single file
carries them."""

from __future__ import annotations

import base64
import re
from urllib.parse import quote

from model.core.text import visible_lines
from model.outputs.present.appendix import Figure, Heading, PageBreak, Paragraph, Table, appendix_blocks
from model.outputs.present.formats import Kind
from model.outputs.present.layouts import PubTable
from model.outputs.report import Report


def _md_escape(text: str) -> str:
    return (" ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_"))


FIGURES_FOLDER_SUFFIX = "_files"  # appendix.md's figures go in appendix_files/
EMBEDDED_FIGURE = re.compile(r"^(!\[Figure (\d+)\. .*\])\(data:image/png;base64,([A-Za-z0-9+/=]+)\)$", re.M)
NUMBER_TEXT = re.compile(r"^(-?\$?-?[\d,]+(\.\d+)?%?|n/a.*|yes|no)?$")  # '$2.05', '-$1.20', '7%', '2025', '' ...


def markdown_table(t: PubTable) -> str:
    """A pipe table: human headers, numbers right-aligned and formatted for publication. A column is
    right-aligned only when every cell in it reads as a number: a pipe table aligns whole columns, and a
    sentence (the A-4 statement's narrative rows) reads left-aligned."""
    rows = t.text_rows()
    numeric = [c.kind not in (Kind.TEXT,) and all(NUMBER_TEXT.match(" ".join(str(r[i]).split())) for r in rows)
               for i, c in enumerate(t.columns)]
    lines = ["| " + " | ".join(_md_escape(h) for h in t.headers()) + " |",
             "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += ["| " + " | ".join(_md_escape(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown_blocks(blocks) -> str:
    """Render appendix blocks as Markdown, each figure embedded as a PNG data URI."""
    out: list[str] = []
    tables = figures = 0
    for blk in blocks:
        if isinstance(blk, Heading):
            out += ["", "#" * (blk.level + 1) + " " + _md_escape(blk.text), ""]
        elif isinstance(blk, Paragraph):
            out += [("- " if blk.bullet else "") + _md_escape(blk.text)] + ([] if blk.bullet else [""])
        elif isinstance(blk, Table):
            tables += 1
            t = blk.table
            out += ["", f"**Table {tables}. {_md_escape(t.title)}**", "", markdown_table(t), ""]
            if t.note:
                out += [f"*{_md_escape(t.note)}*", ""]
            out += [_md_escape(r) + "  " for r in t.references] + ([""] if t.references else [])
        elif isinstance(blk, Figure):
            figures += 1
            data = base64.b64encode(blk.png).decode("ascii")
            out += ["", f"![Figure {figures}. {_md_escape(blk.caption)}](data:image/png;base64,{data})", "",
                    f"*Figure {figures}. {_md_escape(blk.caption)}*", ""]
        elif isinstance(blk, PageBreak):
            out.append("")
    return "\n".join(out).strip() + "\n"


def to_markdown(report: Report) -> bytes:
    """The comment appendix as one Markdown file (UTF-8), its figures embedded as data URIs (a download)."""
    return visible_lines(markdown_blocks(appendix_blocks(report))).encode("utf-8")  # no raw ESC on `cat`


def figures_folder(stem: str) -> str:
    """The folder beside ``<stem>.md`` that holds its figures."""
    return stem + FIGURES_FOLDER_SUFFIX


def markdown_with_figures(markdown: bytes, stem: str) -> tuple[bytes, dict[str, bytes]]:
    """The appendix (``to_markdown``'s bytes) for a file ``<stem>.md``: each embedded figure moved to a PNG
    file ``<stem>_files/figure-N.png`` and linked by that path, relative to the Markdown file (so the pair
    can be moved together): (markdown bytes, {relative path: PNG bytes})."""
    folder = figures_folder(stem)
    files: dict[str, bytes] = {}

    def to_file(m: re.Match) -> str:
        rel = f"{folder}/figure-{m.group(2)}.png"
        files[rel] = base64.b64decode(m.group(3))
        return f"{m.group(1)}({quote(rel)})"

    text = EMBEDDED_FIGURE.sub(to_file, markdown.decode("utf-8"))
    return text.encode("utf-8"), files
