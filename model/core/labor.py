"""Labour rates. Every function takes a parameter mapping whose values are floats or numpy arrays
(one entry per Monte Carlo draw) and returns USD per hour, broadcast over the draws."""

from __future__ import annotations

from typing import Mapping

import numpy as np
from numpy.typing import ArrayLike

from model.core.symbolic import is_symbolic

Params = Mapping[str, ArrayLike]
CENT_DECIMALS = 2  # rounding to the cent is a unit convention, not an assumption


def param(p: Params, pid: str) -> np.ndarray:
    """Parameter ``pid`` as floats (a number, or an array of Monte Carlo draws). A symbolic value
    (``core.symbolic.Term``, used to explain a figure) passes through unconverted."""
    v = p[pid]
    return v if is_symbolic(v) else np.asarray(v, dtype=float)


def hourly_wage(p: Params) -> np.ndarray:
    """Hourly wage, USD/hour: labor.annual_salary / labor.hours_per_year, rounded to the cent
    when labor.round_hourly_wage = 1 (the NPRM's $77.38)."""
    raw = param(p, "labor.annual_salary") / param(p, "labor.hours_per_year")
    return np.where(param(p, "labor.round_hourly_wage") > 0, np.round(raw, CENT_DECIMALS), raw)


def loaded_hourly_cost(p: Params) -> np.ndarray:
    """Fully loaded labour cost, USD/hour: hourly wage x labor.load_factor (the NPRM's $154.76)."""
    return hourly_wage(p) * param(p, "labor.load_factor")
