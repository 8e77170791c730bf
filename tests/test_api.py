"""The public Python API (``from model import ...``): its results against arithmetic done by hand from the
NPRM's inputs (never recomputed by the code under test), its one-line errors, its surface and its cost.

The NPRM's inputs used below (assumptions/*.toml): GS-14 step 5 DC $161,486 a year over 2,087 hours,
wage rounded to the cent ($77.38), loaded x 2 ($154.76); 100 policy hours; 13 agencies; 25 participants
and 40 applicants a cohort, one cohort a year; 20 added training hours at $150; $350 an assessment;
10 coaching hours at $1,000 external, $0 internal; the default (mentor) reading of the $152,000: 10 SES
mentor hours per participant at $216.30 (labor.ses_loaded_hourly). Re-approvals in years 1, 4, 7, 10.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model import (ACCOUNTING_METHODS, EXPORT_FORMATS, FRAMINGS, LEVELS, MODES, SAMPLERS, ModelInputError,
                   Scenario, compare, explain, list_scenarios, reconcile)

ROOT = Path(__file__).resolve().parent.parent

# ---- hand arithmetic (USD of 2025, one agency, year 1, as published)
LOADED = round(161_486 / 2_087, 2) * 2.0          # $154.76 an hour
POLICY = 100 * LOADED                             # 15,476
TRAINING = 25 * 20 * 150                          # 75,000
ASSESSMENT = (40 + 25) * 350                      # 22,750
MENTORS = 25 * 10 * 216.30                        # 54,075 (the mentor reading)
PROGRAM_INTERNAL = TRAINING + ASSESSMENT + MENTORS  # 151,825
COACHING_FEES = 25 * 10 * 1_000                   # 250,000
INTERNAL = POLICY + PROGRAM_INTERNAL              # 167,301
EXTERNAL = INTERNAL + COACHING_FEES               # 417,301


@pytest.fixture(scope="module")
def nprm() -> Scenario:
    return Scenario.load()


def test_hand_arithmetic_is_the_nprms():
    assert (round(LOADED, 2), POLICY, PROGRAM_INTERNAL, INTERNAL, EXTERNAL) == \
        (154.76, pytest.approx(15_476), pytest.approx(151_825), pytest.approx(167_301), pytest.approx(417_301))


# ------------------------------------------------------------------------------------- scenarios


def test_load_the_primary(nprm):
    assert nprm.name == "NPRM primary" and nprm.changed == {} and nprm.dollar_year == 2025
    assert nprm.first_calendar_year == 2026 and nprm.horizon() == 10
    assert nprm["coaching.external_rate"] == 1_000 and nprm.values["agencies.count"] == 13
    assert nprm.coaching == MODES and nprm.description == "the NPRM primary assumptions"
    with pytest.raises(TypeError):
        nprm.values["agencies.count"] = 15  # read-only


def test_load_a_scenario_by_name_and_by_path(nprm):
    by_name = Scenario.load("coaching_3000")
    by_path = Scenario.load(ROOT / "assumptions" / "scenarios" / "coaching_3000.toml")
    assert by_name.name == by_path.name == "External coaching at $3,000 an hour"
    assert by_name.changed == {"coaching.external_rate": {"primary": 1_000.0, "value": 3_000.0}}
    assert by_name.coaching == ("external", "mixed") and by_name.digest == by_path.digest != nprm.digest
    assert "coaching_3000" in list_scenarios() and "primary" in list_scenarios()


def test_with_overrides_hand_arithmetic(nprm):
    # external coaching at $1,500 an hour for 15 hours instead of $1,000 for 10
    s = nprm.with_overrides({"coaching.external_rate": 1_500, "coaching.hours": 15})
    assert s.year1("external", "agency") == pytest.approx(EXTERNAL + 25 * (15 * 1_500 - 10 * 1_000))  # 729,892
    assert s.year1("internal", "agency") == pytest.approx(INTERNAL)  # internal coaching has no fee
    assert s.year1("external", "government") == pytest.approx(13 * (EXTERNAL + 312_500))
    assert s.name == "custom" and set(s.changed) == {"coaching.external_rate", "coaching.hours"}
    assert nprm.changed == {}  # the original is untouched


def test_with_overrides_takes_set_strings_and_names(nprm):
    s = nprm.with_overrides(["coaching.external_rate=2,000"], name="two thousand")
    assert s.name == "two thousand" and s["coaching.external_rate"] == 2_000
    assert s.year1("external") == pytest.approx(EXTERNAL + 25 * 10 * 1_000)
    kept = Scenario.load("coaching_3000").with_overrides({"coaching.hours": 12})
    assert kept.name == "External coaching at $3,000 an hour (with coaching.hours = 12)"  # a new case, a new name
    assert kept.year1("external") == pytest.approx(INTERNAL + 25 * 12 * 3_000)
    assert Scenario.load(None, {"agencies.count": 11}).year1("internal", "government") == pytest.approx(11 * INTERNAL)


def test_repr_and_notebook_display(nprm):
    s = nprm.with_overrides({"coaching.external_rate": 1_500})
    assert repr(s) == "Scenario('custom'; changed: coaching.external_rate=1500 (NPRM 1000))"
    assert "no value changed" in repr(nprm)
    assert "coaching.external_rate" in s._repr_html_() and "<table>" in s._repr_html_()


# ------------------------------------------------------------------------------------- results


def test_year1_every_mode_and_level(nprm):
    assert nprm.year1() == pytest.approx(INTERNAL)
    assert nprm.year1("external", "agency") == pytest.approx(EXTERNAL)
    assert nprm.year1("internal", "government") == pytest.approx(13 * INTERNAL)          # $2.2M
    assert nprm.year1("external", "government") == pytest.approx(13 * EXTERNAL)          # $5.4M
    mixed = INTERNAL + COACHING_FEES * (13 - 8) / 13  # 8 agencies coach internally, 5 buy it
    assert nprm.year1("mixed", "agency") == pytest.approx(mixed)
    # incremental: the current rule's re-approvals all fall in year 5 (none in year 1), and the mentors' 10
    # hours are current practice (10 today), so they cancel
    assert nprm.year1("internal", "agency", "incremental") == pytest.approx(
        POLICY + TRAINING + ASSESSMENT)                                                   # 113,226
    t = nprm.year1_totals()
    assert t.loc["external", "agency"] == pytest.approx(EXTERNAL) and list(t.index) == list(MODES)


def test_costs_tidy_stream(nprm):
    t = nprm.costs(10, framing="as_published", coaching="internal", level="agency")
    assert list(t.columns) == ["scenario", "framing", "coaching", "level", "component", "year", "calendar_year",
                               "usd"]
    policy = t[t.component == "policy"].set_index("year").usd
    assert list(policy[policy != 0].index) == [1, 4, 7, 10] and policy.sum() == pytest.approx(4 * POLICY)
    total = t[t.component == "total"].set_index("year").usd
    assert total[2] == pytest.approx(PROGRAM_INTERNAL) and total[1] == pytest.approx(INTERNAL)
    assert list(t.calendar_year.unique()) == list(range(2026, 2036))
    assert len(nprm.costs()) == len(FRAMINGS) * len(MODES) * len(LEVELS) * t.component.nunique()


def hand_pv(rate: float, per_agency_program: float = PROGRAM_INTERNAL) -> float:
    return sum(13 * (per_agency_program + POLICY * (t in (1, 4, 7, 10))) / (1 + rate) ** t for t in range(1, 11))


def test_present_values_hand_discounting(nprm):
    pv = nprm.present_values(framing="as_published", coaching="internal", level="government", extra_rates=[0.02])
    assert sorted(pv.discount_rate) == [0.02, 0.03, 0.07]
    for rate in (0.02, 0.03, 0.07):
        row = pv[pv.discount_rate == rate].iloc[0]
        assert row.present_value == pytest.approx(hand_pv(rate))          # $14.44 million at 7%
        annuity = sum((1 + rate) ** -t for t in range(1, 11))
        assert row.annualized == pytest.approx(hand_pv(rate) / annuity)
    assert round(hand_pv(0.07)) == 14_431_694


def test_eo14192_perpetual_value(nprm):
    eo = nprm.eo14192()
    row = eo[(eo.framing == "as_published") & (eo.coaching == "internal") & (eo.level == "government")].iloc[0]
    r = 0.07  # annual program costs / r, plus a re-approval every 3 years from year 1
    assert row.perpetual_present_value == pytest.approx(13 * (PROGRAM_INTERNAL / r
                                                              + POLICY * (1 + r) ** -1 / (1 - (1 + r) ** -3)))


def test_accounting_statement_ranges_and_montecarlo(nprm):
    st = nprm.accounting("ranges", framing="as_published", coaching="internal", level="government")
    pv7 = st[(st.measure == "present value") & (st.discount_rate == 0.07)].iloc[0]
    assert pv7.primary == pytest.approx(hand_pv(0.07)) and pv7.low < pv7.primary < pv7.high
    assert "ends of their ranges" in pv7.source
    mc = nprm.accounting(draws=400, seed=5, level="agency")
    assert (mc.low <= mc.primary * 1.5).all() and "400 Monte Carlo draws (seed 5)" in mc.source.iloc[0]
    pd.testing.assert_frame_equal(mc, nprm.accounting("montecarlo", draws=400, seed=5, level="agency"))
    assert set(ACCOUNTING_METHODS) == {"montecarlo", "ranges"}


def test_complete_accounting_context_and_baseline(nprm):
    cvp = nprm.complete_vs_published()
    row = cvp[(cvp.coaching == "internal") & (cvp.level == "agency") & (cvp.quantity == "year1_total")].iloc[0]
    assert row.as_published == pytest.approx(INTERNAL) and row.complete > row.as_published
    omitted = nprm.omitted_costs()
    assert len(omitted) and {"quote", "reason"} <= set(omitted.columns)
    om = nprm.omitted_components("agency")
    assert om[(om.coaching == "internal") & (om.component == "training")].as_published.iloc[0] == TRAINING
    thr = nprm.context()["thresholds"]
    e12866 = thr[(thr.coaching == "internal") & thr.threshold.str.startswith("E.O. 12866")].iloc[0]
    assert e12866.margin == pytest.approx(100_000_000 - 13 * INTERNAL)
    assert nprm.baseline["current_rule"]["reapproval_years"] == 5 and "Incremental" in nprm.baseline_text
    assert nprm.notes == [] and "USD of 2025" in nprm.basis()
    params = nprm.parameters()
    assert params.set_index("id").loc["coaching.external_rate", "value"] == 1_000


@pytest.mark.slow
def test_compare_scenarios_side_by_side(nprm):
    t = compare("primary", "coaching_3000")
    ext = t[(t.scenario == "External coaching at $3,000 an hour") & (t.level == "agency")]
    assert set(ext.coaching) == {"external", "mixed"}  # the modes the file headlines
    assert ext[ext.coaching == "external"].year1.iloc[0] == pytest.approx(INTERNAL + 25 * 10 * 3_000)
    assert {"year1", "pv_3", "annualized_3", "pv_7", "annualized_7"} <= set(t.columns)
    pd.testing.assert_frame_equal(t, compare(nprm, Scenario.load("coaching_3000")))
    custom = nprm.with_overrides({"agencies.count": 12}, name="twelve agencies")
    row = compare(custom)
    assert row[(row.coaching == "internal") & (row.level == "government")].year1.iloc[0] == pytest.approx(12 * INTERNAL)
    assert compare().scenario.iloc[0] == "NPRM primary" and len(compare().scenario.unique()) == len(list_scenarios())
    assert "pv_2" in compare(nprm, extra_rates=[0.02]).columns


# ------------------------------------------------------------------------------------- published figures


def test_reconcile_every_published_figure():
    rec = reconcile()
    assert rec.ok
    f = rec.figures.set_index("id")
    assert f.loc["loaded_hourly_cost", "model_rounded"] == 154.76
    assert f.loc["policy_per_agency", "model"] == pytest.approx(POLICY)
    assert f.loc["program_per_agency_internal", "model"] == pytest.approx(PROGRAM_INTERNAL)
    assert f.loc["total_government_external", "model"] == pytest.approx(13 * EXTERNAL)
    assert f.loc["internal_saving", "model"] == pytest.approx(13 * COACHING_FEES)  # $3.25M: all 13 agencies
    assert "$2,000,000" in f.loc["internal_saving", "reason"]                    # 8 x 250,000: the eight named
    assert rec.picked == "mentor" and rec.readings.set_index("id").loc["mentor", "total"] == pytest.approx(
        PROGRAM_INTERNAL)
    inc = rec.inconsistencies.set_index("id")
    assert inc.loc["agency_count", "recomputed"] == 13 - 2 + 2
    assert "salary_gs14_step5" not in inc.index  # withdrawn: no pay table in the sources contradicts the NPRM
    assert "All figures as expected." in rec._repr_html_()


@pytest.mark.slow
def test_explain_writes_the_arithmetic_out(nprm):
    e = explain("total_per_agency_external")
    assert (e.published, e.rounding, e.model_rounded, e.reproduces) == (417_000, 1_000, 417_000, True)
    assert e.model == pytest.approx(EXTERNAL) and "$417,000" in e.quote
    text = str(e)
    for step in ("round($161,486/year [labor.annual_salary] / 2,087 h [labor.hours_per_year], 2) × 2 [labor.load_factor]",
                 "25 [cohort.participants] × 1 [cohort.per_year] × max(0, 100 h [training.hours_proposed] − 80 h "
                 "[training.hours_baseline]) × $150/participant-h [training.cost_per_hour] = $75,000",
                 "10 h [coaching.hours] × $1,000/h [coaching.external_rate] = $250,000",
                 "= $15,476 + $75,000 + $22,750 + $250,000 + $54,075 = $417,301"):
        assert step in text, step
    assert {s["id"] for s in e.sources} >= {"labor.annual_salary", "coaching.external_rate", "cohort.participants"}
    saving = explain("internal_saving")  # reproduced only with all 13 agencies; the reason gives the eight's $2.0M
    assert saving.reproduces and saving.model == pytest.approx(13 * 250_000)
    assert saving.arithmetic[-1] == "government-wide = $250,000 × 13 [agencies.count] = $3,250,000"
    assert "8 × 25 participants × 10 hours × $1,000 = $2,000,000" in saving.reason
    changed = nprm.with_overrides({"labor.annual_salary": 157_982}).explain("loaded_hourly_cost")
    assert changed.model == pytest.approx(round(157_982 / 2_087, 2) * 2) and not changed.reproduces
    assert "<pre>" in e._repr_html_()


# ------------------------------------------------------------------------------------- uncertainty


def test_simulate_seeded_and_hand_checked(nprm):
    # the NPRM's $200 to $3,000 range for external coaching, everything else fixed: mean 417,392 + 250 h x
    # (1,600 - 1,000)
    res = nprm.simulate(20_000, 1, fixed=True, dists={"coaching.external_rate": "uniform:200:3000"})
    row = res.summary[(res.summary.coaching == "external") & (res.summary.level == "agency")
                      & (res.summary.framing == "as_published") & (res.summary.quantity == "year1_total")].iloc[0]
    assert abs(row["mean"] - (EXTERNAL + 250 * (1_600 - 1_000))) < 4 * row.se
    assert row.p5 == pytest.approx(EXTERNAL + 250 * (200 + 0.05 * 2_800 - 1_000), rel=1e-3)
    again = nprm.simulate(20_000, 1, fixed=True, dists=["coaching.external_rate=uniform:200:3000"], chunk_size=7_000)
    pd.testing.assert_frame_equal(res.summary, again.summary)  # same seed, same numbers, any chunk size
    draws = res.outputs("external", "agency", "year1_total")
    assert draws.shape == (20_000,) and draws.min() >= EXTERNAL + 250 * (200 - 1_000) - 1e-6
    assert set(SAMPLERS) == {"mc", "lhs", "sobol"}


def test_sensitivity_hand_checked(nprm):
    one = dict(coaching="external", level="agency", fixed=True, dists={"coaching.external_rate": "uniform:200:3000"})
    tor = nprm.tornado("year1_total", **one)
    assert list(tor.parameter) == ["coaching.external_rate"]
    assert tor.swing.iloc[0] == pytest.approx(250 * (3_000 - 200))  # 250 coaching hours a year
    sw = nprm.switching_values("year1_total", 500_000, **one)
    assert sw.switching_value.iloc[0] == pytest.approx(1_000 + (500_000 - EXTERNAL) / 250)  # $1,330.43 an hour
    bundle = nprm.sensitivity("year1_total", threshold=500_000, sobol_n=16, draws=200, seed=3, **one)
    pd.testing.assert_frame_equal(bundle.tornado, tor)
    pd.testing.assert_frame_equal(bundle.switching_values, sw)
    pd.testing.assert_frame_equal(bundle.sobol, nprm.sobol("year1_total", n=16, seed=3, **one))
    assert bundle.sobol.ST.iloc[0] == pytest.approx(1, abs=0.2) and bundle.spearman.rho.iloc[0] == pytest.approx(1)
    assert bundle.output == {"quantity": "year1_total", "coaching": "external", "level": "agency",
                             "framing": "as_published"} and "Tornado" in bundle._repr_html_()


# ------------------------------------------------------------------------------------- exports


@pytest.mark.slow
def test_export_and_read_back(nprm, tmp_path):
    s = nprm.with_overrides({"coaching.external_rate": 1_500}, name="comment")
    path = s.export(tmp_path / "comment.json", years=7, compare=["primary"], date="2025-12-18T00:00:00+00:00")
    d = json.loads(path.read_text())
    assert d["provenance"]["scenario"] == "comment" and d["provenance"]["assumptions_digest"] == s.digest
    assert d["provenance"]["horizon_years"] == 7 and d["provenance"]["date_utc"] == "2025-12-18T00:00:00+00:00"
    back = Scenario.load(s.export(tmp_path / "comment.toml"))
    assert back.digest == s.digest and back.year1("external") == pytest.approx(EXTERNAL + 25 * 10 * 500)
    report = s.report(accounting_method="ranges")
    assert "Provenance" in report.tables and b"comment" in report.to_bytes("md")
    assert set(EXPORT_FORMATS) == {"xlsx", "csv", "md", "docx", "json", "toml"}


# ------------------------------------------------------------------------------------- errors: one line


@pytest.mark.parametrize("call, needle", [
    (lambda s: s.with_overrides({"no.such": 1}), "overrides: no.such: unknown parameter id"),
    (lambda s: s.with_overrides({"coaching.external_rat": 1}), "did you mean coaching.external_rate?"),
    (lambda s: s.with_overrides({"cohort.participants": -3}), "cohort.participants: expected a non-negative whole"),
    (lambda s: s.with_overrides({"coaching.hours": "abc"}), "coaching.hours: expected a number"),
    (lambda s: s.with_overrides({"coaching.internal_program_agencies": 14}), "coaching.internal_program_agencies"),
    (lambda s: s.with_overrides(["coaching.hours"]), "expected ID=VALUE"),
    (lambda s: s.with_overrides(42), "expected a mapping"),
    (lambda s: Scenario.load("no_such_scenario"), "scenario file not found"),
    (lambda s: s["no.such"], "no.such: unknown parameter id"),
    (lambda s: s.year1("hybrid"), "coaching: expected one of internal, external, mixed, got 'hybrid'"),
    (lambda s: s.year1(level="state"), "level: expected one of agency, government"),
    (lambda s: s.costs(0), "years: expected a whole number from 1 to 50, got 0"),
    (lambda s: s.present_values(extra_rates=[1.5]), "discount rate: expected a rate from 0 to 0.99"),
    (lambda s: s.accounting("guess"), "accounting method: expected montecarlo or ranges"),
    (lambda s: s.simulate(1, 0), "draws: expected a whole number of at least 2"),
    (lambda s: s.simulate(10, -1), "seed: expected a non-negative whole number"),
    (lambda s: s.simulate(10, 1, dists={"coaching.external_rate": "uniform:5"}), "uniform"),
    (lambda s: s.tornado("pv_99"), "quantity: expected one of"),
    (lambda s: s.explain("nope"), "figure: unknown id 'nope'"),
    (lambda s: compare("primary", 3), "compare: expected scenario names"),
    (lambda s: s.export("out.txt"), "unknown file type '.txt'"),
])
def test_bad_input_is_one_line_model_input_error(nprm, call, needle):
    with pytest.raises(ModelInputError) as err:
        call(nprm)
    message = str(err.value)
    assert needle in message and "\n" not in message


def test_overrides_are_validated_exactly_as_set(nprm, capsys):
    from model.cli.main import main

    assert main(["run", "--set", "cohort.participants=-3"]) == 2
    cli = capsys.readouterr().err.strip().removeprefix("sescdp: error: ")
    with pytest.raises(ModelInputError) as err:
        nprm.with_overrides(["cohort.participants=-3"], origin="--set")
    assert str(err.value) == cli


# ------------------------------------------------------------------------------------- surface and cost


def test_public_surface_is_exactly_all():
    assert model.__all__ == ["__version__", "ACCOUNTING_METHODS", "EXPORT_FORMATS", "FRAMINGS", "LEVELS", "MODES",
                             "SAMPLERS", "ExportReport", "Explanation", "ModelInputError", "Reconciliation",
                             "Scenario", "Sensitivity", "alternatives", "comments", "compare", "editing", "explain",
                             "list_scenarios", "reconcile", "view"]
    api = importlib.import_module("model.api")
    assert set(api.__all__) == set(model.__all__) - {"__version__"}
    for name in model.__all__:
        assert getattr(model, name) is (model.__version__ if name == "__version__" else getattr(api, name))
    with pytest.raises(AttributeError):
        model.no_such_name  # noqa: B018


def test_constants_equal_the_internal_ones():
    from model.core import vocabulary
    from model.engines.bounds import METHODS
    from model.engines.design import SAMPLERS as engine_samplers
    from model.outputs.export import FORMATS, SCENARIO_FORMAT

    assert (MODES, FRAMINGS, LEVELS) == (vocabulary.MODES, vocabulary.FRAMINGS, vocabulary.LEVELS)
    assert SAMPLERS == engine_samplers and ACCOUNTING_METHODS == METHODS
    assert EXPORT_FORMATS == (*FORMATS, SCENARIO_FORMAT)


@pytest.mark.slow
def test_import_model_is_cheap():
    """``import model`` loads neither the API nor any heavy library; ``from model import Scenario`` loads the
    API but no engine (scipy, SALib), export writer or app."""
    code = ("import sys, model; heavy = ('pandas', 'numpy', 'scipy', 'SALib', 'streamlit', 'model.api');"
            "print([m for m in heavy if m in sys.modules]);"
            "from model import Scenario; Scenario.load().year1();"
            "print([m for m in ('scipy', 'SALib', 'streamlit', 'openpyxl', 'docx') if m in sys.modules]"
            " + [m for m in sys.modules if m.startswith('model.engines.') and m != 'model.engines.samplers'])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "[]"]


def test_no_state_between_calls(nprm):
    a = nprm.year1("external")
    nprm.with_overrides({"coaching.external_rate": 3_000}).year1("external")
    assert nprm.year1("external") == a == pytest.approx(EXTERNAL)
    assert Scenario.load().digest == nprm.digest
    assert np.isclose(compare("coaching_3000").year1.max(), 13 * (INTERNAL + 25 * 10 * 3_000))


@pytest.mark.parametrize("kwargs, fragment", [
    ({"quantities": 3}, "quantities: expected one of year1_total, pv_3, pv_7, or a list of them, got 3"),
    ({"coaching": "bogus"}, "coaching: expected one of internal, external, mixed, got 'bogus'"),
    ({"levels": []}, "levels: expected at least one of agency, government"),
])
def test_simulate_selection_errors_name_the_argument(nprm, kwargs, fragment):
    with pytest.raises(ModelInputError, match=re.escape(fragment)):
        nprm.simulate(500, 1, **kwargs)


def test_the_api_docstring_example_runs():
    """The example at the top of model.api (a figure in a docstring is output too)."""
    import doctest
    import model.api
    failed, tried = doctest.testmod(model.api, verbose=False)
    assert tried >= 4 and failed == 0
