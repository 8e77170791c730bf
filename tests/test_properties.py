"""Property-based tests (hypothesis): monotonicity in every cost driver, scaling of dollar rates,
government = per agency x agencies, and incremental = rule - current rule for every component and
year, the current rule built here by hand as an ordinary parameter set."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.core.components import COMPONENT_NAMES
from model.core.parameters import load_assumptions
from model.core.stream import framed_stream, regime_stream, to_level

pytestmark = pytest.mark.slow  # property-based: hundreds of examples a test; `pytest -m "not slow"` leaves it out
A = load_assumptions()
YEARS = 10
MODES = ("internal", "external", "mixed")
SWITCHES = [pid for pid, s in A.specs.items() if pid.startswith("accounting.")]
# Every input whose rise should never lower a cost (each within its uncertainty range or above).
DRIVERS = ["labor.annual_salary", "labor.load_factor", "labor.participant_loaded_hourly", "labor.ses_loaded_hourly",
           "policy.hours", "cohort.participants", "cohort.applicants_assessed", "cohort.per_year",
           "training.hours_proposed", "training.cost_per_hour", "assessment.cost", "assessment.interpretation_hours",
           "assessment.interpretation_rate", "coaching.hours", "coaching.external_rate", "coaching.coach_loaded_hourly",
           "coaching.coach_overhead_ratio", "mentoring.hours", "evaluation.participant_hours",
           "evaluation.manager_hours_per_cohort", "evaluation.annual_hours", "agencies.count"]
DOLLARS = ["labor.annual_salary", "labor.participant_loaded_hourly", "labor.ses_loaded_hourly",
           "training.cost_per_hour", "assessment.cost", "assessment.interpretation_rate", "coaching.external_rate",
           "coaching.internal_rate", "coaching.coach_loaded_hourly"]
PRACTICE = ["practice.training_hours_above_minimum", "practice.coaching_hours", "practice.mentoring_hours",
            "practice.applicant_assessment_share", "practice.in_program_assessment_share"]
# Savings or differences by construction: the administration saved by shorter cohorts, template re-approvals
# priced against the first rewrite, the EDP template (which may take less time than today's plan), and the netting
# of the current rule's re-approvals.
SIGNED = {"program_administration", "template_reapproval", "edp_template", "baseline_reapproval_offset"}
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def in_range(pid):
    u = A.specs[pid].uncertainty
    lo, hi = (u.low, u.high) if u is not None else (0.0, 2 * A.values[pid] + 1)
    if A.specs[pid].kind == "count":
        return st.integers(int(np.ceil(lo)), int(hi)).map(float)
    return st.floats(lo, hi, allow_nan=False)


@st.composite
def params(draw):
    """A parameter set: every uncertain input in its range, every accounting switch on or off, current
    practice anywhere in its range, the baseline cycle staggered or not."""
    p = dict(A.values)
    for pid, spec in A.specs.items():
        if spec.uncertainty is not None:
            p[pid] = draw(in_range(pid))
    for pid in SWITCHES:
        p[pid] = float(draw(st.booleans()))
    p["policy.baseline_staggered"] = float(draw(st.booleans()))
    p["policy.baseline_first_year"] = float(draw(st.integers(1, 5)))
    p["policy.first_update_sunk"] = float(draw(st.booleans()))
    p["agencies.baseline_policies"] = float(draw(st.integers(11, 15)))
    p["coaching.internal_program_agencies"] = min(p["coaching.internal_program_agencies"], p["agencies.count"])
    return p


@SETTINGS
@given(p=params(), pid=st.sampled_from(DRIVERS), factor=st.floats(1.01, 3.0), mode=st.sampled_from(MODES))
def test_no_cost_falls_when_a_driver_rises(p, pid, factor, mode):
    """Every cost component in every year, both framings. Left out: the components that are savings or
    differences by construction (SIGNED), and incremental policy labour, the difference of two
    re-approval cycles (their own properties are tested below)."""
    q = dict(p, **{pid: np.ceil(p[pid] * factor) if A.specs[pid].kind == "count" else p[pid] * factor})
    for framing in ("as_published", "incremental"):
        lo, hi = framed_stream(p, mode, framing, YEARS), framed_stream(q, mode, framing, YEARS)
        for c in COMPONENT_NAMES:
            if framing == "incremental" and c == "policy" or c in SIGNED:
                continue
            for level in ("agency", "government"):
                assert np.all(to_level(q, hi[c], level) >= to_level(p, lo[c], level) - 1e-7), (framing, c, level)


@SETTINGS
@given(p=params(), k=st.floats(0.1, 10.0), mode=st.sampled_from(MODES))
def test_scaling_every_dollar_rate_scales_every_dollar_figure(p, k, mode):
    p["labor.round_hourly_wage"] = 0.0  # rounding to the cent is not linear
    q = dict(p, **{pid: p[pid] * k for pid in DOLLARS})
    for framing in ("as_published", "incremental"):
        a, b = framed_stream(p, mode, framing, YEARS), framed_stream(q, mode, framing, YEARS)
        for c in a:
            np.testing.assert_allclose(b[c], k * a[c], rtol=1e-9, atol=1e-6, err_msg=c)


@SETTINGS
@given(p=params(), mode=st.sampled_from(MODES))
def test_government_is_per_agency_times_agencies(p, mode):
    for framing in ("as_published", "incremental"):
        s = framed_stream(p, mode, framing, YEARS)
        for c, v in s.items():
            np.testing.assert_allclose(to_level(p, v, "government"), v * p["agencies.count"], err_msg=c)


def hand_rule(p):
    """The rule as agencies would live under it, built here without model.regimes."""
    q = dict(p)
    current = p["training.hours_baseline"] + p["practice.training_hours_above_minimum"]
    q["training.hours_proposed"] = max(p["training.hours_proposed"], current)
    q["coaching.hours"] = max(p["coaching.hours"], p["practice.coaching_hours"])
    q["mentoring.hours"] = max(p["mentoring.hours"], p["practice.mentoring_hours"])
    q["accounting.policy_hours_recounted"] = 0.0
    q["accounting.net_baseline_reapprovals"] = 0.0
    return q


def hand_current(p):
    """The current rule and practice as an ordinary parameter set on the proposed rule's schedule
    parameters (interval 5 from baseline_first_year, nothing sunk)."""
    q = dict(p)
    q["training.hours_proposed"] = p["training.hours_baseline"] + p["practice.training_hours_above_minimum"]
    q["coaching.hours"] = p["practice.coaching_hours"]
    q["mentoring.hours"] = p["practice.mentoring_hours"]
    q["assessment.count_applicants"] = p["assessment.count_applicants"] * p["practice.applicant_assessment_share"]
    q["assessment.count_in_program"] = p["assessment.count_in_program"] * p["practice.in_program_assessment_share"]
    for pid in ("evaluation.participant_hours", "evaluation.manager_hours_per_cohort", "evaluation.annual_hours",
                "accounting.staff_hours_per_participant", "accounting.policy_hours_recounted",
                "accounting.net_baseline_reapprovals", "accounting.program_administration",
                "accounting.developmental_assignment", "accounting.template_reapprovals", "edp.participant_hours"):
        q[pid] = 0.0
    q["policy.hours"] = p["policy.hours"] * p["agencies.baseline_policies"] / p["agencies.count"]
    q["policy.reapproval_years"] = p["policy.baseline_reapproval_years"]
    q["policy.first_approval_year"] = p["policy.baseline_first_year"]
    q["policy.first_update_sunk"] = 0.0
    return q


@SETTINGS
@given(p=params(), mode=st.sampled_from(MODES))
def test_incremental_is_rule_minus_current_for_every_component_and_year(p, mode):
    p["policy.baseline_staggered"] = 0.0  # so the current rule is an ordinary parameter set
    inc = framed_stream(p, mode, "incremental", YEARS)
    rule = regime_stream(hand_rule(p), mode, YEARS)
    current = regime_stream(hand_current(p), mode, YEARS)
    for c in inc:
        np.testing.assert_allclose(inc[c], rule[c] - current[c], rtol=1e-12, atol=1e-7, err_msg=c)


@SETTINGS
@given(p=params(), mode=st.sampled_from(MODES))
def test_staggered_baseline_spreads_one_cycle_evenly(p, mode):
    """Staggered, the current rule's policy labour over any whole number of cycles equals that of
    every agency re-approving once a cycle."""
    p["policy.baseline_staggered"] = 1.0
    k = int(p["policy.baseline_reapproval_years"])
    years = 3 * k
    cur = regime_stream(p, mode, years, "current")["policy"]
    per_approval = p["policy.hours"] * p["agencies.baseline_policies"] / p["agencies.count"] * \
        (np.round(p["labor.annual_salary"] / p["labor.hours_per_year"], 2) if p["labor.round_hourly_wage"] else
         p["labor.annual_salary"] / p["labor.hours_per_year"]) * p["labor.load_factor"]
    np.testing.assert_allclose(cur.sum(), 3 * per_approval, rtol=1e-12)


@SETTINGS
@given(p=params(), mode=st.sampled_from(MODES))
def test_signed_components_have_the_sign_of_their_driver(p, mode):
    """Shorter cohorts never cost more; a template re-approval costs more than the first rewrite only when
    its hours plus the evaluation template exceed the first rewrite's."""
    s = framed_stream(p, mode, "as_published", YEARS)
    assert np.all(s["program_administration"] <= 1e-9)
    sign = np.sign(p["policy.reapproval_hours"] + p["policy.reapproval_evaluation_hours"] - p["policy.hours"])
    assert np.all(np.sign(s["template_reapproval"]) * sign >= 0)
