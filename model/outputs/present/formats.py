"""How a number reads in a publication table: the kind of each column, its text (for Markdown, Word,
the CLI and the app) and its spreadsheet number format (the workbook keeps full-precision values).

Government-wide money: $ millions, two decimals ("$2.18"); per agency: whole dollars ("$148,821");
unit costs: cents where there are some ("$77.38", "$15,476"); rates and probabilities in percent.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

import numpy as np


class Kind(StrEnum):
    """What a column's numbers are."""

    MUSD = "usd_millions"      # government-wide money, $ millions with 2 decimals
    USD = "usd"                # whole dollars
    CENTS = "usd_cents"        # unit costs, to the cent
    RATE = "rate"              # a discount rate: 7%
    PERCENT = "percent"        # a share or probability: 12.3%
    INDEX = "index"            # a Sobol index, 2 decimals
    NUMBER = "number"          # a count or other quantity, as few digits as it needs
    YEAR = "year"              # a calendar year: no thousands separator
    TEXT = "text"


MILLION = 1e6
EXCEL_FORMATS = {Kind.MUSD: '"$"#,##0.00,,', Kind.USD: '"$"#,##0', Kind.CENTS: '"$"#,##0.00', Kind.RATE: "0%",
                 Kind.PERCENT: "0.0%", Kind.INDEX: "0.00", Kind.NUMBER: "General", Kind.YEAR: "0",
                 Kind.TEXT: "@"}


def money_text(value: float, kind: Kind) -> str:
    """USD as text: '$2.18' (millions), '$148,821', '$77.38'; negatives as '-$1.20'."""
    sign, v = ("-", -value) if value < 0 else ("", abs(value))  # abs: -0.0 reads $0.00
    if kind == Kind.MUSD:
        text = f"{v / MILLION:,.2f}"
    elif kind == Kind.CENTS:
        text = f"{v:,.2f}" if round(v, 2) != round(v) else f"{round(v):,.0f}"  # cents only where there are some
    else:
        text = f"{v:,.0f}"
    return f"{sign}${text}" if float(text.replace(",", "")) != 0 else f"${text}"


def cell_text(value: Any, kind: Kind) -> str:
    """A cell as display text for its column's kind; empty for missing, 'n/a' for non-finite."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isinf(value):
            return "n/a (infinite)"
        if kind in (Kind.MUSD, Kind.USD, Kind.CENTS):
            return money_text(float(value), kind)
        if kind == Kind.RATE:
            return f"{value * 100:g}%"
        if kind == Kind.PERCENT:
            return f"{value * 100:.1f}%"
        if kind == Kind.INDEX:
            return f"{value:.2f}"
        if kind == Kind.YEAR:
            return f"{int(value)}"
        if kind == Kind.NUMBER:
            return f"{value:,.2f}".rstrip("0").rstrip(".") if float(value) != int(value) else f"{int(value):,}"
        return f"{value:,.10g}"
    return " ".join(str(value).split())


def excel_format(kind: Kind) -> str:
    """The spreadsheet number format of a kind (values stay in dollars; millions are a display scale)."""
    return EXCEL_FORMATS[kind]


def unit_phrase(kind: Kind, dollar_year: int) -> str:
    """The unit for a title: '$ millions, 2025 dollars'."""
    if kind == Kind.MUSD:
        return f"$ millions, {dollar_year} dollars"
    if kind in (Kind.USD, Kind.CENTS):
        return f"$, {dollar_year} dollars"
    return ""
