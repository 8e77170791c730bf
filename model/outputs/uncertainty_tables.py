"""The report's Monte Carlo and sensitivity sheets (summary, tornado, Sobol indices), and the check of
the draws and seed that ask for them."""

from __future__ import annotations

import pandas as pd

from model.core.errors import ModelInputError
from model.core.parameters import MODES, Assumptions
from model.core.quantities import pv_high

SENSITIVITY_LEVEL = "government"
NOT_RUN = "not run: give --draws N --seed S for Monte Carlo and sensitivity results"


def not_run_table() -> pd.DataFrame:
    return pd.DataFrame({"note": [NOT_RUN]})


def monte_carlo_sheets(a: Assumptions, years: int, draws: int, seed: int, sobol_n: int | None = None,
                       sampler: str = "lhs") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """Monte Carlo summary (model.montecarlo.simulate), tornado per coaching mode and Sobol indices
    per coaching mode (when SALib's base sample ``sobol_n`` > 0; default from ``draws``), at the
    government level, PV at 7%. Returns (summary, tornado, sobol, meta)."""
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
    return res.summary.reset_index(drop=True), tornado, sobol, meta


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
