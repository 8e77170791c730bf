"""Tidy results tables from a validated parameter set: one row per scenario, framing, coaching mode,
level, component and year (costs), or per discount rate (accounting). These feed the CLI, the app and
every export."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.core.components import COMPONENT_NAMES, TOTAL
from model.core.discount import annualized, present_value
from model.core.errors import ModelInputError
from model.core.parameters import Assumptions
from model.core.quantities import rate_label
from model.core.stream import framed_stream, perpetual_value, to_level

COST_COLUMNS = ["scenario", "framing", "coaching", "level", "component", "year", "calendar_year", "usd"]
ACCOUNTING_COLUMNS = ["scenario", "framing", "coaching", "level", "discount_rate", "years",
                      "present_value", "annualized", "perpetual_present_value", "dollar_year",
                      "discounted_to_start_of"]


def horizon(a: Assumptions, years: int | None = None) -> int:
    """Years in the analysis: ``years`` if given, else analysis.horizon_years."""
    return int(a["analysis.horizon_years"] if years is None else years)


def discount_rates(a: Assumptions, extra: Iterable[float] = ()) -> list[float]:
    """The accounting statement's rates: analysis.discount_rate_low, _high and any extra, sorted, unique. Two
    different rates that would share a column name (0.035 and 0.0350000001 both 'pv_3.5') are refused."""
    return distinct_rates({a["analysis.discount_rate_low"], a["analysis.discount_rate_high"],
                           *(float(x) + 0.0 for x in extra)})


def distinct_rates(rates: Iterable[float]) -> list[float]:
    """``rates`` sorted, each once; two different rates that would share a column name (0.035 and 0.0350000001
    both 'pv_3.5') are refused with one line."""
    out = sorted(set(float(r) + 0.0 for r in rates))
    labels: dict[str, float] = {}
    for r in out:
        if rate_label(r) in labels:
            raise ModelInputError(f"discount rate: {labels[rate_label(r)]!r} and {r!r} are both {rate_label(r)}%; "
                                  "expected distinct rates (give each rate once)")
        labels[rate_label(r)] = r
    return out


def _streams(a: Assumptions, years: int, framings, modes):
    p = dict(a.values)
    for framing in framings:
        for mode in modes:
            yield framing, mode, p, framed_stream(p, mode, framing, years)


def calendar_year(a: Assumptions, year: int) -> int:
    """Calendar year of analysis year ``year`` (1 = analysis.first_calendar_year)."""
    return int(a["analysis.first_calendar_year"]) + year - 1


def basis_text(dollar_year: int, first_calendar_year: int, years: int) -> str:
    """Dollar year, discounting base and horizon in one phrase, for every table's heading."""
    return (f"USD of {dollar_year}, present values discounted to the start of {first_calendar_year}; "
            f"{years}-year horizon ({first_calendar_year}-{first_calendar_year + years - 1}); end-of-year discounting")


def basis(a: Assumptions, years: int | None = None) -> str:
    """``basis_text`` for a parameter set and horizon (default analysis.horizon_years)."""
    return basis_text(int(a["analysis.dollar_year"]), calendar_year(a, 1), horizon(a, years))


def cost_table(a: Assumptions, years: int = 1, framings: Sequence[str] = FRAMINGS,
               modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS) -> pd.DataFrame:
    """Costs by scenario, framing, coaching mode, level, component (and ``total``) and year, USD of
    analysis.dollar_year; ``year`` 1 is calendar year analysis.first_calendar_year."""
    rows = []
    for framing, mode, p, s in _streams(a, years, framings, modes):
        for level in levels:
            for name in (*COMPONENT_NAMES, TOTAL):
                values = to_level(p, s[name], level)
                rows.extend((a.scenario, framing, mode, level, name, y + 1, calendar_year(a, y + 1), float(v))
                            for y, v in enumerate(values))
    return pd.DataFrame(rows, columns=COST_COLUMNS)


def perpetual_level_value(a: Assumptions, mode: str, framing: str, level: str, rate: float) -> float:
    """Exact present value, USD, of the framing's cost stream continued for ever (``stream.perpetual_value``),
    at a level; infinite at a rate of 0."""
    if rate <= 0:
        return float("inf")
    p = dict(a.values)
    return float(to_level(p, perpetual_value(p, mode, framing, rate), level))


def accounting_table(a: Assumptions, years: int | None = None, rates: Sequence[float] | None = None,
                     framings: Sequence[str] = FRAMINGS, modes: Sequence[str] = MODES,
                     levels: Sequence[str] = LEVELS, perpetual: bool = True) -> pd.DataFrame:
    """Present value, annualized value and the exact perpetual PV of the total, by framing, mode,
    level and rate; USD of ``dollar_year``, discounted to the start of ``discounted_to_start_of``.
    ``perpetual=False`` leaves the perpetual PV out (NaN) for callers that do not show it."""
    n = horizon(a, years)
    rates = discount_rates(a) if rates is None else distinct_rates(rates)
    rows = []
    for framing, mode, p, s in _streams(a, n, framings, modes):
        forever = {r: perpetual_level_value(a, mode, framing, "agency", r) if perpetual else float("nan")
                   for r in rates}  # per agency; a level scales it
        for level in levels:
            total = to_level(p, s[TOTAL], level)
            for r in rates:
                pv = float(present_value(total, r))
                ann = float(annualized(pv, r, n))
                rows.append((a.scenario, framing, mode, level, r, n, pv, ann,
                             float(to_level(p, np.asarray(forever[r]), level)),
                             int(a["analysis.dollar_year"]), calendar_year(a, 1)))
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
