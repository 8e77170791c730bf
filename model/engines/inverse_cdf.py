"""A parameter's distribution as a value (``Distribution``): its inverse CDF (quantile function),
mean and CLI spelling. Units: the parameter's.

Inverse CDFs come from ``scipy.special`` (the functions ``scipy.stats`` calls, without its import cost); the
beta-PERT one is tabulated once from ``betaincinv`` on a grid of PERT_GRID cells and interpolated linearly (scipy's beta ppf
costs about a second per million draws), with exact values in the outer 0.1% at each end where the
curve is steepest (interpolation error below 1e-5 of the range elsewhere); the triangular one is
its closed form. Normal and lognormal draws are truncated to ``Distribution.bounds``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import special  # scipy.special only: scipy.stats costs most of a second to import

PERT_LAMBDA = 4.0  # the standard beta-PERT shape parameter (a definition, not an assumption)
Z95 = float(special.ndtri(0.95))  # 5th/95th percentile of the standard normal: +-1.645
PERT_GRID = 2 ** 14  # cells of the tabulated beta-PERT inverse CDF
PERT_EXACT_TAIL = 1e-3  # below this and above 1 - this, the beta-PERT inverse CDF is computed exactly
U_EPS = 1e-12  # uniforms are clipped to [U_EPS, 1 - U_EPS] before an unbounded inverse CDF


@dataclass(frozen=True)
class Distribution:
    """One parameter's distribution. ``low``/``high`` are the range used by the tornado and the
    switching values (the bounds, or P5/P95 for the normal and lognormal); ``args`` the kind's
    parameters; ``bounds`` the support after truncation. Units: the parameter's."""

    kind: str
    args: tuple
    low: float
    high: float
    bounds: tuple[float, float] = (0.0, math.inf)

    def spec(self) -> str:
        """The CLI spelling of this distribution, e.g. ``uniform:200:3000``."""
        if self.kind == "discrete":
            return "discrete:" + ",".join(f"{v:g}@{w:g}" for v, w in zip(*self.args))
        return ":".join([self.kind, *(f"{x:g}" for x in self.args)])

    def ppf(self, u) -> np.ndarray:
        """Inverse CDF: uniforms u in [0, 1] -> values (parameter unit), same shape as u."""
        u = np.asarray(u, dtype=float)
        k, a = self.kind, self.args
        if k == "fixed":
            return np.full(u.shape, a[0])
        if k == "uniform":
            return a[0] + u * (a[1] - a[0])
        if k == "triangular":
            lo, mode, hi = a
            if hi == lo:
                return np.full(u.shape, lo)
            return triangular_ppf(u, lo, mode, hi)
        if k == "pert":
            return self._pert_ppf(u)
        if k == "discrete":
            values, weights = np.asarray(a[0], dtype=float), np.asarray(a[1], dtype=float)
            cum = np.cumsum(weights)
            cum[-1] = 1.0
            idx = np.searchsorted(cum, u, side="right")
            return values[np.minimum(idx, len(values) - 1)]
        lo_p, hi_p = self._cdf(self.bounds[0]), self._cdf(self.bounds[1])
        return np.clip(self._ppf(np.clip(lo_p + u * (hi_p - lo_p), U_EPS, 1 - U_EPS)), *self.bounds)

    def _cdf(self, x: float) -> float:
        """CDF of the untruncated normal or lognormal (as ``scipy.stats.norm``/``lognorm``, by scipy.special)."""
        if self.kind == "normal":
            return float(special.ndtr((x - self.args[0]) / self.args[1]))
        if x <= 0:
            return 0.0
        mu, sigma = lognormal_params(*self.args)
        return float(special.ndtr(math.log(x / math.exp(mu)) / sigma)) if math.isfinite(x) else 1.0

    def _ppf(self, q: np.ndarray) -> np.ndarray:
        """Inverse CDF of the untruncated normal or lognormal."""
        if self.kind == "normal":
            return special.ndtri(q) * self.args[1] + self.args[0]
        mu, sigma = lognormal_params(*self.args)
        return np.exp(sigma * special.ndtri(q)) * math.exp(mu)

    def _frozen(self):
        from scipy import stats  # only for the mean of a truncated normal or lognormal

        if self.kind == "normal":
            return stats.norm(loc=self.args[0], scale=self.args[1])
        mu, sigma = lognormal_params(*self.args)
        return stats.lognorm(s=sigma, scale=math.exp(mu))

    def _pert_ppf(self, u: np.ndarray) -> np.ndarray:
        lo, mode, hi = self.args
        if hi == lo:
            return np.full(u.shape, lo)
        alpha, beta = pert_shapes(lo, mode, hi)
        table = _beta_table(alpha, beta)
        pos = u * PERT_GRID
        idx = np.minimum(pos.astype(np.intp), PERT_GRID - 1)
        x = table[idx]
        x += (pos - idx) * (table[idx + 1] - x)
        ends = (u < PERT_EXACT_TAIL) | (u > 1.0 - PERT_EXACT_TAIL)
        if ends.any():
            x[ends] = special.betaincinv(alpha, beta, u[ends])
        return lo + x * (hi - lo)

    def mean(self) -> float:
        """Mean of the distribution (before count rounding), parameter unit."""
        k, a = self.kind, self.args
        if k == "fixed":
            return float(a[0])
        if k == "uniform":
            return (a[0] + a[1]) / 2
        if k == "triangular":
            return sum(a) / 3
        if k == "pert":
            return (a[0] + PERT_LAMBDA * a[1] + a[2]) / (PERT_LAMBDA + 2)
        if k == "discrete":
            return float(np.dot(a[0], a[1]))
        return float(self._frozen().expect(lambda x: x, lb=self.bounds[0], ub=self.bounds[1], conditional=True))


