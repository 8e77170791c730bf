"""Monte Carlo simulation of the cost model: sampling plan, uniform design, correlated draws,
chunked vectorized evaluation and summaries.

Pipeline: each uncertain parameter's distribution (``model.distributions``; the assumption files'
``uncertainty`` entries, replaced or added to by ``dists``) -> a uniform design in [0, 1)^d (plain
Monte Carlo, Latin hypercube or scrambled Sobol from ``scipy.stats.qmc``) -> rank correlation by
Iman-Conover (``assumptions/uncertainty/correlations.toml``) -> each column through its inverse CDF
-> the model on a whole chunk of draws at once (``model.fastpv``) -> percentiles and more.

Reproducibility: the design is generated in fixed blocks of ``DESIGN_BLOCK`` draws; block b draws
from ``SeedSequence(seed, spawn_key=(b,))`` (Sobol: one scrambled sequence, fast-forwarded to the
block's first point), so the draws, and every result, depend on the seed and the number of draws
only, never on ``chunk_size`` (which only bounds memory). Latin hypercube and Iman-Conover work per
block (a replicated Latin hypercube). Memory: per draw the simulation keeps only the few timing-group
amounts that vary (``fastpv``), not every output; outputs are rebuilt on demand.
"""

from __future__ import annotations

import itertools
import math
import os
import threading
import time
import tomllib
import warnings
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import special
from scipy.stats import qmc

from model.engines.distributions import Distribution, from_uncertainty, parse_dist
from model.core.errors import ModelInputError
from model.core.rules import enforce_rules
from model.core.quantities import YEAR1, annualized_name
from model.engines.fastpv import TIMINGS, Evaluator, combine, regimes_for
from model.core.parameters import MODES, Assumptions, assumptions_dir
from model.core.regimes import FRAMING_TERMS, regime_params
from model.core.results import discount_rates
from model.core.stream import FRAMINGS, LEVELS, SCHEDULE_IDS, external_share

SAMPLERS = ("mc", "lhs", "sobol")
DESIGN_BLOCK = 2 ** 16  # draws per design block (a power of 2 keeps Sobol blocks balanced)
CHUNK_WORKERS = 2  # chunks evaluated at once on worker threads
DESIGN_CACHE = 4  # design blocks kept for reuse by neighbouring chunks
PERCENTILES = (5, 10, 50, 90, 95)
SUMMARY_COLUMNS = ["coaching", "level", "framing", "quantity", "mean", "sd", "se",
                   *(f"p{q}" for q in PERCENTILES), "min", "max"]
CORRELATION_FILE = Path("uncertainty") / "correlations.toml"
STAT_BLOCK = 2 ** 20  # draws per block when summing squared deviations
CONVERGENCE_START = 100  # first draw count of the convergence table (then x10 up to all draws)
TIMING_IDS = SCHEDULE_IDS
SHARE_IDS = ("agencies.count", "coaching.internal_program_agencies")


# ---------------------------------------------------------------------------------------------
# Plan: which parameters are drawn, from what, with which rank correlations


@dataclass(frozen=True)
class Plan:
    """The drawn parameters (in catalog order), their distributions and target rank correlation."""

    ids: tuple[str, ...]
    dists: tuple[Distribution, ...]
    corr: np.ndarray | None  # Spearman rank-correlation matrix over ``corr_ids`` (None: independent)
    corr_ids: tuple[str, ...] = ()


def sampling_plan(a: Assumptions, dists: Mapping[str, str] | None = None, fixed: bool = False,
                  correlations: Path | str | None = None) -> Plan:
    """Distributions in force: the files' ``uncertainty`` entries (none if ``fixed``), replaced by
    ``dists`` (id -> CLI spec such as ``uniform:200:3000``). Switches and parameters without an
    entry stay at their value. Correlations whose two parameters are both drawn are kept."""
    chosen: dict[str, Distribution] = {}
    if not fixed:
        for pid, spec in a.specs.items():
            if spec.kind == "switch" or pid in a.overrides:
                continue  # a value set by a scenario or --set is held there
            d = from_uncertainty(spec, a.files.get(pid, "assumptions"))
            if d is not None and d.kind != "fixed":
                chosen[pid] = d
    for pid, text in (dists or {}).items():
        chosen[pid] = parse_dist(pid, text, a.specs)
    ids = tuple(pid for pid in a.specs if pid in chosen and chosen[pid].kind != "fixed")
    corr_ids, corr = correlation_matrix(ids, correlations)
    return Plan(ids, tuple(chosen[pid] for pid in ids), corr, corr_ids)


