"""Probability distributions of uncertain parameters, as inverse CDFs (quantile functions).

A distribution maps uniform numbers u in (0, 1) to parameter values in the parameter's unit; the
sampling design (``model.montecarlo``) produces the u, so sampling and distributions stay apart.
Kinds (CLI ``--dist ID=KIND:ARGS`` syntax in brackets):

- ``fixed`` (``fixed:V``): always V.
- ``uniform`` (``uniform:LOW:HIGH``).
- ``triangular`` (``triangular:LOW:MODE:HIGH``).
- ``pert`` (``pert:LOW:MODE:HIGH``): beta-PERT, shape lambda = 4, mean (LOW + 4 MODE + HIGH) / 6.
- ``normal`` (``normal:MEAN:SD``): truncated to the parameter's admissible range (never below 0);
  in an assumption file also to its [low, high].
- ``lognormal`` (``lognormal:P5:P95``): LOW and HIGH are the 5th and 95th percentiles (the Squiggle /
  Guesstimate "90% interval" convention): median sqrt(P5 x P95); truncated to the admissible range.
- ``discrete`` (``discrete:13@0.5,15@0.5``): values with weights summing to 1.

Every parameter value is non-negative (``parameters.check_value``), so no distribution may put
mass below 0 (bounded kinds are rejected, unbounded kinds truncated at 0). Count-kind parameters
are rounded to whole numbers after drawing (``montecarlo``). Inverse CDFs come from ``scipy.stats``;
the beta-PERT one is tabulated once from ``scipy.stats.beta.ppf`` on a grid of PERT_GRID cells and
interpolated linearly (scipy's beta ppf costs about a second per million draws), with exact values
in the outer 0.1% at each end where the curve is steepest (interpolation error below 1e-5 of the
range elsewhere); the triangular one is its closed form.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np
from scipy import stats

from model.core.errors import ModelInputError
from model.core.numbers import parse_number
from model.core.parameters import DISTRIBUTIONS, ParameterSpec

PERT_LAMBDA = 4.0  # the standard beta-PERT shape parameter (a definition, not an assumption)
Z95 = float(stats.norm.ppf(0.95))  # 5th/95th percentile of the standard normal: +-1.645
PERT_GRID = 2 ** 14  # cells of the tabulated beta-PERT inverse CDF
PERT_EXACT_TAIL = 1e-3  # below this and above 1 - this, the beta-PERT inverse CDF is computed exactly
U_EPS = 1e-12  # uniforms are clipped to [U_EPS, 1 - U_EPS] before an unbounded inverse CDF

SYNTAX = {
    "fixed": "fixed:VALUE",
    "uniform": "uniform:LOW:HIGH",
    "triangular": "triangular:LOW:MODE:HIGH",
    "pert": "pert:LOW:MODE:HIGH",
    "normal": "normal:MEAN:SD",
    "lognormal": "lognormal:P5:P95",
    "discrete": "discrete:V1@W1,V2@W2,...",
}


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
        frozen = self._frozen()
        lo_p, hi_p = frozen.cdf(self.bounds[0]), frozen.cdf(self.bounds[1])
        v = frozen.ppf(np.clip(lo_p + u * (hi_p - lo_p), U_EPS, 1 - U_EPS))
        return np.clip(v, *self.bounds)

    def _frozen(self):
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
            x[ends] = stats.beta.ppf(u[ends], alpha, beta)
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
    """scipy.stats.beta.ppf on the grid 0, 1/PERT_GRID, ..., 1 (cached by shape)."""
    return stats.beta.ppf(np.linspace(0.0, 1.0, PERT_GRID + 1), alpha, beta)


def triangular_ppf(u: np.ndarray, lo: float, mode: float, hi: float) -> np.ndarray:
    """Inverse CDF of the triangular distribution (closed form; equals ``scipy.stats.triang.ppf``,
    which is ten times slower): lo + sqrt(u (hi-lo)(mode-lo)) below F(mode), else
    hi - sqrt((1-u)(hi-lo)(hi-mode))."""
    width = hi - lo
    f_mode = (mode - lo) / width
    left = lo + np.sqrt(u * width * (mode - lo))
    right = hi - np.sqrt((1.0 - u) * width * (hi - mode))
    return np.where(u < f_mode, left, right)


def pert_shapes(lo: float, mode: float, hi: float) -> tuple[float, float]:
    """Beta shape parameters of the PERT distribution on [lo, hi] with the given mode."""
    return (1 + PERT_LAMBDA * (mode - lo) / (hi - lo), 1 + PERT_LAMBDA * (hi - mode) / (hi - lo))


def lognormal_params(p5: float, p95: float) -> tuple[float, float]:
    """mu, sigma of the log of a lognormal whose 5th and 95th percentiles are p5 and p95."""
    return (math.log(p5) + math.log(p95)) / 2, (math.log(p95) - math.log(p5)) / (2 * Z95)


def admissible_bounds(spec: ParameterSpec) -> tuple[float, float]:
    """The values a parameter may take: [max(0, min), max] (unit: the parameter's)."""
    lo = max(0.0, spec.min if spec.min is not None else 0.0)
    hi = spec.max if spec.max is not None else math.inf
    if spec.kind == "switch":
        hi = 1.0
    return lo, hi


def make_distribution(kind: str, args: tuple, spec: ParameterSpec, where: str,
                      truncate: tuple[float, float] | None = None) -> Distribution:
    """Validate and build a distribution for ``spec``; ``where`` names the file or option for errors.
    Raises ModelInputError (one line) for an unknown kind, low > high, a mode outside the range, a
    non-positive sd, weights that do not sum to 1, or mass outside the parameter's admissible range."""
    pid = spec.id

    def bad(msg: str) -> ModelInputError:
        return ModelInputError(f"{where}: {pid}: {msg}")

    if kind not in DISTRIBUTIONS:
        raise bad(f"unknown distribution {kind!r}; expected one of {', '.join(DISTRIBUTIONS)}")
    adm = admissible_bounds(spec)
    if any(not math.isfinite(x) for x in (np.ravel(args[0]) if kind == "discrete" else args)):
        raise bad(f"expected finite numbers ({SYNTAX[kind]})")
    if spec.kind == "switch" and kind != "discrete" and kind != "fixed":
        raise bad("a switch can only be given a fixed or discrete distribution over 0 and 1")
    if kind == "fixed":
        (v,) = args
        lo = hi = v
    elif kind == "uniform":
        lo, hi = args
    elif kind in ("triangular", "pert"):
        lo, mode, hi = args
        if lo > hi:
            raise bad(f"low {lo:g} > high {hi:g}")
        if not lo <= mode <= hi:
            raise bad(f"mode {mode:g} outside [{lo:g}, {hi:g}]")
    elif kind == "normal":
        mean, sd = args
        if sd <= 0:
            raise bad(f"expected a positive standard deviation, got {sd:g}")
        t = truncate or (-math.inf, math.inf)
        bounds = (max(adm[0], t[0]), min(adm[1], t[1]))
        if bounds[0] >= bounds[1]:
            raise bad(f"the truncation range [{bounds[0]:g}, {bounds[1]:g}] is empty")
        lo = max(bounds[0], mean - Z95 * sd)
        hi = min(bounds[1], mean + Z95 * sd)
        return Distribution(kind, (float(mean), float(sd)), float(lo), float(hi), bounds)
    elif kind == "lognormal":
        lo, hi = args
        if lo <= 0:
            raise bad(f"lognormal P5 must be positive, got {lo:g}")
        if lo >= hi:
            raise bad(f"lognormal P5 {lo:g} must be below P95 {hi:g}")
        bounds = (adm[0], adm[1])
        return Distribution(kind, (float(lo), float(hi)), float(lo), float(min(hi, adm[1])), bounds)
    else:  # discrete
        values, weights = args
        if not values or len(values) != len(weights):
            raise bad(f"a discrete distribution needs values with weights ({SYNTAX[kind]})")
        if any(w < 0 for w in weights) or not math.isclose(sum(weights), 1.0, abs_tol=1e-9):
            raise bad(f"discrete weights must be non-negative and sum to 1, got {sum(weights):g}")
        if spec.kind == "switch" and any(v not in (0, 1) for v in values):
            raise bad("a switch's discrete values must be 0 or 1")
        lo, hi = min(values), max(values)
        args = (tuple(float(v) for v in values), tuple(float(w) for w in weights))
    if lo > hi:
        raise bad(f"low {lo:g} > high {hi:g}")
    if lo < adm[0] or hi > adm[1]:
        raise bad(f"range [{lo:g}, {hi:g}] goes outside the admissible values [{adm[0]:g}, {adm[1]:g}] ({spec.unit})")
    if kind != "discrete":
        args = tuple(float(x) for x in args)
    return Distribution(kind, args, float(lo), float(hi), (float(lo), float(hi)))


def from_uncertainty(spec: ParameterSpec, where: str = "assumptions") -> Distribution | None:
    """The distribution declared in an assumption file's ``uncertainty`` entry (None if there is none).
    triangular/pert: mode = ``mode`` or the parameter's value; normal: mean = ``mode`` or the value,
    sd = ``sd``, truncated to [low, high]; lognormal: low/high are P5/P95."""
    u = spec.uncertainty
    if u is None:
        return None
    where = f"{where} uncertainty"
    mode = spec.value if u.mode is None else u.mode
    kind = u.distribution
    if kind == "fixed":
        return make_distribution(kind, (spec.value,), spec, where)
    if kind == "uniform":
        return make_distribution(kind, (u.low, u.high), spec, where)
    if kind in ("triangular", "pert"):
        return make_distribution(kind, (u.low, mode, u.high), spec, where)
    if kind == "normal":
        if u.sd is None:
            raise ModelInputError(f"{where}: {spec.id}: a normal distribution needs sd")
        return make_distribution(kind, (mode, u.sd), spec, where, truncate=(u.low, u.high))
    if kind == "lognormal":
        return make_distribution(kind, (u.low, u.high), spec, where)
    return make_distribution(kind, (tuple(u.values or ()), tuple(u.weights or ())), spec, where)


def _number(text: str, what: str, where: str) -> float:
    try:
        v = parse_number(text)
    except ValueError:
        raise ModelInputError(f"{where}: expected a number for {what}, got {text!r}") from None
    return v


def parse_dist(pid: str, text: str, specs: Mapping[str, ParameterSpec], where: str = "--dist") -> Distribution:
    """Parse a CLI distribution spec such as ``uniform:200:3000`` for parameter ``pid``."""
    from model.core.parameters import _suggest  # the loader's "did you mean" helper

    if pid not in specs:
        raise ModelInputError(f"{where}: {pid}: unknown parameter id{_suggest(pid)}")
    spec = specs[pid]
    kind, _, rest = text.strip().partition(":")
    kind = kind.strip().lower()
    loc = f"{where} {pid}={text}"
    if kind not in SYNTAX:
        raise ModelInputError(f"{loc}: unknown distribution {kind!r}; expected one of "
                              + ", ".join(SYNTAX.values()))
    if kind == "discrete":
        values, weights = [], []
        for item in filter(None, (s.strip() for s in rest.split(","))):
            v, sep, w = item.partition("@")
            if not sep:
                raise ModelInputError(f"{loc}: expected VALUE@WEIGHT items ({SYNTAX[kind]}), got {item!r}")
            values.append(_number(v, "a value", loc))
            weights.append(_number(w, "a weight", loc))
        return make_distribution(kind, (tuple(values), tuple(weights)), spec, loc)
    parts = [p for p in rest.split(":")] if rest else []
    need = SYNTAX[kind].count(":")
    if len(parts) != need:
        raise ModelInputError(f"{loc}: expected {SYNTAX[kind]} ({need} number{'s' if need > 1 else ''})")
    return make_distribution(kind, tuple(_number(p, "an argument", loc) for p in parts), spec, loc)


def parse_dist_options(items, specs: Mapping[str, ParameterSpec]) -> dict[str, str]:
    """``["ID=KIND:ARGS", ...]`` -> {id: spec text}; bad syntax raises ModelInputError."""
    out: dict[str, str] = {}
    for item in items or []:
        pid, sep, val = item.partition("=")
        if not sep or not pid.strip() or not val.strip():
            raise ModelInputError(f"--dist {item!r}: expected ID=KIND:ARGS, e.g. coaching.external_rate=uniform:200:3000")
        out[pid.strip()] = val.strip()
    return out