@functools.lru_cache(maxsize=64)
def _beta_table(alpha: float, beta: float) -> np.ndarray:
    """The beta inverse CDF (``scipy.special.betaincinv``, what ``scipy.stats.beta.ppf`` computes) on the grid
    0, 1/PERT_GRID, ..., 1 (cached by shape)."""
    return special.betaincinv(alpha, beta, np.linspace(0.0, 1.0, PERT_GRID + 1))


def triangular_ppf(u: np.ndarray, lo: float, mode: float, hi: float) -> np.ndarray:
    """Inverse CDF of the triangular distribution (closed form; equals ``scipy.stats.triang.ppf``,
    which is ten times slower): lo + sqrt(u (hi-lo)(mode-lo)) below F(mode), else
    hi - sqrt((1-u)(hi-lo)(hi-mode))."""
    width = hi - lo
    f_mode = (mode - lo) / width
    # One square root per draw, and no np.where (slow on a random mask): with left = 1 on the left of the mode and
    # 0 on the right, each blend below picks one term exactly (x * 1 = x, x * 0 = 0, x + 0 = x), so the values
    # are those of the two-branch formula to the last bit (tested).
    left = (u < f_mode).astype(float)
    right = 1.0 - left
    sign = left - right                              # +1 left, -1 right
    root = u - right
    root *= sign                                     # u left, 1 - u right
    root *= width
    root *= (mode - lo) * left + (hi - mode) * right
    np.sqrt(root, out=root)
    root *= sign
    root += lo * left + hi * right                   # lo + root left, hi - root right
    return root


def pert_shapes(lo: float, mode: float, hi: float) -> tuple[float, float]:
    """Beta shape parameters of the PERT distribution on [lo, hi] with the given mode."""
    return (1 + PERT_LAMBDA * (mode - lo) / (hi - lo), 1 + PERT_LAMBDA * (hi - mode) / (hi - lo))


def lognormal_params(p5: float, p95: float) -> tuple[float, float]:
    """mu, sigma of the log of a lognormal whose 5th and 95th percentiles are p5 and p95."""
    return (math.log(p5) + math.log(p95)) / 2, (math.log(p95) - math.log(p5)) / (2 * Z95)
