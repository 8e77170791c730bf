"""Strict JSON records: the document of ``sescdp run --format json``, shared by the JSON export, and the
rule for values JSON cannot hold (no NaN or Infinity: ``null``, with ``<key>_null_reason`` beside it).
Money is rounded to the cent."""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from model._version import __version__
from model.core.parameters import Assumptions
from model.core.regimes import baseline_summary, clamp_notes
from model.core.results import accounting_table, changed_parameters, cost_table, discount_rates, horizon
from model.outputs.cells import column_kind
from model.outputs.present.formats import Kind

NULL_REASON_SUFFIX = "_null_reason"
CENTS = 2
INFINITE = "infinite: no finite value exists (for example a perpetual present value at a 0% discount rate)"
UNDEFINED = "undefined: not a number (for example a share of zero draws)"


def null_reason(value: float) -> str:
    """Why a number is written as null."""
    return UNDEFINED if math.isnan(value) else INFINITE


def strict_value(value: Any) -> Any:
    """A JSON-safe scalar: numpy -> Python, NaN/inf -> None (see ``strict_record``), pd.NA -> None."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is pd.NA:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return strict_record(value)
    if isinstance(value, (list, tuple)):
        return [strict_value(v) for v in value]
    return value


def strict_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A mapping with every value JSON-safe; a non-finite number becomes null and gains a
    ``<key>_null_reason`` entry right after it."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, np.generic):
            value = value.item()
        out[str(key)] = strict_value(value)
        if isinstance(value, float) and not math.isfinite(value):
            out[f"{key}{NULL_REASON_SUFFIX}"] = null_reason(value)
    return out


def strict_records(df: pd.DataFrame, table: str = "") -> list[dict[str, Any]]:
    """A table as strict JSON records, money (``cells.column_kind`` of ``table``) rounded to the cent."""
    money = [column_kind(table, str(c)) in (Kind.USD, Kind.CENTS) for c in df.columns]
    return [strict_record({c: to_cents(v) if m else v for c, v, m in zip(df.columns, row, money)})
            for row in df.itertuples(index=False, name=None)]


def to_cents(value: Any) -> Any:
    """USD rounded to the cent (no float noise: 229141.99999999997 -> 229142.0); others unchanged."""
    if isinstance(value, (float, np.floating)) and math.isfinite(value):
        return round(float(value), CENTS) + 0.0
    return value


def run_document(a: Assumptions, years: int | None = None, extra_rates: Sequence[float] = ()) -> dict[str, Any]:
    """The document of ``sescdp run --format json``: version, scenario, dollar and first calendar year, the
    baseline, notes, every parameter, the values set, the cost stream (``years``, default 1) and the present
    values (horizon ``years``, default analysis.horizon_years) at the accounting rates plus ``extra_rates``."""
    rates = sorted({*discount_rates(a), *(float(r) for r in extra_rates)})
    return strict_record({
        "model_version": __version__, "scenario": a.scenario, "dollar_year": int(a["analysis.dollar_year"]),
        "first_calendar_year": int(a["analysis.first_calendar_year"]), "baseline": baseline_summary(a.values),
        "notes": clamp_notes(a.values), "parameters": dict(a.values), "changed": changed_parameters(a),
        "results": strict_records(cost_table(a, years=years or 1)),
        "accounting": strict_records(accounting_table(a, years=horizon(a, years), rates=rates)),
    })
