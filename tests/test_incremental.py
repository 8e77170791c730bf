"""Every component, both framings, the baseline and the perpetual view, with the arithmetic written
out by hand from the values in the assumption files (read as raw TOML, not through the loader).

The four defects of the first incremental framing each have a test below that goes through the
CLI's JSON, exactly as a reviewer would (`sescdp run --set ... --format json`); they failed on
commit 321c447 and pass now.
"""

import io
import json
import tomllib
from contextlib import redirect_stdout

import numpy as np
import pytest

from model.core.accounting import EO14192_EXCLUSION, eo14192_view
from model.cli.main import main
from model.core.components import COMPONENT_NAMES
from model.core.errors import ModelInputError
from model.core.parameters import apply_scenario, assumptions_dir, load_scenario
from model.core.results import accounting_table, cost_table
from model.core.stream import framed_stream

YEARS = 10


def raw(pid: str) -> float:
    """A parameter's value read straight from its assumption file (independent of the loader)."""
    topic, key = pid.split(".", 1)
    with (assumptions_dir() / f"{topic}.toml").open("rb") as fh:
        return float(tomllib.load(fh)[key]["value"])


# ---- hand arithmetic, from the files ------------------------------------------------------------
WAGE = round(raw("labor.annual_salary") / raw("labor.hours_per_year"), 2)      # 77.38
LOADED = WAGE * raw("labor.load_factor")                                       # 154.76
PART = raw("cohort.participants") * raw("cohort.per_year")                     # 25 a year
POLICY = raw("policy.hours") * LOADED                                          # 15,476 per approval
ADDED_HOURS = raw("training.hours_proposed") - raw("training.hours_baseline")  # 20
TRAINING = PART * ADDED_HOURS * raw("training.cost_per_hour")                  # 75,000
ASSESSMENT = (raw("cohort.applicants_assessed") + raw("cohort.participants")) * raw("cohort.per_year") \
    * raw("assessment.cost")                                                   # 65 x 350 = 22,750
COACH_FEES = PART * raw("coaching.hours") * raw("coaching.external_rate")      # 250,000 (external)
# the reading of the $152,000 in force (the mentor reading): Reading A's terms off, SES mentors' time on
STAFF = PART * raw("accounting.staff_hours_per_participant") * LOADED          # 0 h x 154.76 = 0
RECOUNT = raw("accounting.policy_hours_recounted") * POLICY                    # 0
MENTOR = raw("accounting.mentor_time") * PART * raw("mentoring.hours") * raw("labor.ses_loaded_hourly")  # 54,075
# incremental: the rule's mentoring hours less today's (practice.mentoring_hours = 10 = the requirement)
MENTOR_INC = raw("accounting.mentor_time") * PART * raw("labor.ses_loaded_hourly") \
    * max(0.0, raw("mentoring.hours") - raw("practice.mentoring_hours"))       # 0
N = raw("agencies.count")                                                      # 13
MIXED = (N - raw("coaching.internal_program_agencies")) / N                    # 5/13
EXT = {"internal": 0.0, "external": 1.0, "mixed": MIXED}
K_BASE = raw("policy.baseline_reapproval_years")                               # 5
BASE_SHARE = raw("agencies.baseline_policies") / N                             # 15 policies over 13 agencies
BASE_YEARS = list(range(int(raw("policy.baseline_first_year")), YEARS + 1, int(K_BASE)))  # [5, 10], all together
BASELINE = POLICY * BASE_SHARE                                                 # 15,476 x 15/13 = 17,856.92
RULE_YEARS = [1, 4, 7, 10]                                                     # triennial from year 1
PARTICIPANT = raw("labor.participant_loaded_hourly")
# complete accounting, each component its scenario switches on
COMPLETE = {
    "participant_training_time": PART * ADDED_HOURS * PARTICIPANT,
    "participant_coaching_time": PART * raw("coaching.hours") * PARTICIPANT,
    "participant_mentoring_time": PART * raw("mentoring.hours") * PARTICIPANT,
    "mentor_time": PART * raw("mentoring.hours") * raw("labor.ses_loaded_hourly"),
    "evaluation_cohort": PART * raw("evaluation.participant_hours") * PARTICIPANT
    + raw("cohort.per_year") * raw("evaluation.manager_hours_per_cohort") * LOADED,
    "evaluation_annual": raw("evaluation.annual_hours") * LOADED,
}
COACH_TIME = PART * raw("coaching.hours") * (1 + raw("coaching.coach_overhead_ratio")) * raw("coaching.coach_loaded_hourly")


