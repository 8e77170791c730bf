"""Names of the output quantities, built from the discount rates (data), never written as literals:
``year1_total``, ``pv_<rate in %>`` and ``annualized_<rate in %>`` (``pv_7`` at 7%). Code refers to
a quantity by its role (year 1, PV at the low or high A-4 rate) and resolves the name here."""

from __future__ import annotations

from typing import Mapping

from model.core.vocabulary import ANNUALIZED_PREFIX, PV_PREFIX, YEAR1, YEAR1_COLUMN
LOW_RATE, HIGH_RATE = "analysis.discount_rate_low", "analysis.discount_rate_high"


def rate_label(rate: float) -> str:
    """3% -> '3', 2.5% -> '2.5' (for column names such as pv_3, annualized_7)."""
    return f"{rate * 100:g}"


def pv_name(rate: float) -> str:
    """Name of the present value at ``rate``: 0.07 -> 'pv_7'."""
    return PV_PREFIX + rate_label(rate)


def annualized_name(rate: float) -> str:
    """Name of the annualized value at ``rate``: 0.07 -> 'annualized_7'."""
    return ANNUALIZED_PREFIX + rate_label(rate)


def pv_high(p: Mapping[str, float]) -> str:
    """The PV at the higher A-4 rate (the E.O. 14192 and sensitivity default), by role."""
    return pv_name(p[HIGH_RATE])


def is_money_column(name: str) -> bool:
    """True for year-1, PV and annualized columns (USD)."""
    return name == YEAR1_COLUMN or name.startswith((PV_PREFIX, ANNUALIZED_PREFIX))


def label(name: str) -> str:
    """A reader's label: 'pv_7' -> 'Present value at 7%'."""
    if name in (YEAR1, YEAR1_COLUMN):
        return "Year-1 cost"
    for prefix, words in ((PV_PREFIX, "Present value"), (ANNUALIZED_PREFIX, "Annualized value")):
        if name.startswith(prefix):
            return f"{words} at {name[len(prefix):]}%"
    return name
