"""Fast evaluation of year-1 cost and present values without building (draws, years) arrays.

The stream (``model.stream``) places each component in years by its timing: ``annual`` every year,
``approval`` and ``baseline_approval`` on a policy schedule (``stream.schedule``: the proposed
rule's cycle, or the current rule's, staggered or not). So for a component amount X (USD per
occurrence):

- annual: year-1 cost = X, PV at r = X x annuity factor(r, years);
- on a schedule: year-1 cost and PV = X x the sum of the quantity's year weights over the
  occurrence years: a lookup by (interval, first year) in a small table built with
  ``stream.cycle_mask`` and ``discount.discount_factors``; staggered, the annual factor / interval;
  less the first occurrence's weight when it is sunk.

Every component is linear in the external-coaching share e (0 internal, 1 external, the mixed share
between), so each timing group is kept as (value at e = 0, slope in e): the three coaching modes
then cost one evaluation of the components. Each framing is a signed sum of regimes
(``regimes.FRAMING_TERMS``). ``tests/test_montecarlo.py`` checks all of this against
``model.stream`` and ``model.discount`` to 1e-9.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from model.core.vocabulary import FRAMINGS, GIVEN, LEVELS, MODES, REGIMES, YEAR1
from model.core.components import COMPONENTS, Share
from model.core.discount import annuity_factor, discount_factors
from model.core.errors import ModelInputError
from model.core.parameters import Assumptions
from model.core.regimes import FRAMING_TERMS, regime_params
from model.core.results import discount_rates, horizon
from model.core.quantities import pv_name
from model.core.stream import agencies_covered, external_share
from model.core.timing import Timing, cycle_mask

TIMINGS = tuple(Timing)


def quantities(a: Assumptions, rates: Sequence[float] | None = None) -> tuple[str, ...]:
    """Output quantities: year-1 total and PV at each rate (default: the accounting rates, ``pv_3``,
    ``pv_7``)."""
    rates = discount_rates(a) if rates is None else sorted(set(map(float, rates)))
    return (YEAR1, *(pv_name(r) for r in rates))


@dataclass
class Evaluator:
    """Precomputed factors for one horizon and set of rates: annual factor, year weights and
    approval-year lookup table per quantity."""

    years: int
    quantity_names: tuple[str, ...]
    rates: tuple[float, ...]
    annual: dict  # quantity -> scalar factor (1 for year 1, annuity factor for PVs)
    tables: dict  # quantity -> array [interval, first_year] of summed weights over occurrence years
    weights: dict  # quantity -> weight of each year 1..years (index 0 = year 1)

    @classmethod
    def build(cls, a: Assumptions, years: int | None = None, rates: Sequence[float] | None = None) -> "Evaluator":
        """Factors for horizon ``years`` (default analysis.horizon_years) and discount ``rates``
        (default the accounting rates), both checked where they were given (``api.checks``, the assumption files)."""
        n = horizon(a, years)
        rates = discount_rates(a) if rates is None else sorted(set(map(float, rates)))
        names = quantities(a, rates)
        weights = {YEAR1: np.eye(1, n)[0]}
        annual = {YEAR1: 1.0}
        for r, q in zip(rates, names[1:]):
            weights[q] = discount_factors(r, n)
            annual[q] = float(annuity_factor(r, n))
        k = np.arange(1, n + 1)[:, None]       # intervals 1..n (longer ones behave like n)
        f = np.arange(1, n + 2)[None, :]       # first years 1..n+1 (n+1: never within the horizon)
        mask = cycle_mask(k, f, n)             # (n, n+1, years)
        tables = {q: np.pad(mask @ w, ((1, 0), (1, 0))) for q, w in weights.items()}  # index 0 unused
        return cls(n, names, tuple(rates), annual, tables, weights)

    def group_terms(self, p: Mapping) -> dict[Timing, tuple[np.ndarray, np.ndarray]]:
        """Per timing group: (amount at external share 0, slope per unit of external share), USD per
        agency per occurrence, each broadcast over the draws in ``p``. Exact because every component
        declares its dependence on the share (``Share``, checked when the registry is built): NONE
        components are evaluated once, LINEAR ones at shares 0 and 1."""
        zero, one = np.zeros(()), np.ones(())
        out = {}
        for timing in TIMINGS:
            x0, slope = 0.0, 0.0
            for c in COMPONENTS:
                if c.timing is not timing:
                    continue
                at0 = np.asarray(c.func(p, zero), dtype=float)
                x0 = x0 + at0
                if c.share is Share.LINEAR:
                    slope = slope + (np.asarray(c.func(p, one), dtype=float) - at0)
            out[timing] = (np.asarray(x0, dtype=float), slope)
        return out

    def lookup(self, quantity: str, interval, first_year) -> np.ndarray:
        """Sum of the quantity's year weights over occurrence years (by interval and first year, whole years
        >= 1; nothing is rounded here: a count is whole when loaded and when drawn, ``rules.enforce_rules``). An
        interval longer than the horizon has the same occurrence years as one of the horizon's length, and a
        first year after it none: both are read from the table's last row or column, which is exact."""
        k, f = _whole_years(interval, "interval"), _whole_years(first_year, "first year")
        return self.tables[quantity][np.minimum(k, self.years), np.minimum(f, self.years + 1)]

    def schedule_factor(self, quantity: str, p: Mapping, timing: Timing, regime: str):
        """The quantity's factor for an approval-timed group in a regime (``Timing.schedule``):
        cycle lookup, or annual factor / interval when staggered, less the sunk first occurrence."""
        s = timing.schedule(p, regime)
        factor = self.lookup(quantity, s.interval, s.first_year)
        if not (np.ndim(s.sunk) == 0 and s.sunk == 0):
            f = _whole_years(s.first_year, "first year")
            w = np.append(self.weights[quantity], 0.0)  # first year beyond the horizon: weight 0
            factor = factor - s.sunk * w[np.minimum(f, self.years + 1) - 1]
        if not (np.ndim(s.staggered) == 0 and s.staggered == 0):
            factor = np.where(s.staggered > 0, self.annual[quantity] / s.interval, factor)
        return factor


