"""The report's Monte Carlo and sensitivity sheets (summary, tornado, Sobol indices), and the check of
the draws and seed that ask for them."""

from __future__ import annotations

import pandas as pd

from model.core.errors import ModelInputError
from model.core.parameters import Assumptions
from model.core.quantities import pv_high
from model.core.vocabulary import FRAMINGS, MODES, YEAR1

SENSITIVITY_LEVEL = "government"
HISTOGRAM_BINS = 40
NOT_RUN = "not run: give --draws N --seed S for Monte Carlo and sensitivity results"


def not_run_table() -> pd.DataFrame:
    return pd.DataFrame({"note": [NOT_RUN]})


def monte_carlo_sheets(a: Assumptions, years: int, draws: int, seed: int, sobol_n: int | None = None,
                       sampler: str = "lhs") -> tuple[dict[str, pd.DataFrame], dict]:
    """Monte Carlo summary (model.montecarlo.simulate), exceedance of context.significance_threshold,
    the distribution of the PV at the higher rate (government-wide, histogram bins), tornado per coaching
    mode and Sobol indices per coaching mode (when SALib's base sample ``sobol_n`` > 0; default from
    ``draws``), at the government level. Returns ({sheet name: table}, meta)."""
    from model.engines import montecarlo, sensitivity  # heavy (scipy, SALib): imported only when draws are asked for

    res = montecarlo.simulate(a, draws, seed, sampler=sampler, years=years)
    meta = dict(getattr(res, "meta", {}) or {})
    lead = ["coaching", "level", "quantity"]

    def tidy(frames: list[pd.DataFrame]) -> pd.DataFrame:
        t = pd.concat(frames, ignore_index=True)
        return t[lead + [c for c in t.columns if c not in lead]]

    quantity = pv_high(a.values)  # the tornado's and Sobol's output: PV at the higher A-4 rate
    tornado = tidy([sensitivity.tornado(a, quantity=quantity, coaching=mode, level=SENSITIVITY_LEVEL)
                    .assign(coaching=mode, level=SENSITIVITY_LEVEL, quantity=quantity)
                    for mode in MODES])
    n = sobol_default_n(a, draws) if sobol_n is None else sobol_n
    if n:
        sobol = tidy([sensitivity.sobol_indices(a, quantity, mode, SENSITIVITY_LEVEL, n, seed)
                      .assign(coaching=mode, level=SENSITIVITY_LEVEL, quantity=quantity,
                              base_sample=n, seed=seed) for mode in MODES])
    else:
        sobol = pd.DataFrame({"note": ["not run: --sobol-n 0"]})
    ex = res.exceedance  # the threshold is an annual effect: the year-1 cost only, government-wide
    ex = ex[(ex.level == SENSITIVITY_LEVEL) & (ex.quantity == YEAR1)].reset_index(drop=True)
    return {"Monte Carlo summary": res.summary.reset_index(drop=True), "Exceedance": ex,
            "Distribution": histogram_table(res, quantity), "Sensitivity": tornado, "Sobol indices": sobol}, meta


def histogram_table(res, quantity: str) -> pd.DataFrame:
    """Histogram of ``quantity`` (government-wide) over the draws, per framing and coaching mode: bins
    shared by all (``HISTOGRAM_BINS`` equal widths from the smallest to the largest draw), count and share
    of draws. USD."""
    import numpy as np

    draws = {(f, m): res.outputs(m, SENSITIVITY_LEVEL, quantity, f) for f in res.meta.get("framings", FRAMINGS)
             for m in MODES}
    lo = min(float(x.min()) for x in draws.values())
    hi = max(float(x.max()) for x in draws.values())
    edges = np.linspace(lo, hi if hi > lo else lo + 1.0, HISTOGRAM_BINS + 1)
    rows = []
    for (f, m), x in draws.items():
        counts, _ = np.histogram(x, bins=edges)
        for i, c in enumerate(counts):
            rows.append({"framing": f, "coaching": m, "level": SENSITIVITY_LEVEL, "quantity": quantity,
                         "bin_low": float(edges[i]), "bin_high": float(edges[i + 1]), "count": int(c),
                         "share": float(c) / len(x)})
    return pd.DataFrame(rows)


def sobol_default_n(a: Assumptions, draws: int) -> int:
    """SALib base sample for the export: the largest power of 2 not above min(draws, analysis.sobol_samples)."""
    n = min(int(draws), int(a["analysis.sobol_samples"]))
    return 1 << (n.bit_length() - 1) if n >= 2 else 0


def check_monte_carlo_options(draws: int | None, seed: int | None) -> None:
    """Draws and seed go together (a result must be reproducible); draws >= 2."""
    if (draws is None) != (seed is None):
        raise ModelInputError("--draws/--seed: give both (--draws N --seed S) so the Monte Carlo result can be "
                              "reproduced, or neither")
    if draws is not None and (isinstance(draws, bool) or int(draws) != draws or draws < 2):
        raise ModelInputError(f"--draws: expected a whole number of draws of at least 2, got {draws!r}")
    if seed is not None and (isinstance(seed, bool) or int(seed) != seed or seed < 0):
        raise ModelInputError(f"--seed: expected a non-negative whole number, got {seed!r}")
