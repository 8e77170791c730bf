"""The regimes the framings compare, as parameter mappings over which the same component functions run.

- ``given``: the parameters as given: the NPRM's framing (``as_published``).
- ``rule``: the proposed rule as agencies would live under it, for the ``incremental`` framing:
  every requirement at max(requirement, current practice); a reading's second count of the policy
  hours dropped (a cost counted twice may not enter the incremental framing); the complete
  accounting's netting of baseline re-approvals dropped (the framing nets them by subtraction).
- ``current``: the current rule and current practice (the baseline): training at the current minimum
  plus what programs deliver above it; coaching, mentoring and assessments as practised today; no
  412.303 evaluation templates; no unexplained staff hours of a reading; policy re-approvals on the current rule's cycle
  (``stream`` places them) for ``agencies.baseline_policies`` policies, expressed per agency of
  ``agencies.count`` so that government = per agency x agencies.count in every framing.

incremental = rule - current, component by component and year by year. Every value comes from the
parameters: no scenario file pins a baseline quantity. Pure and vectorized (floats or arrays).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from model.core.arith import copy_params, ops
from model.core.labor import Params, param
from model.core.program import baseline_policies_per_agency
from model.core.vocabulary import AS_PUBLISHED, CURRENT, GIVEN, INCREMENTAL, RULE

# Each framing as a signed sum of regimes.
FRAMING_TERMS: dict[str, tuple[tuple[str, float], ...]] = {
    AS_PUBLISHED: ((GIVEN, 1.0),),
    INCREMENTAL: ((RULE, 1.0), (CURRENT, -1.0)),
}

# Requirement id -> the current-practice id it is compared with (hours per participant).
HOURS_PRACTICE = {
    "coaching.hours": "practice.coaching_hours",
    "mentoring.hours": "practice.mentoring_hours",
}
# Assessment switch -> the share of the counted people already assessed today.
ASSESSMENT_PRACTICE = {
    "assessment.count_applicants": "practice.applicant_assessment_share",
    "assessment.count_in_program": "practice.in_program_assessment_share",
}
# Terms that exist only under the proposed rule (412.303 templates) or only in a reading of the NPRM.
NEW_ONLY = ("evaluation.participant_hours", "evaluation.manager_hours_per_cohort", "evaluation.annual_hours",
            "accounting.staff_hours_per_participant", "accounting.program_administration",
            "accounting.developmental_assignment", "accounting.template_reapprovals", "edp.participant_hours")
NOT_IN_INCREMENTAL = ("accounting.policy_hours_recounted", "accounting.net_baseline_reapprovals")


def _a(p: Params, pid: str) -> np.ndarray:
    """A parameter as floats; a symbolic value (``core.symbolic.Term``, for explaining and grading) passes through."""
    return param(p, pid)


def current_training_hours(p: Params) -> np.ndarray:
    """Formal training hours per participant delivered today: the current minimum plus practice above it."""
    return _a(p, "training.hours_baseline") + _a(p, "practice.training_hours_above_minimum")


def rule_params(p: Params) -> dict:
    """Parameters of the ``rule`` regime (see the module docstring)."""
    out, o = copy_params(p), ops(p)
    out["training.hours_proposed"] = o.maximum(_a(p, "training.hours_proposed"), current_training_hours(p))
    for pid, practice in HOURS_PRACTICE.items():
        out[pid] = o.maximum(_a(p, pid), _a(p, practice))
    for pid in NOT_IN_INCREMENTAL:
        out[pid] = 0.0
    return out


def current_params(p: Params) -> dict:
    """Parameters of the ``current`` regime (the baseline; see the module docstring)."""
    out = copy_params(p)
    out["training.hours_proposed"] = current_training_hours(p)
    for pid, practice in HOURS_PRACTICE.items():
        out[pid] = _a(p, practice)
    for pid, share in ASSESSMENT_PRACTICE.items():
        out[pid] = _a(p, pid) * _a(p, share)
    for pid in (*NEW_ONLY, *NOT_IN_INCREMENTAL):
        out[pid] = 0.0
    out["policy.hours"] = _a(p, "policy.hours") * baseline_policies_per_agency(p)
    return out


REGIME_PARAMS = {GIVEN: copy_params, RULE: rule_params, CURRENT: current_params}


def regime_params(p: Params, regime: str) -> dict:
    """The parameters of one regime."""
    return REGIME_PARAMS[regime](p)


def clamp_notes(p: Mapping[str, float]) -> list[str]:
    """One sentence per current practice at or above the proposed requirement (scalars): the rule adds
    nothing for that element in the incremental framing. Empty when nothing is clamped."""
    notes = []
    current = float(current_training_hours(p))
    if p["training.hours_baseline"] > p["training.hours_proposed"]:
        notes.append(f"training: the current minimum ({p['training.hours_baseline']:g} h) is above the proposed "
                     f"({p['training.hours_proposed']:g} h); added hours are max(0, proposed - current) = 0 in both framings")
    elif current > p["training.hours_proposed"]:
        notes.append(f"training: programs deliver {current:g} hours today (training.hours_baseline + "
                     f"practice.training_hours_above_minimum), above the proposed {p['training.hours_proposed']:g}; "
                     "the rule adds no training hours (incremental training cost 0)")
    for pid, practice in HOURS_PRACTICE.items():
        if p[practice] > p[pid]:
            notes.append(f"{pid.split('.')[0]}: {practice} ({p[practice]:g} h) is above the proposed minimum {pid} "
                         f"({p[pid]:g} h); the rule adds no {pid.split('.')[0]} hours (agencies keep their practice)")
    return notes


def _n(x) -> str:
    return f"{float(x):g}"


def reading_in_incremental(p: Mapping[str, float]) -> str:
    """What the reading of the NPRM's program figure in force (its switches in ``p``) does in the incremental
    framing, one clause per switch that is on, generated from the values (scalars)."""
    on = lambda pid: float(p[pid]) > 0  # noqa: E731
    clauses = []
    if on("accounting.policy_hours_recounted"):
        clauses.append("the second count of the policy hours inside the program figure is dropped, because the "
                       "policy component already counts that labor on its cycle and a cost counted twice may not "
                       "enter the incremental framing")
    if on("accounting.staff_hours_per_participant"):
        clauses.append(f"the {_n(p['accounting.staff_hours_per_participant'])} staff hours a participant that the "
                       "text ties to no task are kept in the rule and are zero under the current rule")
    for pid, who, hours, practice in (
            ("accounting.mentor_time", "SES mentors' time", "mentoring.hours", "practice.mentoring_hours"),
            ("accounting.participant_mentoring_time", "participants' time with mentors", "mentoring.hours",
             "practice.mentoring_hours"),
            ("accounting.participant_coaching_time", "participants' time in coaching", "coaching.hours",
             "practice.coaching_hours")):
        if on(pid):
            rule, today = float(np.maximum(p[hours], p[practice])), float(p[practice])
            clauses.append(f"{who} counts {_n(rule)} hours a participant under the rule and {_n(today)} under current "
                           f"practice, so the rule adds {_n(rule - today)}")
    if on("accounting.participant_training_time"):
        clauses.append("participants' time in the added training counts only the hours the rule adds to those "
                       "delivered today")
    if not clauses:
        return "The reading of the program figure in force adds no labor beyond the named fees."
    return "The reading of the program figure in force, in the incremental framing: " + "; ".join(clauses) + "."


def baseline_summary(p: Mapping[str, float]) -> dict[str, object]:
    """The baseline of the incremental framing in words and values (scalars), for JSON output and the README."""
    staggered = p["policy.baseline_staggered"] > 0
    k = p["policy.baseline_reapproval_years"]
    due = list(range(int(p["policy.baseline_first_year"]), int(p["analysis.horizon_years"]) + 1, max(int(k), 1)))
    first = int(p["analysis.first_calendar_year"])
    when = (" and ".join(", ".join(f"{y} ({first + y - 1})" for y in due).rsplit(", ", 1)) if due
            else "none within the horizon")
    timing = (f"staggered evenly: 1/{k:g} of the policies each year" if staggered else
              f"all together, in analysis years {when}")
    return {
        "current_rule": {
            "reapproval_years": k, "reapproval_timing": timing,
            "policies": p["agencies.baseline_policies"],
            "training_hours_minimum": p["training.hours_baseline"],
            "assessments_required": 0, "coaching_hours_required": 0, "mentoring_hours_required": 0,
            "mentor_required": True,
            "evaluation_templates": "none (412.303 templates are new; 410.202 evaluations continue in both)",
        },
        "current_practice": {
            "training_hours": float(current_training_hours(p)),
            "coaching_hours": p["practice.coaching_hours"], "mentoring_hours": p["practice.mentoring_hours"],
            "applicant_assessment_share": p["practice.applicant_assessment_share"],
            "in_program_assessment_share": p["practice.in_program_assessment_share"],
        },
        "rule": {"reapproval_years": p["policy.reapproval_years"], "first_approval_year": p["policy.first_approval_year"],
                 "first_update_sunk": bool(p["policy.first_update_sunk"] > 0), "policies": p["agencies.count"]},
        "reading": reading_in_incremental(p),
    }


def baseline_text(p: Mapping[str, float]) -> str:
    """The incremental framing's baseline in one paragraph (values in force)."""
    b = baseline_summary(p)
    cur, pr = b["current_rule"], b["current_practice"]
    years = range(int(p["policy.first_approval_year"]), int(p["analysis.horizon_years"]) + 1,
                  int(p["policy.reapproval_years"]))
    rule_years = ", ".join(map(str, years)) or "none within the horizon"
    return (f"Incremental = the rule minus the current rule and current practice. Current rule: re-approval every "
            f"{cur['reapproval_years']:g} years ({cur['reapproval_timing']}) for {cur['policies']:g} policies; "
            f"{cur['training_hours_minimum']:g} training hours; a mentor but no mentoring-hours minimum; no "
            f"assessment or coaching requirement; no "
            f"412.303 templates. Current practice: {pr['training_hours']:g} training hours, "
            f"{pr['coaching_hours']:g} coaching hours, {pr['mentoring_hours']:g} mentoring hours, "
            f"{pr['applicant_assessment_share']:.0%} of applicants and {pr['in_program_assessment_share']:.0%} of "
            f"participants assessed. The rule's re-approvals fall in analysis years {rule_years}"
            f"{' (the first already sunk)' if b['rule']['first_update_sunk'] else ''}. " + b["reading"])
