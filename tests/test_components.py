"""Each parameter moves exactly the components it should; levels, modes and vectorization."""

import numpy as np
import pytest

from model.core.vocabulary import MODES
from model.core.components import COMPONENT_NAMES
from model.core.parameters import apply_scenario, load_scenario
from model.core.stream import agency_stream, to_level


def comps(p, mode="external", years=1):
    return {k: v[..., 0] for k, v in agency_stream(p, mode, years).items()}


def changed(p, pid, factor=2.0, mode="external"):
    q = dict(p)
    q[pid] = p[pid] * factor
    a, b = comps(p, mode), comps(q, mode)
    return {k for k in COMPONENT_NAMES if not np.isclose(a[k], b[k])}, a, b


def test_doubling_external_rate_doubles_coaching_only(primary):
    p = dict(primary.values)
    moved, a, b = changed(p, "coaching.external_rate")
    assert moved == {"coaching"}
    assert b["coaching"] == pytest.approx(2 * a["coaching"])
    assert b["coaching"] == pytest.approx(500_000)


@pytest.mark.parametrize("pid, expected", [
    ("training.cost_per_hour", {"training"}),
    ("assessment.cost", {"assessment"}),
    ("cohort.applicants_assessed", {"assessment"}),
    ("policy.hours", {"policy"}),  # the mentor reading counts the policy hours once
    ("labor.annual_salary", {"policy"}),  # mentors are valued at the SES rate, not the NPRM's GS rate
    ("labor.ses_loaded_hourly", {"mentor_time"}),
    ("cohort.participants", {"training", "assessment", "coaching", "mentor_time"}),
    ("coaching.hours", {"coaching"}),
    ("mentoring.hours", {"mentor_time"}),  # SES mentors' time, not the participants' own
])
def test_parameter_moves_only_its_components(primary, pid, expected):
    moved, _, _ = changed(dict(primary.values), pid)
    assert moved == expected


@pytest.mark.parametrize("pid, expected", [
    ("policy.hours", {"policy", "policy_hours_recounted"}),
    ("labor.annual_salary", {"policy", "policy_hours_recounted", "staff_hours_per_participant"}),
    ("labor.ses_loaded_hourly", set()),
    ("cohort.participants", {"training", "assessment", "coaching", "staff_hours_per_participant"}),
    ("mentoring.hours", set()),  # Reading A does not count mentoring
])
def test_parameter_moves_only_its_components_in_reading_a(primary, pid, expected):
    """Reading A of the $152,000 (its scenario): ten staff hours a participant and the policy hours counted twice."""
    a = apply_scenario(primary, load_scenario("reading_a", primary))
    moved, _, _ = changed(dict(a.values), pid)
    assert moved == expected


def test_government_is_agency_times_count(primary):
    p = dict(primary.values)
    for mode in MODES:
        s = agency_stream(p, mode, 10)
        for name, arr in s.items():
            np.testing.assert_allclose(to_level(p, arr, "government"), arr * p["agencies.count"])


def test_mixed_lies_between_internal_and_external(primary):
    p = dict(primary.values)
    i, e, m = (comps(p, mode)["total"] for mode in MODES)
    assert i < m < e
    k, n = p["coaching.internal_program_agencies"], p["agencies.count"]
    assert m * n == pytest.approx(k * i + (n - k) * e)


def test_vectorized_equals_scalar(primary):
    p = dict(primary.values)
    rates = np.array([200.0, 1000.0, 3000.0])
    hours = np.array([80.0, 150.0, 250.0])
    q = dict(p, **{"coaching.external_rate": rates, "policy.hours": hours})
    vec = agency_stream(q, "mixed", 10)["total"]
    assert vec.shape == (3, 10)
    for j in range(3):
        s = agency_stream(dict(p, **{"coaching.external_rate": rates[j], "policy.hours": hours[j]}), "mixed", 10)
        np.testing.assert_allclose(vec[j], s["total"])


def test_complete_switches_each_add_their_component(primary):
    p = dict(primary.values)
    for switch, comp in [("accounting.participant_training_time", "participant_training_time"),
                         ("accounting.participant_coaching_time", "participant_coaching_time"),
                         ("accounting.participant_mentoring_time", "participant_mentoring_time"),
                         ("accounting.assessment_interpretation", "assessment_interpretation"),
                         ("accounting.program_evaluation", "evaluation_annual")]:
        assert comps(p)[comp] == 0
        on = comps(dict(p, **{switch: 1}))
        assert on[comp] > 0, switch
    # SES mentors' time is on in the mentor reading: 25 participants x 10 h x $216.30; off, it is 0
    assert comps(p)["mentor_time"] == pytest.approx(25 * 10 * 216.30)
    assert comps(dict(p, **{"accounting.mentor_time": 0}))["mentor_time"] == 0
    # internal coaches' time exists only where coaching is internal
    q = dict(p, **{"accounting.internal_coach_time": 1})
    assert comps(q, "external")["internal_coach_time"] == 0
    assert comps(q, "internal")["internal_coach_time"] == pytest.approx(25 * 10 * (1 + 0.5) * 154.76)
