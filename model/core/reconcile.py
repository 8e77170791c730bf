"""Reconciliation of every cost figure the NPRM prints (``assumptions/published/figures.toml``)
with the model: quote, published value, model value unrounded and at the NPRM's rounding, and a
status. The program figures' statuses say how many of the readings of the $152,000
(``model.core.readings``) reproduce them; every number in a reason is filled in from the model
(``fill_template``)."""

from __future__ import annotations

import math
import re
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


def _policy_saving_years_2_3(p: Params) -> np.ndarray:
    """How much less the policy labor of analysis year 2 is than year 1's, per agency, as published."""
    s = agency_stream(p, "internal", 2)["policy"]
    return s[..., 0] - s[..., 1]


def _saving(p: Params, agencies_id: str) -> np.ndarray:
    """Coaching fees avoided government-wide, USD/year, if ``agencies_id`` agencies coach internally."""
    return (_year1(p, "external") - _year1(p, "internal")) * np.asarray(p[agencies_id], dtype=float)


QUANTITIES: dict[str, Callable[[Params], float]] = {
    "hourly_wage": hourly_wage,
    "loaded_hourly_cost": loaded_hourly_cost,
    "policy_per_agency": lambda p: policy(p, 0.0),
    "policy_government": lambda p: policy(p, 0.0) * p["agencies.count"],
    "policy_saving_years_2_3": _policy_saving_years_2_3,
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


IN_FORCE, NAMED = "in_force", "named"  # keys of the parameter sets ``reconciliation_table`` takes
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")


def fill_template(text: str, values: Mapping[str, str], origin: str = "") -> str:
    """``text`` with every ``{key}`` replaced by ``values[key]``; a key not in ``values``, or a dollar
    amount typed outside a placeholder, raises ModelInputError (every number is the model's)."""
    if "$" in _PLACEHOLDER.sub("", text):
        raise ModelInputError(f"{origin}: a dollar amount is typed in the text; use a {{placeholder}}")

    def one(m: re.Match) -> str:
        if m.group(1) not in values:
            raise ModelInputError(f"{origin}: unknown placeholder {{{m.group(1)}}}")
        return values[m.group(1)]
    return _PLACEHOLDER.sub(one, text)


def _money(value: float) -> str:
    from model.core.explain import money
    return money(value)


def _quantity_text(name: str, value: float) -> str:
    return _money(value) if name not in ("hourly_wage", "loaded_hourly_cost") else f"${value:,.2f}"


def template_values(readings: Mapping[str, Assumptions], analysis=None) -> dict[str, float | str]:
    """Every value a reason or condition may name (see the header of figures.toml), as text; keys ending
    in a quantity id also as numbers under ``"#" + key`` (for ``rounded.``)."""
    from model.core.readings import load_readings_spec, reading_overrides, term_values
    a = readings[IN_FORCE]
    p = dict(a.values)
    out: dict[str, float | str] = {}

    def put(key: str, value: float, text: str | None = None) -> None:
        out["#" + key] = float(value)
        out[key] = text if text is not None else _money(value)

    for name, fn in QUANTITIES.items():
        v = float(fn(p))
        put(name, v, _quantity_text(name, v))
        put(f"{NAMED}.{name}", float(fn(dict(readings[NAMED].values))))
    raw = p["labor.annual_salary"] / p["labor.hours_per_year"]
    put("hourly_wage_unrounded", raw, f"${raw:,.4f}")
    put("loaded_hourly_cost_unrounded", raw * p["labor.load_factor"], f"${raw * p['labor.load_factor']:,.3f}")
    fee = p["cohort.participants"] * p["cohort.per_year"] * p["coaching.hours"] * p["coaching.external_rate"]
    put("coaching_fees_external", fee)
    for pid, spec in a.specs.items():
        v = float(p[pid])
        put(pid, v, _money(v) if str(spec.unit).startswith("USD") else f"{v:,g}")
    spec = load_readings_spec()
    values = term_values(a, spec)
    found, chosen, _ = analysis if analysis is not None else (None, None, None)
    named = {n.id: n.terms for n in spec.name}
    if chosen is None:
        out["readings.picked"] = out["readings.Picked"] = "no reading (none found at these values)"
        named["picked"] = ()
    else:
        named["picked"] = chosen.terms
        out["readings.picked"] = chosen.title
        out["readings.Picked"] = chosen.title[0].upper() + chosen.title[1:]
    if found is not None:
        out["readings.count"] = f"{len(found)}"
        out["readings.all"] = f"{sum(r.reproduces_all for r in found)}"
        for fid in spec.search.figures:
            out[f"readings.{fid}"] = f"{sum(fid in r.reproduces for r in found)}"
    for rid, terms in named.items():
        q = {**p, **reading_overrides(spec, terms)}
        for name in spec.search.figures:
            fig = next(f for f in load_figures() if f.id == name)
            put(f"reading.{rid}.{name}", float(QUANTITIES[fig.quantity](q)))
        vs = [values[t] for t in terms]
        out[f"reading.{rid}.sum"] = " + ".join(_money(v) for v in vs) + f" = {_money(sum(vs))}"
    return out


def _fill(text: str, values: dict, f: Figure) -> str:
    if not text:
        return text
    local = dict(values, published=_quantity_text(f.quantity, f.published))
    for key in _PLACEHOLDER.findall(text):
        if key.startswith("rounded.") and "#" + key.removeprefix("rounded.") in values:
            v = round_to(values["#" + key.removeprefix("rounded.")], f.rounding)
            local[key] = _quantity_text(f.quantity, v)
    return fill_template(text, local, f"figures.toml: figure {f.id}")


def reconciliation_table(readings: Mapping[str, Assumptions], analysis=None) -> pd.DataFrame:
    """One row per published figure: quote, published, the model's value in force and at the NPRM's rounding,
    the status, and the reason with the model's numbers filled in. ``readings``: parameter sets keyed
    ``in_force`` (the model), ``named`` (the named fees only) and ``b`` (Reading B), as
    ``standard.readings_of`` gives them. ``analysis``: ``readings.analyze`` of the set in force (computed
    if not given). The program figures' status says how many readings of the $152,000 reproduce them."""
    from model.core.readings import analyze, load_readings_spec
    analysis = analysis if analysis is not None else analyze(readings[IN_FORCE])
    found, chosen, _ = analysis
    program = set(load_readings_spec().search.figures)
    in_force = next((r for r in found if all(float(readings[IN_FORCE][k]) == v for k, v in r.overrides.items())),
                    None)
    values = template_values(readings, analysis)
    params = {r: dict(q.values) for r, q in readings.items()}
    rows = []
    for f in load_figures():
        vals = {r: float(QUANTITIES[f.quantity](p)) for r, p in params.items()}
        ok = {r: matches(v, f) for r, v in vals.items()}
        condition = _fill(f.condition, values, f)
        if f.expect != "reproduce":
            status = "not reproducible from the stated inputs" if not ok[IN_FORCE] else "UNEXPECTEDLY REPRODUCED"
        elif not ok[IN_FORCE]:
            status = "NOT REPRODUCED"
        elif condition:
            status = f"reproduced ({condition})"
        elif f.id in program and not ok[NAMED]:
            n = sum(f.id in r.reproduces for r in found)
            who = f"{in_force.title} among them" if in_force is not None else "not the switches in force"
            status = f"reproduced (by {n} of the {len(found)} readings of the program figure, {who})"
        else:
            status = "reproduced" if ok[NAMED] else "reproduced (under the reading in force)"
        rows.append({
            "id": f.id, "section": f.section, "quote": f.quote, "published": f.published, "rounding": f.rounding,
            "model": vals[IN_FORCE], "model_rounded": round_to(vals[IN_FORCE], f.rounding),
            "reading_b": vals["b"], "reading_b_rounded": round_to(vals["b"], f.rounding),
            "reading_b_matches": ok["b"], "named_fees_only": vals[NAMED], "status": status, "expect": f.expect,
            "reason": _fill(f.reason, values, f), "kind": f.kind,
        })
    return pd.DataFrame(rows)


def reconciliation_ok(table: pd.DataFrame) -> bool:
    """True when every figure behaves as its ``expect`` says."""
    return not table.status.isin(["NOT REPRODUCED", "UNEXPECTEDLY REPRODUCED"]).any()
