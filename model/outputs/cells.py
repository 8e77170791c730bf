"""Export cells: how a data column's numbers read in the workbook (a ``present.formats.Kind``), a cell as a
spreadsheet value, and formula-injection safety for spreadsheets.

A text cell that a spreadsheet would run as a formula (first character ``=``, ``+``, ``-``, ``@``, tab or
carriage return) is written with a leading single quote in CSV and XLSX (OWASP, "CSV injection");
numbers stay numbers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from model.core.vocabulary import LEVELS, MODES
from model.core.evidence import GRADE_LABELS
from model.core.quantities import is_money_column
from model.outputs.present.formats import Kind

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

USD_COLUMNS = {"usd", "present_value", "annualized", "perpetual_present_value", "primary_usd",
               "mean", "sd", "se", "p5", "p10", "p50", "p90", "p95", "min", "max", "bin_low", "bin_high",
               "output_low", "output_high", "base", "swing", "as_published", "complete", "difference", "threshold",
               "pv", "difference_year1", "difference_annualized", "threshold_margin"}
CENTS_COLUMNS = {"published", "model", "model_rounded", "reading_b", "reading_b_rounded", "named_fees_only"}
YEAR_COLUMNS = {"calendar_year", "dollar_year", "discounted_to_start_of"}
USD_TABLES_PRIMARY = {"Accounting", "Alternatives"}  # tables whose primary/low/high columns are USD
MODE_LEVEL_COLUMNS = {f"{m}_{lv}" for m in MODES for lv in LEVELS}
KIND_OF_COLUMN = ({c: Kind.USD for c in USD_COLUMNS | MODE_LEVEL_COLUMNS} | {c: Kind.CENTS for c in CENTS_COLUMNS}
                  | {c: Kind.YEAR for c in YEAR_COLUMNS}
                  | {"discount_rate": Kind.RATE, "share": Kind.PERCENT, "probability": Kind.PERCENT,
                     "share_of_threshold": Kind.PERCENT, "share_of_gross": Kind.PERCENT}
                  | {f"share_{g}": Kind.PERCENT for g in GRADE_LABELS}
                  | {c: Kind.INDEX for c in ("S1", "S1_conf", "ST", "ST_conf")})


NUMBER_TABLES = {"Inconsistencies"}  # a published count or salary: plain numbers


def column_kind(table: str, col: str) -> Kind:
    """How a data column's numbers read in the workbook (USD to the dollar, cents, rate, index, ...)."""
    if table in NUMBER_TABLES:
        return Kind.NUMBER
    if is_money_column(col):
        return Kind.USD
    if table in USD_TABLES_PRIMARY and col in {"primary", "low", "high"}:
        return Kind.USD
    return KIND_OF_COLUMN.get(col, Kind.NUMBER)


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
    if isinstance(value, dict):  # e.g. an inconsistency's inputs
        return "; ".join(f"{k} = {v:g}" if isinstance(v, (int, float)) else f"{k} = {v}" for k, v in value.items())
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "infinite" if value > 0 else "minus infinite"
    return neutralize(value) if isinstance(value, str) else value
