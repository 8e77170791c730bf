"""The Monte Carlo run: ``draws`` draws of every uncertain parameter (``plan``), their uniform design
(``design``), the model on a whole chunk of draws at once (``fastpv``), then the summaries.

Chunks are evaluated on worker threads and stored strictly in order, so the result equals a serial
run's. Memory: per draw the simulation keeps only the few timing-group amounts that vary
(``storage.Column``), not every output; outputs are rebuilt on demand (``output_draws``).
"""

from __future__ import annotations

import itertools
import os
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from model.core.errors import ModelInputError
from model.engines.memory import check_memory, simulation_bytes
from model.core.parameters import Assumptions
from model.core.regimes import regime_params
from model.core.stream import SCHEDULE_IDS
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.engines.design import DESIGN_BLOCK, Design, chunks, seed_entropy
from model.engines.fastpv import TIMINGS, Evaluator, regimes_for
from model.engines.output_draws import net_annual, output_draws
from model.engines.samplers import DEFAULT_CHUNK
from model.engines.plan import draw_parameters, fixed_values, uncertainty_spec
from model.engines.storage import Column, stored_bytes, whole_dtype
from model.engines.summaries import SUMMARY_MEMORY, summarize

CHUNK_WORKERS = 2  # chunks evaluated at once on worker threads
TIMING_IDS = SCHEDULE_IDS
SHARE_IDS = ("agencies.count", "coaching.internal_program_agencies", "alternative.guidance_only",
             "alternative.voluntary_adoption_share", "alternative.certified_coaches_only")  # coaching share, level


