"""Ten-year stream, framings, discounting and the A-4 accounting statement."""

import numpy as np
import pandas as pd
import pytest

from model.core.standard import complete_of
from model.engines.bounds import a4_cells, method_note
from model.core.accounting import accounting_statement, complete_vs_published
from model.core.context import break_even_hires, threshold_margins
from model.core.discount import annualized, annuity_factor, present_value
from model.core.results import accounting_table, cost_table
from model.core.stream import agency_stream, cycle_mask


@pytest.mark.parametrize("interval, years", [(1, list(range(1, 11))), (2, [1, 3, 5, 7, 9]), (3, [1, 4, 7, 10]),
                                             (4, [1, 5, 9]), (5, [1, 6]), (6, [1, 7])])
def test_policy_falls_in_approval_years(primary, interval, years):
    p = dict(primary.values, **{"policy.reapproval_years": interval})
    s = agency_stream(p, "internal", 10)["policy"]
    assert [y + 1 for y in np.flatnonzero(s)] == years
    # program costs recur every year
    assert np.all(agency_stream(p, "internal", 10)["training"] > 0)


def test_cycle_mask_vectorized_over_intervals():
    m = cycle_mask(np.array([3, 5]), np.array([1, 2]), 10)
    assert m.shape == (2, 10)
    assert list(np.flatnonzero(m[0]) + 1) == [1, 4, 7, 10]
    assert list(np.flatnonzero(m[1]) + 1) == [2, 7]


def test_present_value_by_hand():
    stream = np.array([100.0, 200.0, 300.0])
    r = 0.07
    by_hand = 100 / 1.07 + 200 / 1.07 ** 2 + 300 / 1.07 ** 3
    assert float(present_value(stream, r)) == pytest.approx(by_hand)


@pytest.mark.parametrize("r", [0.0001, 0.02, 0.03, 0.07])
def test_annualized_times_annuity_factor_is_pv(r):
    stream = np.array([5.0, 1.0, 1.0, 5.0, 1.0, 1.0, 5.0, 1.0, 1.0, 5.0])
    pv = present_value(stream, r)
    assert float(annualized(pv, r, 10) * annuity_factor(r, 10)) == pytest.approx(float(pv))


def test_primary_pv7_about_14_4_million(primary):
    """The NPRM's $14.4 million (PV at 7%, internal, government-wide), the mentor reading: each year
    25 x 20 h x $150 of training, 65 x $350 of assessments and 25 x 10 h x $216.30 of SES mentors' time
    (151,825), the 100 policy hours x $154.76 in years 1, 4, 7 and 10; 13 agencies."""
    acc = accounting_table(primary, years=10)
    row = acc[(acc.framing == "as_published") & (acc.coaching == "internal") & (acc.level == "government")
              & (acc.discount_rate == 0.07)].iloc[0]
    program = (25 * 20 * 150 + 65 * 350 + 25 * 10 * 216.30) * 13
    policy = 100 * 154.76 * 13
    by_hand = sum(program / 1.07 ** t for t in range(1, 11)) + sum(policy / 1.07 ** t for t in (1, 4, 7, 10))
    assert row.present_value == pytest.approx(by_hand)
    assert row.present_value == pytest.approx(14_431_693.56, abs=0.01)
    assert round(row.present_value / 1e5) / 10 == 14.4


def test_reading_a_pv7_also_rounds_to_14_4_million(primary):
    """Reading A (its scenario) reaches the same published figure another way: 250 staff hours and the 100
    policy hours counted again each year at $154.76 instead of the mentors' time."""
    from model.core.parameters import apply_scenario, load_scenario
    a = apply_scenario(primary, load_scenario("reading_a", primary))
    acc = accounting_table(a, years=10)
    row = acc[(acc.framing == "as_published") & (acc.coaching == "internal") & (acc.level == "government")
              & (acc.discount_rate == 0.07)].iloc[0]
    program = (25 * 20 * 150 + 65 * 350 + (25 * 10 + 100) * 154.76) * 13
    policy = 100 * 154.76 * 13
    by_hand = sum(program / 1.07 ** t for t in range(1, 11)) + sum(policy / 1.07 ** t for t in (1, 4, 7, 10))
    assert row.present_value == pytest.approx(by_hand)
    assert row.present_value == pytest.approx(14_440_002.46, abs=0.01)
    assert round(row.present_value / 1e5) / 10 == 14.4


