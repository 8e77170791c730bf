"""Money on screen, as the presentation layer writes it (``model.outputs.present.formats``)."""

from __future__ import annotations

from model.outputs.present.formats import Kind, cell_text


def money(value: float) -> str:
    """USD to the dollar with thousands separators (as ``model.outputs.present.formats`` writes it)."""
    return cell_text(float(value), Kind.USD)


def money_delta(value: float) -> str:
    """A signed USD change: '+$250,000' or '-$1,200'."""
    return ("+" if value >= 0 else "") + money(value)
