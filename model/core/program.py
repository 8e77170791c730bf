"""Cost components, per agency, per occurrence (USD). Pure and vectorized: ``p`` maps parameter ids
to floats or numpy arrays; ``ext`` is the share of the agency's coaching bought externally
(0 internal, 1 external, between for the mixed mode). Annual components already include
cohort.per_year; the policy components are per (re)approval and are placed in years by ``stream``.
"""

from __future__ import annotations

import numpy as np

from model.core.arith import ops
from model.core.labor import Params, loaded_hourly_cost, param


_a = param


def _participants_per_year(p: Params) -> np.ndarray:
    """Participants an agency runs through its program per year (persons/year)."""
    return _a(p, "cohort.participants") * _a(p, "cohort.per_year")


def added_training_hours(p: Params) -> np.ndarray:
    """Formal training hours per participant the rule adds, hours: max(0, training.hours_proposed -
    training.hours_baseline). Clamped at 0: a requirement at or below what is delivered adds nothing."""
    return ops(p).maximum(0.0, _a(p, "training.hours_proposed") - _a(p, "training.hours_baseline"))


def policy(p: Params, ext) -> np.ndarray:
    """412.301 policy (re)approval labor, USD per approval: policy.hours x loaded rate."""
    return _a(p, "policy.hours") * loaded_hourly_cost(p)


def training(p: Params, ext) -> np.ndarray:
    """Formal training fees, USD/year: participants x added hours (``added_training_hours``) x cost per hour."""
    return _participants_per_year(p) * added_training_hours(p) * _a(p, "training.cost_per_hour")


def assessment(p: Params, ext) -> np.ndarray:
    """Validated executive assessment fees, USD/year: counted applicants and participants x fee."""
    applicants = _a(p, "assessment.count_applicants") * _a(p, "cohort.applicants_assessed")
    in_program = _a(p, "assessment.count_in_program") * _a(p, "cohort.participants")
    return (applicants + in_program) * _a(p, "cohort.per_year") * _a(p, "assessment.cost")


def coaching(p: Params, ext) -> np.ndarray:
    """Coaching fees only, USD/year: participants x hours x (external share x external rate +
    internal share x internal rate)."""
    rate = ext * _a(p, "coaching.external_rate") + (1 - ext) * _a(p, "coaching.internal_rate")
    return _participants_per_year(p) * _a(p, "coaching.hours") * rate


def staff_hours_per_participant(p: Params, ext) -> np.ndarray:
    """Reading A: unexplained staff hours per participant at the NPRM loaded rate, USD/year."""
    return _participants_per_year(p) * _a(p, "accounting.staff_hours_per_participant") * loaded_hourly_cost(p)


def policy_hours_recounted(p: Params, ext) -> np.ndarray:
    """Reading A: the policy hours counted a second time inside the program figure, USD/year."""
    return _a(p, "accounting.policy_hours_recounted") * policy(p, ext)


def participant_training_time(p: Params, ext) -> np.ndarray:
    """Participants' time in the added training hours at the participant loaded rate, USD/year."""
    return (_a(p, "accounting.participant_training_time") * _participants_per_year(p) * added_training_hours(p)
            * _a(p, "labor.participant_loaded_hourly"))


def participant_coaching_time(p: Params, ext) -> np.ndarray:
    """Participants' time in coaching at the participant loaded rate, USD/year."""
    return (_a(p, "accounting.participant_coaching_time") * _participants_per_year(p) * _a(p, "coaching.hours")
            * _a(p, "labor.participant_loaded_hourly"))


def participant_mentoring_time(p: Params, ext) -> np.ndarray:
    """Participants' time with mentors at the participant loaded rate, USD/year."""
    return (_a(p, "accounting.participant_mentoring_time") * _participants_per_year(p) * _a(p, "mentoring.hours")
            * _a(p, "labor.participant_loaded_hourly"))


def mentor_time(p: Params, ext) -> np.ndarray:
    """SES mentors' time at the SES loaded rate, USD/year."""
    return (_a(p, "accounting.mentor_time") * _participants_per_year(p) * _a(p, "mentoring.hours")
            * _a(p, "labor.ses_loaded_hourly"))


def internal_coach_time(p: Params, ext) -> np.ndarray:
    """Internal coaches' time (coaching plus preparation) for the internally coached share, USD/year."""
    hours = _a(p, "coaching.hours") * (1 + _a(p, "coaching.coach_overhead_ratio"))
    return (_a(p, "accounting.internal_coach_time") * (1 - ext) * _participants_per_year(p) * hours
            * _a(p, "coaching.coach_loaded_hourly"))


def assessment_interpretation(p: Params, ext) -> np.ndarray:
    """Professional interpretation of each counted in-program assessment, USD/year."""
    assessed = _a(p, "assessment.count_in_program") * _participants_per_year(p)
    return (_a(p, "accounting.assessment_interpretation") * assessed * _a(p, "assessment.interpretation_hours")
            * _a(p, "assessment.interpretation_rate"))


