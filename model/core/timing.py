"""When a component's cost falls: the ``Timing`` of each component owns its year weights.

``annual`` recurs every year. Policy (re)approval components fall on a schedule:
- the proposed rule's (regimes ``published`` and ``rule``, timing ``approval``): years
  policy.first_approval_year, + policy.reapproval_years, ... (1, 4, 7, 10 with the defaults), the
  first one counted only if policy.first_update_sunk = 0;
- the current rule's (regime ``current``, and the complete accounting's ``baseline_approval``
  offset): every policy.baseline_reapproval_years, either staggered evenly across agencies
  (policy.baseline_staggered = 1: 1 / interval of the agencies each year, so a per-agency weight of
  1 / interval every year) or all from policy.baseline_first_year.
Pure and vectorized: parameters may be floats or arrays of draws.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

import numpy as np

from model.core.labor import Params
from model.core.vocabulary import CURRENT, GIVEN

# The schedule parameters (stored per regime by the Monte Carlo).
SCHEDULE_IDS = ("policy.reapproval_years", "policy.first_approval_year", "policy.first_update_sunk",
                "policy.baseline_reapproval_years", "policy.baseline_first_year", "policy.baseline_staggered")


class Schedule(NamedTuple):
    """When occurrences fall: every ``interval`` years from ``first_year``, or (``staggered`` = 1) a
    weight of 1 / interval every year; ``sunk`` = 1 drops the first occurrence."""

    interval: np.ndarray
    first_year: np.ndarray
    staggered: np.ndarray
    sunk: np.ndarray


def cycle_mask(interval: np.ndarray, first_year: np.ndarray, years: int) -> np.ndarray:
    """1.0 in (re)approval years first_year, first_year + interval, ... within 1..years, else 0.0.
    Shape: broadcast(interval, first_year) + (years,)."""
    y = np.arange(1, years + 1)
    k = np.asarray(interval, dtype=float)[..., None]
    f = np.asarray(first_year, dtype=float)[..., None]
    return ((y >= f) & (np.mod(y - f, k) == 0)).astype(float)


class Timing(StrEnum):
    """When a component's cost falls; each member owns its weights by year and over a perpetual horizon."""

    ANNUAL = "annual"
    APPROVAL = "approval"                     # the rule's (re)approval cycle; the current rule's in that regime
    BASELINE_APPROVAL = "baseline_approval"   # the current rule's cycle, in every regime
    REAPPROVAL = "reapproval"                 # the rule's re-approvals after the first; the current rule's in that regime

    def schedule(self, p: Params, regime: str = GIVEN) -> "Schedule":
        """The (re)approval schedule of this timing in a regime (not for ``ANNUAL``)."""
        zero = np.zeros(())
        if self is Timing.ANNUAL:
            raise ValueError("an annual component has no approval schedule")
        if self in (Timing.APPROVAL, Timing.REAPPROVAL) and regime != CURRENT:
            first_dropped = np.ones(()) if self is Timing.REAPPROVAL else np.asarray(p["policy.first_update_sunk"], dtype=float)
            return Schedule(np.asarray(p["policy.reapproval_years"], dtype=float),
                            np.asarray(p["policy.first_approval_year"], dtype=float), zero, first_dropped)
        return Schedule(np.asarray(p["policy.baseline_reapproval_years"], dtype=float),
                        np.asarray(p["policy.baseline_first_year"], dtype=float),
                        np.asarray(p["policy.baseline_staggered"], dtype=float), zero)

    def weights(self, p: Params, years: int, regime: str = GIVEN) -> np.ndarray:
        """Occurrences per agency in each year 1..years, shape (..., years)."""
        if self is Timing.ANNUAL:
            return np.ones(years)
        return year_weights(self.schedule(p, regime), years)

    def perpetual(self, p: Params, rate, regime: str = GIVEN) -> np.ndarray:
        """Present value at ``rate`` (> 0) of one USD per occurrence for ever (see ``perpetual_weight``)."""
        if self is Timing.ANNUAL:
            return 1.0 / np.asarray(rate, dtype=float)
        return perpetual_weight(self.schedule(p, regime), rate)


def year_weights(s: Schedule, years: int) -> np.ndarray:
    """Occurrences per agency in each year 1..years, shape (..., years)."""
    k = np.asarray(s.interval, dtype=float)[..., None]
    cycle = cycle_mask(s.interval, s.first_year, years)
    first = (np.arange(1, years + 1) == np.asarray(s.first_year, dtype=float)[..., None]).astype(float)
    w = np.where(np.asarray(s.staggered)[..., None] > 0, 1.0 / k, cycle)
    return w - np.asarray(s.sunk, dtype=float)[..., None] * first


def perpetual_weight(s: Schedule, rate) -> np.ndarray:
    """Present value at ``rate`` of the schedule's occurrences over an unending horizon, per USD of
    one occurrence, end-of-year convention: sum over t = f, f + k, ... of (1 + r)^-t =
    (1 + r)^-f / (1 - (1 + r)^-k), less (1 + r)^-f if the first is sunk; staggered: 1 / (k r)."""
    r = np.asarray(rate, dtype=float)
    v_first = (1 + r) ** -np.asarray(s.first_year, dtype=float)
    k = np.asarray(s.interval, dtype=float)
    cycle = v_first / (1 - (1 + r) ** -k) - np.asarray(s.sunk, dtype=float) * v_first
    return np.where(np.asarray(s.staggered) > 0, 1.0 / (k * r), cycle)
