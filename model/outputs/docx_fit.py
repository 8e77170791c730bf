"""Fitting a publication table to a Word page: column widths from the content (a number never wraps), whether a
table needs a landscape page, and its estimated height."""

from __future__ import annotations

import math

from model.outputs.present.pubtable import PubTable

TABLE_PT = 8  # table text, points
MARGIN_IN = 0.75  # page margins, inches
CHAR_IN = {8: 0.066, 7: 0.058}  # width of one character at a table font size, inches (digits are this wide)
CELL_PAD_IN = 0.16             # left + right cell margins
LINE_IN = 0.16             # height of one line of 8-point table text, with cell padding
PORTRAIT_USABLE_IN = 8.5 - 2 * MARGIN_IN


def column_widths(t: PubTable, usable_in: float, pt: int = TABLE_PT) -> list[float]:
    """Column widths (inches) that fit the content: each column at least its longest unbreakable token
    (a number, or the longest word of a text), numbers and short texts at full length; what is left goes
    to the columns with long text, in proportion to their text."""
    char = CHAR_IN[pt]
    need, floor = table_needs(t)
    floor = [f * char + CELL_PAD_IN for f in floor]
    need = [max(min(n * char + CELL_PAD_IN, MAX_SHARE * usable_in), f) for n, f in zip(need, floor)]
    total_floor = sum(floor)
    if total_floor >= usable_in:
        return [w * usable_in / total_floor for w in floor]
    if sum(need) <= usable_in:
        return need
    spare = usable_in - total_floor
    extra = [max(n - f, 0.0) for n, f in zip(need, floor)]
    scale = spare / sum(extra) if sum(extra) else 0.0
    return [f + e * scale for f, e in zip(floor, extra)]


SHORT_TEXT = 22  # characters: a text this short is kept on one line ("C. Costs, paragraph 2")
MAX_SHARE = 0.35  # no column asks for more than this share of the page width when space is shared out
BOLD = 1.2        # a bold header character is this much wider than a body character


def table_needs(t: PubTable) -> tuple[list[int], list[int]]:
    """Per column, in characters: the width that shows every cell on one line, and the least width (the
    longest number, or the longest word of a text, or a short text whole)."""
    text = t.text_rows()
    headers = t.headers()
    need, floor = [], []
    for j in range(len(t.columns)):
        least = math.ceil(BOLD * max(len(w) for w in headers[j].split())) if headers[j].strip() else 1
        full = max(least, math.ceil(BOLD * len(headers[j]) / 2))  # a header may take two lines
        for raw, row in zip(t.rows, text):
            cell = row[j]
            full = max(full, len(cell))
            if isinstance(raw[j], (int, float)) or len(cell) <= SHORT_TEXT:
                least = max(least, len(cell))
            else:
                least = max([least] + [len(w) for w in cell.split()])
        need.append(full)
        floor.append(least)
    return need, floor


def needs_landscape(t: PubTable, portrait_usable_in: float) -> bool:
    """Whether a table fits a portrait page only by wrapping its text more than twice over."""
    need, floor = table_needs(t)
    char = CHAR_IN[TABLE_PT]
    width = lambda cols: sum(c * char + CELL_PAD_IN for c in cols)  # noqa: E731
    return width(floor) > portrait_usable_in or width(need) > 2.5 * portrait_usable_in


def height_in(t: PubTable, widths: list[float], pt: int) -> float:
    """Estimated height of a table, inches: per row, its tallest cell's wrapped lines."""
    char = CHAR_IN[pt]
    total = 0.0
    for row in [t.headers()] + t.text_rows():
        lines = max(math.ceil(len(text) * char / max(w - CELL_PAD_IN, char)) or 1 for text, w in zip(row, widths))
        total += lines * LINE_IN
    return total
