"""The registry of cost components: name, function, timing, dependence on the external-coaching share
and group, in reporting order.

timing (``core.timing.Timing``): ``annual`` recurs every year; ``approval`` falls in policy
(re)approval years; ``baseline_approval`` falls in the current rule's re-approval years.
share: how the cost depends on the share e of coaching bought externally: ``NONE`` (not at all) or
``LINEAR`` (a + b e). The fast evaluator (``engines.fastpv``) relies on it, so it is checked
numerically when the registry is built: a component that breaks its declaration fails at import.
group (``vocabulary.Group``): ``nprm`` (the NPRM's named fees and labor), ``reading`` (a component that one of the
shipped readings of the NPRM's program figure counts, ``assumptions/published/readings.toml``: the default
reading counts the SES mentors' time), ``complete`` (costs the NPRM leaves out; switched off by default).
The groups are fixed labels for tables; which components are on is set by the switches in force, not by
the group (a reading's scenario file switches its components on, the complete accounting all of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

import numpy as np

from model.core import program
from model.core.catalog import PARAMETER_IDS
from model.core.timing import Timing
from model.core.vocabulary import Group

NPRM, READING, COMPLETE = (g.value for g in Group)


class Share(StrEnum):
    """How a component depends on the external-coaching share e."""

    NONE = "none"
    LINEAR = "linear"


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable
    timing: Timing
    group: str
    label: str
    share: Share = Share.NONE
    switch: str | None = None  # the accounting switch that turns the component on (complete accounting)

    def __post_init__(self):
        if not isinstance(self.timing, Timing):
            raise TypeError(f"component {self.name}: timing must be a Timing, got {self.timing!r}")
        check_share(self)


# Probe parameters for the registration check: every id a distinct positive value, switches on.
_PROBE = {pid: 1.0 + (7 * i % 13) / 4 for i, pid in enumerate(PARAMETER_IDS)}
_PROBE.update({pid: 1.0 for pid in PARAMETER_IDS if pid.startswith("accounting.")})
_PROBE.update({"training.hours_proposed": 100.0, "training.hours_baseline": 80.0, "coaching.internal_rate": 0.5,
               "assessment.count_applicants": 1.0, "assessment.count_in_program": 1.0})
_SHARES = np.array([0.0, 0.25, 0.5, 1.0])


def check_share(c: "Component") -> None:
    """Raise ValueError unless ``c.func`` depends on the share as ``c.share`` declares, checked at
    e = 0, 0.25, 0.5 and 1 on probe parameters (NONE: all equal; LINEAR: on one line)."""
    v = np.array([float(np.asarray(c.func(_PROBE, np.asarray(e)))) for e in _SHARES])
    if c.share is Share.NONE:
        ok = np.allclose(v, v[0], rtol=1e-12, atol=1e-9)
    else:
        ok = np.allclose(v, v[0] + (v[-1] - v[0]) * _SHARES, rtol=1e-12, atol=1e-9)
    if not ok:
        raise ValueError(f"component {c.name}: declared share={c.share.value} but its cost at external shares "
                         f"{list(_SHARES)} is {list(v)}")


COMPONENTS: tuple[Component, ...] = (
    Component("policy", program.policy, Timing.APPROVAL, NPRM, "Policy (re)approval labor, 412.301"),
    Component("training", program.training, Timing.ANNUAL, NPRM, "Added formal training fees"),
    Component("assessment", program.assessment, Timing.ANNUAL, NPRM, "Validated executive assessment fees"),
    Component("coaching", program.coaching, Timing.ANNUAL, NPRM, "Coaching fees", Share.LINEAR),
    Component("staff_hours_per_participant", program.staff_hours_per_participant, Timing.ANNUAL, READING,
              "Reading A: unexplained staff hours per participant"),
    Component("policy_hours_recounted", program.policy_hours_recounted, Timing.ANNUAL, READING,
              "Reading A: policy hours counted again in the program figure", switch="accounting.policy_hours_recounted"),
    Component("participant_training_time", program.participant_training_time, Timing.ANNUAL, READING,
              "Participants' time in added training (Reading B; complete)", switch="accounting.participant_training_time"),
    Component("participant_coaching_time", program.participant_coaching_time, Timing.ANNUAL, COMPLETE,
              "Participants' time in coaching", switch="accounting.participant_coaching_time"),
    Component("participant_mentoring_time", program.participant_mentoring_time, Timing.ANNUAL, COMPLETE,
              "Participants' time with mentors", switch="accounting.participant_mentoring_time"),
    Component("mentor_time", program.mentor_time, Timing.ANNUAL, READING, "SES mentors' time", switch="accounting.mentor_time"),
    Component("internal_coach_time", program.internal_coach_time, Timing.ANNUAL, COMPLETE, "Internal coaches' time",
              Share.LINEAR, switch="accounting.internal_coach_time"),
    Component("assessment_interpretation", program.assessment_interpretation, Timing.ANNUAL, COMPLETE,
              "Interpretation of in-program assessments", switch="accounting.assessment_interpretation"),
    Component("evaluation_cohort", program.evaluation_cohort, Timing.ANNUAL, COMPLETE,
              "Cohort evaluation templates, 412.303(a)(1)", switch="accounting.program_evaluation"),
    Component("evaluation_annual", program.evaluation_annual, Timing.ANNUAL, COMPLETE,
              "Annual program evaluation, 412.303(a)(2)", switch="accounting.program_evaluation"),
    Component("program_administration", program.program_administration, Timing.ANNUAL, COMPLETE,
              "Program administration: shorter cohorts (a saving)", switch="accounting.program_administration"),
    Component("developmental_assignment", program.developmental_assignment, Timing.ANNUAL, COMPLETE,
              "Developmental assignment: added workdays away", switch="accounting.developmental_assignment"),
    Component("assessment_time", program.assessment_time, Timing.ANNUAL, COMPLETE,
              "Time of the people assessed and of 360 raters", switch="accounting.assessment_time"),
    Component("template_reapproval", program.template_reapproval, Timing.REAPPROVAL, COMPLETE,
              "Template re-approvals after the first, with the evaluation template, 412.303(b)", switch="accounting.template_reapprovals"),
    Component("edp_template", program.edp_template, Timing.ANNUAL, COMPLETE,
              "Executive Development Plan template, 412.302(c)(1)", switch="accounting.edp_template"),
    Component("baseline_reapproval_offset", program.baseline_reapproval_offset, Timing.BASELINE_APPROVAL, COMPLETE,
              "Less: re-approvals the current rule requires anyway", switch="accounting.net_baseline_reapprovals"),
)

COMPONENT_NAMES: tuple[str, ...] = tuple(c.name for c in COMPONENTS)
TOTAL = "total"
