"""Range ends of a figure: its lowest and highest value over the box of the uncertainty spec's ranges
(``plan.UncertaintySpec.ends``). The one function every "ranges" figure uses: the A-4 statement's low and high
by the ranges method and the omitted costs' ranges.

A cost here is a sum of products of parameters and of kinks such as max(0, proposed - today); it is monotone in
each parameter once the others are fixed, so its extremes over the box lie at corners. With few parameters every
corner is evaluated (one vectorized call). With more, the search starts at the corner one-at-a-time directions give
(each parameter at the end that lowers, or raises, the figure from the values in force) and then flips one
parameter at a time while a flip improves the figure: that finds the corners where several parameters must move
together to leave a kink flat at the values in force (max(0, 80 - 100) stays 0 if only one of the two moves).
"""

from __future__ import annotations

import itertools
from typing import Callable, Mapping, Sequence

import numpy as np

from model.core.parameters import Assumptions
from model.core.rules import enforce_rules

EXACT_CORNERS = 12  # up to 2^12 corners evaluated in one call; beyond, the flip search
Figure = Callable[[Mapping], np.ndarray]  # parameters (floats or arrays of points) -> the figure at each point


def points(a: Assumptions, ids: Sequence[str], grid: np.ndarray, base: Mapping | None = None) -> dict:
    """Parameters at each row of ``grid`` (points x len(ids), parameter units) for ``ids``, the rest at ``base``
    (default the values in force), with the Monte Carlo's draw rules (whole counts, clamps) applied."""
    p = dict(a.values if base is None else base)
    for j, pid in enumerate(ids):
        p[pid] = grid[:, j]
    return enforce_rules(a.kinds(), p, list(ids))


def _one_at_a_time(a: Assumptions, f: Figure, ids, lo, hi) -> np.ndarray:
    """Per parameter, True where its high end gives the larger figure (the others at their values)."""
    base = np.array([float(a.values[pid]) for pid in ids])
    grid = np.repeat(base[None, :], 2 * len(ids), axis=0)
    for j in range(len(ids)):
        grid[2 * j, j], grid[2 * j + 1, j] = lo[j], hi[j]
    v = np.broadcast_to(f(points(a, ids, grid)), (2 * len(ids),))
    return v[1::2] >= v[0::2]


def _flip_search(a: Assumptions, f: Figure, ids, lo, hi, up: np.ndarray, sign: float) -> float:
    """Best value of sign x figure over corners reached from ``up`` (True: the high end) by single flips."""
    d = len(ids)
    corner = up.copy()
    at = lambda c: np.where(c, hi, lo)  # noqa: E731  (corners, bool (..., d) -> values)
    best = float(sign * np.broadcast_to(f(points(a, ids, at(corner)[None, :])), (1,))[0])
    for _ in range(4 * d):  # each pass strictly improves, so this bound is never reached in practice
        flips = np.repeat(corner[None, :], d, axis=0)
        flips[np.arange(d), np.arange(d)] ^= True
        v = sign * np.broadcast_to(f(points(a, ids, at(flips))), (d,))
        j = int(np.argmax(v))
        if v[j] <= best + 1e-9 * max(1.0, abs(best)):
            break
        corner, best = flips[j], float(v[j])
    return sign * best


def extremes(a: Assumptions, f: Figure, ids: Sequence[str], lo: np.ndarray, hi: np.ndarray,
             exact: int = EXACT_CORNERS) -> tuple[float, float]:
    """Lowest and highest value of the figure ``f`` (its units, USD here) with the parameters ``ids`` over the box
    [lo, hi] (the rest at their values): every corner when there are at most ``exact`` parameters, else the flip
    search from the one-at-a-time corner (see the module's docstring)."""
    ids = list(ids)
    if not ids:
        v = float(np.broadcast_to(f(dict(a.values)), (1,))[0])
        return v, v
    if len(ids) <= exact:
        grid = np.array(list(itertools.product(*zip(lo, hi))), dtype=float)
        v = np.broadcast_to(f(points(a, ids, grid)), (len(grid),))
        return float(np.min(v)), float(np.max(v))
    up = _one_at_a_time(a, f, ids, lo, hi)
    return _flip_search(a, f, ids, lo, hi, ~up, -1.0), _flip_search(a, f, ids, lo, hi, up, 1.0)
