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
STAFF = PART * raw("accounting.staff_hours_per_participant") * LOADED          # 250 h x 154.76
N = raw("agencies.count")                                                      # 13
MIXED = (N - raw("coaching.internal_program_agencies")) / N                    # 5/13
EXT = {"internal": 0.0, "external": 1.0, "mixed": MIXED}
K_BASE = raw("policy.baseline_reapproval_years")                               # 5
RULE_YEARS = [1, 4, 7, 10]                                                     # triennial from year 1
PARTICIPANT = raw("labor.participant_loaded_hourly")
# complete accounting, each component with its switch on
COMPLETE = {
    "participant_training_time": PART * ADDED_HOURS * PARTICIPANT,
    "participant_coaching_time": PART * raw("coaching.hours") * PARTICIPANT,
    "participant_mentoring_time": PART * raw("mentoring.hours") * PARTICIPANT,
    "mentor_time": PART * raw("mentoring.hours") * raw("labor.ses_loaded_hourly"),
    "assessment_interpretation": PART * raw("assessment.interpretation_hours") * raw("assessment.interpretation_rate"),
    "evaluation_cohort": PART * raw("evaluation.participant_hours") * PARTICIPANT
    + raw("cohort.per_year") * raw("evaluation.manager_hours_per_cohort") * LOADED,
    "evaluation_annual": raw("evaluation.annual_hours") * LOADED,
}
COACH_TIME = PART * raw("coaching.hours") * (1 + raw("coaching.coach_overhead_ratio")) * raw("coaching.coach_loaded_hourly")


def test_hand_constants_are_the_published_ones():
    """The hand arithmetic above is the NPRM's own: $154.76, $15,476, $75,000, 65 assessments."""
    assert LOADED == pytest.approx(154.76)
    assert POLICY == pytest.approx(15_476)
    assert TRAINING == pytest.approx(75_000)
    assert ASSESSMENT == pytest.approx(22_750)


def stream_of(a, framing, mode, level="agency"):
    t = cost_table(a, years=YEARS, framings=(framing,), modes=(mode,), levels=(level,))
    return {c: t[t.component == c].sort_values("year").usd.to_numpy() for c in (*COMPONENT_NAMES, "total")}


def hand_published(mode):
    """As published, per agency, every component and year (NPRM primary)."""
    ones = np.ones(YEARS)
    policy = np.array([POLICY if y in RULE_YEARS else 0.0 for y in range(1, YEARS + 1)])
    return {"policy": policy, "training": TRAINING * ones, "assessment": ASSESSMENT * ones,
            "coaching": EXT[mode] * COACH_FEES * ones, "staff_hours_per_participant": STAFF * ones,
            "policy_hours_recounted": POLICY * ones}


def hand_incremental(mode):
    """Incremental, per agency: the rule (re-approvals in 1, 4, 7, 10; Reading A's second count of the
    policy hours dropped) minus the current rule (re-approval every 5 years, staggered: 1/5 of the
    agencies each year; no assessments, coaching or Reading A hours; 80 training hours)."""
    out = hand_published(mode)
    out["policy"] = out["policy"] - POLICY / K_BASE
    out["policy_hours_recounted"] = np.zeros(YEARS)
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
    """Year 1, internal: 15,476 x (1 - 1/5) + 75,000 + 22,750 + 38,690 = 148,820.80 per agency; the
    undiscounted ten-year government-wide incremental policy labour is (4 - 2) x 13 x 15,476."""
    inc = stream_of(primary, "incremental", "internal")
    assert inc["total"][0] == pytest.approx(POLICY * (1 - 1 / K_BASE) + TRAINING + ASSESSMENT + STAFF)
    assert inc["total"][0] == pytest.approx(148_820.80)
    gov = stream_of(primary, "incremental", "internal", "government")
    assert gov["policy"].sum() == pytest.approx((4 - 2) * 13 * 15_476)


@pytest.mark.parametrize("mode", ["internal", "external", "mixed"])
def test_complete_accounting_every_component_by_hand(primary, mode):
    c = apply_scenario(primary, load_scenario("complete", primary))
    pub, inc = stream_of(c, "as_published", mode), stream_of(c, "incremental", mode)
    e = EXT[mode]
    for name, v in COMPLETE.items():
        assert pub[name][0] == pytest.approx(v), name
    assert pub["internal_coach_time"][0] == pytest.approx((1 - e) * COACH_TIME)
    # netting of the current rule's re-approvals: staggered, 1/5 of one approval every year
    np.testing.assert_allclose(pub["baseline_reapproval_offset"], -POLICY / K_BASE * np.ones(YEARS))
    # incremental: mentoring is current practice (practice.mentoring_hours = 10 = the minimum), so the
    # rule adds no mentoring time; the netting is done by the baseline, not by the offset
    assert inc["participant_mentoring_time"][0] == 0 and inc["mentor_time"][0] == 0
    assert inc["baseline_reapproval_offset"][0] == 0
    for name in ("participant_training_time", "participant_coaching_time", "assessment_interpretation",
                 "evaluation_cohort", "evaluation_annual"):
        assert inc[name][0] == pytest.approx(COMPLETE[name]), name
    assert inc["internal_coach_time"][0] == pytest.approx((1 - e) * COACH_TIME)
    assert inc["policy"][0] == pytest.approx(POLICY * (1 - 1 / K_BASE))


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
    (0, 1, 5, [1, 6]), (0, 3, 5, [3, 8]), (0, 2, 4, [2, 6, 10]),
])
def test_baseline_cycle_all_in_one_year(primary, staggered, first, interval, current_years):
    a = primary.with_overrides({"policy.baseline_staggered": staggered, "policy.baseline_first_year": first,
                                "policy.baseline_reapproval_years": interval}, "t")
    inc = stream_of(a, "incremental", "internal")["policy"]
    want = [POLICY * ((y in RULE_YEARS) - (y in current_years)) for y in range(1, YEARS + 1)]
    np.testing.assert_allclose(inc, want, atol=1e-9)


