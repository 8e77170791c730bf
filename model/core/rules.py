"""Cross-parameter rules: one table, used both to reject an inconsistent parameter set (the loader,
scenario files, --set, the app) and to clamp Monte Carlo draws and range ends.

A current practice or current minimum above a proposed requirement is not a rule violation: the
added amount is clamped at 0 by the formulas, and ``regimes.clamp_notes`` says so.
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

import numpy as np

from model.core.errors import ModelInputError


class Rule(NamedTuple):
    """``param`` must be at most (``le``) or at least (``ge``) ``bound``."""

    param: str
    bound: str
    how: str  # "le", "ge" or "lt" (strictly below)


RULES: tuple[Rule, ...] = (
    Rule("coaching.internal_program_agencies", "agencies.count", "le"),
    # the A-4 pair: two distinct rates, the low one first (equal rates would collapse into one column)
    Rule("analysis.discount_rate_low", "analysis.discount_rate_high", "lt"),
)
# Topics whose parameters are fixed for a whole run (horizon, rates, dollar year, seeds, thresholds): a
# distribution given to one of them would be listed as drawn and change nothing, so it is refused.
UNDRAWN_TOPICS = ("analysis", "context")


def drawable(pid: str) -> bool:
    """Whether a parameter may be given a distribution (it changes the costs draw by draw)."""
    return pid.split(".", 1)[0] not in UNDRAWN_TOPICS
_WORDS = {"le": "at most", "ge": "at least", "lt": "below"}


def _broken(x, lim, how: str):
    if how == "lt":
        return x >= lim
    return x > lim if how == "le" else x < lim


def check_rules(values: Mapping[str, float], origin: str) -> None:
    """Raise ModelInputError (one line, naming both parameters) if scalar ``values`` break a rule."""
    for r in RULES:
        if _broken(values[r.param], values[r.bound], r.how):
            raise ModelInputError(f"{origin}: {r.param}: expected {_WORDS[r.how]} {r.bound} "
                                  f"({values[r.bound]:g}), got {values[r.param]:g}")


def enforce_rules(kinds: Mapping[str, str], p: dict, varied: Sequence[str], clamped: dict | None = None) -> dict:
    """Round the count-kind parameters in ``varied`` (``kinds``: id -> kind) to whole numbers, then clamp
    every rule touching a varied parameter, adding the number of clamped draws to ``clamped``
    (id -> count). Works on scalars and arrays of draws; modifies and returns ``p``."""
    for pid in varied:
        if kinds[pid] == "count":
            p[pid] = np.rint(p[pid])
    for r in RULES:
        if r.param in varied or r.bound in varied:
            x, lim = np.asarray(p[r.param], dtype=float), np.asarray(p[r.bound], dtype=float)
            bad = _broken(x, lim, r.how)
            if np.any(bad):
                if clamped is not None:
                    clamped[r.param] = clamped.get(r.param, 0) + int(np.count_nonzero(bad))
                p[r.param] = np.where(bad, lim, x)
    return p
