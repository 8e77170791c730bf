"""The Markdown export: the comment appendix (``present.appendix``) as Markdown, tables as pipe tables with
numbered captions, figures embedded as PNG data URIs, provenance and references at the end."""

from __future__ import annotations

import base64

from model.core.text import visible_lines
from model.outputs.present.appendix import Figure, Heading, PageBreak, Paragraph, Table, appendix_blocks
from model.outputs.present.formats import Kind
from model.outputs.present.layouts import PubTable
from model.outputs.report import Report


def _md_escape(text: str) -> str:
    return (" ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_"))


def markdown_table(t: PubTable) -> str:
    """A pipe table: human headers, numbers right-aligned and formatted for publication."""
    numeric = [c.kind not in (Kind.TEXT,) for c in t.columns]
    lines = ["| " + " | ".join(_md_escape(h) for h in t.headers()) + " |",
             "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += ["| " + " | ".join(_md_escape(v) for v in row) + " |" for row in t.text_rows()]
    return "\n".join(lines)


def markdown_blocks(blocks) -> str:
    """Render appendix blocks as Markdown."""
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
    """The comment appendix as Markdown (UTF-8)."""
    return visible_lines(markdown_blocks(appendix_blocks(report))).encode("utf-8")  # no raw ESC on `cat`
