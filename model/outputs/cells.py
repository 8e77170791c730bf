"""Export cells: how a column's numbers read (USD, cents, rate, index), a cell as display text for
Markdown and Word, and formula-injection safety for spreadsheets.

A text cell that a spreadsheet would run as a formula (first character ``=``, ``+``, ``-``, ``@``, tab or
carriage return) is written with a leading single quote in CSV and XLSX (OWASP, "CSV injection");
numbers stay numbers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from model.core.parameters import MODES
from model.core.quantities import is_money_column
from model.core.stream import LEVELS

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

USD_COLUMNS = {"usd", "year1", "present_value", "annualized", "perpetual_present_value", "primary_usd",
               "mean", "sd", "se", "p5", "p10", "p50", "p90", "p95", "min", "max",
               "output_low", "output_high", "base", "swing", "as_published", "complete", "difference"}
CENTS_COLUMNS = {"published", "model", "model_rounded", "reading_b", "reading_b_rounded", "named_fees_only"}
RATE_COLUMNS = {"discount_rate"}
INDEX_COLUMNS = {"S1", "S1_conf", "ST", "ST_conf"}
USD_TABLES_PRIMARY = {"Accounting"}  # tables whose primary/low/high columns are USD
MODE_LEVEL_COLUMNS = {f"{m}_{lv}" for m in MODES for lv in LEVELS}


def column_kind(table: str, col: str) -> str:
    """How a column's numbers read: ``usd`` (to the dollar), ``cents``, ``rate``, ``index`` or ``general``."""
    if col in USD_COLUMNS or col in MODE_LEVEL_COLUMNS or is_money_column(col):
        return "usd"
    if table in USD_TABLES_PRIMARY and col in {"primary", "low", "high"}:
        return "usd"
    if col in CENTS_COLUMNS:
        return "cents"
    if col in RATE_COLUMNS:
        return "rate"
    if col in INDEX_COLUMNS:
        return "index"
    return "general"



def neutralize(value: Any) -> Any:
    """A text value a spreadsheet would run as a formula gets a leading single quote; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unneutralize(value: Any) -> Any:
    """Undo :func:`neutralize` (for reading an exported file back)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def sheet_cell(value: Any) -> Any:
    """A Python scalar for a spreadsheet cell: numpy -> Python, NaN -> empty, +-inf -> text, text neutralized."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "infinite" if value > 0 else "minus infinite"
    return neutralize(value) if isinstance(value, str) else value


def text_value(table: str, col: str, value: Any) -> str:
    """A cell as display text for Markdown and Word: USD with thousands separators, rates in percent."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isinf(value):
            return "infinite"
        kind = column_kind(table, col)
        if kind == "usd":
            return f"{value:,.0f}"
        if kind == "cents":
            return f"{value:,.2f}"
        if kind == "rate":
            return f"{value * 100:g}%"
        if kind == "index":
            return f"{value:.3f}"
        return str(value) if isinstance(value, int) else f"{value:,.10g}"
    return " ".join(str(value).split())
