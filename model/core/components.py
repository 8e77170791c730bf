"""The registry of cost components: name, function, timing and group, in reporting order.

timing: ``annual`` recurs every year; ``approval`` falls in policy (re)approval years;
``baseline_approval`` falls in the current rule's re-approval years.
group: ``published`` (the NPRM's named fees and labour), ``reading`` (what a reading of the NPRM
needs to reach its totals), ``complete`` (costs the NPRM leaves out; switched off by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from model.core import program


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable
    timing: str
    group: str
    label: str


COMPONENTS: tuple[Component, ...] = (
    Component("policy", program.policy, "approval", "published", "Policy (re)approval labour, 412.301"),
    Component("training", program.training, "annual", "published", "Added formal training fees"),
    Component("assessment", program.assessment, "annual", "published", "Validated executive assessment fees"),
    Component("coaching", program.coaching, "annual", "published", "Coaching fees"),
    Component("staff_hours_per_participant", program.staff_hours_per_participant, "annual", "reading",
              "Reading A: unexplained staff hours per participant"),
    Component("policy_hours_recounted", program.policy_hours_recounted, "annual", "reading",
              "Reading A: policy hours counted again in the program figure"),
    Component("participant_training_time", program.participant_training_time, "annual", "reading",
              "Participants' time in added training (Reading B; complete)"),
    Component("participant_coaching_time", program.participant_coaching_time, "annual", "complete",
              "Participants' time in coaching"),
    Component("participant_mentoring_time", program.participant_mentoring_time, "annual", "complete",
              "Participants' time with mentors"),
    Component("mentor_time", program.mentor_time, "annual", "complete", "SES mentors' time"),
    Component("internal_coach_time", program.internal_coach_time, "annual", "complete", "Internal coaches' time"),
    Component("assessment_interpretation", program.assessment_interpretation, "annual", "complete",
              "Interpretation of in-program assessments"),
    Component("evaluation_cohort", program.evaluation_cohort, "annual", "complete",
              "Cohort evaluation templates, 412.303(a)(1)"),
    Component("evaluation_annual", program.evaluation_annual, "annual", "complete",
              "Annual program evaluation, 412.303(a)(2)"),
    Component("baseline_reapproval_offset", program.baseline_reapproval_offset, "baseline_approval", "complete",
              "Less: re-approvals the current rule requires anyway"),
)

COMPONENT_NAMES: tuple[str, ...] = tuple(c.name for c in COMPONENTS)
TOTAL = "total"
