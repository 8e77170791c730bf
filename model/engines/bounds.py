"""Low and high of the A-4 accounting statement from the Monte Carlo distribution (``core.accounting.Bounds``)."""

from __future__ import annotations

from typing import Sequence

from model.core.accounting import Bounds
from model.core.errors import ModelInputError
from model.core.parameters import Assumptions
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.engines.montecarlo import accounting_percentiles

METHODS = ("montecarlo", "ranges")


def montecarlo_note(draws: int, seed: int) -> str:
    """How Monte Carlo low/high were obtained, for the source column and the provenance."""
    return f"low/high: P5/P95 of {draws:,} Monte Carlo draws (seed {seed})"


def accounting_record(a: Assumptions, draws: int, seed: int, sampler: str = "lhs") -> dict:
    """What the low/high draws were, for the provenance: draws, seed, sampler, the distributions drawn
    and the rank correlations imposed ("a ~ b" -> rho)."""
    from model.engines.plan import sampling_plan

    plan = sampling_plan(a)
    return {"draws": int(draws), "seed": int(seed), "sampler": sampler, "distributions": plan.specs(),
            "correlations": plan.correlations()}


def montecarlo_bounds(a: Assumptions, draws: int, seed: int, years: int | None = None,
                      rates: Sequence[float] | None = None, framings: Sequence[str] = FRAMINGS,
                      modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS) -> Bounds:
    """P5 and P95 of the accounting figures (present values and annualized values of the ``framings``,
    ``modes`` and ``levels`` given: only what the statement shows) over ``draws`` Latin hypercube draws
    from ``seed``."""
    return Bounds(accounting_percentiles(a, draws=draws, seed=seed, years=years, rates=rates, year1=False,
                                         framings=framings, modes=modes, levels=levels),
                  montecarlo_note(draws, seed))


def statement_bounds(a: Assumptions, method: str, draws: int, seed: int, years: int | None = None,
                     rates: Sequence[float] | None = None, framings: Sequence[str] = FRAMINGS,
                     modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS) -> Bounds | None:
    """The bounds for ``method``: ``montecarlo`` (percentiles of the statement's rows) or ``ranges`` (None:
    the core's bounding case)."""
    if method == "ranges":
        return None
    if method == "montecarlo":
        return montecarlo_bounds(a, draws, seed, years, rates, framings, modes, levels)
    raise ModelInputError(f"accounting method: expected {' or '.join(METHODS)}, got {method!r}")