def test_cost_table_is_tidy(primary):
    t = cost_table(primary, years=10)
    assert list(t.columns) == ["scenario", "framing", "coaching", "level", "component", "year", "calendar_year", "usd"]
    assert (t.calendar_year == t.year + 2025).all()
    assert not t.duplicated(["framing", "coaching", "level", "component", "year"]).any()
    total = t[t.component == "total"].set_index(["framing", "coaching", "level", "year"]).usd
    parts = t[t.component != "total"].groupby(["framing", "coaching", "level", "year"]).usd.sum()
    pd.testing.assert_series_equal(total.sort_index(), parts.sort_index(), check_names=False)


def statement(a, method="ranges", draws=None, seed=None, **kw):
    """The A-4 statement as the API builds it: the engine's cells laid out by the core."""
    return accounting_statement(a, a4_cells(a, method, draws, seed, **kw), method_note(a, method, draws, seed))


def test_accounting_statement_layout_and_bounds(primary):
    st = statement(primary)
    for col in ["primary", "low", "high", "dollar_year", "discount_rate", "period", "source"]:
        assert col in st.columns
    assert (st.low <= st.primary + 1e-6).all() and (st.primary <= st.high + 1e-6).all()
    assert set(st.discount_rate) == {0.03, 0.07}
    assert "end-of-year" in st.source.iloc[0]


def test_complete_exceeds_published_and_difference_adds_up(primary):
    c = complete_vs_published(primary, complete_of(primary))
    np.testing.assert_allclose(c.complete - c.as_published, c.difference)
    assert (c.difference > 0).all()


def test_context_figures(primary):
    m = threshold_margins(primary)
    assert (m.margin == m.threshold_usd - m.year1_cost).all()
    be = break_even_hires(primary)
    np.testing.assert_allclose(be.break_even_hires_per_year, be.annualized / primary["context.recruitment_cost_per_hire"])


def test_accounting_statement_montecarlo_bounds_are_p5_p95(primary):
    from model.engines.montecarlo import simulate
    st = statement(primary, "montecarlo", 4000, 5)
    row = st[(st.framing == "as_published") & (st.coaching == "internal") & (st.level == "government")
             & (st.measure == "present value") & (st.discount_rate == 0.07)].iloc[0]
    s = simulate(primary, 4000, 5).summary
    mc = s[(s.framing == "as_published") & (s.coaching == "internal") & (s.level == "government") & (s.quantity == "pv_7")].iloc[0]
    assert row.low == pytest.approx(mc.p5) and row.high == pytest.approx(mc.p95)
    assert "P5/P95 of 4,000 Monte Carlo draws (seed 5)" in row.source


def test_range_bounds_hold_user_set_values_fixed(primary):
    """With coaching.external_rate set by the user, the bounding case keeps it; the low external and
    internal figures then differ by exactly the coaching fees at the low ends of the other inputs."""
    a = primary.with_overrides({"coaching.external_rate": 3000}, "test")
    st = statement(a, framings=("as_published",), levels=("agency",))
    low = st[(st.measure == "annualized") & (st.discount_rate == 0.07)].set_index("coaching").low
    u = {pid: primary.specs[pid].uncertainty.low for pid in ("cohort.participants", "cohort.per_year", "coaching.hours")}
    fees = u["cohort.participants"] * u["cohort.per_year"] * u["coaching.hours"] * 3000
    assert low["external"] - low["internal"] == pytest.approx(fees)
