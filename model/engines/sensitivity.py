"""Sensitivity analysis of one output (a quantity for a coaching mode, level and framing):

- ``tornado``: each uncertain parameter at its low and its high, the others at their values,
  sorted by swing;
- ``sobol_indices``: first-order and total Sobol indices with confidence intervals (SALib's Saltelli
  sampler on [0, 1]^d, mapped through each distribution's inverse CDF; ``SALib.analyze.sobol``);
- ``spearman``: rank correlation of each drawn input with the output over the Monte Carlo draws;
- ``switching_values``: per parameter, the value at which the output crosses a threshold, the
  others at their values, or "never" within the parameter's range.

Uncertain parameters and their ranges are those of ``montecarlo.uncertainty_spec`` (assumption files,
``dists``, ``fixed``). Sobol indices assume independent inputs, so declared rank correlations are
not applied there. Outputs in USD.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
from scipy import optimize, stats

from model.core.errors import ModelInputError
from model.engines.memory import check_memory, sobol_bytes
from model.engines.fastpv import Evaluator, evaluate
from model.core.quantities import pv_high
from model.core.rules import enforce_rules
from model.engines.montecarlo import SimulationResult, draw_parameters, fixed_values, uncertainty_spec, simulate
from model.core.parameters import Assumptions
from model.core.vocabulary import FRAMINGS, LEVELS, MODES

SWITCH_GRID = 201  # grid points scanned over a parameter's range before root refinement
TORNADO_COLUMNS = ["parameter", "low", "high", "output_low", "output_high", "base", "swing"]
SOBOL_COLUMNS = ["parameter", "S1", "S1_conf", "ST", "ST_conf"]
SWITCH_COLUMNS = ["parameter", "value", "switching_value", "low", "high", "output_at_value", "threshold"]


def _check_output(ev: Evaluator, quantity: str, coaching: str, level: str, framing: str) -> None:
    for name, val, allowed in (("quantity", quantity, ev.quantity_names), ("coaching", coaching, MODES),
                               ("level", level, LEVELS), ("framing", framing, FRAMINGS)):
        if val not in allowed:
            raise ModelInputError(f"{name}: expected one of {', '.join(allowed)}, got {val!r}")


class _Output:
    """The chosen output as a function of a parameter mapping (floats or arrays), USD."""

    def __init__(self, a: Assumptions, quantity: str, coaching: str, level: str, framing: str,
                 dists: Mapping[str, str] | None, fixed: bool, years: int | None):
        self.a = a
        self.ev = Evaluator.build(a, years)
        quantity = pv_high(a.values) if quantity is None else quantity
        _check_output(self.ev, quantity, coaching, level, framing)
        self.key = (framing, coaching, level, quantity)
        self.plan = uncertainty_spec(a, dists, fixed)
        self.base = fixed_values(a, dists)

    def __call__(self, p: Mapping, varied=()) -> np.ndarray:
        p = enforce_rules(self.a.kinds(), dict(p), list(varied))
        out = evaluate(self.ev, p, modes=(self.key[1],), levels=(self.key[2],), framings=(self.key[0],),
                       quantities_=(self.key[3],))
        return np.asarray(out[self.key], dtype=float)

    def at(self, pid: str, values) -> np.ndarray:
        """Output with parameter ``pid`` set to each of ``values``, the others at their values."""
        p = dict(self.base)
        p[pid] = np.asarray(values, dtype=float)
        return np.broadcast_to(self(p, (pid,)), np.shape(values))


def tornado(a: Assumptions, quantity: str | None = None, coaching: str = "internal", level: str = "government",
            framing: str = "as_published", dists: Mapping[str, str] | None = None, fixed: bool = False,
            years: int | None = None) -> pd.DataFrame:
    """One-way sensitivity: each uncertain parameter at its range's low and high (P5/P95 for normal
    and lognormal), the rest at their values. Sorted by swing = |output_high - output_low|, USD."""
    f = _Output(a, quantity, coaching, level, framing, dists, fixed, years)
    base = float(f(f.base))
    rows = []
    for pid, d in zip(f.plan.ids, f.plan.dists):
        lo, hi = f.at(pid, [d.low, d.high])
        rows.append((pid, d.low, d.high, float(lo), float(hi), base, abs(float(hi) - float(lo))))
    t = pd.DataFrame(rows, columns=TORNADO_COLUMNS)
    return t.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def sobol_indices(a: Assumptions, quantity: str | None = None, coaching: str = "internal", level: str = "government",
                  n: int | None = None, seed: int | None = None, framing: str = "as_published",
                  dists: Mapping[str, str] | None = None, fixed: bool = False, years: int | None = None,
                  num_resamples: int = 100, conf_level: float = 0.95) -> pd.DataFrame:
    """Sobol first-order (S1) and total (ST) indices with confidence half-widths (SALib). ``n`` base
    samples (a power of 2) give n (d + 2) model evaluations, all in one vectorized call."""
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    n = int(a["analysis.sobol_samples"]) if n is None else n
    seed = int(a["analysis.seed"]) if seed is None else seed
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2 or n & (n - 1):
        raise ModelInputError(f"Sobol base samples (--sobol-n, or analysis.sobol_samples in assumptions/analysis.toml): "
                              f"expected a power of 2 of at least 2, got {n!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ModelInputError(f"seed: expected a non-negative whole number, got {seed!r}")
    f = _Output(a, quantity, coaching, level, framing, dists, fixed, years)
    d = len(f.plan.ids)
    if d == 0:
        raise ModelInputError("sobol: no uncertain parameters (give some with --dist, or drop --fixed)")
    problem = {"num_vars": d, "names": list(f.plan.ids), "bounds": [[0.0, 1.0]] * d}
    check_memory(sobol_bytes(int(n), d), f"Sobol indices with a base sample of {int(n):,}", "a smaller --sobol-n")
    x = sobol_sample.sample(problem, int(n), calc_second_order=False, scramble=True, seed=int(seed))
    p = draw_parameters(a, f.plan, np.ascontiguousarray(x.T), f.base)
    y = np.broadcast_to(f(p, f.plan.ids), (x.shape[0],)).astype(float)
    if np.ptp(y) == 0:
        zero = np.zeros(d)
        return pd.DataFrame({"parameter": f.plan.ids, "S1": zero, "S1_conf": zero, "ST": zero, "ST_conf": zero})
    si = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=num_resamples,
                               conf_level=conf_level, seed=int(seed), print_to_console=False)
    t = pd.DataFrame({"parameter": f.plan.ids, "S1": si["S1"], "S1_conf": si["S1_conf"],
                      "ST": si["ST"], "ST_conf": si["ST_conf"]})
    return t.sort_values("ST", ascending=False, kind="stable").reset_index(drop=True)


def spearman(result: SimulationResult | Assumptions, quantity: str | None = None, coaching: str = "internal",
             level: str = "government", framing: str = "as_published", draws: int | None = None,
             seed: int | None = None, **simulate_options) -> pd.DataFrame:
    """Spearman rank correlation of each drawn input with the output. ``result`` is a
    SimulationResult run with ``keep_inputs=True``, or an Assumptions set to simulate (``draws``,
    ``seed`` and any ``simulate`` option). Sorted by |rho|."""
    if isinstance(result, Assumptions):
        a = result
        quantity = pv_high(a.values) if quantity is None else quantity
        only = {"modes": (coaching,), "levels": (level,), "framings": (framing,), "quantities": (quantity,)}
        result = simulate(a, int(a["analysis.app_draws"] if draws is None else draws),
                          int(a["analysis.seed"] if seed is None else seed), keep_inputs=True,
                          **{**only, **simulate_options})  # only the output correlated with is summarized
    if result.inputs is None:
        raise ModelInputError("spearman: the simulation kept no inputs; run simulate(..., keep_inputs=True)")
    if quantity is None:
        raise ModelInputError("spearman: give the quantity (e.g. pv_7) when passing a simulation result")
    y = result.outputs(coaching, level, quantity, framing)
    ids = list(result.inputs)
    if not ids:
        return pd.DataFrame({"parameter": [], "rho": []})
    ranks_y = stats.rankdata(y)
    rows = []
    for pid in ids:
        x = result.inputs[pid]
        rho = np.nan if np.ptp(x) == 0 or np.ptp(y) == 0 else float(np.corrcoef(stats.rankdata(x), ranks_y)[0, 1])
        rows.append((pid, rho))
    t = pd.DataFrame(rows, columns=["parameter", "rho"])
    return t.reindex(t.rho.abs().sort_values(ascending=False, kind="stable").index).reset_index(drop=True)


def switching_values(a: Assumptions, quantity: str | None = None, threshold: float | None = None,
                     coaching: str = "internal", level: str = "government", framing: str = "as_published",
                     dists: Mapping[str, str] | None = None, fixed: bool = False,
                     years: int | None = None) -> pd.DataFrame:
    """For each uncertain parameter, the value within [low, high] at which the output crosses
    ``threshold`` (USD; default context.significance_threshold), the others at their values; the
    crossing nearest the parameter's value, or "never". Whole numbers for count parameters."""
    threshold = a["context.significance_threshold"] if threshold is None else float(threshold)
    f = _Output(a, quantity, coaching, level, framing, dists, fixed, years)
    rows = []
    for pid, d in zip(f.plan.ids, f.plan.dists):
        value = float(f.base[pid])
        base_out = float(f.at(pid, [value])[0])
        is_count = a.specs[pid].kind == "count"
        grid = (np.arange(np.ceil(d.low), np.floor(d.high) + 1) if is_count
                else np.linspace(d.low, d.high, SWITCH_GRID))
        grid = np.union1d(grid, [value]) if d.low <= value <= d.high else grid
        y = f.at(pid, grid)
        above0 = base_out > threshold
        crossing = np.flatnonzero((y > threshold) != above0)
        if crossing.size == 0:
            rows.append((pid, value, "never", d.low, d.high, base_out, threshold))
            continue
        i = crossing[np.argmin(np.abs(grid[crossing] - value))]
        if is_count:
            sv = float(grid[i])
        else:
            j = i - 1 if grid[i] > value else i + 1  # the neighbour on the parameter value's side
            j = min(max(j, 0), len(grid) - 1)
            g = lambda v: float(f.at(pid, [v])[0]) - threshold  # noqa: E731
            lo, hi = sorted((grid[i], grid[j]))
            sv = float(optimize.brentq(g, lo, hi, xtol=1e-9 * max(1.0, abs(hi)))) if g(lo) * g(hi) < 0 else float(grid[i])
        rows.append((pid, value, sv, d.low, d.high, base_out, threshold))
    return pd.DataFrame(rows, columns=SWITCH_COLUMNS)
