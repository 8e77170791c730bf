"""The uniform design in [0, 1)^d: plain Monte Carlo, Latin hypercube or scrambled Sobol
(``scipy.stats.qmc``), with the declared rank correlations imposed by Iman-Conover.

Reproducibility: the design is generated in fixed blocks of ``DESIGN_BLOCK`` draws; block b draws
from ``SeedSequence(seed, spawn_key=(b,))`` (Sobol: one scrambled sequence, fast-forwarded to the
block's first point), so the draws, and every result, depend on the seed and the number of draws
only, never on how the rows are requested (``simulate``'s ``chunk_size``). Latin hypercube and
Iman-Conover work per block (a replicated Latin hypercube).
"""

from __future__ import annotations

import threading
import warnings
from typing import Sequence

import numpy as np
from scipy.stats import qmc

from model.core.errors import ModelInputError
from model.engines.correlation import iman_conover
from model.engines.samplers import SAMPLERS

DESIGN_BLOCK = 2 ** 16  # draws per design block (a power of 2 keeps Sobol blocks balanced)
DESIGN_CACHE = 4  # design blocks kept for reuse by neighbouring chunks


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
