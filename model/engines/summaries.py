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

from model.core.vocabulary import LEVELS, MODES
from model.engines.fastpv import Evaluator
from model.engines.output_draws import STAT_BLOCK, agency_count, output_draws

PERCENTILES = (5, 10, 50, 90, 95)
SUMMARY_COLUMNS = ["coaching", "level", "framing", "quantity", "mean", "sd", "se",
                   *(f"p{q}" for q in PERCENTILES), "min", "max"]
CONVERGENCE_START = 100  # first draw count of the convergence table (then x10 up to all draws)
SUMMARY_WORKERS = 2  # outputs summarized at once on worker threads (results do not depend on it)
SUMMARY_MEMORY = 2 ** 26  # bytes of output arrays the summary threads may hold at once (64 MiB): at 10^7 draws
# one 80 MB array, so one thread (the peak stays under 1 GB); at 10^6, two


def percentile_ranks(n: int, qs: Sequence[float] = PERCENTILES) -> list[int]:
    """The order statistics (0-based ranks) that the percentiles ``qs`` of n draws interpolate between
    (numpy's default, linear method): floor(h) and floor(h) + 1 for h = (n - 1) q / 100."""
    ranks = set()
    for q in qs:
        h = (n - 1) * q / 100
        lo = int(math.floor(h))
        ranks.update((lo, min(lo + 1, n - 1)))
    return sorted(ranks)


def select_ranks(x: np.ndarray, ranks: Sequence[int]) -> None:
    """Partially order ``x`` in place so that x[k] is its k-th smallest value for every k in ``ranks``. The
    first rank of each run of consecutive ranks (a percentile's floor(h)) is selected by a single-rank
    ``np.partition``, at the middle such rank first, then the same on each side; each following rank of the run
    (its floor(h) + 1) is then the smallest of what lies above, moved into place. The values at those places are
    exactly those a full sort would put there (tested), at a fraction of its cost."""
    ks = sorted(set(ranks))
    heads = [k for k in ks if k - 1 not in ks]
    stack = [(0, len(x), heads)]
    while stack:
        lo, hi, part = stack.pop()
        if not part:
            continue
        mid = len(part) // 2
        k = part[mid]
        x[lo:hi].partition(k - lo)
        stack.append((lo, k, part[:mid]))
        stack.append((k + 1, hi, part[mid + 1:]))
    wanted = set(ks)
    for i, head in enumerate(heads):
        stop = heads[i + 1] if i + 1 < len(heads) else len(x)
        k = head + 1
        while k in wanted:  # x[k:stop] holds exactly the values ranked k .. stop - 1
            seg = x[k:stop]
            j = int(np.argmin(seg))
            seg[0], seg[j] = seg[j], seg[0]
            k += 1


def _percentiles_selected(x: np.ndarray, qs: Sequence[float]) -> list[float]:
    """Percentiles of an array whose ``percentile_ranks`` are in place (``select_ranks``), by linear
    interpolation (numpy's default method)."""
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


def _order_stats(selected: np.ndarray, lowest: float, highest: float) -> dict:
    row = {f"p{q}": v for q, v in zip(PERCENTILES, _percentiles_selected(selected, PERCENTILES))}
    row.update({"min": lowest, "max": highest})
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
                  with_convergence: bool, levels: Sequence[str]) -> tuple[list, list, list]:
    """Summary, exceedance and convergence rows of one (mode, framing, quantity) at ``levels``.
    Memory: one output array at a time, its percentiles selected in place (``select_ranks``). When
    agencies.count is fixed, the government array is the agency array times the count: a positive
    constant factor keeps every order statistic in its place."""
    rows, ex_rows, conv_rows = [], [], []
    ranks = percentile_ranks(n)

    def emit(level: str, moments: dict, xs: np.ndarray, conv: list) -> None:
        if level not in levels:
            return
        key = {"coaching": mode, "level": level, "framing": framing, "quantity": q}
        row = {**key, **moments, **_order_stats(xs, float(xs.min()), float(xs.max()))}
        rows.append(row)
        ex_rows.extend({**key, "threshold": t, "probability": float(np.count_nonzero(xs > t) / n)}
                       for t in thresholds)
        if with_convergence:
            conv_rows.extend({"draws": m, **key, "mean": mean, "p95": p95} for m, mean, p95 in conv)
            conv_rows.append({"draws": n, **key, "mean": row["mean"], "p95": row["p95"]})

    count = agency_count(terms)
    x = np.empty(n)  # the one output array of this task, reused for the second level
    if np.ndim(count) == 0 and count > 0:
        output_draws(ev, terms, mode, "agency", q, framing, n, out=x)
        wanted = {lv: c for lv, c in (("agency", 1.0), ("government", count)) if lv in levels}
        stats = {lv: _moments(x, c) for lv, c in wanted.items()}
        conv = {lv: _convergence(x, c, n) if with_convergence else [] for lv, c in wanted.items()}
        select_ranks(x, ranks)
        if "agency" in wanted:
            emit("agency", stats["agency"], x, conv["agency"])
        if "government" in wanted:
            x *= count
            emit("government", stats["government"], x, conv["government"])
    elif len(levels) == len(LEVELS) and 2 * x.nbytes <= SUMMARY_MEMORY:
        # a drawn count, memory to spare: the government draws are the agency draws times each draw's count
        # (the product output_draws forms), so the model is rebuilt once
        output_draws(ev, terms, mode, "agency", q, framing, n, out=x)
        y = np.multiply(x, count)
        for level, xs in (("agency", x), ("government", y)):
            moments, conv = _moments(xs), _convergence(xs, 1.0, n) if with_convergence else []
            select_ranks(xs, ranks)
            emit(level, moments, xs, conv)
    else:  # a drawn count: each level built in turn into the same array
        for level in LEVELS:
            if level not in levels:
                continue
            output_draws(ev, terms, mode, level, q, framing, n, out=x)
            moments, conv = _moments(x), _convergence(x, 1.0, n) if with_convergence else []
            select_ranks(x, ranks)
            emit(level, moments, x, conv)
    return rows, ex_rows, conv_rows


def summarize(ev: Evaluator, terms: dict, n: int, framings: Sequence[str], thresholds,
              modes: Sequence[str] = MODES, quantities: Sequence[str] | None = None,
              levels: Sequence[str] = LEVELS):
    """The summary tables of the outputs asked for (``modes`` x ``framings`` x ``quantities`` x
    ``levels``); the (mode, framing, quantity) tasks run on a thread per core (numpy's partitions and
    array arithmetic release the GIL). Each task is deterministic, so is the result."""
    quantities = ev.quantity_names if quantities is None else tuple(quantities)
    tasks = [(mode, framing, q) for mode in modes for framing in framings for q in quantities]
    workers = max(1, min(len(tasks), SUMMARY_WORKERS, os.cpu_count() or 1, SUMMARY_MEMORY // (8 * n)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(lambda t: _summary_task(ev, terms, n, *t, thresholds, t[1] == framings[0], levels),
                             tasks))
    rows = [r for d in done for r in d[0]]
    ex_rows = [r for d in done for r in d[1]]
    conv_rows = [r for d in done for r in d[2]]
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    exceed = pd.DataFrame(ex_rows, columns=["coaching", "level", "framing", "quantity", "threshold", "probability"])
    conv = pd.DataFrame(conv_rows, columns=["draws", "coaching", "level", "framing", "quantity", "mean", "p95"])
    return summary, exceed, conv