def fixed_values(a: Assumptions, dists: Mapping[str, str] | None) -> dict[str, float]:
    """Parameter values with any ``fixed:V`` distribution applied."""
    values = dict(a.values)
    for pid, text in (dists or {}).items():
        d = parse_dist(pid, text, a.specs)
        if d.kind == "fixed":
            values[pid] = d.args[0]
    return values


def correlation_path() -> Path:
    """The rank-correlation file: ``assumptions/uncertainty/correlations.toml``."""
    return assumptions_dir() / CORRELATION_FILE


def load_correlations(path: Path | str | None = None) -> list[dict]:
    """Validated ``[[correlation]]`` entries {a, b, rho, source, ...}; raises ModelInputError."""
    from model.core.catalog import PARAMETER_IDS

    path = Path(path) if path is not None else correlation_path()
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ModelInputError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("correlation", [])
    if set(data) - {"correlation"} or not isinstance(entries, list):
        raise ModelInputError(f"{path}: expected only [[correlation]] tables (a, b, rho, source, reasoning)")
    seen = set()
    for i, e in enumerate(entries, 1):
        where = f"{path}: correlation {i}"
        if not isinstance(e, dict) or not {"a", "b", "rho", "source"} <= set(e):
            raise ModelInputError(f"{where}: expected fields a, b, rho and source")
        for key in ("a", "b"):
            if e[key] not in PARAMETER_IDS:
                raise ModelInputError(f"{where}: {e[key]}: unknown parameter id")
        rho = e["rho"]
        if isinstance(rho, bool) or not isinstance(rho, (int, float)) or not -1 < rho < 1:
            raise ModelInputError(f"{where}: {e['a']} ~ {e['b']}: expected rho strictly between -1 and 1, got {rho!r}")
        if e["a"] == e["b"] or frozenset((e["a"], e["b"])) in seen:
            raise ModelInputError(f"{where}: {e['a']} ~ {e['b']}: a parameter with itself, or a pair given twice")
        if e["source"] == "analyst assumption" and not e.get("reasoning"):
            raise ModelInputError(f"{where}: an analyst assumption needs 'reasoning'")
        seen.add(frozenset((e["a"], e["b"])))
    return entries


def correlation_matrix(ids: Sequence[str], path: Path | str | None = None) -> tuple[tuple[str, ...], np.ndarray | None]:
    """The rank-correlation matrix over the drawn parameters that appear in a correlation entry;
    raises ModelInputError if it is not positive definite."""
    entries = [e for e in load_correlations(path) if e["a"] in ids and e["b"] in ids]
    if not entries:
        return (), None
    cids = tuple(pid for pid in ids if any(pid in (e["a"], e["b"]) for e in entries))
    c = np.eye(len(cids))
    for e in entries:
        i, j = cids.index(e["a"]), cids.index(e["b"])
        c[i, j] = c[j, i] = e["rho"]
    check_positive_definite(c, f"{path or correlation_path()}")
    return cids, c


def check_positive_definite(c: np.ndarray, where: str) -> None:
    """Raise ModelInputError unless ``c`` (and the normal-score matrix Iman-Conover targets) is
    positive definite."""
    for m in (c, spearman_to_pearson(c)):
        try:
            np.linalg.cholesky(m)
        except np.linalg.LinAlgError:
            raise ModelInputError(f"{where}: the rank-correlation matrix is not positive definite "
                                  f"(smallest eigenvalue {np.linalg.eigvalsh(m).min():.3g}); "
                                  "loosen the correlations") from None


def spearman_to_pearson(rho_s: np.ndarray) -> np.ndarray:
    """Pearson correlation of normal scores giving Spearman correlation rho_s: 2 sin(pi rho_s / 6)."""
    out = 2 * np.sin(np.pi * np.asarray(rho_s) / 6)
    np.fill_diagonal(out, 1.0)
    return out


