"""Sensitivity: tornado swings, Sobol indices of an additive model, Spearman, switching values."""

import json
import math

import pytest

from model.cli.main import main
from model.core.errors import ModelInputError
from model.engines.montecarlo import simulate
from model.core.parameters import load_assumptions
from model.core.results import cost_table
from model.engines.sensitivity import sobol_indices, spearman, switching_values, tornado

A = load_assumptions()
PER = A["cohort.participants"] * A["cohort.per_year"]          # participants per agency per year
COACH_SLOPE = PER * A["coaching.hours"]                         # USD per (USD/hour of external coaching)
TRAIN_SLOPE = PER * (A["training.hours_proposed"] - A["training.hours_baseline"])  # USD per (USD/training hour)
ADDITIVE = {"coaching.external_rate": "uniform:200:3000", "training.cost_per_hour": "uniform:100:250"}


def _year1(mode, level):
    t = cost_table(A, years=1, framings=("as_published",))
    return float(t[(t.component == "total") & (t.coaching == mode) & (t.level == level)].usd.iloc[0])


def test_tornado_swings_and_order():
    t = tornado(A, quantity="year1_total", coaching="external", level="agency", fixed=True, dists=ADDITIVE)
    assert list(t.parameter) == ["coaching.external_rate", "training.cost_per_hour"]  # 700,000 > 37,500
    base = _year1("external", "agency")
    r = t.iloc[0]
    assert math.isclose(r.base, base)
    assert math.isclose(r.output_low, base + COACH_SLOPE * (200 - A["coaching.external_rate"]))
    assert math.isclose(r.output_high, base + COACH_SLOPE * (3000 - A["coaching.external_rate"]))
    assert math.isclose(r.swing, COACH_SLOPE * 2800)
    assert math.isclose(t.iloc[1].swing, TRAIN_SLOPE * 150)


def test_tornado_default_ranges_sorted():
    t = tornado(A)
    assert list(t.swing) == sorted(t.swing, reverse=True)
    assert "coaching.external_rate" in set(t.parameter)  # drawn, but no effect on internal coaching
    assert t.set_index("parameter").loc["coaching.external_rate", "swing"] == 0


def test_sobol_additive_model_matches_variance_shares():
    v1 = (COACH_SLOPE * 2800) ** 2 / 12
    v2 = (TRAIN_SLOPE * 150) ** 2 / 12
    s = sobol_indices(A, quantity="year1_total", coaching="external", level="agency", n=4096, seed=1,
                      fixed=True, dists=ADDITIVE).set_index("parameter")
    for pid, share in (("coaching.external_rate", v1 / (v1 + v2)), ("training.cost_per_hour", v2 / (v1 + v2))):
        assert abs(s.loc[pid, "S1"] - share) < max(0.02, 2 * s.loc[pid, "S1_conf"]), pid
        assert abs(s.loc[pid, "ST"] - share) < max(0.02, 2 * s.loc[pid, "ST_conf"]), pid


def test_sobol_default_runs_and_sums_below_one():
    s = sobol_indices(A, n=256, seed=0)
    assert set(s.columns) == {"parameter", "S1", "S1_conf", "ST", "ST_conf"}
    assert s.S1.sum() < 1.1 and (s.ST >= -0.05).all()


def test_spearman_single_input_is_one():
    res = simulate(A, 5000, 3, fixed=True, dists={"coaching.external_rate": "uniform:200:3000"}, keep_inputs=True)
    t = spearman(res, quantity="pv_7", coaching="external", level="government")
    assert list(t.parameter) == ["coaching.external_rate"] and math.isclose(t.rho.iloc[0], 1.0)


def test_spearman_needs_inputs():
    res = simulate(A, 100, 3)
    with pytest.raises(ModelInputError, match="keep_inputs"):
        spearman(res)


def test_switching_value_linear_input():
    point = _year1("external", "agency")
    threshold = point + COACH_SLOPE * (2000 - A["coaching.external_rate"])  # crossed at $2,000/hour
    t = switching_values(A, quantity="year1_total", threshold=threshold, coaching="external", level="agency",
                         fixed=True, dists=ADDITIVE).set_index("parameter")
    assert math.isclose(t.loc["coaching.external_rate", "switching_value"], 2000, rel_tol=1e-6)
    assert t.loc["training.cost_per_hour", "switching_value"] == "never"  # 250 x 500 = 125,000 short of it


def test_switching_value_count_is_whole():
    per_agency = _year1("internal", "agency")
    threshold = per_agency * 13.5  # government-wide: crossed between 13 and 14 agencies
    t = switching_values(A, quantity="year1_total", threshold=threshold, coaching="internal", level="government",
                         fixed=True, dists={"agencies.count": "discrete:11@0.25,13@0.5,15@0.25"})
    assert t.set_index("parameter").loc["agencies.count", "switching_value"] == 14


@pytest.mark.parametrize("call,fragment", [
    (lambda: tornado(A, quantity="pv_9"), "quantity"),
    (lambda: tornado(A, coaching="hybrid"), "coaching"),
    (lambda: sobol_indices(A, n=100), "power of 2"),
    (lambda: sobol_indices(A, fixed=True), "no uncertain parameters"),
])
def test_bad_requests(call, fragment):
    with pytest.raises(ModelInputError, match=fragment):
        call()


def test_cli_sensitivity_json(capsys):
    assert main(["sensitivity", "--fixed", "--dist", "coaching.external_rate=uniform:200:3000", "--coaching",
                 "external", "--quantity", "year1_total", "--sobol-n", "64", "--draws", "500",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"tornado", "sobol", "spearman", "switching_values"} <= set(data)
    assert data["tornado"][0]["parameter"] == "coaching.external_rate"
    assert main(["sensitivity", "--sobol-n", "64", "--draws", "500"]) == 0
    assert "Tornado" in capsys.readouterr().out
