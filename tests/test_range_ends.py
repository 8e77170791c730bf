"""Range ends, pinned by hand: the A-4 statement's "ranges" low and high, the omitted costs' ranges, the tornado and
the Monte Carlo all read one uncertainty spec, so a scenario's distributions move them alike; each end is checked
against arithmetic written out here, at asymmetric ranges, so that taking the wrong end of any parameter fails."""

import numpy as np
import pytest

from model.core.accounting import accounting_statement
from model.core.parameters import load_assumptions
from model.core.standard import complete_of
from model.engines.bounds import a4_cells, method_note
from model.engines.montecarlo import simulate
from model.engines.omitted_ranges import omitted_costs
from model.engines.plan import uncertainty_spec
from model.engines.ranges import extremes
from model.engines.sensitivity import tornado

ANNUITY_7 = sum(1.07 ** -t for t in range(1, 11))  # ten years at 7%, end of year


@pytest.fixture(scope="module")
def nprm():
    return load_assumptions()


def only(a, dists):
    """``a`` with every uncertain parameter held at its value except those given ``dists`` (held as values set by
    a scenario are: the spec leaves them out)."""
    held = {pid: a.values[pid] for pid in uncertainty_spec(a).ids if pid not in dists}
    return a.with_overrides(held, "test").with_uncertainty(dists)


def cell(a, framing="as_published", coaching="external", level="agency", measure="annualized", rate=0.07):
    st = accounting_statement(a, a4_cells(a, "ranges"), method_note(a, "ranges"))
    row = st[(st.framing == framing) & (st.coaching == coaching) & (st.level == level) & (st.measure == measure)
             & np.isclose(st.discount_rate, rate)]
    assert len(row) == 1
    return row.iloc[0]


def test_a4_ranges_take_the_end_that_moves_the_figure_each_way(nprm):
    """Two parameters, one raising the cost at its high end and one at its low end, at asymmetric ranges:
    - coaching.external_rate 950-1,200 (from $1,000): 25 participants x 10 h = -$12,500 / +$50,000 a year;
    - training.hours_baseline 70-85 (from 80; the added hours are 100 - baseline): 25 x $150 x (+10 h) = +$37,500
      at 70 and 25 x $150 x (-5 h) = -$18,750 at 85.
    High = primary + 50,000 + 37,500; low = primary - 12,500 - 18,750, annual costs, so exact when annualized.
    Taking every parameter's low end for the high gives + 37,500 - 12,500 instead, and fails."""
    a = only(nprm, {"coaching.external_rate": "uniform:950:1200", "training.hours_baseline": "uniform:70:85"})
    r = cell(a)
    assert r.high - r.primary == pytest.approx(50_000 + 37_500, abs=1e-6)
    assert r.primary - r.low == pytest.approx(12_500 + 18_750, abs=1e-6)
    gov = cell(a, level="government", measure="present value")  # 13 agencies, ten years at 7%
    assert gov.high - gov.primary == pytest.approx(87_500 * 13 * ANNUITY_7, rel=1e-12)
    assert gov.primary - gov.low == pytest.approx(31_250 * 13 * ANNUITY_7, rel=1e-12)


def test_a4_ranges_of_the_incremental_framing_leave_a_kink(nprm):
    """Incremental training hours are max(0, 100 - (80 + hours above the minimum programs deliver today)): with the
    proposed hours 100-120 and today's extra hours 0-40 (both asymmetric), the low takes 100 proposed and 40 today
    (nothing added: the 20 added hours at the values in force are removed, -25 x 20 x $150 = -$75,000 a year), the
    high 120 and 0 (40 added: +25 x 20 x $150 = +$75,000)."""
    a = only(nprm, {"training.hours_proposed": "uniform:100:120", "practice.training_hours_above_minimum": "uniform:0:40"})
    r = cell(a, framing="incremental", coaching="internal")
    assert r.primary - r.low == pytest.approx(25 * 20 * 150, abs=1e-6)
    assert r.high - r.primary == pytest.approx(25 * 20 * 150, abs=1e-6)


def test_extremes_search_agrees_with_every_corner(nprm):
    """Above EXACT_CORNERS parameters the flip search is used; on 14 parameters of the incremental total it must
    find the same low and high as evaluating all 2^14 corners (exact=14)."""
    from model.engines.fastpv import Evaluator, evaluate
    spec = uncertainty_spec(nprm)
    ids = list(spec.ids[:14])
    lo, hi = spec.ends(ids)
    ev = Evaluator.build(nprm, 10, [0.07])
    key = ("incremental", "external", "government", "pv_7")

    def f(p):
        return evaluate(ev, p, (key[1],), (key[2],), (key[0],), (key[3],))[key]

    assert extremes(nprm, f, ids, lo, hi, exact=12) == pytest.approx(extremes(nprm, f, ids, lo, hi, exact=14), rel=1e-12)