def iman_conover(u: np.ndarray, rank_corr: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Reorder each column of ``u`` (n, k) so the columns' rank correlation is close to
    ``rank_corr`` (Iman and Conover 1982, van der Waerden scores). Marginals are untouched."""
    n, k = u.shape
    if n < k + 2:
        return u
    scores = special.ndtri(np.arange(1, n + 1) / (n + 1))
    s = np.column_stack([rng.permutation(scores) for _ in range(k)])
    # einsum rather than BLAS: a threaded BLAS on a tall, thin product is slow on a busy machine
    c = s - s.mean(axis=0)
    cov = np.einsum("ij,ik->jk", c, c)
    e = cov / np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
    target = np.linalg.cholesky(spearman_to_pearson(rank_corr))
    t = np.einsum("ij,jk->ik", s, np.linalg.inv(np.linalg.cholesky(e)).T @ target.T)
    out = np.empty_like(u)
    for j in range(k):  # a loop over parameters, not draws: the i-th smallest t gets the i-th smallest u
        out[np.argsort(t[:, j]), j] = np.sort(u[:, j])
    return out


# ---------------------------------------------------------------------------------------------
# Uniform design


def seed_entropy(seed: int | np.random.Generator) -> int:
    """A non-negative integer entropy from an int seed, or drawn once from a Generator."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2 ** 63))
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ModelInputError(f"seed: expected a non-negative whole number or a numpy Generator, got {seed!r}")
    return int(seed)


class Design:
    """Uniform design rows [start, stop) for ``draws`` draws of ``d`` parameters, built block by
    block so the rows do not depend on how they are requested."""

    def __init__(self, sampler: str, entropy: int, d: int, draws: int, corr_idx: Sequence[int] = (),
                 corr: np.ndarray | None = None):
        if sampler not in SAMPLERS:
            raise ModelInputError(f"sampler: expected one of {', '.join(SAMPLERS)}, got {sampler!r}")
        self.sampler, self.entropy, self.d, self.draws = sampler, entropy, d, draws
        self.corr_idx, self.corr = list(corr_idx), corr
        self._cache: dict[int, np.ndarray] = {}
        self._lock = threading.Lock()

    def block(self, b: int) -> np.ndarray:
        """Design block b, parameter-major: shape (d, n_b), each row contiguous."""
        with self._lock:
            if b in self._cache:
                return self._cache[b]
        n = min(DESIGN_BLOCK, self.draws - b * DESIGN_BLOCK)
        rng = np.random.default_rng(np.random.SeedSequence(self.entropy, spawn_key=(b,)))
        if self.d == 0:
            u = np.empty((n, 0))
        elif self.sampler == "mc":
            u = rng.random((n, self.d))
        elif self.sampler == "lhs":
            u = qmc.LatinHypercube(self.d, rng=rng).random(n)
        else:
            engine = qmc.Sobol(self.d, scramble=True, rng=np.random.default_rng(self.entropy))
            if b:
                engine.fast_forward(b * DESIGN_BLOCK)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # "balance properties" for a partial block
                u = engine.random(n)
        if self.corr is not None:
            u[:, self.corr_idx] = iman_conover(u[:, self.corr_idx], self.corr, rng)
        u = np.ascontiguousarray(u.T)
        with self._lock:  # keep the few most recent blocks: chunks that share a block reuse it
            self._cache[b] = u
            while len(self._cache) > DESIGN_CACHE:
                del self._cache[min(self._cache)]
        return u

    def rows(self, start: int, stop: int) -> np.ndarray:
        """Design draws [start, stop), parameter-major: shape (d, stop - start)."""
        first, last = start // DESIGN_BLOCK, (stop - 1) // DESIGN_BLOCK
        parts = []
        for b in range(first, last + 1):
            lo = max(start - b * DESIGN_BLOCK, 0)
            hi = min(stop - b * DESIGN_BLOCK, DESIGN_BLOCK)
            parts.append(self.block(b)[:, lo:hi])
        return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)


