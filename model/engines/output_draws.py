"""One output's draws (USD), rebuilt from the per-draw terms a simulation stores: the timing-group
amounts of each regime and the few parameters they combine with (``fastpv.combine``).

``terms``: regime -> {"groups": {timing: (x0, xd)}, "params": {id: value}}, each value a scalar or
an array over the draws.
"""

from __future__ import annotations

import numpy as np

from model.core.errors import ModelInputError
from model.core.regimes import FRAMING_TERMS
from model.core.stream import FRAMINGS, LEVELS, external_share
from model.engines.fastpv import Evaluator, combine

STAT_BLOCK = 2 ** 18  # draws per block when rebuilding outputs or summing (block temporaries stay in cache)


def agency_count(terms: dict):
    """agencies.count per draw (the same in every regime)."""
    return next(iter(terms.values()))["params"]["agencies.count"]


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
