"""Cost streams over the analysis horizon, per agency and government-wide, for each coaching mode
and framing. Arrays: a parameter given as shape (N,) yields streams of shape (N, years).

Timing. ``annual`` components recur every year. Policy (re)approval components fall on a schedule:
- the proposed rule's (regimes ``published`` and ``rule``, timing ``approval``): years
  policy.first_approval_year, + policy.reapproval_years, ... (1, 4, 7, 10 with the defaults), the
  first one counted only if policy.first_update_sunk = 0;
- the current rule's (regime ``current``, and the complete accounting's ``baseline_approval``
  offset): every policy.baseline_reapproval_years, either staggered evenly across agencies
  (policy.baseline_staggered = 1: 1 / interval of the agencies each year, so a per-agency weight of
  1 / interval every year) or all from policy.baseline_first_year.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from model.core.components import COMPONENTS, TOTAL
from model.core.errors import ModelInputError
from model.core.labor import Params
from model.core.regimes import CURRENT, FRAMING_TERMS, FRAMINGS, PUBLISHED, regime_params

LEVELS = ("agency", "government")
ANNUAL, APPROVAL, BASELINE_APPROVAL = "annual", "approval", "baseline_approval"
# The schedule parameters (stored per regime by the Monte Carlo).
SCHEDULE_IDS = ("policy.reapproval_years", "policy.first_approval_year", "policy.first_update_sunk",
                "policy.baseline_reapproval_years", "policy.baseline_first_year", "policy.baseline_staggered")

__all__ = ["FRAMINGS", "LEVELS", "Schedule", "schedule", "year_weights", "perpetual_weight", "agency_stream",
           "regime_stream", "framed_stream", "to_level", "external_share", "cycle_mask"]


class Schedule(NamedTuple):
    """When occurrences fall: every ``interval`` years from ``first_year``, or (``staggered`` = 1) a
    weight of 1 / interval every year; ``sunk`` = 1 drops the first occurrence."""

    interval: np.ndarray
    first_year: np.ndarray
    staggered: np.ndarray
    sunk: np.ndarray


def external_share(p: Params, mode: str) -> np.ndarray:
    """Share of an agency's coaching bought externally: 0 internal, 1 external, and for ``mixed``
    (agencies.count - coaching.internal_program_agencies) / agencies.count."""
    if mode == "internal":
        return np.zeros(())
    if mode == "external":
        return np.ones(())
    if mode == "mixed":
        n = np.asarray(p["agencies.count"], dtype=float)
        k = np.asarray(p["coaching.internal_program_agencies"], dtype=float)
        return np.divide(n - k, n, out=np.zeros(np.broadcast(n, k).shape), where=n > 0)
    raise ModelInputError(f"coaching mode: expected internal, external or mixed, got {mode!r}")


def cycle_mask(interval: np.ndarray, first_year: np.ndarray, years: int) -> np.ndarray:
    """1.0 in (re)approval years first_year, first_year + interval, ... within 1..years, else 0.0.
    Shape: broadcast(interval, first_year) + (years,)."""
    y = np.arange(1, years + 1)
    k = np.asarray(interval, dtype=float)[..., None]
    f = np.asarray(first_year, dtype=float)[..., None]
    return ((y >= f) & (np.mod(y - f, k) == 0)).astype(float)


def schedule(p: Params, timing: str, regime: str = PUBLISHED) -> Schedule:
    """The schedule of an approval-timed component in a regime: the proposed rule's cycle, or the
    current rule's (for the ``current`` regime and the ``baseline_approval`` timing)."""
    zero = np.zeros(())
    if timing == APPROVAL and regime != CURRENT:
        return Schedule(np.asarray(p["policy.reapproval_years"], dtype=float),
                        np.asarray(p["policy.first_approval_year"], dtype=float), zero,
                        np.asarray(p["policy.first_update_sunk"], dtype=float))
    if timing in (APPROVAL, BASELINE_APPROVAL):
        return Schedule(np.asarray(p["policy.baseline_reapproval_years"], dtype=float),
                        np.asarray(p["policy.baseline_first_year"], dtype=float),
                        np.asarray(p["policy.baseline_staggered"], dtype=float), zero)
    raise ModelInputError(f"timing: expected {APPROVAL} or {BASELINE_APPROVAL}, got {timing!r}")


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


def timing_weights(p: Params, timing: str, years: int, regime: str = PUBLISHED) -> np.ndarray:
    """Occurrence weights by year for a component timing in a regime, shape (..., years)."""
    if timing == ANNUAL:
        return np.ones(years)
    return year_weights(schedule(p, timing, regime), years)


def regime_stream(p: Params, mode: str, years: int, regime: str = PUBLISHED) -> dict[str, np.ndarray]:
    """Per-agency cost by component and year in one regime, USD, shape (..., years); with ``total``.
    ``p`` is the parameters as given; the regime's own parameters are derived from them."""
    q = regime_params(p, regime)
    ext = external_share(q, mode)
    out: dict[str, np.ndarray] = {}
    for c in COMPONENTS:
        out[c.name] = np.asarray(c.func(q, ext), dtype=float)[..., None] * timing_weights(q, c.timing, years, regime)
    out[TOTAL] = sum(out[c.name] for c in COMPONENTS)
    return out


def agency_stream(p: Params, mode: str, years: int) -> dict[str, np.ndarray]:
    """Per-agency cost by component and year as published (the parameters as given), USD."""
    return regime_stream(p, mode, years, PUBLISHED)


def framed_stream(p: Params, mode: str, framing: str, years: int) -> dict[str, np.ndarray]:
    """Per-agency stream in a framing: ``as_published`` (the NPRM's framing) or ``incremental``
    (the ``rule`` regime minus the ``current`` regime, component by component and year by year)."""
    if framing not in FRAMING_TERMS:
        raise ModelInputError(f"framing: expected {' or '.join(FRAMINGS)}, got {framing!r}")
    out: dict[str, np.ndarray] = {}
    for regime, sign in FRAMING_TERMS[framing]:
        s = regime_stream(p, mode, years, regime)
        for name, v in s.items():
            out[name] = out[name] + sign * v if name in out else sign * v
    return out


def perpetual_value(p: Params, mode: str, framing: str, rate: float) -> np.ndarray:
    """Present value per agency, USD, of the framing's cost stream continued for ever at ``rate``
    (> 0): annual components / r plus each approval component x ``perpetual_weight`` of its schedule."""
    total = 0.0
    for regime, sign in FRAMING_TERMS[framing]:
        q = regime_params(p, regime)
        ext = external_share(q, mode)
        for c in COMPONENTS:
            w = 1.0 / np.asarray(rate, dtype=float) if c.timing == ANNUAL else \
                perpetual_weight(schedule(q, c.timing, regime), rate)
            total = total + sign * np.asarray(c.func(q, ext), dtype=float) * w
    return np.asarray(total, dtype=float)


def to_level(p: Params, agency_values: np.ndarray, level: str) -> np.ndarray:
    """Per-agency values scaled to a level: ``agency`` as is, ``government`` x agencies.count."""
    if level == "agency":
        return agency_values
    if level == "government":
        n = np.asarray(p["agencies.count"], dtype=float)
        return agency_values * n.reshape(n.shape + (1,) * (np.ndim(agency_values) - n.ndim))
    raise ModelInputError(f"level: expected agency or government, got {level!r}")