def test_year1_update_sunk_drops_only_the_first_rewrite(primary):
    a = apply_scenario(primary, load_scenario("year1_sunk", primary))
    for framing in ("as_published", "incremental"):
        pol = stream_of(a, framing, "internal")["policy"]
        base = 0.0 if framing == "as_published" else POLICY / K_BASE
        want = [POLICY * (y in (4, 7, 10)) - base for y in range(1, YEARS + 1)]
        np.testing.assert_allclose(pol, want, atol=1e-9)


def test_baseline_of_15_policies_is_spread_over_the_13_agencies(primary):
    a = apply_scenario(primary, load_scenario("baseline_13_policies", primary))
    gov = stream_of(a, "incremental", "internal", "government")["policy"]
    assert gov.sum() == pytest.approx(4 * 13 * POLICY - 10 * 15 * POLICY / K_BASE)  # 22 x 15,476
    assert stream_of(a, "as_published", "internal")["policy"].sum() == pytest.approx(4 * POLICY)


def test_perpetual_present_value_is_the_exact_perpetuity(primary):
    """The E.O. 14192 reference figure: the stream summed for 3,000 years at 7% by hand, not the
    10-year annualized value / r."""
    r, T = 0.07, 3000
    years = np.arange(1, T + 1)
    disc = 1.07 ** -years.astype(float)
    annual_pub = TRAINING + ASSESSMENT + STAFF + POLICY  # + Reading A's second count, every year
    rule_cycle = ((years - 1) % 3 == 0).astype(float)
    pub = annual_pub + POLICY * rule_cycle
    inc = (TRAINING + ASSESSMENT + STAFF) + POLICY * rule_cycle - POLICY / K_BASE
    eo = eo14192_view(primary, levels=("agency",))
    got = eo.set_index(["framing", "coaching"]).perpetual_present_value
    assert got[("as_published", "internal")] == pytest.approx(float(pub @ disc), rel=1e-9)
    assert got[("incremental", "internal")] == pytest.approx(float(inc @ disc), rel=1e-9)
    assert got[("incremental", "external")] == pytest.approx(float((inc + COACH_FEES) @ disc), rel=1e-9)
    # not the 10-year annualized / r convention
    assert not np.isclose(got[("as_published", "internal")], eo.set_index(["framing", "coaching"])
                          .annualized[("as_published", "internal")] / r)
    acc = accounting_table(primary, rates=[0.07], levels=("government",))
    row = acc[(acc.framing == "incremental") & (acc.coaching == "internal")].iloc[0]
    assert row.perpetual_present_value == pytest.approx(float(inc @ disc) * 13, rel=1e-9)
    assert row.dollar_year == 2025 and row.discounted_to_start_of == 2026


def test_eo14192_exclusion_is_stated():
    assert "organization, management, or personnel" in EO14192_EXCLUSION
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
def test_defect_1_training_agrees_in_both_framings(current_hours, added):
    d = run_json(f"training.hours_baseline={current_hours}")
    want = 25 * added * 150
    assert pick(d, "as_published", "training") == pytest.approx(want)
    assert pick(d, "incremental", "training") == pytest.approx(want)


def test_defect_2_no_double_counted_policy_hours_in_incremental():
    d = run_json()
    assert all(pick(d, "incremental", "policy_hours_recounted", y) == 0 for y in range(1, 11))
    assert pick(d, "as_published", "policy_hours_recounted") == pytest.approx(POLICY)


def test_defect_3_baseline_reapproval_years_sets_the_baseline():
    d = run_json("policy.baseline_reapproval_years=2")
    assert pick(d, "incremental", "policy", 2) == pytest.approx(-POLICY / 2)
    assert pick(d, "incremental", "policy", 1) == pytest.approx(POLICY / 2)


def test_defect_4_default_baseline_is_staggered_not_all_in_year_1():
    d = run_json()
    assert pick(d, "incremental", "policy", 1) == pytest.approx(POLICY * (1 - 1 / 5))
    assert pick(d, "incremental", "policy", 2) == pytest.approx(-POLICY / 5)


