"""Tidy results tables from a validated parameter set: one row per scenario, framing, coaching mode,
level, component and year (costs), or per discount rate (accounting). These feed the CLI, the app and
every export."""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .components import COMPONENT_NAMES, TOTAL
from .discount import annualized, perpetual_present_value, present_value
from .parameters import MODES, Assumptions, load_scenario
from .stream import FRAMINGS, LEVELS, baseline_params, framed_stream, to_level

COST_COLUMNS = ["scenario", "framing", "coaching", "level", "component", "year", "usd"]
ACCOUNTING_COLUMNS = ["scenario", "framing", "coaching", "level", "discount_rate", "years",
                      "present_value", "annualized", "perpetual_present_value"]
BASELINE_SCENARIO = "baseline"


def baseline_overrides(a: Assumptions, baseline: str = BASELINE_SCENARIO) -> dict[str, float]:
    """The baseline (current rule) scenario's overrides, validated against ``a``'s parameters."""
    return dict(load_scenario(baseline, a).overrides)


def horizon(a: Assumptions, years: int | None = None) -> int:
    """Years in the analysis: ``years`` if given, else analysis.horizon_years."""
    return int(a["analysis.horizon_years"] if years is None else years)


def discount_rates(a: Assumptions, extra: Iterable[float] = ()) -> list[float]:
    """The accounting statement's rates: analysis.discount_rate_low, _high and any extra, sorted, unique."""
    return sorted({a["analysis.discount_rate_low"], a["analysis.discount_rate_high"], *map(float, extra)})


def _streams(a: Assumptions, years: int, framings, modes, base: Mapping[str, float]):
    p = dict(a.values)
    b = baseline_params(p, base)
    for framing in framings:
        for mode in modes:
            yield framing, mode, p, framed_stream(p, b, mode, framing, years)


def cost_table(a: Assumptions, years: int = 1, framings: Sequence[str] = FRAMINGS,
               modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS,
               baseline: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Costs by scenario, framing, coaching mode, level, component (and ``total``) and year, USD."""
    base = baseline_overrides(a) if baseline is None else baseline
    rows = []
    for framing, mode, p, s in _streams(a, years, framings, modes, base):
        for level in levels:
            for name in (*COMPONENT_NAMES, TOTAL):
                values = to_level(p, s[name], level)
                rows.extend((a.scenario, framing, mode, level, name, y + 1, float(v)) for y, v in enumerate(values))
    return pd.DataFrame(rows, columns=COST_COLUMNS)


def accounting_table(a: Assumptions, years: int | None = None, rates: Sequence[float] | None = None,
                     framings: Sequence[str] = FRAMINGS, modes: Sequence[str] = MODES,
                     levels: Sequence[str] = LEVELS, baseline: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Present value, annualized value and perpetual PV of the total, by framing, mode, level and rate."""
    n = horizon(a, years)
    rates = discount_rates(a) if rates is None else list(rates)
    base = baseline_overrides(a) if baseline is None else baseline
    rows = []
    for framing, mode, p, s in _streams(a, n, framings, modes, base):
        for level in levels:
            total = to_level(p, s[TOTAL], level)
            for r in rates:
                pv = float(present_value(total, r))
                ann = float(annualized(pv, r, n))
                rows.append((a.scenario, framing, mode, level, r, n, pv, ann,
                             float(perpetual_present_value(ann, r)) if r > 0 else float("inf")))
    return pd.DataFrame(rows, columns=ACCOUNTING_COLUMNS)


def year_one_totals(a: Assumptions, framing: str = "as_published") -> pd.DataFrame:
    """Year-1 total cost per agency and government-wide for each coaching mode (wide table)."""
    t = cost_table(a, years=1, framings=(framing,))
    t = t[t.component == TOTAL]
    return t.pivot_table(index="coaching", columns="level", values="usd").reindex(list(MODES))


def changed_parameters(a: Assumptions) -> dict[str, dict[str, float]]:
    """Parameters whose value differs from the NPRM primary: {id: {primary, value}}."""
    primary = a.primary_values()
    return {k: {"primary": primary[k], "value": v} for k, v in a.overrides.items()}


def as_records(df: pd.DataFrame) -> list[dict]:
    """A table as JSON-ready records (numpy scalars become Python numbers)."""
    return [{k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
            for row in df.to_dict(orient="records")]
