"""The published figures: ``reconcile`` (every cost figure the NPRM prints beside the model's value, and the
readings of the text that do not add up) and ``explain`` (how one figure is computed, the arithmetic
written out with the values in force). Built from ``model.core.reconcile`` and
``assumptions/published/figures.toml``; nothing is kept between calls.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Mapping

from model.api._common import MODES, tables_html
from model.core.errors import ModelInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from model.core.parameters import Assumptions


@dataclass(frozen=True)
class Reconciliation:
    """``figures``: one row per published figure (id, section, quote, published, rounding, model,
    model_rounded, reading_b, reading_b_rounded, reading_b_matches, named_fees_only, status, expect,
    reason; USD or USD/hour as the figure is); ``inconsistencies``: id, section, quote, published,
    recomputed, difference, inputs, finding; ``ok``: every figure behaves as expected."""

    figures: "pd.DataFrame"
    inconsistencies: "pd.DataFrame"
    ok: bool

    def _repr_html_(self) -> str:
        cols = ["id", "published", "model", "model_rounded", "status"]
        return tables_html("Published figures beside the model",
                           ("All figures as expected." if self.ok else "SOME FIGURES DO NOT REPRODUCE.",),
                           (("Figures", self.figures[cols]),
                            ("Inconsistencies in the text", self.inconsistencies[["id", "published", "recomputed",
                                                                                 "difference"]])))


@dataclass(frozen=True)
class Explanation:
    """How one published figure is computed: its ``quote`` and ``section``, the ``published`` value and its
    ``rounding`` (the figure is compared with the model value rounded to the nearest multiple of it),
    the ``model`` value unrounded and ``model_rounded``, whether it ``reproduces`` at that rounding, the
    ``status`` and ``reason`` the reconciliation gives, and the ``arithmetic``, one step a line, with the
    values in force (USD, hours, USD/hour)."""

    id: str
    quantity: str
    section: str
    quote: str
    published: float
    rounding: float
    model: float
    model_rounded: float
    reproduces: bool
    status: str
    reason: str
    arithmetic: tuple[str, ...]

    def __str__(self) -> str:
        lines = [f"{self.id} ({self.section}): \"{self.quote}\"",
                 f"published {_n(self.published)}; model {_n(self.model)}, at the NPRM's rounding "
                 f"({_n(self.rounding)}) {_n(self.model_rounded)}: {self.status}",
                 *(f"  {step}" for step in self.arithmetic)]
        return "\n".join(lines + ([f"note: {self.reason}"] if self.reason else []))

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(str(self)) + "</pre>"


def _n(x: float) -> str:
    """A number as the arithmetic prints it: whole numbers with thousands separators, else to 4 decimals."""
    x = float(x)
    if abs(x - round(x)) < 1e-6:
        return f"{round(x):,}"
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def _component_steps(p: Mapping[str, float], ext: float) -> dict[str, tuple[str, float]]:
    """The formula of each main component with the values in force: {component: (text, value)}."""
    from model.core.labor import loaded_hourly_cost
    from model.core.program import added_training_hours
    rate, per_year, n = float(loaded_hourly_cost(p)), p["cohort.per_year"], p["cohort.participants"]
    policy = p["policy.hours"] * rate
    coach_rate = ext * p["coaching.external_rate"] + (1 - ext) * p["coaching.internal_rate"]
    added = float(added_training_hours(p))
    who = f"cohort.participants {_n(n)} x cohort.per_year {_n(per_year)}"
    return {
        "policy": (f"policy.hours {_n(p['policy.hours'])} h x loaded rate {_n(rate)} USD/h", policy),
        "training": (f"{who} x added training hours {_n(added)} x training.cost_per_hour {_n(p['training.cost_per_hour'])}",
                     n * per_year * added * p["training.cost_per_hour"]),
        "assessment": (f"(assessment.count_applicants {_n(p['assessment.count_applicants'])} x cohort.applicants_assessed "
                       f"{_n(p['cohort.applicants_assessed'])} + assessment.count_in_program "
                       f"{_n(p['assessment.count_in_program'])} x {_n(n)} participants) x cohort.per_year {_n(per_year)} "
                       f"x assessment.cost {_n(p['assessment.cost'])}",
                       (p["assessment.count_applicants"] * p["cohort.applicants_assessed"]
                        + p["assessment.count_in_program"] * n) * per_year * p["assessment.cost"]),
        "coaching": (f"{who} x coaching.hours {_n(p['coaching.hours'])} x coaching rate {_n(coach_rate)} USD/h",
                     n * per_year * p["coaching.hours"] * coach_rate),
        "staff_hours_per_participant": (f"{who} x accounting.staff_hours_per_participant "
                                        f"{_n(p['accounting.staff_hours_per_participant'])} h x {_n(rate)} USD/h",
                                        n * per_year * p["accounting.staff_hours_per_participant"] * rate),
        "policy_hours_recounted": (f"accounting.policy_hours_recounted {_n(p['accounting.policy_hours_recounted'])} "
                                   f"x policy {_n(policy)}", p["accounting.policy_hours_recounted"] * policy),
        "participant_training_time": (f"{who} x added training hours {_n(added)} x labor.participant_loaded_hourly "
                                      f"{_n(p['labor.participant_loaded_hourly'])} USD/h",
                                      p["accounting.participant_training_time"] * n * per_year * added
                                      * p["labor.participant_loaded_hourly"]),
    }


def _year1_steps(a: "Assumptions", mode: str, with_policy: bool) -> tuple[list[str], float]:
    """Year-1 cost per agency (as published) component by component, each with its formula."""
    from model.core.components import TOTAL
    from model.core.results import cost_table
    from model.core.stream import external_share
    t = cost_table(a, years=1, framings=("as_published",), modes=(mode,), levels=("agency",))
    parts = {c: float(v) for c, v in zip(t.component, t.usd) if c != TOTAL and v != 0
             and (with_policy or c != "policy")}
    formulas = _component_steps(a.values, float(external_share(a.values, mode)))
    steps = []
    for c, v in parts.items():
        text, value = formulas.get(c, ("", math.nan))
        steps.append(f"{c} = {text} = {_n(v)}" if math.isclose(value, v, rel_tol=1e-9, abs_tol=1e-6)
                     else f"{c} = {_n(v)}")
    total = sum(parts.values())
    label = "year-1 cost per agency" if with_policy else "year-1 program cost per agency (without the policy update)"
    steps.append(f"{label}, {mode} coaching = " + " + ".join(_n(v) for v in parts.values()) + f" = {_n(total)}")
    return steps, total


def _arithmetic(a: "Assumptions", quantity: str) -> list[str]:
    """The steps that compute ``quantity`` (a ``model.core.reconcile.QUANTITIES`` name) from the values."""
    from model.core.labor import hourly_wage
    p = a.values
    wage = float(hourly_wage(p))
    raw = p["labor.annual_salary"] / p["labor.hours_per_year"]
    wage_step = (f"hourly wage = labor.annual_salary {_n(p['labor.annual_salary'])} / labor.hours_per_year "
                 f"{_n(p['labor.hours_per_year'])} = {_n(raw)}"
                 + (f", rounded to the cent (labor.round_hourly_wage = 1): {_n(wage)}" if wage != raw else ""))
    loaded_step = f"loaded rate = hourly wage {_n(wage)} x labor.load_factor {_n(p['labor.load_factor'])} = " \
                  f"{_n(wage * p['labor.load_factor'])} USD/h"
    agencies = p["agencies.count"]
    if quantity == "hourly_wage":
        return [wage_step]
    if quantity == "loaded_hourly_cost":
        return [wage_step, loaded_step]
    if quantity in ("policy_per_agency", "policy_government"):
        text, v = _component_steps(p, 0.0)["policy"]
        steps = [wage_step, loaded_step, f"policy update per agency = {text} = {_n(v)}"]
        return steps + ([f"government-wide = {_n(v)} x agencies.count {_n(agencies)} = {_n(v * agencies)}"]
                        if quantity == "policy_government" else [])
    if quantity == "training_per_participant":
        added = p["training.hours_proposed"] - p["training.hours_baseline"]
        return [f"(training.hours_proposed {_n(p['training.hours_proposed'])} - training.hours_baseline "
                f"{_n(p['training.hours_baseline'])}) h x training.cost_per_hour {_n(p['training.cost_per_hour'])} "
                f"= {_n(added * p['training.cost_per_hour'])}"]
    inputs: dict[str, Callable[[], list[str]]] = {
        "assessment_fee": lambda: [f"assessment.cost = {_n(p['assessment.cost'])} (an input, restated)"],
        "external_rate": lambda: [f"coaching.external_rate = {_n(p['coaching.external_rate'])} USD/h (an input, restated)"],
    }
    if quantity in inputs:
        return inputs[quantity]()
    if quantity.startswith("internal_saving_"):
        _, e = _year1_steps(a, "external", True)
        _, i = _year1_steps(a, "internal", True)
        pid = "coaching.internal_program_agencies" if quantity.endswith("eight_agencies") else "agencies.count"
        text, fees = _component_steps(p, 1.0)["coaching"]
        return [f"coaching fees avoided per agency = year-1 cost external {_n(e)} - internal {_n(i)} = {_n(e - i)}",
                *([f"(the external coaching fees: {text} = {_n(fees)})"] if math.isclose(fees, e - i) else []),
                f"government-wide = {_n(e - i)} x {pid} {_n(p[pid])} = {_n((e - i) * p[pid])}"]
    kind, _, mode = quantity.rpartition("_")
    if kind not in ("program_per_agency", "total_per_agency", "total_government") or mode not in MODES:
        return [f"(no arithmetic written out for {quantity}; model.core.reconcile computes it)"]
    steps, total = _year1_steps(a, mode, kind != "program_per_agency")
    if kind == "total_government":
        steps.append(f"government-wide = {_n(total)} x agencies.count {_n(agencies)} = {_n(total * agencies)}")
    return [wage_step, loaded_step, *steps]


class ReconcileMethods:
    """The published-figure methods of ``Scenario`` (``self.assumptions`` is the parameter set)."""

    __slots__ = ()
    assumptions: "Assumptions"

    def reconcile(self) -> Reconciliation:
        """Every cost figure the NPRM prints beside this scenario's value (Reading A = this scenario;
        Reading B and the named fees only on top of it), and the inconsistencies of the text."""
        from model.core.reconcile import inconsistency_table, reconciliation_ok, reconciliation_table
        from model.core.standard import readings_of
        figures = reconciliation_table(readings_of(self.assumptions))
        return Reconciliation(figures, inconsistency_table(), bool(reconciliation_ok(figures)))

    def explain(self, figure_id: str) -> Explanation:
        """How the published figure ``figure_id`` (an id of ``assumptions/published/figures.toml``, e.g.
        ``"total_per_agency_external"``) is computed from this scenario's values, step by step."""
        from model.core.reconcile import load_figures, matches, reconciliation_table, round_to
        from model.core.standard import readings_of
        figures = {f.id: f for f in load_figures()}
        if figure_id not in figures:
            raise ModelInputError(f"figure: unknown id {figure_id!r}; expected one of {', '.join(figures)}")
        f = figures[figure_id]
        t = reconciliation_table(readings_of(self.assumptions))
        row = t[t.id == figure_id].iloc[0]
        return Explanation(f.id, f.quantity, f.section, f.quote, f.published, f.rounding, float(row.model),
                           round_to(float(row.model), f.rounding), bool(matches(float(row.model), f)),
                           str(row.status), f.reason, tuple(_arithmetic(self.assumptions, f.quantity)))
