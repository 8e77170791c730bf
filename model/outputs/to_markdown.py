"""The Markdown export: the comment-ready tables as pipe tables, with a provenance footnote."""

from __future__ import annotations

import pandas as pd

from model.outputs.cells import text_value
from model.outputs.doc_tables import DOC_TITLES, document_heading, document_tables, numeric_columns
from model.outputs.provenance import basis_line, provenance_lines
from model.outputs.report import Report


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def markdown_table(name: str, df: pd.DataFrame) -> str:
    """A pipe table; numeric columns right-aligned, USD to the dollar with thousands separators."""
    cols = [str(c) for c in df.columns]
    numeric = numeric_columns(df)
    lines = ["| " + " | ".join(_md_escape(c) for c in cols) + " |",
             "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    for row in df.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_md_escape(text_value(name, c, v)) for c, v in zip(cols, row)) + " |")
    return "\n".join(lines)


def to_markdown(report: Report) -> bytes:
    """The comment-ready tables with a provenance footnote."""
    p = report.provenance
    out = [f"# {_md_escape(document_heading(p))}", "",
           f"{basis_line(p)}.[^provenance]", ""]
    for name, df in document_tables(report):
        out += [f"## {DOC_TITLES[name]}", "", _md_escape(report.notes.get(name, "")), "", markdown_table(name, df), ""]
    out.append("[^provenance]: " + " ".join(_md_escape(line) + "." if not line.endswith(".") else _md_escape(line)
                                            for line in provenance_lines(p)))
    return ("\n".join(out) + "\n").encode("utf-8")
