"""Evidence grades (the loader enforces each grade's rule; figures report their shares by grade) and the findings
of the evidence review, each against arithmetic written out by hand from the sources."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from model import Scenario
from model.core.errors import ModelInputError
from model.core.evidence import evaluate_formula, printed_in
from model.core.grading import component_grades, figure_shares
from model.core.parameters import ANALYST, assumptions_dir, load_assumptions

SOURCES = Path(__file__).resolve().parents[1] / "sources"
NPRM_TEXT = (SOURCES / "nprm-2025-23289-sescdp.txt").read_text()
LOADED = 2 * round(161_486 / 2_087, 2)  # $154.76: the NPRM's GS-14 step 5 DC rate, loaded at 200%


# ------------------------------------------------------------------ the grades in the files
def test_every_parameter_has_a_grade_and_its_label_follows_it(primary):
    for pid, s in primary.specs.items():
        if s.evidence == "assumption":
            assert s.source == ANALYST and len(s.reasoning) > 40, pid
        else:
            assert s.source != ANALYST, pid
        if s.source.startswith("NPRM"):
            assert s.evidence in ("stated", "rule_text"), f"{pid}: labelled NPRM but graded {s.evidence}"


@pytest.mark.parametrize("pid, grade", [
    ("labor.annual_salary", "stated"), ("labor.load_factor", "stated"), ("labor.hours_per_year", "derived"),
    ("labor.ses_loaded_hourly", "external"), ("cohort.max_months", "rule_text"), ("assessment.raters", "assumption"),
    ("edp.participant_hours", "assumption"), ("policy.reapproval_evaluation_hours", "assumption"),
    ("practice.coaching_hours", "assumption"), ("practice.mentoring_hours", "assumption"),
    ("practice.cohort_months", "assumption"), ("cohort.admin_variable_share", "assumption"),
    ("practice.applicant_assessment_share", "assumption"), ("practice.in_program_assessment_share", "assumption"),
])
def test_findings_grades(primary, pid, grade):
    """Values the sources do not state are assumptions (finding 7, 8, 11); the divisor 2,087 follows from the
    two printed rates (161,486 / 77.38 = 2,086.9)."""
    assert primary.specs[pid].evidence == grade


@pytest.mark.parametrize("value, unit, quote, found", [
    (2.0, "multiple of wage", "is equal to 200 percent of the wage rate", True),
    (161_486, "USD/year", "($161,486 annual locality rate", True),
    (8, "agencies", "eight have formal programs", True),
    (1e8, "USD/year", "an annual effect on the economy of $100 million or more", True),
    (25, "participants", "250 hours", False),          # 25 is not inside 250
    (154.76, "USD/hour", "$154.76 per hour", True),
    (3, "years", "on a triennial basis", True),
    (12, "months", "must not exceed twelve months", True),
    (2, "hours", "about 25 participants per cohort", False),
])
def test_printed_forms(value, unit, quote, found):
    assert printed_in(value, unit, quote) is found


def test_derived_formulas_recompute_by_hand():
    assert evaluate_formula("round(labor.annual_salary / 77.38)", {"labor.annual_salary": 161_486})[0] == 2_087
    assert evaluate_formula("(402000 - 152000) / (25 * 10) - 1000", {})[0] == 0
    assert evaluate_formula("13 + 2", {})[0] == 15
    assert evaluate_formula("2025 + 5 - analysis.first_calendar_year + 1", {"analysis.first_calendar_year": 2026})[0] == 5
    with pytest.raises(ValueError, match="only parameter ids"):
        evaluate_formula("__import__('os')", {})


def _copy(tmp_path):
    dst = tmp_path / "assumptions"
    shutil.copytree(assumptions_dir(), dst)
    return dst


@pytest.mark.parametrize("file, old, new, message", [
    ("labor.toml", "value = 161486", "value = 161487", "does not appear in its quote"),
    ("labor.toml", 'formula = "round(labor.annual_salary / 77.38)"', 'formula = "round(labor.annual_salary / 77.5)"',
     "formula"),
    ("agencies.toml", 'formula = "13 + 2"', 'formula = "13 + 3"', r"formula 13 \+ 3 gives 16"),
    ("cohort.toml", 'source = "analyst assumption"\nevidence = "assumption"',
     'source = "NPRM FR Doc. 2025-23289"\nevidence = "assumption"', "needs source = 'analyst assumption'"),
    ("practice.toml", 'source = "analyst assumption"\nevidence = "assumption"',
     'source = "analyst assumption"\nevidence = "stated"', "needs evidence = 'assumption'"),
    ("labor.toml", 'evidence = "external"\n', 'evidence = "stated"\n', "needs a source starting with"),
])
def test_loader_refuses_a_file_that_breaks_its_grade(tmp_path, file, old, new, message):
    root = _copy(tmp_path)
    path = root / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ModelInputError, match=message):
        load_assumptions(root)


def test_an_assumption_needs_a_range(tmp_path):
    root = _copy(tmp_path)
    path = root / "cohort.toml"
    text = path.read_text()
    start = text.index("[admin_variable_share]")
    line = next(x for x in text[start:].splitlines() if x.startswith("uncertainty"))
    path.write_text(text[:start] + text[start:].replace(line + "\n", "", 1))
    with pytest.raises(ModelInputError, match="needs an uncertainty range"):
        load_assumptions(root)


# ------------------------------------------------------------------ grades of components and figures
def test_component_grades_from_the_formulas(primary):
    """Policy labour reads the divisor 2,087 (derived from the printed $161,486 and $77.38); every annual
    element reads one cohort a year (derived from the $3 million a year); mentors read the SES pay table."""
    g = component_grades(primary, "internal", "as_published")
    assert (g["policy"], g["training"], g["assessment"], g["mentor_time"]) == ("derived", "derived", "derived",
                                                                              "external")
    # incremental: every program element is netted against current practice, an analyst assumption
    gi = component_grades(primary, "internal", "incremental")
    assert gi["training"] == gi["assessment"] == gi["mentor_time"] == "assumption"
    assert gi["policy"] == "derived"


def test_year1_shares_by_hand(primary):
    """Year 1, internal, per agency, as published = policy 15,476 + training 75,000 + assessments 65 x 350 =
    22,750 (all derived: the 2,087 divisor, one cohort a year) + mentors 25 x 10 x 216.30 = 54,075 (external)."""
    shares = figure_shares(primary, "as_published", "internal", "agency")
    gross = 15_476 + 75_000 + 22_750 + 54_075
    assert shares["derived"][0] == pytest.approx(15_476 + 75_000 + 22_750)
    assert shares["external"][1] == pytest.approx(54_075 / gross)
    assert shares["stated"] == shares["rule_text"] == shares["assumption"] == (0.0, 0.0)
    assert sum(s for _, s in shares.values()) == pytest.approx(1.0)


def test_explain_and_api_report_the_shares(primary):
    s = Scenario.load()
    b = s.explain("year1.as_published.internal.agency")
    assert b.lines[-1].startswith("evidence: Of the gross dollars in this figure, 68% on values derived from stated "
                                  "ones, 32% on external sources.")
    assert {e["grade"] for e in b.evidence} == {"stated", "rule_text", "derived", "external", "assumption"}
    cell = s.explain("annualized.incremental.internal.7")
    assert "on analyst assumptions" in cell.lines[-1]
    ev = s.evidence()
    one = ev[(ev.framing == "as_published") & (ev.coaching == "internal") & (ev.level == "government")
             & (ev.measure == "year1")]
    assert one.share_of_gross.sum() == pytest.approx(1.0)
    assert one.set_index("grade").loc["external", "usd"] == pytest.approx(13 * 54_075)


def test_omitted_rows_carry_their_grade():
    om = Scenario.load().omitted_costs()
    priced = om[om.status == "priced"]
    assert set(priced.evidence) <= {"analyst assumptions", ""}
    assert (priced[priced.coaching == "internal"].evidence == "analyst assumptions").all()


# ------------------------------------------------------------------ finding 1: program administration
def test_program_administration_by_hand():
    """-FTE x paid hours x loaded rate x variable share x (1 - 12/18) x cohorts a year: -$53,831 an agency."""
    s = Scenario.load("complete")
    c = s.costs(1, framing="incremental", coaching="internal", level=["agency", "government"])
    pa = c[c.component == "program_administration"].set_index("level").usd
    hand = -(1.0 * 2_087 * LOADED * 0.5 * (1 - 12 / 18) * 1)
    assert hand == pytest.approx(-53_830.69, abs=0.01)
    assert pa["agency"] == pytest.approx(hand)
    assert pa["government"] == pytest.approx(13 * hand)
    # asymmetric point: 1.5 FTE, 24 months today, 0.8 variable, 2 cohorts a year
    t = s.with_overrides({"cohort.admin_fte": 1.5, "practice.cohort_months": 24, "cohort.admin_variable_share": 0.8,
                          "cohort.per_year": 2})
    c = t.costs(1, framing="incremental", coaching="internal", level="agency")
    assert c[c.component == "program_administration"].usd.iloc[0] == pytest.approx(
        -(1.5 * 2_087 * LOADED * 0.8 * (1 - 12 / 24) * 2))


def test_program_administration_range_reaches_no_saving():
    om = Scenario.load().omitted_costs()
    row = om[(om.component == "program_administration") & (om.coaching == "internal")].iloc[0]
    assert row.pv_7_high == pytest.approx(0.0, abs=1e-6)
    assert row.pv_7_low < row.pv_7 < 0


# ------------------------------------------------------------------ finding 5: the kink found by the corners
def test_corner_search_finds_the_assignment_kink(primary):
    """With the assignment range widened to 86-130 workdays, the high takes 130 days, $187.06/h and backfill 1.0
    together: 25 x (130 - 87) x 8 h x 187.06 x 1.0 a year for 13 agencies, over ten years at 7%. One parameter at
    a time finds nothing, since at 86 days the rule adds none."""
    from model.core.components import COMPONENTS
    from model.core.omitted import reads
    from model.core.standard import complete_of
    from model.engines.omitted_ranges import component_pv
    from model.engines.plan import uncertainty_spec
    from model.engines.ranges import extremes
    comp = complete_of(primary).with_uncertainty({"assignment.workdays_proposed": "uniform:86:130"})
    c = next(x for x in COMPONENTS if x.name == "developmental_assignment")
    varied = [p for p in ("assignment.workdays_proposed", "practice.assignment_workdays", "assignment.backfill_share",
                          "labor.participant_loaded_hourly") if p in reads(comp, c, "internal")]
    assert len(varied) == 4
    lo, hi = uncertainty_spec(comp).ends(varied)
    low, high = extremes(comp, component_pv(c, "internal", 10, 0.07), varied, lo, hi)
    annuity = sum(1.07 ** -t for t in range(1, 11))
    assert low == 0
    assert high == pytest.approx(25 * (130 - 87) * 8 * 187.06 * 1.0 * 13 * annuity, rel=1e-9)
    assert high == pytest.approx(146.9e6, rel=1e-3)


# ------------------------------------------------------------------ findings 3, 6, 9, 10, 13
def test_eo14192_gives_the_nprms_own_reason():
    from model.core.accounting import EO14192_EXCLUSION
    quote = "This rule is not expected to be an E.O. 14192 regulatory action because it imposes no more than de minimis costs."
    assert quote in EO14192_EXCLUSION and quote in NPRM_TEXT
    assert "section 5" not in EO14192_EXCLUSION and "likely outside" not in EO14192_EXCLUSION


def test_complete_counts_no_hour_twice():
    s = Scenario.load("complete")
    for pid in ("accounting.assessment_interpretation", "accounting.staff_hours_per_participant",
                "accounting.policy_hours_recounted"):
        assert s[pid] == 0, pid


def test_baseline_policies_and_timing_from_the_source():
    """15 policies (13 approved + 2 planned) re-approve together in 2030 and 2035 (October 31, 2025 submissions,
    five-year cycle): in year 5 the incremental policy labour is minus 15 policies' rewrite spread over 13 agencies."""
    s = Scenario.load()
    c = s.costs(10, framing="incremental", coaching="internal", level="agency")
    pol = c[c.component == "policy"].set_index("year").usd
    assert pol[5] == pytest.approx(-100 * LOADED * 15 / 13)
    assert pol[4] == pytest.approx(100 * LOADED)
    assert pol[10] == pytest.approx(100 * LOADED - 100 * LOADED * 15 / 13)
    assert pol[2] == pol[3] == 0