def _whole_years(x, what: str) -> np.ndarray:
    """A policy schedule's interval or first year as whole years >= 1 (integer array); anything else is refused."""
    v = np.asarray(x, dtype=float)
    if not (np.all(v == np.floor(v)) and np.all(v >= 1)):
        bad = v[(v != np.floor(v)) | ~(v >= 1)].ravel()[:3]
        raise ModelInputError(f"policy schedule {what}: expected whole years from 1, got {', '.join(f'{b:g}' for b in bad)}")
    return v.astype(np.intp)


def combine(ev: Evaluator, terms: Mapping[str, tuple], timing: Mapping[str, object], share, quantity: str,
            regime: str = GIVEN):
    """Per-agency quantity of one regime from group terms: sum over timing groups of
    (x0 + share x slope) x factor; ``timing`` holds the schedule parameters (``timing.SCHEDULE_IDS``)."""
    total = 0.0
    for g in TIMINGS:
        x0, xd = terms[g]
        no_slope = (np.ndim(xd) == 0 and xd == 0) or (np.ndim(share) == 0 and share == 0)
        amount = x0 if no_slope else x0 + share * xd
        if np.ndim(amount) == 0 and amount == 0:
            continue  # a group with nothing in it (e.g. the switched-off baseline offset)
        factor = ev.annual[quantity] if g is Timing.ANNUAL else ev.schedule_factor(quantity, timing, g, regime)
        total = total + amount * factor
    return total


def regimes_for(framings: Sequence[str]) -> tuple[str, ...]:
    """The regimes the framings need, in ``REGIMES`` order."""
    need = {r for f in framings for r, _ in FRAMING_TERMS[f]}
    return tuple(r for r in REGIMES if r in need)


def evaluate(ev: Evaluator, p: Mapping, modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS,
             framings: Sequence[str] = FRAMINGS, quantities_: Sequence[str] | None = None) -> dict:
    """All outputs for parameters ``p`` (floats or arrays of draws): {(framing, mode, level, quantity):
    USD}. Per agency, government = per agency x ``stream.agencies_covered``."""
    names = ev.quantity_names if quantities_ is None else quantities_
    params = {r: regime_params(p, r) for r in regimes_for(framings)}
    covered = agencies_covered(p)
    terms = {r: ev.group_terms(q) for r, q in params.items()}
    out = {}
    for mode in modes:
        for q in names:
            val = {r: combine(ev, terms[r], params[r], external_share(params[r], mode), q, r) for r in params}
            for framing in framings:
                agency = sum(sign * val[r] for r, sign in FRAMING_TERMS[framing])
                for level in levels:
                    out[(framing, mode, level, q)] = agency if level == "agency" else agency * covered
    return out
