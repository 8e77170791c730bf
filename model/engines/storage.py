"""Compact storage of one per-draw quantity (a column stays a scalar until it varies)."""

from __future__ import annotations

import numpy as np


class Column:
    """One per-draw quantity, stored compactly: a scalar while every draw has the same value, a
    view of another column (``alias``) while it equals that column, else an array of ``dtype``."""

    def __init__(self, n: int, dtype=np.float64, alias: "Column | None" = None):
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


def whole_dtype(spec) -> type:
    """The storage type of a whole-number parameter's draws: int16 for a count whose bounds fit in it
    (agencies: at most 2,000), else float32 (exact for whole numbers below 2^24); the values are exact
    either way, since the draws of a count are whole (``rules.enforce_rules``)."""
    lo = spec.min if spec.min is not None else 0
    if spec.kind == "count" and spec.max is not None and INT16.min <= lo and spec.max <= INT16.max:
        return np.int16
    return np.float32


INT16 = np.iinfo(np.int16)


def stored_bytes(per_side: dict, narrow: dict) -> int:
    """Bytes a draw the simulation will store, judged on one chunk's results (``per_side``: regime -> (group terms,
    whole-number parameters), the first regime first): a column that varies across the chunk's draws and is not
    equal to the first regime's takes 8 bytes (float64), or its ``narrow`` type's size for a whole number."""
    first = next(iter(per_side))
    total = 0
    for s, (groups, params) in per_side.items():
        for g, pair in groups.items():
            for i, v in enumerate(pair):
                if _varies(v) and (s == first or not np.array_equal(v, per_side[first][0][g][i])):
                    total += np.dtype(np.float64).itemsize
        for pid, v in params.items():
            if _varies(v) and (s == first or not np.array_equal(v, per_side[first][1][pid])):
                total += np.dtype(narrow[pid]).itemsize
    return total


def _varies(v) -> bool:
    v = np.asarray(v)
    return v.ndim > 0 and v.size > 0 and not bool(np.all(v == v.flat[0]))
