"""Reconciliation of every cost figure the NPRM prints (``assumptions/published/figures.toml``)
with the model: quote, published value, model value unrounded and at the NPRM's rounding, and a
status, under Reading A (the default assumptions) and Reading B (``scenarios/reading_b.toml``)."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Callable, Literal, Mapping

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError

from model.core.components import TOTAL
from model.core.errors import ModelInputError
from model.core.labor import Params, hourly_wage, loaded_hourly_cost
from model.core.parameters import Assumptions, assumptions_dir
from model.core.program import policy
from model.core.stream import agency_stream



def _year1(p: Params, mode: str, exclude_policy: bool = False) -> float:
    s = agency_stream(p, mode, 1)
    value = s[TOTAL][..., 0]
    return value - s["policy"][..., 0] if exclude_policy else value


def _saving(p: Params, agencies_id: str) -> np.ndarray:
    """Coaching fees avoided government-wide, USD/year, if ``agencies_id`` agencies coach internally."""
    return (_year1(p, "external") - _year1(p, "internal")) * np.asarray(p[agencies_id], dtype=float)


QUANTITIES: dict[str, Callable[[Params], float]] = {
    "hourly_wage": hourly_wage,
    "loaded_hourly_cost": loaded_hourly_cost,
    "policy_per_agency": lambda p: policy(p, 0.0),
    "policy_government": lambda p: policy(p, 0.0) * p["agencies.count"],
    "training_per_participant": lambda p: (p["training.hours_proposed"] - p["training.hours_baseline"]) * p["training.cost_per_hour"],
    "assessment_fee": lambda p: p["assessment.cost"],
    "external_rate": lambda p: p["coaching.external_rate"],
    "internal_saving_eight_agencies": lambda p: _saving(p, "coaching.internal_program_agencies"),
    "internal_saving_all_agencies": lambda p: _saving(p, "agencies.count"),
    "program_per_agency_internal": lambda p: _year1(p, "internal", exclude_policy=True),
    "program_per_agency_external": lambda p: _year1(p, "external", exclude_policy=True),
    "total_per_agency_internal": lambda p: _year1(p, "internal"),
    "total_per_agency_external": lambda p: _year1(p, "external"),
    "total_government_internal": lambda p: _year1(p, "internal") * p["agencies.count"],
    "total_government_external": lambda p: _year1(p, "external") * p["agencies.count"],
}


class Figure(BaseModel):
    """One published figure."""

    model_config = ConfigDict(extra="forbid")
    id: str
    quote: str
    section: str
    published: float
    rounding: float
    quantity: Literal[tuple(QUANTITIES)]  # type: ignore[valid-type]
    expect: Literal["reproduce", "not_reproducible"]
    reason: str = ""
    condition: str = ""  # an interpretation the figure needs beyond the stated inputs
    kind: Literal["derived", "input"] = "derived"  # input: a stated input restated, not a computed figure


CHECKS: dict[str, Callable[[dict], float]] = {
    # GS within-grade steps are equal: step s = step 1 + (s - 1) / 9 x (step 10 - step 1).
    "gs_step": lambda x: x["step1"] + (x["step"] - 1) / (x["last_step"] - 1) * (x["step10"] - x["step1"]),
    # Agencies the rule applies to: approved today, less sub-level agencies folded into their parent, plus planned.
    "agencies_covered": lambda x: x["approved_today"] - x["sub_level"] + x["planning"],
}


class Inconsistency(BaseModel):
    """A reading of the text that does not add up, recomputed from ``inputs`` by ``CHECKS[check]``."""

    model_config = ConfigDict(extra="forbid")
    id: str
    quote: str
    section: str
    published: float
    check: Literal[tuple(CHECKS)]  # type: ignore[valid-type]
    inputs: dict[str, float]
    finding: str
    verified: bool = True  # False: an input comes from outside ../shared/sources and awaits verification


def _load_entries(path: Path | None, key: str, schema: type[BaseModel]) -> list:
    """Read and validate the ``[[key]]`` entries of the published figures file against ``schema``."""
    path = path or assumptions_dir() / "published" / "figures.toml"
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelInputError(f"{path}: cannot read published figures: {exc}") from None
    out = []
    for i, entry in enumerate(data.get(key, [])):
        try:
            out.append(schema(**entry))
        except ValidationError as exc:
            err = exc.errors()[0]
            raise ModelInputError(f"{path}: {key} {entry.get('id', i)}: "
                                  f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    return out


def load_inconsistencies(path: Path | None = None) -> list[Inconsistency]:
    """The ``[[inconsistency]]`` entries of the published figures file."""
    return _load_entries(path, "inconsistency", Inconsistency)


def inconsistency_table(path: Path | None = None) -> pd.DataFrame:
    """One row per inconsistency: published value, the value recomputed from the inputs, the
    difference and the finding."""
    rows = []
    for c in load_inconsistencies(path):
        value = float(CHECKS[c.check](c.inputs))
        rows.append({"id": c.id, "section": c.section, "quote": c.quote, "published": c.published,
                     "recomputed": value, "difference": c.published - value, "inputs": dict(c.inputs),
                     "finding": c.finding, "verified": c.verified})
    return pd.DataFrame(rows)


def load_figures(path: Path | None = None) -> list[Figure]:
    """The ``[[figure]]`` entries of the published figures file."""
    return _load_entries(path, "figure", Figure)


def round_to(value: float, step: float) -> float:
    """Round to the nearest multiple of ``step`` (half away from zero), as the NPRM's prose does."""
    q = abs(value) / step
    return math.copysign(math.floor(q + 0.5) * step, value)


def matches(value: float, figure: Figure) -> bool:
    """True if ``value`` at the figure's rounding equals the published value."""
    return math.isclose(round_to(value, figure.rounding), figure.published, rel_tol=1e-12, abs_tol=1e-9)


def reconciliation_table(readings: Mapping[str, Assumptions]) -> pd.DataFrame:
    """One row per published figure: quote, published, model values and status under Reading A, Reading
    B and the named fees only (a figure that those alone miss needs a reading). ``readings``: the three
    parameter sets, keyed A, B and named (``standard.readings_of``)."""
    readings = {r: dict(q.values) for r, q in readings.items()}
    rows = []
    for f in load_figures():
        vals = {r: float(QUANTITIES[f.quantity](p)) for r, p in readings.items()}
        ok = {r: matches(v, f) for r, v in vals.items()}
        if f.expect != "reproduce":
            status = "not reproducible from the stated inputs" if not ok["A"] else "UNEXPECTEDLY REPRODUCED"
        elif not ok["A"]:
            status = "NOT REPRODUCED"
        elif f.condition:
            status = f"reproduced ({f.condition})"
        else:
            status = ("reproduced" if ok["named"] else "reproduced (Reading A or B)" if ok["B"]
                      else "reproduced (Reading A only)")
        rows.append({
            "id": f.id, "section": f.section, "quote": f.quote, "published": f.published, "rounding": f.rounding,
            "model": vals["A"], "model_rounded": round_to(vals["A"], f.rounding),
            "reading_b": vals["B"], "reading_b_rounded": round_to(vals["B"], f.rounding),
            "reading_b_matches": ok["B"], "named_fees_only": vals["named"], "status": status, "expect": f.expect, "reason": f.reason, "kind": f.kind,
        })
    return pd.DataFrame(rows)


def reconciliation_ok(table: pd.DataFrame) -> bool:
    """True when every figure behaves as its ``expect`` says."""
    return not table.status.isin(["NOT REPRODUCED", "UNEXPECTEDLY REPRODUCED"]).any()