def test_run_json_states_the_baseline():
    d = run_json()
    b = d["baseline"]
    assert b["current_rule"]["reapproval_years"] == 5 and "staggered" in b["current_rule"]["reapproval_timing"]
    assert b["current_practice"]["training_hours"] == 80 and "policy_hours_recounted" in b["reading_a"]
    assert d["first_calendar_year"] == 2026


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
    """Complete accounting, per agency, internal coaching, the participant rate set apart ($140) from the
    NPRM's $154.76 so a formula using the wrong one fails:
    - shorter cohorts: 1 FTE x 2087 h x $154.76 x 0.5 x (12 - 18) / 12 = -80,746.03 a year;
    - assignment at 120 workdays: 25 x (120 - 87) x 8 h x $140 x 0.5 = 462,000 a year;
    - assessment time: (40 + 25) x 1 h x $140 + 25 x 8 raters x 0.5 h x $140 = 23,100 a year;
    - template re-approvals: (40 - 100 + 16) h x $154.76 = -6,809.44 in years 4, 7, 10 (not year 1);
    - EDP template: 25 x 2 h x $140 = 7,000 a year."""
    a = apply_scenario(primary, load_scenario("complete", primary)).with_overrides(
        {"labor.participant_loaded_hourly": 140, "assignment.workdays_proposed": 120}, "test")
    for framing in ("as_published", "incremental"):
        s = stream_of(a, framing, "internal")
        assert s["program_administration"][0] == pytest.approx(1 * 2087 * 154.76 * 0.5 * (12 - 18) / 12)
        assert s["program_administration"][0] == pytest.approx(-80_746.03, abs=0.01)
        assert s["developmental_assignment"][0] == pytest.approx(25 * (120 - 87) * 8 * 140 * 0.5)
        assert s["assessment_time"][0] == pytest.approx((40 + 25) * 1 * 140 + 25 * 8 * 0.5 * 140)
        np.testing.assert_allclose(s["template_reapproval"],
                                   [(40 - 100 + 16) * 154.76 * (y in (4, 7, 10)) for y in range(1, YEARS + 1)])
        assert s["edp_template"][0] == pytest.approx(25 * 2 * 140)


def test_new_components_net_current_practice(primary):
    """Incremental, with practice: cohorts of 24 months today double the saving (12 - 24 = -12 months);
    40% of participants already take an in-program 360, so the current rule's assessment time
    (10 participants x (1 h + 4 h of raters)) is netted: (165 - 50) x $154.76; cohorts of 12 months or
    less save nothing."""
    c = apply_scenario(primary, load_scenario("complete", primary))
    a = c.with_overrides({"practice.cohort_months": 24, "practice.in_program_assessment_share": 0.4}, "t")
    inc = stream_of(a, "incremental", "internal")
    assert inc["program_administration"][0] == pytest.approx(2087 * 154.76 * 0.5 * (12 - 24) / 12)
    assert inc["assessment_time"][0] == pytest.approx((165 - 10 * (1 + 8 * 0.5)) * 154.76)
    for short in (12, 10):  # cohorts at or under the maximum are neither shortened nor lengthened
        s = stream_of(c.with_overrides({"practice.cohort_months": short}, "t"), "incremental", "internal")
        assert s["program_administration"][0] == 0


def test_omitted_table_lists_every_requirement(primary):
    """Every component the complete accounting adds, with its quote and incremental figures, and the
    unquantified requirements with their reasons; the PV is the component's own 10-year PV at 7%."""
    from model.core.omitted import PRICED, UNQUANTIFIED, omitted_table
    from model.core.standard import complete_of
    c = complete_of(primary)
    t = omitted_table(c, modes=("internal",))
    priced = t[t.status == PRICED].set_index("component")
    assert {"program_administration", "developmental_assignment", "assessment_time", "template_reapproval",
            "edp_template", "mentor_time", "participant_training_time"} <= set(priced.index)
    assert "baseline_reapproval_offset" not in priced.index and "policy" not in priced.index
    assert (priced.quote.str.len() > 20).all()
    edp = priced.loc["edp_template"]
    assert edp.year1 == pytest.approx(13 * 25 * 2 * 154.76)
    assert edp.pv_7 == pytest.approx(sum(13 * 25 * 2 * 154.76 / 1.07 ** t for t in range(1, 11)))
    assert edp.pv_7_low <= edp.pv_7 <= edp.pv_7_high
    assert edp.pv_7_low == 0  # edp.participant_hours runs from 0
    unq = t[t.status == UNQUANTIFIED]
    assert {"placement_rate", "assignment_quality"} <= set(unq.component) and (unq.reason.str.len() > 40).all()


def test_unquantified_quotes_appear_in_the_nprm():
    from pathlib import Path
    from model.core.omitted import load_unquantified
    src = Path(__file__).resolve().parents[1] / "sources" / "nprm-2025-23289-sescdp.txt"
    hay = "".join(src.read_text().replace("\\$", "$").split()).lower()
    for u in load_unquantified():
        assert "".join(u.quote.split()).lower() in hay, u.id