def test_hand_constants_are_the_published_ones():
    """The hand arithmetic above is the NPRM's own: $154.76, $15,476, $75,000, 65 assessments; the mentor
    reading of the $152,000 (no Reading A hours, 25 x 10 SES mentor hours at $216.30), whose year 1 as
    published is 15,476 + 75,000 + 65 x 350 + 54,075 = 167,301 per agency (the NPRM's $167,000); the
    baseline's 15 policies re-approving all together in analysis years 5 and 10."""
    assert LOADED == pytest.approx(154.76)
    assert POLICY == pytest.approx(15_476)
    assert TRAINING == pytest.approx(75_000)
    assert ASSESSMENT == pytest.approx(22_750)
    assert STAFF == 0 and RECOUNT == 0 and MENTOR_INC == 0
    assert MENTOR == pytest.approx(25 * 10 * 216.30) and MENTOR == pytest.approx(54_075)
    assert POLICY + TRAINING + ASSESSMENT + MENTOR == pytest.approx(15_476 + 75_000 + 65 * 350 + 54_075)
    assert POLICY + TRAINING + ASSESSMENT + MENTOR == pytest.approx(167_301)
    assert BASE_YEARS == [5, 10] and raw("policy.baseline_staggered") == 0
    assert BASELINE == pytest.approx(100 * 154.76 * 15 / 13)


def stream_of(a, framing, mode, level="agency"):
    t = cost_table(a, years=YEARS, framings=(framing,), modes=(mode,), levels=(level,))
    return {c: t[t.component == c].sort_values("year").usd.to_numpy() for c in (*COMPONENT_NAMES, "total")}


def hand_published(mode):
    """As published, per agency, every component and year (NPRM primary, the mentor reading)."""
    ones = np.ones(YEARS)
    policy = np.array([POLICY if y in RULE_YEARS else 0.0 for y in range(1, YEARS + 1)])
    return {"policy": policy, "training": TRAINING * ones, "assessment": ASSESSMENT * ones,
            "coaching": EXT[mode] * COACH_FEES * ones, "staff_hours_per_participant": STAFF * ones,
            "policy_hours_recounted": RECOUNT * ones, "mentor_time": MENTOR * ones}


def hand_incremental(mode):
    """Incremental, per agency: the rule (re-approvals in 1, 4, 7, 10; a reading's second count of the
    policy hours dropped; mentoring at max(10, today's 10) hours) minus the current rule (15 policies over
    the 13 agencies re-approving all together in years 5 and 10; no assessments or coaching; 80 training
    hours; 10 mentoring hours today, so the mentor time nets to 0)."""
    out = hand_published(mode)
    out["policy"] = out["policy"] - np.array([BASELINE * (y in BASE_YEARS) for y in range(1, YEARS + 1)])
    out["policy_hours_recounted"] = np.zeros(YEARS)
    out["mentor_time"] = MENTOR_INC * np.ones(YEARS)
    return out


@pytest.mark.parametrize("mode", ["internal", "external", "mixed"])
@pytest.mark.parametrize("framing, hand", [("as_published", hand_published), ("incremental", hand_incremental)])
def test_every_component_and_year_by_hand(primary, framing, hand, mode):
    got = stream_of(primary, framing, mode)
    want = hand(mode)
    for c in COMPONENT_NAMES:
        np.testing.assert_allclose(got[c], want.get(c, np.zeros(YEARS)), rtol=1e-12, atol=1e-9, err_msg=c)
    np.testing.assert_allclose(got["total"], sum(want.values()), rtol=1e-12)


def test_incremental_year1_and_ten_year_policy_labour(primary):
    """Year 1, internal: 15,476 + 75,000 + 22,750 + 0 (mentor time nets out) = 113,226 per agency, with
    no current-rule re-approval in year 1; year 5: 75,000 + 22,750 - 15,476 x 15/13 = 79,893.08. The
    undiscounted ten-year government-wide incremental policy labour is (4 x 13 - 2 x 15) x 15,476."""
    inc = stream_of(primary, "incremental", "internal")
    assert inc["total"][0] == pytest.approx(POLICY + TRAINING + ASSESSMENT + STAFF + MENTOR_INC)
    assert inc["total"][0] == pytest.approx(15_476 + 75_000 + 22_750)
    assert inc["total"][0] == pytest.approx(113_226)
    assert inc["total"][4] == pytest.approx(75_000 + 22_750 - 15_476 * 15 / 13)
    assert inc["total"][4] == pytest.approx(79_893.08, abs=0.01)
    gov = stream_of(primary, "incremental", "internal", "government")
    assert gov["policy"].sum() == pytest.approx((4 * 13 - 2 * 15) * 15_476)
    assert gov["policy"].sum() == pytest.approx(340_472)


