"""A publication table as plain text for the terminal: the same headers, units and rounding as the
documents; long text wrapped within its column; numbers right-aligned."""

from __future__ import annotations

import textwrap

from model.outputs.present.formats import Kind
from model.outputs.present.layouts import PubTable

TEXT_COLUMN_WIDTH = 34  # characters before a text cell wraps
GAP = "  "


def plain_table(t: PubTable, wrap: int = TEXT_COLUMN_WIDTH) -> str:
    """Title, the table (header underlined), the note and the references, as text."""
    rows = t.text_rows()
    cols = list(zip(t.headers(), *rows)) if rows else [(h,) for h in t.headers()]
    widths = [min(max(len(v) for v in col), wrap) for col in cols]
    numeric = [c.kind != Kind.TEXT for c in t.columns]

    def render(cells: list[str], right: list[bool]) -> list[str]:
        parts = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, widths)]
        height = max(len(p) for p in parts)
        return [GAP.join((p[i] if i < len(p) else "").rjust(w) if r else (p[i] if i < len(p) else "").ljust(w)
                         for p, w, r in zip(parts, widths, right)).rstrip() for i in range(height)]

    lines = [t.title, *render(t.headers(), [False] * len(widths)), GAP.join("-" * w for w in widths)]
    for row, raw in zip(rows, t.rows):
        lines += render(row, [n and isinstance(v, (int, float)) for n, v in zip(numeric, raw)])
    if t.note:
        lines += textwrap.wrap(t.note, sum(widths) + len(GAP) * (len(widths) - 1))
    lines += list(t.references)
    return "\n".join(lines)