def evaluation_cohort(p: Params, ext) -> np.ndarray:
    """412.303(a)(1) cohort evaluation templates: participants' and managers' added hours, USD/year."""
    participants = _participants_per_year(p) * _a(p, "evaluation.participant_hours") * _a(p, "labor.participant_loaded_hourly")
    managers = _a(p, "cohort.per_year") * _a(p, "evaluation.manager_hours_per_cohort") * loaded_hourly_cost(p)
    return _a(p, "accounting.program_evaluation") * (participants + managers)


def evaluation_annual(p: Params, ext) -> np.ndarray:
    """412.303(a)(2) annual overarching evaluation: managers' added hours, USD/year."""
    return _a(p, "accounting.program_evaluation") * _a(p, "evaluation.annual_hours") * loaded_hourly_cost(p)


def baseline_policies_per_agency(p: Params) -> np.ndarray:
    """Policies the current rule re-approves per agency the rule applies to: agencies.baseline_policies /
    agencies.count (15 / 13 at the defaults; 0 with no agencies)."""
    n, b = _a(p, "agencies.count"), _a(p, "agencies.baseline_policies")
    return ops(p).ratio(b, n)


def baseline_reapproval_offset(p: Params, ext) -> np.ndarray:
    """Minus the policy labor the current rule's own re-approvals would cost anyway, USD per agency per baseline
    approval: policy labor x the current rule's policies per agency (``baseline_policies_per_agency``)."""
    return -_a(p, "accounting.net_baseline_reapprovals") * policy(p, ext) * baseline_policies_per_agency(p)


def rule_cohort_months(p: Params) -> np.ndarray:
    """Months a cohort runs under the rule: today's length, shortened to cohort.max_months."""
    return ops(p).minimum(_a(p, "practice.cohort_months"), _a(p, "cohort.max_months"))


def program_administration(p: Params, ext) -> np.ndarray:
    """Change in program administration from shorter cohorts, USD/year (negative: a saving). The NPRM's one FTE
    describes today's staffing, so its variable share scales with the months a cohort runs today:
    −admin FTE × paid hours a year × loaded rate × variable share × (1 − months under the rule / months today)
    × cohorts a year."""
    shortened = 1 - rule_cohort_months(p) / _a(p, "practice.cohort_months")
    yearly = _a(p, "cohort.admin_fte") * _a(p, "labor.hours_per_year") * loaded_hourly_cost(p)
    return -(_a(p, "accounting.program_administration") * yearly * _a(p, "cohort.admin_variable_share")
             * shortened * _a(p, "cohort.per_year"))


def developmental_assignment(p: Params, ext) -> np.ndarray:
    """Home office's net loss for the assignment workdays the rule adds, USD/year: participants x
    max(0, proposed - today's workdays) x hours a workday x participant rate x backfill share."""
    added = ops(p).maximum(0.0, _a(p, "assignment.workdays_proposed") - _a(p, "practice.assignment_workdays"))
    return (_a(p, "accounting.developmental_assignment") * _participants_per_year(p) * added
            * _a(p, "assignment.hours_per_workday") * _a(p, "labor.participant_loaded_hourly")
            * _a(p, "assignment.backfill_share"))


def assessment_time(p: Params, ext) -> np.ndarray:
    """Time spent on the counted assessments at the participant rate, USD/year: each assessed applicant's
    and participant's own hours, plus the 360-degree raters' hours of each in-program assessment."""
    applicants = _a(p, "assessment.count_applicants") * _a(p, "cohort.applicants_assessed")
    in_program = _a(p, "assessment.count_in_program") * _a(p, "cohort.participants")
    hours = ((applicants + in_program) * _a(p, "assessment.assessee_hours")
             + in_program * _a(p, "assessment.raters") * _a(p, "assessment.rater_hours"))
    return (_a(p, "accounting.assessment_time") * hours * _a(p, "cohort.per_year")
            * _a(p, "labor.participant_loaded_hourly"))


def template_reapproval(p: Params, ext) -> np.ndarray:
    """Each re-approval after the first, USD per re-approval: (template re-approval hours - the first
    rewrite's hours + the overarching evaluation template's hours) x loaded rate."""
    hours = (_a(p, "policy.reapproval_hours") - _a(p, "policy.hours")
             + _a(p, "policy.reapproval_evaluation_hours"))
    return _a(p, "accounting.template_reapprovals") * hours * loaded_hourly_cost(p)


def edp_template(p: Params, ext) -> np.ndarray:
    """Participants' added time on the OPM Executive Development Plan template, USD/year."""
    return (_a(p, "accounting.edp_template") * _participants_per_year(p) * _a(p, "edp.participant_hours")
            * _a(p, "labor.participant_loaded_hourly"))
