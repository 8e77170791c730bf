"""Summaries of a simulation's draws: moments, percentiles, exceedance probabilities and the
convergence table, for every (coaching mode, framing, quantity) at both levels.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Sequence

import numpy as np
import pandas as pd

from model.core.parameters import MODES
from model.core.stream import LEVELS
from model.engines.fastpv import Evaluator
from model.engines.output_draws import STAT_BLOCK, agency_count, output_draws

PERCENTILES = (5, 10, 50, 90, 95)
SUMMARY_COLUMNS = ["coaching", "level", "framing", "quantity", "mean", "sd", "se",
                   *(f"p{q}" for q in PERCENTILES), "min", "max"]
CONVERGENCE_START = 100  # first draw count of the convergence table (then x10 up to all draws)


def _percentiles_sorted(x: np.ndarray, qs: Sequence[float]) -> list[float]:
    """Percentiles of a sorted array by linear interpolation (numpy's default method)."""
    n = len(x)
    out = []
    for q in qs:
        h = (n - 1) * q / 100
        lo = int(math.floor(h))
        hi = min(lo + 1, n - 1)
        out.append(float(x[lo] + (h - lo) * (x[hi] - x[lo])))
    return out


def _moments(x: np.ndarray, scale=1.0) -> dict:
    """Mean, standard deviation (n - 1) and standard error of the mean of ``x x scale``, summed in
    fixed blocks of draws so no second full-size array is needed."""
    n = len(x)
    blocks = range(0, n, STAT_BLOCK)
    mean = sum(float(np.sum(x[i:i + STAT_BLOCK] * scale)) for i in blocks) / n
    ss = sum(float(np.sum((x[i:i + STAT_BLOCK] * scale - mean) ** 2)) for i in blocks)
    sd = math.sqrt(ss / (n - 1)) if n > 1 else 0.0
    return {"mean": mean, "sd": sd, "se": sd / math.sqrt(n)}


def _order_stats(sorted_x: np.ndarray) -> dict:
    row = {f"p{q}": v for q, v in zip(PERCENTILES, _percentiles_sorted(sorted_x, PERCENTILES))}
    row.update({"min": float(sorted_x[0]), "max": float(sorted_x[-1])})
    return row


def convergence_points(draws: int) -> list[int]:
    """Draw counts of the convergence table: 100, 1,000, ... and all draws."""
    pts, m = [], CONVERGENCE_START
    while m < draws:
        pts.append(m)
        m *= 10
    return pts + [draws]


def _convergence(x: np.ndarray, scale, n: int) -> list[tuple[int, float, float]]:
    """(draws, mean, P95) of the first m draws of ``x x scale`` for each convergence point below n."""
    return [(m, float(np.mean(x[:m] * scale)), float(np.percentile(x[:m] * scale, 95)))
            for m in convergence_points(n)[:-1]]


def _summary_task(ev: Evaluator, terms: dict, n: int, mode: str, framing: str, q: str, thresholds,
                  with_convergence: bool) -> tuple[list, list, list]:
    """Summary, exceedance and convergence rows of one (mode, framing, quantity) at both levels.
    Memory: one output array at a time, sorted in place. When agencies.count is fixed, the
    government array is the sorted agency array times the count (sorting commutes with a positive
    constant factor)."""
    rows, ex_rows, conv_rows = [], [], []

    def emit(level: str, moments: dict, xs: np.ndarray, conv: list) -> None:
        key = {"coaching": mode, "level": level, "framing": framing, "quantity": q}
        row = {**key, **moments, **_order_stats(xs)}
        rows.append(row)
        ex_rows.extend({**key, "threshold": t, "probability": float((n - np.searchsorted(xs, t, side="right")) / n)}
                       for t in thresholds)
        if with_convergence:
            conv_rows.extend({"draws": m, **key, "mean": mean, "p95": p95} for m, mean, p95 in conv)
            conv_rows.append({"draws": n, **key, "mean": row["mean"], "p95": row["p95"]})

    count = agency_count(terms)
    if np.ndim(count) == 0 and count > 0:
        x = output_draws(ev, terms, mode, "agency", q, framing, n)
        stats = {"agency": _moments(x), "government": _moments(x, count)}
        conv = {lv: _convergence(x, c, n) if with_convergence else [] for lv, c in (("agency", 1.0),
                                                                                    ("government", count))}
        x.sort()
        emit("agency", stats["agency"], x, conv["agency"])
        x *= count
        emit("government", stats["government"], x, conv["government"])
    else:
        for level in LEVELS:
            x = output_draws(ev, terms, mode, level, q, framing, n)
            moments, conv = _moments(x), _convergence(x, 1.0, n) if with_convergence else []
            x.sort()
            emit(level, moments, x, conv)
            del x
    return rows, ex_rows, conv_rows


def summarize(ev: Evaluator, terms: dict, n: int, framings, thresholds):
    """All summary tables; the (mode, framing, quantity) tasks run on a thread per core (numpy's
    sorts and array arithmetic release the GIL). Each task is deterministic, so is the result."""
    tasks = [(mode, framing, q) for mode in MODES for framing in framings for q in ev.quantity_names]
    with ThreadPoolExecutor(max_workers=max(1, min(len(tasks), os.cpu_count() or 1))) as pool:
        done = list(pool.map(lambda t: _summary_task(ev, terms, n, *t, thresholds, t[1] == framings[0]), tasks))
    rows = [r for d in done for r in d[0]]
    ex_rows = [r for d in done for r in d[1]]
    conv_rows = [r for d in done for r in d[2]]
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    exceed = pd.DataFrame(ex_rows, columns=["coaching", "level", "framing", "quantity", "threshold", "probability"])
    conv = pd.DataFrame(conv_rows, columns=["draws", "coaching", "level", "framing", "quantity", "mean", "p95"])
    return summary, exceed, conv