@pytest.mark.slow
def test_a_scenario_distribution_moves_every_range_alike(nprm):
    """``coaching.external_rate = uniform:900:1100`` in a scenario: the tornado's ends are 900 and 1,100, every Monte
    Carlo draw lies between them, and the A-4 "ranges" high falls by (3,000 - 1,100) x the coaching hours at the
    high corner (35 participants x 2 cohorts x 12 h) x 13 agencies, annualized external: $20,748,000 a year."""
    a = nprm.with_uncertainty({"coaching.external_rate": "uniform:900:1100"})
    t = tornado(a, coaching="external").set_index("parameter")
    assert (t.loc["coaching.external_rate", "low"], t.loc["coaching.external_rate", "high"]) == (900, 1100)
    res = simulate(a, 2000, 3, framings=("as_published",), modes=("external",), levels=("agency",), keep_inputs=True)
    rate = res.inputs["coaching.external_rate"]
    assert 900 <= np.min(rate) < 905 and 1095 < np.max(rate) <= 1100
    file_high = cell(nprm, level="government").high
    scen_high = cell(a, level="government").high
    assert file_high - scen_high == pytest.approx((3000 - 1100) * 35 * 2 * 12 * 13, rel=1e-12)
    assert cell(a, level="government").low - cell(nprm, level="government").low == pytest.approx(
        (900 - 200) * 15 * 0.5 * 10 * 11, rel=1e-12)


def test_a_scenario_distribution_moves_the_omitted_ranges(nprm):
    """A scenario's range on a requirement's own parameter moves that requirement's omitted-cost range: assignment
    workdays 86-130 give the developmental-assignment high 25 x (130 - 87) x 8 h x $187.06 x backfill 1.0 x 13
    agencies over ten years at 7% (the file's range, 87-87, gives none above the primary)."""
    base = omitted_costs(complete_of(nprm), modes=("internal",)).set_index("component")
    wide = omitted_costs(complete_of(nprm).with_uncertainty({"assignment.workdays_proposed": "uniform:86:130"}),
                         modes=("internal",)).set_index("component")
    assert wide.loc["developmental_assignment", "pv_7_high"] == pytest.approx(
        25 * (130 - 87) * 8 * 187.06 * 1.0 * 13 * ANNUITY_7, rel=1e-9)
    assert base.loc["developmental_assignment", "pv_7_high"] < wide.loc["developmental_assignment", "pv_7_high"]


def test_backfill_share_enters_the_assignment_cost_in_proportion(nprm):
    """The assignment's backfilled hours at a share of 0.3 (not the default 0.5, which hides an inverted share):
    with proposed workdays 95 against 87 today, 25 x (95 - 87) x 8 h x $154.76 (GS-14 step 5 DC, loaded 200%...
    the participant rate in force) x 0.3 a year per agency."""
    from model.core.components import COMPONENTS
    from model.core.stream import framed_stream
    a = complete_of(nprm).with_overrides({"assignment.backfill_share": 0.3, "assignment.workdays_proposed": 95}, "t")
    c = next(x for x in COMPONENTS if x.name == "developmental_assignment")
    rate = a["labor.participant_loaded_hourly"]
    got = float(framed_stream(dict(a.values), "internal", "incremental", 1)[c.name][0])
    assert got == pytest.approx(25 * (95 - 87) * 8 * rate * 0.3, rel=1e-12)
    assert rate == pytest.approx(154.76, abs=0.01)


def test_flip_search_leaves_a_flat_start(nprm):
    """A figure flat in each parameter alone at the values in force, (cost per hour - 150) x (coaching rate - 1,000),
    over 100-250 and 200-3,000: one parameter at a time sees nothing, so the search starts at the all-high corner
    for the high, 100 x 2,000 = 200,000, and the all-low one for the low, (-50) x (-800) = 40,000, from which a flip
    of the rate reaches (-50) x 2,000 = -100,000. The search (exact=0) must agree with every corner (exact=12)."""
    ids = ["training.cost_per_hour", "coaching.external_rate"]
    lo, hi = np.array([100.0, 200.0]), np.array([250.0, 3000.0])

    def f(p):
        return (np.asarray(p[ids[0]]) - 150) * (np.asarray(p[ids[1]]) - 1000)

    assert extremes(nprm, f, ids, lo, hi, exact=0) == (-100_000, 200_000)
    assert extremes(nprm, f, ids, lo, hi, exact=12) == (-100_000, 200_000)
