"""Discounting (OMB Circular A-4 convention used here: costs fall at the END of each year, so the
cost of analysis year t is divided by (1 + r)^t, t = 1..N, and present values are as of the start
of analysis year 1 (analysis.first_calendar_year); the dollar year is analysis.dollar_year). The
perpetual present value (E.O. 14192 reference figure) is ``stream.perpetual_value``."""

from __future__ import annotations

import numpy as np


def discount_factors(rate, years: int) -> np.ndarray:
    """(1 + r)^-t for t = 1..years; shape rate.shape + (years,)."""
    r = np.asarray(rate, dtype=float)[..., None]
    return (1.0 + r) ** -np.arange(1, years + 1)


def present_value(stream: np.ndarray, rate, years: int | None = None) -> np.ndarray:
    """Present value, USD, of a stream shaped (..., years) at rate r (end-of-year discounting)."""
    years = stream.shape[-1] if years is None else years
    return np.sum(stream * discount_factors(rate, years), axis=-1)


def annuity_factor(rate, years: int) -> np.ndarray:
    """Sum of the discount factors: PV of $1 a year for ``years`` years."""
    return np.sum(discount_factors(rate, years), axis=-1)


def annualized(pv, rate, years: int) -> np.ndarray:
    """Annualized value, USD/year: the level annual amount with the same PV over the horizon."""
    return np.asarray(pv, dtype=float) / annuity_factor(rate, years)
