"""Cost streams over the analysis horizon, per agency and government-wide, for each coaching mode
and framing. Arrays: a parameter given as shape (N,) yields streams of shape (N, years). Each
component's ``Timing`` (``core.timing``) places it in years.
"""

from __future__ import annotations

import numpy as np

from model.core.components import COMPONENTS, TOTAL
from model.core.errors import ModelInputError
from model.core.labor import Params
from model.core.regimes import FRAMING_TERMS, regime_params
from model.core.timing import SCHEDULE_IDS, cycle_mask  # noqa: F401  (re-exported: engines and tests use them here)
from model.core.vocabulary import FRAMINGS, GIVEN

__all__ = ["SCHEDULE_IDS", "agency_stream", "regime_stream", "framed_stream", "to_level",
           "external_share", "agencies_covered", "cycle_mask", "perpetual_value"]


def external_share(p: Params, mode: str) -> np.ndarray:
    """Share of an agency's coaching bought externally: 0 internal, 1 external, and for ``mixed``
    (agencies.count - coaching.internal_program_agencies) / agencies.count; 1 in every mode when
    alternative.certified_coaches_only = 1 (no internal federal coaches)."""
    return np.maximum(_mode_share(p, mode), np.asarray(p["alternative.certified_coaches_only"], dtype=float))


def _mode_share(p: Params, mode: str) -> np.ndarray:
    if mode == "internal":
        return np.zeros(())
    if mode == "external":
        return np.ones(())
    if mode == "mixed":
        n = np.asarray(p["agencies.count"], dtype=float)
        k = np.asarray(p["coaching.internal_program_agencies"], dtype=float)
        return np.divide(n - k, n, out=np.zeros(np.broadcast(n, k).shape), where=n > 0)
    raise ModelInputError(f"coaching mode: expected internal, external or mixed, got {mode!r}")


def agencies_covered(p: Params) -> np.ndarray:
    """Agencies the requirements reach: agencies.count, times alternative.voluntary_adoption_share when
    alternative.guidance_only = 1 (guidance instead of regulation). Government-wide = per agency x this."""
    n = np.asarray(p["agencies.count"], dtype=float)
    g = np.asarray(p["alternative.guidance_only"], dtype=float)
    if np.ndim(g) == 0 and g == 0:
        return n  # the rule binds every agency: the adoption share is not read (nor drawn: ``applies_when``)
    return n * (1 - g * (1 - np.asarray(p["alternative.voluntary_adoption_share"], dtype=float)))


def regime_stream(p: Params, mode: str, years: int, regime: str = GIVEN) -> dict[str, np.ndarray]:
    """Per-agency cost by component and year in one regime, USD, shape (..., years); with ``total``.
    ``p`` is the parameters as given; the regime's own parameters are derived from them."""
    q = regime_params(p, regime)
    ext = external_share(q, mode)
    out: dict[str, np.ndarray] = {}
    for c in COMPONENTS:
        out[c.name] = np.asarray(c.func(q, ext), dtype=float)[..., None] * c.timing.weights(q, years, regime)
    out[TOTAL] = sum(out[c.name] for c in COMPONENTS)
    return out


def agency_stream(p: Params, mode: str, years: int) -> dict[str, np.ndarray]:
    """Per-agency cost by component and year as published (the parameters as given), USD."""
    return regime_stream(p, mode, years, GIVEN)


def framed_stream(p: Params, mode: str, framing: str, years: int) -> dict[str, np.ndarray]:
    """Per-agency stream in a framing: ``as_published`` (the NPRM's framing) or ``incremental``
    (the ``rule`` regime minus the ``current`` regime, component by component and year by year)."""
    if framing not in FRAMING_TERMS:
        raise ModelInputError(f"framing: expected {' or '.join(FRAMINGS)}, got {framing!r}")
    out: dict[str, np.ndarray] = {}
    for regime, sign in FRAMING_TERMS[framing]:
        s = regime_stream(p, mode, years, regime)
        for name, v in s.items():
            out[name] = out[name] + sign * v if name in out else sign * v
    return out


def perpetual_value(p: Params, mode: str, framing: str, rate: float) -> np.ndarray:
    """Present value per agency, USD, of the framing's cost stream continued for ever at ``rate``
    (> 0): annual components / r plus each approval component x ``perpetual_weight`` of its schedule."""
    total = 0.0
    for regime, sign in FRAMING_TERMS[framing]:
        q = regime_params(p, regime)
        ext = external_share(q, mode)
        for c in COMPONENTS:
            total = total + sign * np.asarray(c.func(q, ext), dtype=float) * c.timing.perpetual(q, rate, regime)
    return np.asarray(total, dtype=float)


def to_level(p: Params, agency_values: np.ndarray, level: str) -> np.ndarray:
    """Per-agency values scaled to a level: ``agency`` as is, ``government`` x ``agencies_covered``."""
    if level == "agency":
        return agency_values
    if level == "government":
        n = agencies_covered(p)
        return agency_values * n.reshape(n.shape + (1,) * (np.ndim(agency_values) - n.ndim))
    raise ModelInputError(f"level: expected agency or government, got {level!r}")
