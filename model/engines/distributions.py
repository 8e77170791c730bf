"""Probability distributions of uncertain parameters: building and validating them from an
assumption file's ``uncertainty`` entry or a CLI ``--dist`` spec. The distribution itself (inverse
CDF, mean) is ``model.engines.inverse_cdf.Distribution``.

A distribution maps uniform numbers u in (0, 1) to parameter values in the parameter's unit; the
sampling design (``model.engines.design``) produces the u, so sampling and distributions stay apart.
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
are rounded to whole numbers after drawing (``model.engines.plan.draw_parameters``).
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Mapping

import numpy as np

from model.core.errors import ModelInputError
from model.core.rules import drawable
from model.core.specs import check_value
from model.core.numbers import parse_number
from model.core.parameters import DISTRIBUTIONS, ParameterSpec
from model.engines.inverse_cdf import (PERT_EXACT_TAIL, PERT_GRID, PERT_LAMBDA, U_EPS, Z95, Distribution,
                                       lognormal_params, pert_shapes, triangular_ppf)

# An unbounded distribution (normal, lognormal) is truncated to the parameter's admissible values; it must
# put some of its central mass there: its central interval of this share (P0.5 to P99.5) has to overlap them,
# else every draw would sit at an end of the range the user never meant (normal:1e9:1 for a rate whose
# maximum is 1e4).
CENTRAL_MASS = 0.99
Z_CENTRAL = NormalDist().inv_cdf(0.5 + CENTRAL_MASS / 2)  # 2.576

__all__ = [  # the inverse-CDF names are re-exported from model.engines.inverse_cdf
    "PERT_EXACT_TAIL", "PERT_GRID", "PERT_LAMBDA", "SYNTAX", "U_EPS", "Z95",
    "Distribution", "admissible_bounds", "from_uncertainty", "lognormal_params", "make_distribution",
    "parse_dist", "parse_dist_options", "pert_shapes", "triangular_ppf",
]

SYNTAX = {
    "fixed": "fixed:VALUE",
    "uniform": "uniform:LOW:HIGH",
    "triangular": "triangular:LOW:MODE:HIGH",
    "pert": "pert:LOW:MODE:HIGH",
    "normal": "normal:MEAN:SD",
    "lognormal": "lognormal:P5:P95",
    "discrete": "discrete:V1@W1,V2@W2,...",
}


def admissible_bounds(spec: ParameterSpec) -> tuple[float, float]:
    """The values a parameter may take: [min, max], min at least 0 unless the entry sets a negative min (a
    change that can be a saving); unit: the parameter's."""
    lo = spec.min if spec.min is not None and spec.min < 0 else max(0.0, spec.min if spec.min is not None else 0.0)
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
    if kind in ("fixed", "discrete"):  # values given outright obey the parameter's own rules: whole counts, bounds
        for v in (args if kind == "fixed" else args[0]):
            try:
                check_value(spec, v)
            except ValueError as exc:
                raise bad(str(exc)) from None
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
        _check_support(bad, "normal", mean - Z_CENTRAL * sd, mean + Z_CENTRAL * sd, bounds, spec.unit)
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
        mu, sigma = lognormal_params(lo, hi)
        _check_support(bad, "lognormal", math.exp(mu - Z_CENTRAL * sigma), math.exp(mu + Z_CENTRAL * sigma),
                       bounds, spec.unit)
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


def _check_support(bad, kind: str, p_lo: float, p_hi: float, bounds: tuple[float, float], unit: str) -> None:
    """Refuse an unbounded distribution whose central interval (P0.5 to P99.5) misses ``bounds``."""
    if p_lo > bounds[1] or p_hi < bounds[0]:
        share = f"{CENTRAL_MASS:.0%}"
        raise bad(f"{kind} puts its central {share} ({p_lo:.4g} to {p_hi:.4g}) outside the admissible values "
                  f"[{bounds[0]:g}, {bounds[1]:g}] ({unit}); expected a distribution whose central {share} "
                  "overlaps them")


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
    if not drawable(pid):
        raise ModelInputError(f"{where}: {pid}: cannot be drawn (it is fixed for a whole run: horizon, rates, "
                              "dollar year, seeds and thresholds); set it with --set")
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