def test_unquantified_lists_only_requirements_of_the_rule_text():
    from model.core.omitted import load_unquantified
    ids = {u.id for u in load_unquantified()}
    assert {"qrb_timing", "coach_certification", "training_topics", "assignment_continuity"} <= ids
    assert "cohort_extension" not in ids
    flat = " ".join(NPRM_TEXT.split())
    for u in load_unquantified():
        assert " ".join(u.quote.split()) in flat, u.id


def test_umra_is_not_compared_with_federal_costs():
    from model.core.context import umra_note
    s = Scenario.load()
    assert not s.context()["thresholds"].threshold.str.contains("UMRA").any()
    assert "$206 million" in umra_note(s.assumptions) and "Federal agencies" in umra_note(s.assumptions)


def test_unquantified_row_separates_costs_savings_and_nothing():
    from model.outputs.present.layouts import unquantified_text
    om = Scenario.load().omitted_costs()
    text = unquantified_text(om)
    internal = om[(om.coaching == "internal") & (om.status == "priced")]
    costs, savings = int((internal.pv_7 > 0.5).sum()), int((internal.pv_7 < -0.5).sum())
    unpriced = int((om.status == "unquantified").sum())
    assert text.startswith(f"{costs + unpriced} requirements of the rule text add costs")
    assert f"{savings} more would save money" in text
    assert np.isfinite(internal.pv_7).all()


def test_a_saving_counts_as_evidence_by_its_size():
    """Shares are of the gross: a $50 saving beside a $100 cost is a third of the evidence, and its dollars keep
    their sign."""
    from model.core.evidence import grade_sentence, shares_by_grade
    shares = shares_by_grade({"cost": 100.0, "saving": -50.0}, {"cost": "stated", "saving": "assumption"})
    assert shares["stated"] == (100.0, pytest.approx(2 / 3))
    assert shares["assumption"] == (-50.0, pytest.approx(1 / 3))
    assert grade_sentence(shares) == ("Of the gross dollars in this figure, 67% rest on values stated in the NPRM or "
                                      "the current rule, 33% on analyst assumptions.")
