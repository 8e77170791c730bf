"""The arithmetic the model's formulas use, as a provider object carried by the parameter mapping they read.

Every formula (``program``, ``labor``, ``regimes``) reads a parameter through ``param(p, id)`` and takes max, min,
a choice, a rounding or a guarded ratio through ``ops(p)``, never by calling numpy directly. A plain mapping
(floats or arrays of Monte Carlo draws) gets the numeric provider, numpy; a ``core.symbolic.SymbolicValues``
mapping (every parameter a ``Term``, to explain or grade a figure) gets the symbolic one, which records the
arithmetic. So the same formula computes a figure and explains it, and no value type hooks into numpy: a Term
given to numpy directly is refused (``np.asarray(term, dtype=float)`` raises TypeError).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
from numpy.typing import ArrayLike

Params = Mapping[str, ArrayLike]


class NumericOps:
    """numpy over floats and arrays of draws (USD, hours, ... as the parameters are)."""

    @staticmethod
    def value(v) -> np.ndarray:
        return np.asarray(v, dtype=float)

    maximum = staticmethod(np.maximum)
    minimum = staticmethod(np.minimum)

    @staticmethod
    def where(cond, a, b) -> np.ndarray:
        return np.where(cond, a, b)

    @staticmethod
    def round(x, decimals: int) -> np.ndarray:
        return np.round(x, decimals)

    @staticmethod
    def ratio(num, den) -> np.ndarray:
        """num / den, 0 where den is 0 (a count of nothing)."""
        num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
        return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


NUMERIC = NumericOps()


class Values(dict):
    """A parameter mapping that names the arithmetic its formulas use (``ops``); copies keep it."""

    ops = NUMERIC

    def copy(self) -> "Values":
        return type(self)(self)


def ops(p: Params):
    """The arithmetic provider of the mapping ``p``: its own (``Values.ops``), else numpy's."""
    return getattr(p, "ops", NUMERIC)


def copy_params(p: Params) -> dict:
    """A mutable copy of ``p`` that keeps its arithmetic provider (regimes derive their parameters this way)."""
    return p.copy() if isinstance(p, Values) else dict(p)


def param(p: Params, pid: str):
    """Parameter ``pid`` as the provider gives it: floats (a number, or an array of draws), or a symbolic value."""
    return ops(p).value(p[pid])
