"""What the NPRM omits: every requirement of the rule text that its cost section does not price.

Priced ones are the registry's components that the complete accounting switches on and the NPRM
leaves off (``core.components``, each with the quote of its switch in ``assumptions/accounting.toml``):
their incremental year-1 cost and present value at the higher A-4 rate, government-wide, at the
values in force, and the ends of their range as an engine computes them (``engines.omitted_ranges``: the
uncertainty spec's ranges of the requirement's own parameters). Unquantified ones come from
``assumptions/published/unquantified.toml`` with the reason no number is defensible.
"""

from __future__ import annotations

import tomllib
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError

from model.core.components import COMPONENTS
from model.core.discount import present_value
from model.core.evidence import GRADE_LABELS
from model.core.errors import ModelInputError
from model.core.parameters import Assumptions, assumptions_dir
from model.core.quantities import pv_high
from model.core.vocabulary import CURRENT, GOVERNMENT, INCREMENTAL, PRICED_MODES, RULE
from model.core.results import horizon
from model.core.stream import framed_stream, to_level
from model.core.symbolic import Term
from model.core.timing import Timing

PRICED, UNQUANTIFIED = "priced", "unquantified"
OMITTED_COLUMNS = ["requirement", "component", "section", "quote", "status", "coaching", "year1", "pv",
                   "pv_low", "pv_high", "evidence", "reason"]


class Unquantified(BaseModel):
    """A requirement listed without a number, and why."""

    model_config = ConfigDict(extra="forbid")
    id: str
    requirement: str
    section: str
    quote: str
    reason: str


def load_unquantified() -> list[Unquantified]:
    """The ``[[unquantified]]`` entries of assumptions/published/unquantified.toml."""
    path = assumptions_dir() / "published" / "unquantified.toml"
    try:
        with path.open("rb") as fh:
            entries = tomllib.load(fh).get("unquantified", [])
        return [Unquantified(**e) for e in entries]
    except (OSError, tomllib.TOMLDecodeError, ValidationError, TypeError) as exc:
        raise ModelInputError(f"{path}: cannot read the unquantified requirements: {exc}") from None


def unpriced_components(primary: Assumptions, complete: Assumptions) -> list:
    """The components the complete accounting switches on and the NPRM's estimate leaves off."""
    return [c for c in COMPONENTS if c.switch and primary.primary_values()[c.switch] == 0 and complete[c.switch] == 1
            and c.timing != Timing.BASELINE_APPROVAL]


def _component_values(p: dict, mode: str, years: int, rate: float) -> dict[str, tuple[float, float]]:
    """Incremental (year-1, PV at ``rate``) government-wide of every component, USD."""
    s = framed_stream(p, mode, INCREMENTAL, years)
    out = {}
    for c in COMPONENTS:
        gov = to_level(p, s[c.name], GOVERNMENT)
        out[c.name] = (float(gov[0]), float(present_value(gov, rate)))
    return out


def reads(a: Assumptions, c, mode: str) -> frozenset:
    """The parameters the component ``c`` reads in the incremental framing (both regimes), from its formula run on
    symbolic values (``grading.regime_terms``)."""
    from model.core.grading import regime_terms  # noqa: PLC0415 (grading builds on explain)
    share = 0.0 if mode == "internal" else 1.0
    found: frozenset = frozenset()
    for regime in (RULE, CURRENT):
        t = c.func(regime_terms(a, regime), share)
        found |= t.ids if isinstance(t, Term) else frozenset()
    return found


def omitted_table(complete: Assumptions, modes: Sequence[str] = PRICED_MODES, years: int | None = None,
                  ranges: Mapping[tuple[str, str], tuple[float, float]] | None = None) -> pd.DataFrame:
    """One row per omitted requirement and coaching mode: incremental year-1 cost and PV at the higher
    A-4 rate over the horizon (USD of analysis.dollar_year, government-wide), with the PV at the ends of
    the component's range (``ranges``: (mode, component) -> (low, high) USD, from ``engines.omitted_ranges``;
    NaN without it) and its evidence grade; unquantified requirements with their reason. ``complete`` is the parameter set with the
    complete accounting switched on (``standard.complete_of``)."""
    from model.core.grading import component_grades  # noqa: PLC0415
    n, rate = horizon(complete, years), complete["analysis.discount_rate_high"]
    nprm = complete.primary()
    rows = []
    for mode in modes:
        base = _component_values(dict(complete.values), mode, n, rate)
        grades = component_grades(complete, mode, INCREMENTAL)
        for c in unpriced_components(nprm, complete):
            used = reads(complete, c, mode)  # empty: the component is zero in this mode, nothing to grade
            low, high = (np.nan, np.nan) if ranges is None else ranges[(mode, c.name)]
            spec = complete.specs[c.switch] if c.switch else None
            rows.append({"requirement": c.label, "component": c.name, "section": spec.section if spec else "",
                         "quote": spec.quote if spec else "", "status": PRICED, "coaching": mode,
                         "year1": base[c.name][0], "pv": base[c.name][1], "pv_low": low,
                         "pv_high": high, "evidence": GRADE_LABELS[grades[c.name]] if used else "", "reason": ""})
    for u in load_unquantified():
        rows.append({"requirement": u.requirement, "component": u.id, "section": u.section, "quote": u.quote,
                     "status": UNQUANTIFIED, "coaching": "", "year1": np.nan, "pv": np.nan, "pv_low": np.nan,
                     "pv_high": np.nan, "evidence": "", "reason": u.reason})
    t = pd.DataFrame(rows, columns=OMITTED_COLUMNS)
    return t.rename(columns={"pv": pv_high(complete.values), "pv_low": pv_high(complete.values) + "_low",
                             "pv_high": pv_high(complete.values) + "_high"})
