"""Reproduce the NPRM's published cost figures in your own tests.

Copy this file into your project's tests and run ``pytest``: it needs only ``pip install
sescdp-cost-model`` (or ``pip install -e .`` in a checkout) and uses nothing but the public API
(``from model import ...``). Each published figure is written with its quote from the preamble of the
proposed rule (FR Doc. 2025-23289, "Expected Impact of This Rulemaking", C. Costs) and the rounding
the text applies: the model's value, rounded the same way, must equal the published value.

The last tests change one assumption and check the model against arithmetic written out by hand:
copy them to pin down the scenario of your own comment.
"""

import math

import pytest

from model import ModelInputError, Scenario, explain, reconcile

AGENCIES = 13  # agencies the rule applies to (agencies.count): every government-wide figure is 13 x per agency


def nprm_round(value: float, step: float) -> float:
    """Round to the nearest multiple of ``step``, halves away from zero, as the preamble's prose does."""
    return math.copysign(math.floor(abs(value) / step + 0.5) * step, value)


@pytest.fixture(scope="module")
def nprm() -> Scenario:
    """The NPRM's own assumptions (the primary scenario)."""
    return Scenario.load()


def year1_component(s: Scenario, component: str, coaching: str = "internal") -> float:
    """One component of the year-1 cost per agency, as published, USD of 2025 (the tidy cost table)."""
    t = s.costs(1, framing="as_published", coaching=coaching, level="agency")
    return float(t.loc[t.component == component, "usd"].iloc[0])


# --------------------------------------------------------------------------- the published figures

def test_loaded_labor_cost_154_76_an_hour():
    # "resulting in an assumed labor cost of $154.76 per hour"  (C. Costs, paragraph 2)
    # = 2 x $77.38, the $161,486 GS-14 step 5 salary / 2,087 hours rounded to the cent first
    assert nprm_round(explain("loaded_hourly_cost").model, 0.01) == 154.76


def test_policy_update_about_15_000_per_agency(nprm):
    # "this would result in estimated costs of about $15,000 per agency"  (paragraph 3): 100 hours x $154.76
    policy = year1_component(nprm, "policy")
    assert nprm_round(policy, 1_000) == 15_000
    # "or about $200,000 total"
    assert nprm_round(AGENCIES * policy, 100_000) == 200_000


def test_program_152_000_internal_and_402_000_external(nprm):
    # "would be approximately $152,000 per agency"  (paragraph 6): the year-1 cost without the policy update
    internal = nprm.year1("internal", "agency") - year1_component(nprm, "policy")
    external = nprm.year1("external", "agency") - year1_component(nprm, "policy", "external")
    assert nprm_round(internal, 1_000) == 152_000
    # "that cost would increase to approximately $402,000 per agency"
    assert nprm_round(external, 1_000) == 402_000


def test_totals_167_000_and_417_000_per_agency(nprm):
    # "would be an estimated $167,000 per agency"  (paragraph 8)
    assert nprm_round(nprm.year1("internal", "agency"), 1_000) == 167_000
    # "that cost would increase to approximately $417,000 per agency"  (paragraphs 8-9)
    assert nprm_round(nprm.year1("external", "agency"), 1_000) == 417_000


def test_government_wide_2_2m_and_5_4m(nprm):
    # "or $2.2M across all participating agencies"  (paragraph 8)
    assert nprm_round(nprm.year1("internal", "government"), 100_000) == 2_200_000
    # "or $5.4M total"  (paragraph 9)
    assert nprm_round(nprm.year1("external", "government"), 100_000) == 5_400_000


def test_every_published_figure_behaves_as_the_reconciliation_says():
    # all of them at once, from assumptions/published/figures.toml: the "approximately $3 million" saved by
    # internal coaches is reached only if all 13 agencies coach internally (13 x 25 x 10 h x $1,000 = $3.25M),
    # not with the eight the text names (8 x 25 x 10 h x $1,000 = $2.0M)
    rec = reconcile()
    assert rec.ok
    figures = rec.figures.set_index("id")
    assert figures.loc["internal_saving", "model"] == 13 * 25 * 10 * 1_000
    assert "$2,000,000" in figures.loc["internal_saving", "reason"]
    # the readings of the $152,000: the default, the mentor reading, is
    # $75,000 training + 65 x $350 assessments + 25 x 10 SES mentor hours x $216.30 = $151,825
    readings = rec.readings.set_index("id")
    assert rec.picked == "mentor" and readings.loc["mentor", "total"] == pytest.approx(151_825)
    assert readings.loc["mentor", "reproduces_all"]


# --------------------------------------------------------------------------- one changed assumption

def test_external_coaching_at_1500_an_hour_for_15_hours(nprm):
    s = nprm.with_overrides({"coaching.external_rate": 1_500, "coaching.hours": 15})
    # by hand: only the coaching fees change: 25 participants x (15 h x $1,500 - 10 h x $1,000) = $312,500
    added = 25 * (15 * 1_500 - 10 * 1_000)
    assert added == 312_500
    assert s.year1("external", "agency") == pytest.approx(nprm.year1("external", "agency") + added)  # $729,801
    # the NPRM's $417,000 under the default (mentor) reading: 75,000 + 65 x 350 + 25 x 10 x 216.30 + 250,000
    # + 100 x 154.76 = $417,301
    assert s.year1("external", "government") == pytest.approx(AGENCIES * (417_301 + added))          # $9.49M
    assert s.year1("internal", "agency") == pytest.approx(nprm.year1("internal", "agency"))  # internal: no fee
    assert s.changed == {"coaching.external_rate": {"primary": 1_000.0, "value": 1_500.0},
                         "coaching.hours": {"primary": 10.0, "value": 15.0}}


def test_a_bad_value_is_refused_in_one_line(nprm):
    with pytest.raises(ModelInputError, match="coaching.hours: expected a non-negative"):
        nprm.with_overrides({"coaching.hours": -5})