def draw_parameters(a: Assumptions, plan: Plan, u: np.ndarray, base: Mapping[str, float] | None = None,
                    clamped: dict | None = None) -> dict:
    """Parameter mapping for a chunk: each drawn id -> array (inverse CDF of its design row; ``u``
    has shape (d, draws)), the rest scalars; then ``enforce_rules`` (whole counts, clamping)."""
    p: dict = dict(a.values if base is None else base)
    for j, (pid, dist) in enumerate(zip(plan.ids, plan.dists)):
        p[pid] = dist.ppf(u[j])
    return enforce_rules(a.kinds(), p, plan.ids, clamped)


# ---------------------------------------------------------------------------------------------
# Storage of per-draw terms (a column stays a scalar until it varies)


class _Column:
    """One per-draw quantity, stored compactly: a scalar while every draw has the same value, a
    view of another column (``alias``) while it equals that column, else an array of ``dtype``."""

    def __init__(self, n: int, dtype=np.float64, alias: "_Column | None" = None):
        self.n, self.dtype, self.alias = n, dtype, alias
        self.scalar: float | None = None
        self.array: np.ndarray | None = None
        self.aliased = alias is not None

    def put(self, start: int, stop: int, v) -> None:
        v = np.asarray(v, dtype=float)
        if self.array is not None:
            self.array[start:stop] = v
            return
        if self.aliased:
            if np.array_equal(np.broadcast_to(v, (stop - start,)), self.alias.segment(start, stop)):
                return
            self.aliased = False
            if start:
                self.array = np.empty(self.n, dtype=self.dtype)
                self.array[:start] = self.alias.segment(0, start)
                self.array[start:stop] = v
                return
        if self.scalar is None:
            self.scalar = float(v.flat[0]) if v.size else 0.0
        if (float(v) == self.scalar) if v.ndim == 0 else bool(np.all(v == self.scalar)):
            return
        self.array = np.full(self.n, self.scalar, dtype=self.dtype)
        self.array[start:stop] = v

    def segment(self, start: int, stop: int) -> np.ndarray:
        """Values of draws [start, stop) stored so far."""
        if self.aliased:
            return self.alias.segment(start, stop)
        if self.array is not None:
            return self.array[start:stop]
        return np.full(stop - start, self.scalar)

    def value(self):
        """The scalar, or the array of all draws."""
        if self.aliased:
            return self.alias.value()
        return self.array if self.array is not None else self.scalar


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
        return _output(self._evaluator, self._terms, coaching, level, quantity, framing, self.meta["draws"])


def _count(terms: dict):
    """agencies.count per draw (the same in every regime)."""
    return next(iter(terms.values()))["params"]["agencies.count"]


def _output(ev: Evaluator, terms: dict, mode: str, level: str, quantity: str, framing: str, n: int) -> np.ndarray:
    if quantity not in ev.quantity_names:
        raise ModelInputError(f"quantity: expected one of {', '.join(ev.quantity_names)}, got {quantity!r}")
    have = [f for f in FRAMINGS if all(r in terms for r, _ in FRAMING_TERMS[f])]
    if framing not in have:
        raise ModelInputError(f"framing: expected one of {', '.join(have)}, got {framing!r}")
    if level not in LEVELS:
        raise ModelInputError(f"level: expected one of {', '.join(LEVELS)}, got {level!r}")
    out = np.empty(n)
    for start in range(0, n, STAT_BLOCK):  # blocks of draws keep the temporaries small
        stop = min(n, start + STAT_BLOCK)
        cut = lambda v: v[start:stop] if np.ndim(v) else v  # noqa: E731
        agency = 0.0
        for regime, sign in FRAMING_TERMS[framing]:
            t = terms[regime]
            params = {k: cut(v) for k, v in t["params"].items()}
            groups = {g: (cut(x0), cut(xd)) for g, (x0, xd) in t["groups"].items()}
            agency = agency + sign * combine(ev, groups, params, external_share(params, mode), quantity, regime)
        out[start:stop] = agency if level == "agency" else agency * cut(_count(terms))
    return out


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


