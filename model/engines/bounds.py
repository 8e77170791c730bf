"""The A-4 accounting statement's cells: primary, low and high of each present value and annualized value, from
one evaluator (``fastpv``, the Monte Carlo's kernel; a primary is one draw of it at the values in force) and one
uncertainty spec (``plan.uncertainty_spec``). Low/high: the Monte Carlo's P5/P95 (``montecarlo``) or the figure's
extremes over the spec's ranges (``ranges``, ``ranges.extremes``). One tidy table, joined on its keys.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from model.core.errors import ModelInputError
from model.core.parameters import Assumptions
from model.core.quantities import pv_name
from model.core.results import discount_rates, distinct_rates, horizon
from model.core.vocabulary import ANNUALIZED, FRAMINGS, LEVELS, MODES, PRESENT_VALUE
from model.engines.fastpv import Evaluator, evaluate
from model.engines.montecarlo import accounting_percentiles
from model.engines.plan import UncertaintySpec, uncertainty_spec
from model.engines.ranges import extremes

MONTECARLO, RANGES = "montecarlo", "ranges"
METHODS = (MONTECARLO, RANGES)
KEYS = ["framing", "coaching", "level", "measure", "discount_rate"]
CELL_COLUMNS = [*KEYS, "primary", "low", "high"]
RANGES_NOTE = "low/high: the lowest and highest figure with the uncertain parameters at the ends of their ranges"


def montecarlo_note(draws: int, seed: int) -> str:
    """How Monte Carlo low/high were obtained, for the source column and the provenance."""
    return f"low/high: P5/P95 of {draws:,} Monte Carlo draws (seed {seed})"


def method_note(a: Assumptions, method: str, draws: int | None = None, seed: int | None = None) -> str:
    """The low/high note for ``method`` (draws and seed default to analysis.accounting_draws and analysis.seed)."""
    check_method(method)
    if method == RANGES:
        return RANGES_NOTE
    return montecarlo_note(int(a["analysis.accounting_draws"]) if draws is None else draws,
                           int(a["analysis.seed"]) if seed is None else seed)


def check_method(method: str) -> None:
    if method not in METHODS:
        raise ModelInputError(f"accounting method: expected {' or '.join(METHODS)}, got {method!r}")


def accounting_record(a: Assumptions, draws: int, seed: int, sampler: str = "lhs") -> dict:
    """What the low/high draws were, for the provenance: draws, seed, sampler, the distributions drawn
    and the rank correlations imposed ("a ~ b" -> rho)."""
    spec = uncertainty_spec(a)
    return {"draws": int(draws), "seed": int(seed), "sampler": sampler, "distributions": spec.specs(),
            "correlations": spec.correlations()}


def _primary(ev: Evaluator, a: Assumptions, framings, modes, levels) -> dict:
    """Each present value at the values in force: one draw of the kernel, USD."""
    return evaluate(ev, dict(a.values), modes, levels, framings)


def _range_ends(ev: Evaluator, a: Assumptions, spec: UncertaintySpec, key: tuple) -> tuple[float, float]:
    """Lowest and highest present value of one cell (framing, mode, level, quantity) over the spec's ranges, USD."""
    framing, mode, level, q = key
    lo, hi = spec.ends()
    return extremes(a, lambda p: evaluate(ev, p, (mode,), (level,), (framing,), (q,))[key], spec.ids, lo, hi)


def _percentiles(a: Assumptions, draws: int, seed: int, n: int, rates, framings, modes, levels) -> dict:
    """P5 and P95 of each present value over ``draws`` Latin hypercube draws from ``seed``, keyed as the kernel's
    output (framing, mode, level, quantity), USD."""
    t = accounting_percentiles(a, draws=draws, seed=seed, years=n, rates=rates, year1=False, framings=framings,
                               modes=modes, levels=levels)
    return {(r.framing, r.coaching, r.level, r.quantity): (float(r.p5), float(r.p95)) for r in t.itertuples()}


def a4_cells(a: Assumptions, method: str = MONTECARLO, draws: int | None = None, seed: int | None = None,
             years: int | None = None, rates: Sequence[float] | None = None, framings: Sequence[str] = FRAMINGS,
             modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS) -> pd.DataFrame:
    """One row per framing, coaching mode, level, measure (annualized, present value) and discount rate, with
    primary, low and high, USD (``CELL_COLUMNS``). The annualized value is the present value / the annuity factor
    (so its low and high come from the same draws or corners)."""
    check_method(method)
    n = horizon(a, years)
    rates = discount_rates(a) if rates is None else distinct_rates(rates)
    ev = Evaluator.build(a, n, rates)
    prim = _primary(ev, a, framings, modes, levels)
    if method == RANGES:
        spec = uncertainty_spec(a)
        ends = {k: _range_ends(ev, a, spec, k) for k in prim}
    else:
        draws = int(a["analysis.accounting_draws"]) if draws is None else draws
        seed = int(a["analysis.seed"]) if seed is None else seed
        ends = _percentiles(a, draws, seed, n, rates, framings, modes, levels)
    rows = []
    for framing in framings:
        for mode in modes:
            for level in levels:
                for r in rates:
                    key, af = (framing, mode, level, pv_name(r)), ev.annual[pv_name(r)]
                    pv, (lo, hi) = float(np.asarray(prim[key])), ends[key]
                    for measure, div in ((ANNUALIZED, af), (PRESENT_VALUE, 1.0)):
                        rows.append((framing, mode, level, measure, r, pv / div, lo / div, hi / div))
    return pd.DataFrame(rows, columns=CELL_COLUMNS)