@pytest.mark.parametrize("mode", ["internal", "external", "mixed"])
def test_complete_accounting_every_component_by_hand(primary, mode):
    c = apply_scenario(primary, load_scenario("complete", primary))
    pub, inc = stream_of(c, "as_published", mode), stream_of(c, "incremental", mode)
    e = EXT[mode]
    for name, v in COMPLETE.items():
        assert pub[name][0] == pytest.approx(v), name
    assert pub["internal_coach_time"][0] == pytest.approx((1 - e) * COACH_TIME)
    # the hour of assessment feedback stays inside the coaching hours, where the NPRM puts it
    assert not pub["assessment_interpretation"].any() and not inc["assessment_interpretation"].any()
    # netting of the current rule's re-approvals: all together in years 5 and 10 (its amount per agency
    # is test_complete_offset_nets_the_15_baseline_policies)
    off = pub["baseline_reapproval_offset"]
    assert list(np.flatnonzero(off) + 1) == [5, 10] and off[4] == off[9] < 0
    # incremental: mentoring is current practice (practice.mentoring_hours = 10 = the minimum), so the
    # rule adds no mentoring time; the netting is done by the baseline, not by the offset
    assert inc["participant_mentoring_time"][0] == 0 and inc["mentor_time"][0] == 0
    assert not inc["baseline_reapproval_offset"].any()
    for name in ("participant_training_time", "participant_coaching_time", "evaluation_cohort", "evaluation_annual"):
        assert inc[name][0] == pytest.approx(COMPLETE[name]), name
    assert inc["internal_coach_time"][0] == pytest.approx((1 - e) * COACH_TIME)
    assert inc["policy"][0] == pytest.approx(POLICY)
    assert inc["policy"][4] == pytest.approx(-100 * 154.76 * 15 / 13)


def test_complete_offset_nets_the_15_baseline_policies(primary):
    """The complete accounting (as published) nets the current rule's own re-approvals: 15 policies over the
    13 agencies, so -100 x 154.76 x 15/13 = -17,856.92 per agency in years 5 and 10, the same labour the
    incremental framing's baseline subtracts."""
    c = apply_scenario(primary, load_scenario("complete", primary))
    off = stream_of(c, "as_published", "internal")["baseline_reapproval_offset"]
    np.testing.assert_allclose(off, [-100 * 154.76 * 15 / 13 * (y in (5, 10)) for y in range(1, YEARS + 1)])


def test_current_practice_is_subtracted_by_hand(primary):
    a = primary.with_overrides({"practice.coaching_hours": 4, "practice.training_hours_above_minimum": 10,
                                "practice.in_program_assessment_share": 0.4,
                                "practice.applicant_assessment_share": 0.25,
                                "practice.mentoring_hours": 4, "accounting.mentor_time": 1}, "test")
    inc = stream_of(a, "incremental", "external")
    pub = stream_of(a, "as_published", "external")
    assert inc["coaching"][0] == pytest.approx(PART * (10 - 4) * 1000)           # 150,000
    assert inc["training"][0] == pytest.approx(PART * (100 - 90) * 150)          # 37,500
    assert inc["assessment"][0] == pytest.approx((40 * (1 - 0.25) + 25 * (1 - 0.4)) * 350)  # 15,750
    assert inc["mentor_time"][0] == pytest.approx(PART * (10 - 4) * raw("labor.ses_loaded_hourly"))
    # the NPRM's framing ignores current practice
    assert pub["coaching"][0] == pytest.approx(COACH_FEES)
    assert pub["training"][0] == pytest.approx(TRAINING)