def simulate(a: Assumptions, draws: int, seed: int | np.random.Generator, sampler: str = "lhs",
             dists: Mapping[str, str] | None = None, fixed: bool = False, years: int | None = None,
             thresholds: Sequence[float] | None = None, chunk_size: int = 200_000,
             framings: Sequence[str] = FRAMINGS, keep_inputs: bool = False,
             correlations: Path | str | None = None, rates: Sequence[float] | None = None) -> SimulationResult:
    """Run the Monte Carlo: ``draws`` draws of every uncertain parameter (see ``sampling_plan``),
    the model on each chunk of draws at once, and the summaries. ``thresholds`` (USD; default
    context.significance_threshold) feed the exceedance table. Same seed and draws -> identical
    results whatever ``chunk_size``. ``keep_inputs`` keeps the drawn parameters (for Spearman);
    ``rates`` replaces the accounting discount rates (quantities ``pv_<rate in %>``)."""
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 2:
        raise ModelInputError(f"draws: expected a whole number of at least 2, got {draws!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise ModelInputError(f"chunk_size: expected a positive whole number, got {chunk_size!r}")
    framings = tuple(framings)
    if not framings or any(f not in FRAMINGS for f in framings):
        raise ModelInputError(f"framings: expected some of {', '.join(FRAMINGS)}, got {framings!r}")
    thresholds = [a["context.significance_threshold"]] if thresholds is None else [float(t) for t in thresholds]
    draws, chunk_size = int(draws), int(chunk_size)
    t_start = time.perf_counter()
    entropy = seed_entropy(seed)
    plan = sampling_plan(a, dists, fixed, correlations)
    ev = Evaluator.build(a, years, rates=rates)
    base_values = fixed_values(a, dists)
    corr_idx = [plan.ids.index(pid) for pid in plan.corr_ids]
    design = Design(sampler, entropy, len(plan.ids), draws, corr_idx, plan.corr)
    sides = regimes_for(framings)
    first = sides[0]
    # Later regimes' amounts often equal the first's (e.g. policy labour): alias them until they differ.
    cols = {(first, g, i): _Column(draws) for g in TIMINGS for i in (0, 1)}
    for s in sides[1:]:
        for g in TIMINGS:
            for i in (0, 1):
                cols[(s, g, i)] = _Column(draws, alias=cols[(first, g, i)])
    # whole-number parameters: float32 holds them exactly and halves their memory
    pcols = {(first, pid): _Column(draws, np.float32) for pid in (*TIMING_IDS, *SHARE_IDS)}
    for s in sides[1:]:
        pcols.update({(s, pid): _Column(draws, np.float32, alias=pcols[(first, pid)])
                      for pid in (*TIMING_IDS, *SHARE_IDS)})
    inputs = {pid: np.empty(draws) for pid in plan.ids} if keep_inputs else None
    clamped: dict[str, int] = {}
    keys = (*TIMING_IDS, *SHARE_IDS)

    def work(start: int) -> tuple:
        """One chunk: draws, then group terms of each side (runs on a worker thread)."""
        stop = min(draws, start + chunk_size)
        local: dict[str, int] = {}
        p = draw_parameters(a, plan, design.rows(start, stop), base_values, local)
        per_side = {}
        for s in sides:
            q = regime_params(p, s)
            per_side[s] = (ev.group_terms(q), {pid: q[pid] for pid in keys})
        return start, stop, p, per_side, local

    # Chunks are computed a few at a time on worker threads and stored strictly in order, so the
    # result is the same as a serial run.
    workers = max(1, min(os.cpu_count() or 1, CHUNK_WORKERS))
    starts = iter(range(0, draws, chunk_size))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = deque(pool.submit(work, st) for st in itertools.islice(starts, workers))
        while pending:
            start, stop, p, per_side, local = pending.popleft().result()
            nxt = next(starts, None)
            if nxt is not None:
                pending.append(pool.submit(work, nxt))
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
    terms = {s: {"groups": {g: (cols[(s, g, 0)].value(), cols[(s, g, 1)].value()) for g in TIMINGS},
                 "params": {pid: pcols[(s, pid)].value() for pid in (*TIMING_IDS, *SHARE_IDS)}} for s in sides}
    meta = {"seed": entropy, "draws": draws, "sampler": sampler, "chunk_size": chunk_size,
            "design_block": DESIGN_BLOCK, "years": ev.years, "discount_rates": list(ev.rates),
            "scenario": a.scenario, "fixed": fixed, "framings": list(framings),
            "dists": {**{pid: d.spec() for pid, d in zip(plan.ids, plan.dists)},
                      **{pid: f"fixed:{v:g}" for pid, v in base_values.items() if v != a.values[pid]}},
            "correlations": {f"{plan.corr_ids[i]} ~ {plan.corr_ids[j]}": float(plan.corr[i, j])
                             for i in range(len(plan.corr_ids)) for j in range(i + 1, len(plan.corr_ids))
                             if plan.corr[i, j] != 0}
            if plan.corr is not None else {},
            "clamped_draws": clamped, "thresholds": thresholds}
    t_eval = time.perf_counter()
    summary, exceed, conv = _summaries(ev, terms, draws, framings, thresholds)
    timings = {"sample_and_evaluate_s": t_eval - t_start, "summarize_s": time.perf_counter() - t_eval}
    return SimulationResult(summary, exceed, conv, meta, ev, terms, inputs, timings)


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
        ex_rows.extend({**key, "threshold": t, "probability": float(1.0 - np.searchsorted(xs, t, side="right") / n)}
                       for t in thresholds)
        if with_convergence:
            conv_rows.extend({"draws": m, **key, "mean": mean, "p95": p95} for m, mean, p95 in conv)
            conv_rows.append({"draws": n, **key, "mean": row["mean"], "p95": row["p95"]})

    count = _count(terms)
    if np.ndim(count) == 0 and count > 0:
        x = _output(ev, terms, mode, "agency", q, framing, n)
        stats = {"agency": _moments(x), "government": _moments(x, count)}
        conv = {lv: _convergence(x, c, n) if with_convergence else [] for lv, c in (("agency", 1.0),
                                                                                    ("government", count))}
        x.sort()
        emit("agency", stats["agency"], x, conv["agency"])
        x *= count
        emit("government", stats["government"], x, conv["government"])
    else:
        for level in LEVELS:
            x = _output(ev, terms, mode, level, q, framing, n)
            moments, conv = _moments(x), _convergence(x, 1.0, n) if with_convergence else []
            x.sort()
            emit(level, moments, x, conv)
            del x
    return rows, ex_rows, conv_rows


def _summaries(ev: Evaluator, terms: dict, n: int, framings, thresholds):
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


def accounting_percentiles(a: Assumptions, draws: int, seed: int | np.random.Generator,
                           years: int | None = None, sampler: str = "lhs",
                           rates: Sequence[float] | None = None) -> pd.DataFrame:
    """P5, P50 and P95 (USD) of year-1 cost, present value and annualized value at each discount rate
    (default the accounting rates), by coaching mode, level and framing, for the A-4 accounting
    statement's low/high columns. Columns: coaching, level, framing, quantity (year1_total, pv_3,
    annualized_3, ...), measure (year 1, present value, annualized), discount_rate (NaN for year 1),
    p5, p50, p95. Annualized percentiles are the PV percentiles / the annuity factor (monotone)."""
    res = simulate(a, draws, seed, sampler=sampler, years=years, rates=rates)
    ev = res._evaluator
    t = res.summary[["coaching", "level", "framing", "quantity", "p5", "p50", "p95"]]
    parts = [t[t.quantity == YEAR1].assign(measure="year 1", discount_rate=np.nan)]
    for r, q in zip(ev.rates, ev.quantity_names[1:]):
        pv = t[t.quantity == q]
        parts.append(pv.assign(measure="present value", discount_rate=r))
        ann = pv.assign(measure="annualized", discount_rate=r, quantity=annualized_name(r))
        ann[["p5", "p50", "p95"]] = ann[["p5", "p50", "p95"]] / ev.annual[q]
        parts.append(ann)
    cols = ["coaching", "level", "framing", "quantity", "measure", "discount_rate", "p5", "p50", "p95"]
    return pd.concat(parts, ignore_index=True)[cols]
