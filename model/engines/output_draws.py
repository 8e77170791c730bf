"""One output's draws (USD), rebuilt from the per-draw terms a simulation stores: the timing-group
amounts of each regime and the few parameters they combine with (``fastpv.combine``).

``terms``: regime -> {"groups": {timing: (x0, xd)}, "params": {id: value}}, each value a scalar or
an array over the draws. When both are simulated, the rule's annual group holds rule - current and the current
rule's is zero (``net_annual``): only the incremental framing uses them, and only their difference.
"""

from __future__ import annotations

import numpy as np

from model.core.vocabulary import CURRENT, FRAMINGS, LEVELS, RULE
from model.core.errors import ModelInputError
from model.core.regimes import FRAMING_TERMS
from model.core.stream import agencies_covered, external_share
from model.core.timing import Timing
from model.engines.fastpv import Evaluator, combine

STAT_BLOCK = 2 ** 18  # draws per block when rebuilding outputs or summing (block temporaries stay in cache)


def agency_count(terms: dict):
    """Agencies covered per draw (``stream.agencies_covered``: agencies.count, times the voluntary adoption share
    under guidance only), the same in every regime: government = per agency x this."""
    return agencies_covered(next(iter(terms.values()))["params"])


def net_annual(per_side: dict) -> None:
    """Keep only the difference of the rule's and the current rule's annual groups (in place on one chunk's
    results, regime -> (group terms, parameters)). The incremental framing is rule - current; an annual group's
    factor (the annuity factor) is the same in every regime and so is the coaching share, since no regime changes
    the agency counts (``regimes``; tested), so (x0_r + s xd_r) f - (x0_c + s xd_c) f = ((x0_r - x0_c) + s (xd_r -
    xd_c)) f: the rule's annual group becomes the difference and the current rule's zero, one array fewer a draw."""
    if RULE not in per_side or CURRENT not in per_side:
        return
    rule, current = per_side[RULE][0], per_side[CURRENT][0]
    (r0, rd), (c0, cd) = rule[Timing.ANNUAL], current[Timing.ANNUAL]
    rule[Timing.ANNUAL] = (np.subtract(r0, c0), np.subtract(rd, cd))
    current[Timing.ANNUAL] = (np.zeros(()), np.zeros(()))


def output_draws(ev: Evaluator, terms: dict, mode: str, level: str, quantity: str, framing: str, n: int,
                 out: np.ndarray | None = None) -> np.ndarray:
    """The ``n`` draws of one output (USD): ``quantity`` for coaching ``mode`` at ``level`` under
    ``framing``, in blocks of STAT_BLOCK draws, written into ``out`` (float64, shape (n,)) when given.
    Raises ModelInputError for an unknown one."""
    if quantity not in ev.quantity_names:
        raise ModelInputError(f"quantity: expected one of {', '.join(ev.quantity_names)}, got {quantity!r}")
    have = [f for f in FRAMINGS if all(r in terms for r, _ in FRAMING_TERMS[f])]
    if framing not in have:
        raise ModelInputError(f"framing: expected one of {', '.join(have)}, got {framing!r}")
    if level not in LEVELS:
        raise ModelInputError(f"level: expected one of {', '.join(LEVELS)}, got {level!r}")
    out = np.empty(n) if out is None else out
    for start in range(0, n, STAT_BLOCK):  # blocks of draws keep the temporaries small
        stop = min(n, start + STAT_BLOCK)
        cut = lambda v: v[start:stop] if np.ndim(v) else v  # noqa: E731
        agency = 0.0
        for regime, sign in FRAMING_TERMS[framing]:
            t = terms[regime]
            params = {k: cut(v) for k, v in t["params"].items()}
            groups = {g: (cut(x0), cut(xd)) for g, (x0, xd) in t["groups"].items()}
            agency = agency + sign * combine(ev, groups, params, external_share(params, mode), quantity, regime)
        out[start:stop] = agency if level == "agency" else agency * cut(agency_count(terms))
    return out
