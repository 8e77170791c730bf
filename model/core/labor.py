"""Labor rates. Every function takes a parameter mapping whose values are floats or numpy arrays
(one entry per Monte Carlo draw) and returns USD per hour, broadcast over the draws."""

from __future__ import annotations

import numpy as np

from model.core.arith import Params, ops, param  # noqa: F401  (param: the formulas' one way to read a value)
CENT_DECIMALS = 2  # rounding to the cent is a unit convention, not an assumption


def hourly_wage(p: Params) -> np.ndarray:
    """Hourly wage, USD/hour: labor.annual_salary / labor.hours_per_year, rounded to the cent
    when labor.round_hourly_wage = 1 (the NPRM's $77.38)."""
    raw = param(p, "labor.annual_salary") / param(p, "labor.hours_per_year")
    o = ops(p)
    return o.where(param(p, "labor.round_hourly_wage") > 0, o.round(raw, CENT_DECIMALS), raw)


def loaded_hourly_cost(p: Params) -> np.ndarray:
    """Fully loaded labor cost, USD/hour: hourly wage x labor.load_factor (the NPRM's $154.76)."""
    return hourly_wage(p) * param(p, "labor.load_factor")
