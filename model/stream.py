"""Cost streams over the analysis horizon, per agency and government-wide, for each coaching mode
and framing. Arrays: a parameter given as shape (N,) yields streams of shape (N, years)."""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .components import COMPONENTS, TOTAL
from .errors import ModelInputError
from .labor import Params

FRAMINGS = ("as_published", "incremental")
LEVELS = ("agency", "government")


def external_share(p: Params, mode: str) -> np.ndarray:
    """Share of an agency's coaching bought externally: 0 internal, 1 external, and for ``mixed``
    (agencies.count - coaching.internal_program_agencies) / agencies.count."""
    if mode == "internal":
        return np.zeros(())
    if mode == "external":
        return np.ones(())
    if mode == "mixed":
        n = np.asarray(p["agencies.count"], dtype=float)
        k = np.asarray(p["coaching.internal_program_agencies"], dtype=float)
        return np.divide(n - k, n, out=np.zeros(np.broadcast(n, k).shape), where=n > 0)
    raise ModelInputError(f"coaching mode: expected internal, external or mixed, got {mode!r}")


def cycle_mask(interval: np.ndarray, first_year: np.ndarray, years: int) -> np.ndarray:
    """1.0 in (re)approval years first_year, first_year + interval, ... within 1..years, else 0.0.
    Shape: broadcast(interval, first_year) + (years,)."""
    y = np.arange(1, years + 1)
    k = np.asarray(interval, dtype=float)[..., None]
    f = np.asarray(first_year, dtype=float)[..., None]
    return ((y >= f) & (np.mod(y - f, k) == 0)).astype(float)


def timing_weights(p: Params, timing: str, years: int) -> np.ndarray:
    """Occurrence weights by year for a component timing, shape (..., years)."""
    if timing == "annual":
        return np.ones(years)
    interval = p["policy.reapproval_years"] if timing == "approval" else p["policy.baseline_reapproval_years"]
    return cycle_mask(interval, p["policy.first_approval_year"], years)


def agency_stream(p: Params, mode: str, years: int) -> dict[str, np.ndarray]:
    """Per-agency cost by component and year, USD, shape (..., years); includes ``total``."""
    ext = external_share(p, mode)
    out: dict[str, np.ndarray] = {}
    for c in COMPONENTS:
        out[c.name] = np.asarray(c.func(p, ext), dtype=float)[..., None] * timing_weights(p, c.timing, years)
    out[TOTAL] = sum(out[c.name] for c in COMPONENTS)
    return out


def framed_stream(p: Params, baseline: Params, mode: str, framing: str, years: int) -> dict[str, np.ndarray]:
    """Per-agency stream in a framing: ``as_published`` (the rule's own costs as the NPRM frames them)
    or ``incremental`` (the rule minus the baseline rule, component by component)."""
    if framing == "as_published":
        return agency_stream(p, mode, years)
    if framing == "incremental":
        rule, base = agency_stream(p, mode, years), agency_stream(baseline, mode, years)
        return {name: rule[name] - base[name] for name in rule}
    raise ModelInputError(f"framing: expected as_published or incremental, got {framing!r}")


def to_level(p: Params, agency_values: np.ndarray, level: str) -> np.ndarray:
    """Per-agency values scaled to a level: ``agency`` as is, ``government`` x agencies.count."""
    if level == "agency":
        return agency_values
    if level == "government":
        n = np.asarray(p["agencies.count"], dtype=float)
        return agency_values * n.reshape(n.shape + (1,) * (np.ndim(agency_values) - n.ndim))
    raise ModelInputError(f"level: expected agency or government, got {level!r}")


def baseline_params(p: Params, baseline_overrides: Mapping[str, float]) -> dict:
    """The baseline (current rule) parameters: ``p`` with the baseline scenario's overrides applied."""
    out = dict(p)
    out.update(baseline_overrides)
    return out
