"""Money on screen, as every table writes it (``model.view.money``)."""

from __future__ import annotations

from model import view


def money(value: float) -> str:
    """USD to the dollar with thousands separators (``model.view.money``)."""
    return view.money(value)


def money_delta(value: float) -> str:
    """A signed USD change: '+$250,000' or '-$1,200'."""
    return ("+" if value >= 0 else "") + money(value)