def test_practice_above_requirement_clamps_with_a_note(primary, capsys):
    a = primary.with_overrides({"practice.coaching_hours": 15, "practice.training_hours_above_minimum": 40}, "t")
    inc = stream_of(a, "incremental", "external")
    assert inc["coaching"][0] == 0 and inc["training"][0] == 0
    assert main(["run", "--set", "practice.coaching_hours=15", "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert any("practice.coaching_hours (15 h) is above the proposed minimum coaching.hours (10 h)" in n for n in notes)


@pytest.mark.parametrize("staggered, first, interval, current_years", [
    (0, 5, 5, [5, 10]), (0, 1, 5, [1, 6]), (0, 3, 5, [3, 8]), (0, 2, 4, [2, 6, 10]),
])
def test_baseline_cycle_all_in_one_year(primary, staggered, first, interval, current_years):
    """All the current rule's 15 policies re-approve in the same years: 15/13 of one approval per agency."""
    a = primary.with_overrides({"policy.baseline_staggered": staggered, "policy.baseline_first_year": first,
                                "policy.baseline_reapproval_years": interval}, "t")
    inc = stream_of(a, "incremental", "internal")["policy"]
    want = [100 * 154.76 * ((y in RULE_YEARS) - 15 / 13 * (y in current_years)) for y in range(1, YEARS + 1)]
    np.testing.assert_allclose(inc, want, atol=1e-9)


def test_staggered_baseline_through_its_scenario(primary):
    """baseline_staggered: 1/5 of the 15 policies every year, 15,476 x 15/13 / 5 = 3,571.38 per agency a year."""
    a = apply_scenario(primary, load_scenario("baseline_staggered", primary))
    inc = stream_of(a, "incremental", "internal")["policy"]
    want = [100 * 154.76 * ((y in RULE_YEARS) - 15 / 13 / 5) for y in range(1, YEARS + 1)]
    np.testing.assert_allclose(inc, want, atol=1e-9)
    assert inc[1] == pytest.approx(-3_571.38, abs=0.01)


def test_year1_update_sunk_drops_only_the_first_rewrite(primary):
    a = apply_scenario(primary, load_scenario("year1_sunk", primary))
    for framing in ("as_published", "incremental"):
        pol = stream_of(a, framing, "internal")["policy"]
        base = 0.0 if framing == "as_published" else 100 * 154.76 * 15 / 13
        want = [100 * 154.76 * (y in (4, 7, 10)) - base * (y in (5, 10)) for y in range(1, YEARS + 1)]
        np.testing.assert_allclose(pol, want, atol=1e-9)


def test_baseline_of_15_policies_is_spread_over_the_13_agencies(primary):
    """The default baseline counts 15 policies (13 approved + 2 planned) re-approving twice in ten years,
    the rule 13 agencies re-approving four times; scenario baseline_13_policies leaves the two sub-level
    policies out. The NPRM's framing has no baseline in either."""
    gov = stream_of(primary, "incremental", "internal", "government")["policy"]
    assert gov.sum() == pytest.approx(4 * 13 * 15_476 - 2 * 15 * 15_476)  # 22 x 15,476
    assert gov[4] == pytest.approx(-15 * 15_476)
    a = apply_scenario(primary, load_scenario("baseline_13_policies", primary))
    gov13 = stream_of(a, "incremental", "internal", "government")["policy"]
    assert gov13.sum() == pytest.approx(4 * 13 * 15_476 - 2 * 13 * 15_476)  # 26 x 15,476
    assert gov13[4] == pytest.approx(-13 * 15_476)
    for x in (primary, a):
        assert stream_of(x, "as_published", "internal")["policy"].sum() == pytest.approx(4 * 15_476)


def test_perpetual_present_value_is_the_exact_perpetuity(primary):
    """The E.O. 14192 reference figure: the stream summed for 3,000 years at 7% by hand, not the
    10-year annualized value / r. The current rule's 15 policies re-approve in years 5, 10, 15, ..."""
    r, T = 0.07, 3000
    years = np.arange(1, T + 1)
    disc = 1.07 ** -years.astype(float)
    rule_cycle = ((years - 1) % 3 == 0).astype(float)
    base_cycle = (years % 5 == 0).astype(float)
    pub = (75_000 + 22_750 + 54_075) + 15_476 * rule_cycle
    inc = (75_000 + 22_750) + 15_476 * rule_cycle - 15_476 * 15 / 13 * base_cycle  # mentor time nets to 0
    eo = eo14192_view(primary, levels=("agency",))
    got = eo.set_index(["framing", "coaching"]).perpetual_present_value
    assert got[("as_published", "internal")] == pytest.approx(float(pub @ disc), rel=1e-9)
    assert got[("incremental", "internal")] == pytest.approx(float(inc @ disc), rel=1e-9)
    assert got[("incremental", "external")] == pytest.approx(float((inc + 250_000) @ disc), rel=1e-9)
    # not the 10-year annualized / r convention
    assert not np.isclose(got[("as_published", "internal")], eo.set_index(["framing", "coaching"])
                          .annualized[("as_published", "internal")] / r)
    acc = accounting_table(primary, rates=[0.07], levels=("government",))
    row = acc[(acc.framing == "incremental") & (acc.coaching == "internal")].iloc[0]
    assert row.perpetual_present_value == pytest.approx(float(inc @ disc) * 13, rel=1e-9)
    assert row.dollar_year == 2025 and row.discounted_to_start_of == 2026
    # the staggered baseline (its scenario): 1/5 of the 15 policies every year
    st = eo14192_view(apply_scenario(primary, load_scenario("baseline_staggered", primary)), levels=("agency",))
    inc_st = (75_000 + 22_750) + 15_476 * rule_cycle - 15_476 * 15 / 13 / 5
    assert st.set_index(["framing", "coaching"]).perpetual_present_value[("incremental", "internal")] == \
        pytest.approx(float(inc_st @ disc), rel=1e-9)


@pytest.mark.slow  # the CLI end to end: seconds
def test_eo14192_exclusion_is_stated():
    """The NPRM's own reason (de minimis costs), quoted, and no claim that the rule falls outside the order."""
    assert "imposes no more than de minimis costs" in EO14192_EXCLUSION
    assert "Regulatory Compliance, A. Regulatory Review" in EO14192_EXCLUSION
    for claim in ("likely outside", "organization, management, or personnel"):
        assert claim not in EO14192_EXCLUSION
    from pathlib import Path
    nprm = (Path(__file__).resolve().parents[1] / "sources" / "nprm-2025-23289-sescdp.txt").read_text()
    assert ("This rule is not expected to be an E.O. 14192 regulatory action because it imposes no more than "
            "de minimis costs.") in nprm
    out = io.StringIO()
    with redirect_stdout(out):
        main(["accounting", "--method", "ranges"])
    assert EO14192_EXCLUSION in out.getvalue()


# ---- the four defects of the first incremental framing, through the CLI -------------------------

def run_json(*sets):
    out = io.StringIO()
    args = ["run", "--years", "10", "--format", "json"]
    for s in sets:
        args += ["--set", s]
    with redirect_stdout(out):
        assert main(args) == 0
    return json.loads(out.getvalue())


def pick(d, framing, component, year=1, coaching="internal", level="agency"):
    return next(r["usd"] for r in d["results"] if (r["framing"], r["component"], r["year"], r["coaching"], r["level"])
                == (framing, component, year, coaching, level))


@pytest.mark.parametrize("current_hours, added", [(100, 0), (60, 40), (80, 20), (110, 0)])
@pytest.mark.slow  # the CLI end to end: seconds
def test_defect_1_training_agrees_in_both_framings(current_hours, added):
    d = run_json(f"training.hours_baseline={current_hours}")
    want = 25 * added * 150
    assert pick(d, "as_published", "training") == pytest.approx(want)
    assert pick(d, "incremental", "training") == pytest.approx(want)


@pytest.mark.slow  # the CLI end to end: seconds
def test_defect_2_no_double_counted_policy_hours_in_incremental():
    """Reading A counts the policy hours a second time in its program figure; the incremental framing
    drops that count. At the default (mentor) reading there is no second count in either framing."""
    d = run_json()
    assert all(pick(d, f, "policy_hours_recounted", y) == 0 for f in ("as_published", "incremental")
               for y in range(1, 11))
    d = run_json("accounting.policy_hours_recounted=1", "accounting.staff_hours_per_participant=10",
                 "accounting.mentor_time=0")  # Reading A's switches
    assert all(pick(d, "incremental", "policy_hours_recounted", y) == 0 for y in range(1, 11))
    assert all(pick(d, "as_published", "policy_hours_recounted", y) == pytest.approx(100 * 154.76)
               for y in range(1, 11))


@pytest.mark.slow  # the CLI end to end: seconds
def test_defect_3_baseline_reapproval_years_sets_the_baseline():
    """A two-year current cycle from the default first year 5: the 15 policies re-approve in years 5, 7, 9;
    staggered, 1/2 of them every year."""
    d = run_json("policy.baseline_reapproval_years=2")
    for y, rule in ((1, 1), (2, 0), (5, 0), (6, 0), (7, 1), (9, 0)):
        want = 100 * 154.76 * (rule - 15 / 13 * (y in (5, 7, 9)))
        assert pick(d, "incremental", "policy", y) == pytest.approx(want, abs=0.005), y  # JSON: cents
    d = run_json("policy.baseline_reapproval_years=2", "policy.baseline_staggered=1")
    assert pick(d, "incremental", "policy", 2) == pytest.approx(-100 * 154.76 * 15 / 13 / 2, abs=0.005)
    assert pick(d, "incremental", "policy", 1) == pytest.approx(100 * 154.76 * (1 - 15 / 13 / 2), abs=0.005)


@pytest.mark.slow  # the CLI end to end: seconds
def test_defect_4_default_baseline_re_approves_together_not_in_year_1():
    """The agencies submitted their policies by October 31, 2025, so the current rule's five-year cycle falls
    in analysis years 5 and 10 (2030, 2035) for all 15 policies at once: not in year 1, not staggered.
    Staggered (1/5 of the policies a year) lives in scenario baseline_staggered."""
    d = run_json()
    assert pick(d, "incremental", "policy", 1) == pytest.approx(15_476)
    assert pick(d, "incremental", "policy", 2) == 0
    assert pick(d, "incremental", "policy", 5) == pytest.approx(-15_476 * 15 / 13)
    assert pick(d, "incremental", "policy", 5) == pytest.approx(-17_856.92, abs=0.01)
    assert pick(d, "incremental", "policy", 10) == pytest.approx(15_476 - 15_476 * 15 / 13, abs=0.005)  # cents
    d = run_json("policy.baseline_staggered=1")
    assert pick(d, "incremental", "policy", 1) == pytest.approx(15_476 * (1 - 15 / 13 / 5), abs=0.005)
    assert pick(d, "incremental", "policy", 2) == pytest.approx(-15_476 * 15 / 13 / 5, abs=0.005)


@pytest.mark.slow  # the CLI end to end: seconds
def test_run_json_states_the_baseline():
    d = run_json()
    b = d["baseline"]
    cur = b["current_rule"]
    assert cur["reapproval_years"] == 5 and cur["policies"] == 15
    assert cur["reapproval_timing"] == "all together, in analysis years 5 (2030) and 10 (2035)"
    assert b["current_practice"]["training_hours"] == 80 and b["current_practice"]["mentoring_hours"] == 10
    assert "SES mentors' time counts 10 hours a participant under the rule and 10 under current practice" in b["reading"]
    assert d["first_calendar_year"] == 2026
    staggered = run_json("policy.baseline_staggered=1")["baseline"]["current_rule"]["reapproval_timing"]
    assert staggered == "staggered evenly: 1/5 of the policies each year"


@pytest.mark.parametrize("sets, expected", [
    (["policy.baseline_reapproval_years=0"], "policy.baseline_reapproval_years: expected at least 1"),
    (["policy.reapproval_years=0"], "policy.reapproval_years: expected at least 1"),
    (["practice.in_program_assessment_share=1.5"], "practice.in_program_assessment_share: expected at most 1"),
    (["policy.baseline_staggered=0.5"], "policy.baseline_staggered: expected 0 or 1"),
])
def test_bad_combinations_are_one_line_errors(capsys, sets, expected):
    args = ["run"]
    for s in sets:
        args += ["--set", s]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert expected in err and "\n" not in err


def test_framing_name_is_checked(primary):
    with pytest.raises(ModelInputError, match="framing"):
        framed_stream(dict(primary.values), "internal", "incremntal", 3)


def test_complete_components_with_distinct_rates_and_hours(primary):
    """Every rate and hour distinct from the others, so a formula that picks the wrong one fails:
    20 participants x 2 cohorts = 40 a year; participant $140/h, coach $120/h, SES $200/h; 12 coaching
    and 14 mentoring hours; 50 applicants; interpretation 2 h at $250; evaluation 2 h, 20 h, 30 h."""
    a = apply_scenario(primary, load_scenario("complete", primary)).with_overrides({
        "accounting.assessment_interpretation": 1,  # off in the complete scenario; its formula is checked here
        "cohort.participants": 20, "cohort.per_year": 2, "cohort.applicants_assessed": 50,
        "labor.participant_loaded_hourly": 140, "coaching.coach_loaded_hourly": 120, "labor.ses_loaded_hourly": 200,
        "coaching.hours": 12, "mentoring.hours": 14, "coaching.coach_overhead_ratio": 0.25,
        "assessment.interpretation_hours": 2, "assessment.interpretation_rate": 250,
        "evaluation.participant_hours": 2, "evaluation.manager_hours_per_cohort": 20, "evaluation.annual_hours": 30,
    }, "test")
    internal, external = stream_of(a, "as_published", "internal"), stream_of(a, "as_published", "external")
    want = {"training": 40 * 20 * 150, "participant_training_time": 40 * 20 * 140,
            "participant_coaching_time": 40 * 12 * 140, "participant_mentoring_time": 40 * 14 * 140,
            "mentor_time": 40 * 14 * 200, "assessment": (50 + 20) * 2 * 350,
            "assessment_interpretation": 40 * 2 * 250, "evaluation_cohort": 40 * 2 * 140 + 2 * 20 * 154.76,
            "evaluation_annual": 30 * 154.76, "policy": 100 * 154.76}
    for name, v in want.items():
        assert internal[name][0] == pytest.approx(v), name
    assert internal["internal_coach_time"][0] == pytest.approx(40 * 12 * 1.25 * 120)
    assert external["internal_coach_time"][0] == 0
    assert external["coaching"][0] == pytest.approx(40 * 12 * 1000)
    assert internal["coaching"][0] == 0
    inc = stream_of(a, "incremental", "internal")
    assert inc["participant_mentoring_time"][0] == pytest.approx(40 * (14 - 10) * 140)
    assert inc["mentor_time"][0] == pytest.approx(40 * (14 - 10) * 200)
    assert inc["participant_coaching_time"][0] == pytest.approx(40 * 12 * 140)  # no coaching today


# ---- issue 15: the requirements the NPRM never prices ---------------------------------------------

def test_new_complete_components_by_hand(primary):
    """Complete accounting, per agency, internal coaching, at the defaults:
    - shorter cohorts: -(1 FTE x 2087 h x $154.76 x 0.5 x (1 - 12 / 18)) = -53,830.69 a year;
    - assignment: 86 proposed workdays, 87 today, so max(0, 86 - 87) = 0 added;
    - assessment time: (40 + 25) x 1 h x $154.76 + 25 x 8 raters x 0.5 h x $154.76 = 25,535.40 a year;
    - template re-approvals: (40 - 100 + 0) h x $154.76 = -9,285.60 in years 4, 7, 10 (not year 1);
    - EDP template: 0 h a participant, 0."""
    c = apply_scenario(primary, load_scenario("complete", primary))
    for framing in ("as_published", "incremental"):
        s = stream_of(c, framing, "internal")
        assert s["program_administration"][0] == pytest.approx(-(1 * 2087 * 154.76 * 0.5 * (1 - 12 / 18)))
        assert s["program_administration"][0] == pytest.approx(-53_830.69, abs=0.01)
        assert not s["developmental_assignment"].any()
        assert s["assessment_time"][0] == pytest.approx((40 + 25) * 1 * 154.76 + 25 * 8 * 0.5 * 154.76)
        assert s["assessment_time"][0] == pytest.approx(25_535.40)
        np.testing.assert_allclose(s["template_reapproval"],
                                   [(40 - 100 + 0) * 154.76 * (y in (4, 7, 10)) for y in range(1, YEARS + 1)])
        assert s["template_reapproval"][3] == pytest.approx(-9_285.60)
        assert not s["edp_template"].any()


def test_new_complete_components_with_distinct_values(primary):
    """The same formulas with values set apart, so a formula using the wrong one fails: participant rate
    $140 (not the NPRM's $154.76), 2 cohorts a year, 120 proposed workdays, 16 evaluation-template hours at
    re-approval, 2 EDP hours, 1.5 administration FTE with a 0.4 variable share:
    - shorter cohorts: -(1.5 x 2087 x $154.76 x 0.4 x (1 - 12 / 18) x 2) = -129,193.65 a year;
    - assignment at 120 workdays: 25 x 2 x (120 - 87) x 8 h x $140 x 0.5 = 924,000 a year;
    - assessment time: ((40 + 25) x 1 h x $140 + 25 x 8 raters x 0.5 h x $140) x 2 = 46,200 a year;
    - template re-approvals: (40 - 100 + 16) h x $154.76 = -6,809.44 in years 4, 7, 10 (per re-approval);
    - EDP template: 25 x 2 x 2 h x $140 = 14,000 a year."""
    a = apply_scenario(primary, load_scenario("complete", primary)).with_overrides(
        {"labor.participant_loaded_hourly": 140, "cohort.per_year": 2, "assignment.workdays_proposed": 120,
         "policy.reapproval_evaluation_hours": 16, "edp.participant_hours": 2,
         "cohort.admin_fte": 1.5, "cohort.admin_variable_share": 0.4}, "test")
    for framing in ("as_published", "incremental"):
        s = stream_of(a, framing, "internal")
        assert s["program_administration"][0] == pytest.approx(-(1.5 * 2087 * 154.76 * 0.4 * (1 - 12 / 18) * 2))
        assert s["program_administration"][0] == pytest.approx(-129_193.65, abs=0.01)
        assert s["developmental_assignment"][0] == pytest.approx(25 * 2 * (120 - 87) * 8 * 140 * 0.5)
        assert s["developmental_assignment"][0] == pytest.approx(924_000)
        assert s["assessment_time"][0] == pytest.approx(((40 + 25) * 1 * 140 + 25 * 8 * 0.5 * 140) * 2)
        np.testing.assert_allclose(s["template_reapproval"],
                                   [(40 - 100 + 16) * 154.76 * (y in (4, 7, 10)) for y in range(1, YEARS + 1)])
        assert s["template_reapproval"][3] == pytest.approx(-6_809.44)
        assert s["edp_template"][0] == pytest.approx(25 * 2 * 2 * 140)
    # a template that saves time (the range reaches -2 h): a negative EDP cost, not clamped
    neg = stream_of(a.with_overrides({"edp.participant_hours": -2}, "t"), "incremental", "internal")
    assert neg["edp_template"][0] == pytest.approx(25 * 2 * -2 * 140)


def test_new_components_net_current_practice(primary):
    """Incremental, with practice: cohorts of 24 months today save half the administration's variable share
    (1 - 12/24) instead of a third (1 - 12/18); 40% of participants already take an in-program 360, so the
    current rule's assessment time (10 participants x (1 h + 4 h of raters)) is netted: (165 - 50) x $154.76;
    cohorts of 12 months or less save nothing."""
    c = apply_scenario(primary, load_scenario("complete", primary))
    a = c.with_overrides({"practice.cohort_months": 24, "practice.in_program_assessment_share": 0.4}, "t")
    inc = stream_of(a, "incremental", "internal")
    assert inc["program_administration"][0] == pytest.approx(-(1 * 2087 * 154.76 * 0.5 * (1 - 12 / 24)))
    assert inc["program_administration"][0] == pytest.approx(-80_746.03, abs=0.01)
    assert inc["assessment_time"][0] == pytest.approx((165 - 10 * (1 + 8 * 0.5)) * 154.76)
    for short in (12, 10):  # cohorts at or under the maximum are neither shortened nor lengthened
        s = stream_of(c.with_overrides({"practice.cohort_months": short}, "t"), "incremental", "internal")
        assert s["program_administration"][0] == 0


def test_omitted_table_lists_every_requirement(primary):
    """Every component the complete accounting adds, with its quote, incremental figures and evidence grade,
    and the unquantified requirements with their reasons; the PV is the component's own 10-year PV at 7%;
    the range is taken over every corner of the ranges of the parameters the component reads. SES mentors'
    time is in the default reading, so it is not omitted."""
    from model.core.evidence import GRADE_LABELS
    from model.core.omitted import PRICED, UNQUANTIFIED
    from model.core.standard import complete_of
    from model.engines.omitted_ranges import omitted_costs
    c = complete_of(primary)
    t = omitted_costs(c, modes=("internal",))
    priced = t[t.status == PRICED].set_index("component")
    assert {"program_administration", "developmental_assignment", "assessment_time", "template_reapproval",
            "edp_template", "participant_mentoring_time", "participant_training_time"} <= set(priced.index)
    for kept_out in ("baseline_reapproval_offset", "policy", "mentor_time", "assessment_interpretation"):
        assert kept_out not in priced.index, kept_out
    assert (priced.quote.str.len() > 20).all()
    assert set(priced.evidence) - {""} <= set(GRADE_LABELS.values())
    annuity = sum(1 / 1.07 ** t for t in range(1, 11))  # 7.0236
    adm = priced.loc["program_administration"]
    assert adm.year1 == pytest.approx(-13 * 2087 * 154.76 * 0.5 * (1 - 12 / 18))
    assert adm.pv_7 == pytest.approx(-13 * 2087 * 154.76 * 0.5 * (1 - 12 / 18) * annuity)
    assert adm.pv_7_high == 0  # the variable share runs from 0
    # the EDP template: 0 h at the default, -2 to +2 h over a participant rate of $133.60 to $187.06
    edp = priced.loc["edp_template"]
    assert edp.year1 == 0 and edp.pv_7 == 0
    assert edp.pv_7_low == pytest.approx(13 * 25 * -2 * 187.06 * annuity)
    assert edp.pv_7_high == pytest.approx(13 * 25 * 2 * 187.06 * annuity)
    assert (priced.pv_7_low <= priced.pv_7 + 1e-6).all() and (priced.pv_7 <= priced.pv_7_high + 1e-6).all()
    unq = t[t.status == UNQUANTIFIED]
    assert set(unq.component) == {"placement_rate", "assignment_continuity", "qrb_timing", "coach_certification",
                                  "training_topics"}
    assert (unq.reason.str.len() > 40).all()


def test_unquantified_quotes_appear_in_the_nprm():
    from pathlib import Path
    from model.core.omitted import load_unquantified
    src = Path(__file__).resolve().parents[1] / "sources" / "nprm-2025-23289-sescdp.txt"
    hay = "".join(src.read_text().replace("\\$", "$").split()).lower()
    for u in load_unquantified():
        assert "".join(u.quote.split()).lower() in hay, u.id
