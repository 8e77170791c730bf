"""The uniform design in [0, 1)^d: plain Monte Carlo, Latin hypercube or scrambled Sobol, with the
declared rank correlations imposed by Iman-Conover.

Reproducibility: the design is generated in fixed blocks of ``DESIGN_BLOCK`` draws; block b draws
from ``SeedSequence(seed, spawn_key=(b,))`` (Sobol: one scrambled sequence, fast-forwarded to the
block's first point), so the draws, and every result, depend on the seed and the number of draws
only, never on how the rows are requested (``simulate``'s ``chunk_size``). Latin hypercube and
Iman-Conover work per block (a replicated Latin hypercube).

Layout: parameter-major, shape (d, n), each parameter's draws contiguous, as the inverse CDFs read
them. Rows of whole blocks are generated straight into one array (no copy); rows within one block are
a view of it.

The Latin hypercube is written here rather than taken from ``scipy.stats.qmc``: it is two lines of
numpy (stratum permutation plus a uniform jitter, ``latin_hypercube``), importing ``scipy.stats``
costs most of a second, and with correlations the strata of the correlated parameters come straight
from the Iman-Conover ranks (``correlation.iman_conover_ranks``) instead of being drawn and then
re-sorted. Sobol points still come from ``scipy.stats.qmc`` (imported only for that sampler).
"""

from __future__ import annotations

import threading
import warnings
from typing import Iterator, Sequence

import numpy as np

from model.core.errors import ModelInputError
from model.engines.correlation import iman_conover_ranks
from model.engines.samplers import DESIGN_BLOCK, LHS, MC, SAMPLERS

DESIGN_CACHE = 4  # design blocks kept for reuse by chunks smaller than a block

__all__ = ["DESIGN_BLOCK", "DESIGN_CACHE", "Design", "SAMPLERS", "latin_hypercube", "seed_entropy"]


def seed_entropy(seed: int | np.random.Generator) -> int:
    """A non-negative integer entropy from an int seed, or drawn once from a Generator."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2 ** 63))
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ModelInputError(f"seed: expected a non-negative whole number or a numpy Generator, got {seed!r}")
    return int(seed)


def latin_hypercube(rng: np.random.Generator, d: int, n: int, out: np.ndarray | None = None,
                    strata: dict[int, np.ndarray] | None = None) -> np.ndarray:
    """A Latin hypercube of n points in [0, 1)^d, parameter-major (d, n): each row holds one point in
    each stratum [i/n, (i+1)/n), (i + U_i) / n with U_i uniform in [0, 1), in random order (shuffled), or
    with stratum ``strata[j][k]`` at draw k for the rows given."""
    u = uniform_rows(rng, d, n, out)
    steps = np.arange(n, dtype=float)
    for j in range(d):  # a loop over parameters, not draws
        u[j] += steps
        u[j] /= n
        if strata and j in strata:
            u[j] = u[j][strata[j]]
        else:
            rng.shuffle(u[j])
    return u


def uniform_rows(rng: np.random.Generator, d: int, n: int, out: np.ndarray | None = None) -> np.ndarray:
    """``rng.random((d, n))``, written row by row into ``out`` (whose rows may be slices of a wider array):
    the same numbers, since the generator fills in row order."""
    u = np.empty((d, n)) if out is None else out
    if u.flags.c_contiguous:  # one call when the rows are one block of memory
        rng.random(out=u)
        return u
    for j in range(d):
        rng.random(out=u[j])
    return u


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

    def _size(self, b: int) -> int:
        return min(DESIGN_BLOCK, self.draws - b * DESIGN_BLOCK)

    def _generate(self, b: int, out: np.ndarray) -> None:
        """Write design block b into ``out`` (d, n_b)."""
        n = out.shape[1]
        rng = np.random.default_rng(np.random.SeedSequence(self.entropy, spawn_key=(b,)))
        if self.d == 0:
            return
        if self.sampler == MC:
            uniform_rows(rng, self.d, n, out)
        elif self.sampler == LHS:
            strata = None
            if self.corr is not None:  # the correlated rows' strata are their Iman-Conover ranks
                ranks = iman_conover_ranks(n, self.corr, rng)
                strata = dict(zip(self.corr_idx, ranks)) if ranks is not None else None
            latin_hypercube(rng, self.d, n, out, strata)
            return
        else:
            from scipy.stats import qmc  # only this sampler needs it

            engine = qmc.Sobol(self.d, scramble=True, rng=np.random.default_rng(self.entropy))
            if b:
                engine.fast_forward(b * DESIGN_BLOCK)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # "balance properties" for a partial block
                out[...] = engine.random(n).T
        if self.corr is not None:  # reorder each correlated row: its i-th smallest value goes to rank i
            ranks = iman_conover_ranks(n, self.corr, rng)
            if ranks is not None:
                for j, r in zip(self.corr_idx, ranks):
                    out[j] = np.sort(out[j])[r]

    def block(self, b: int) -> np.ndarray:
        """Design block b, parameter-major: shape (d, n_b), each row contiguous (cached for reuse)."""
        with self._lock:
            if b in self._cache:
                return self._cache[b]
        u = np.empty((self.d, self._size(b)))
        self._generate(b, u)
        with self._lock:  # keep the few most recent blocks: chunks that share a block reuse it
            self._cache[b] = u
            while len(self._cache) > DESIGN_CACHE:
                del self._cache[min(self._cache)]
        return u

    def rows(self, start: int, stop: int) -> np.ndarray:
        """Design draws [start, stop), parameter-major: shape (d, stop - start). Whole blocks are
        generated into the result; a range within one block is a view of it; only a range that
        straddles a block boundary part-way is copied."""
        first, last = start // DESIGN_BLOCK, (stop - 1) // DESIGN_BLOCK
        if first == last:
            lo = start - first * DESIGN_BLOCK
            whole = lo == 0 and stop - start == self._size(first)
            if not whole:
                return self.block(first)[:, lo:stop - first * DESIGN_BLOCK]
        out = np.empty((self.d, stop - start))
        for b in range(first, last + 1):
            lo, hi = max(start, b * DESIGN_BLOCK), min(stop, b * DESIGN_BLOCK + self._size(b))
            if lo == b * DESIGN_BLOCK and hi == b * DESIGN_BLOCK + self._size(b):
                self._generate(b, out[:, lo - start:hi - start])
            else:
                out[:, lo - start:hi - start] = self.block(b)[:, lo - b * DESIGN_BLOCK:hi - b * DESIGN_BLOCK]
        return out


def chunks(draws: int, chunk_size: int, start: int = 0) -> Iterator[tuple[int, int]]:
    """Ranges [start, stop) of draws evaluated at once, one at a time, from ``start`` (a block boundary): whole
    design blocks (``chunk_size`` rounded down to a multiple of DESIGN_BLOCK) when it is at least one block, else
    pieces that never straddle a block boundary, so the design is never copied."""
    if chunk_size >= DESIGN_BLOCK:
        step = chunk_size // DESIGN_BLOCK * DESIGN_BLOCK
        yield from ((s, min(draws, s + step)) for s in range(start, draws, step))
        return
    for b0 in range(start, draws, DESIGN_BLOCK):
        b1 = min(draws, b0 + DESIGN_BLOCK)
        yield from ((s, min(b1, s + chunk_size)) for s in range(b0, b1, chunk_size))