@dataclass
class SimulationResult:
    """Monte Carlo results. ``summary``: coaching, level, framing, quantity, mean, sd, se, p5..p95,
    min, max (USD); ``exceedance``: probability that each output exceeds each threshold;
    ``convergence``: mean and P95 of the first m draws (as-published framing); ``meta``: seed, draws,
    sampler, chunk size, distributions used. ``outputs(...)`` rebuilds one output's draws."""

    summary: pd.DataFrame
    exceedance: pd.DataFrame
    convergence: pd.DataFrame
    meta: dict
    _evaluator: Evaluator = field(repr=False)
    _terms: dict = field(repr=False)
    inputs: dict | None = field(default=None, repr=False)
    timings: dict = field(default_factory=dict, repr=False)  # wall seconds (not part of the results)

    def outputs(self, coaching: str, level: str, quantity: str, framing: str = "as_published") -> np.ndarray:
        """The draws of one output, USD, shape (draws,)."""
        return output_draws(self._evaluator, self._terms, coaching, level, quantity, framing, self.meta["draws"])

    def summaries(self, modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS,
                  framings: Sequence[str] | None = None, quantities: Sequence[str] | None = None,
                  thresholds: Sequence[float] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """(summary, exceedance, convergence) of any outputs of these draws, without drawing again: the
        ``framings`` simulated (default all of them), ``modes``, ``levels`` and ``quantities`` (default all) and
        the exceedance ``thresholds`` (USD; default the run's). The same numbers as ``simulate`` gives for them."""
        framings = _subset("framings", self.meta["framings"] if framings is None else framings,
                           tuple(self.meta["framings"]))
        quantities = (self._evaluator.quantity_names if quantities is None
                      else _subset("quantities", quantities, self._evaluator.quantity_names))
        thresholds = self.meta["thresholds"] if thresholds is None else [float(t) for t in thresholds]
        return summarize(self._evaluator, self._terms, self.meta["draws"], framings, thresholds,
                         _subset("coaching", modes, MODES), quantities, _subset("levels", levels, LEVELS))


def _subset(name: str, given: Sequence[str], allowed: Sequence[str]) -> tuple[str, ...]:
    """``given`` as a tuple in ``allowed``'s order; ModelInputError if empty or not a subset."""
    given = (given,) if isinstance(given, str) else tuple(given)
    if not given or any(g not in allowed for g in given):
        raise ModelInputError(f"{name}: expected some of {', '.join(allowed)}, got {given!r}")
    return tuple(x for x in allowed if x in given)


def simulate(a: Assumptions, draws: int, seed: int | np.random.Generator, sampler: str = "lhs",
             dists: Mapping[str, str] | None = None, fixed: bool = False, years: int | None = None,
             thresholds: Sequence[float] | None = None, chunk_size: int = DEFAULT_CHUNK,
             framings: Sequence[str] = FRAMINGS, keep_inputs: bool = False,
             correlations: Path | str | None = None, rates: Sequence[float] | None = None,
             modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS,
             quantities: Sequence[str] | None = None) -> SimulationResult:
    """Run the Monte Carlo: ``draws`` draws of every uncertain parameter (see ``uncertainty_spec``),
    the model on each chunk of draws at once, and the summaries. ``thresholds`` (USD; default
    context.significance_threshold) feed the exceedance table. Same seed and draws -> identical
    results whatever ``chunk_size``. ``keep_inputs`` keeps the drawn parameters (for Spearman);
    ``rates`` replaces the accounting discount rates (quantities ``pv_<rate in %>``). Only the outputs
    asked for are summarized: ``framings`` x ``modes`` x ``quantities`` (default all: ``year1_total`` and
    a PV per rate) x ``levels``; the regimes a framing does not need are not evaluated."""
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 2:
        raise ModelInputError(f"draws: expected a whole number of at least 2, got {draws!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise ModelInputError(f"chunk_size: expected a positive whole number, got {chunk_size!r}")
    framings = _subset("framings", framings, FRAMINGS)
    modes, levels = _subset("coaching", modes, MODES), _subset("levels", levels, LEVELS)
    thresholds = [a["context.significance_threshold"]] if thresholds is None else [float(t) for t in thresholds]
    draws, chunk_size = int(draws), int(chunk_size)
    t_start = time.perf_counter()
    entropy = seed_entropy(seed)
    plan = uncertainty_spec(a, dists, fixed, correlations)
    ev = Evaluator.build(a, years, rates=rates)
    quantities = ev.quantity_names if quantities is None else _subset("quantities", quantities, ev.quantity_names)
    base_values = fixed_values(a, dists)
    corr_idx = [plan.ids.index(pid) for pid in plan.corr_ids]
    design = Design(sampler, entropy, len(plan.ids), draws, corr_idx, plan.corr)
    sides = regimes_for(framings)
    first = sides[0]
    keys = (*TIMING_IDS, *SHARE_IDS)
    # whole-number parameters, stored in the narrowest type that holds them exactly (``storage.whole_dtype``); a share in float64
    narrow = {pid: whole_dtype(a.specs[pid]) if a.specs[pid].kind != "quantity" else np.float64 for pid in keys}

    def work(span: tuple[int, int]) -> tuple:
        """One chunk: draws, then group terms of each side (runs on a worker thread)."""
        start, stop = span
        local: dict[str, int] = {}
        p = draw_parameters(a, plan, design.rows(start, stop), base_values, local)
        per_side = {}
        for s in sides:
            q = regime_params(p, s)
            per_side[s] = (ev.group_terms(q), {pid: q[pid] for pid in keys})
        net_annual(per_side)
        return start, stop, p if keep_inputs else None, per_side, local  # the draws only if kept

    workers = max(1, min(os.cpu_count() or 1, CHUNK_WORKERS))
    clamped: dict[str, int] = {}
    # The first design block is evaluated whole, whatever the chunk size (on a worker, whose memory the later
    # chunks reuse), before anything the size of the run is allocated: what it stores per draw sizes the memory
    # check, the same way for every chunk size, and it costs one block's memory at most.
    first_block = (0, min(draws, DESIGN_BLOCK))
    spans = chunks(draws, chunk_size, start=first_block[1])
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pilot = pool.submit(work, first_block).result()
        check_memory(simulation_bytes(draws, stored_bytes(pilot[3], narrow), len(plan.ids), chunk_size, workers,
                                      keep_inputs, 2 * SUMMARY_MEMORY), f"Monte Carlo of {draws:,} draws")
        # Later regimes' amounts often equal the first's (e.g. policy labor): alias them until they differ.
        cols = {(first, g, i): Column(draws) for g in TIMINGS for i in (0, 1)}
        for s in sides[1:]:
            for g in TIMINGS:
                for i in (0, 1):
                    cols[(s, g, i)] = Column(draws, alias=cols[(first, g, i)])
        pcols = {(first, pid): Column(draws, narrow[pid]) for pid in keys}
        for s in sides[1:]:
            pcols.update({(s, pid): Column(draws, narrow[pid], alias=pcols[(first, pid)]) for pid in keys})
        inputs = {pid: np.empty(draws) for pid in plan.ids} if keep_inputs else None

        def store(result: tuple) -> None:
            """Keep one chunk's results (on this thread, chunk after chunk in order)."""
            start, stop, p, per_side, local = result
            for pid, c in local.items():
                clamped[pid] = clamped.get(pid, 0) + c
            if inputs is not None:
                for pid in plan.ids:
                    inputs[pid][start:stop] = p[pid]
            for s, (groups, params) in per_side.items():
                for g, (x0, xd) in groups.items():
                    cols[(s, g, 0)].put(start, stop, x0)
                    cols[(s, g, 1)].put(start, stop, xd)
                for pid in keys:
                    pcols[(s, pid)].put(start, stop, params[pid])

        store(pilot)
        del pilot
        # The other chunks are computed a few at a time on the workers and stored strictly in order, so the
        # result is the same as a serial run.
        pending = deque(pool.submit(work, st) for st in itertools.islice(spans, workers))
        while pending:
            result = pending.popleft().result()
            nxt = next(spans, None)
            if nxt is not None:
                pending.append(pool.submit(work, nxt))
            store(result)
            del result
    terms = {s: {"groups": {g: (cols[(s, g, 0)].value(), cols[(s, g, 1)].value()) for g in TIMINGS},
                 "params": {pid: pcols[(s, pid)].value() for pid in (*TIMING_IDS, *SHARE_IDS)}} for s in sides}
    meta = {"seed": entropy, "draws": draws, "sampler": sampler, "chunk_size": chunk_size,
            "design_block": DESIGN_BLOCK, "years": ev.years, "discount_rates": list(ev.rates),
            "scenario": a.scenario, "fixed": fixed, "framings": list(framings), "modes": list(modes),
            "levels": list(levels), "quantities": list(quantities),
            "dists": {**plan.specs(),
                      **{pid: f"fixed:{v:g}" for pid, v in base_values.items() if v != a.values[pid]}},
            "correlations": plan.correlations(),
            "clamped_draws": clamped, "thresholds": thresholds}
    t_eval = time.perf_counter()
    summary, exceed, conv = summarize(ev, terms, draws, framings, thresholds, modes, quantities, levels)
    timings = {"sample_and_evaluate_s": t_eval - t_start, "summarize_s": time.perf_counter() - t_eval}
    return SimulationResult(summary, exceed, conv, meta, ev, terms, inputs, timings)
