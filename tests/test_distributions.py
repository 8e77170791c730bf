"""Distributions: inverse CDFs against scipy and closed forms, and clear errors for bad specs."""

import math

import numpy as np
import pytest
from scipy import stats

from model.engines.distributions import (from_uncertainty, lognormal_params, make_distribution, parse_dist,
                                 parse_dist_options)
from model.core.errors import ModelInputError
from model.core.parameters import load_assumptions, parse_parameter_file

A = load_assumptions()
SPECS = A.specs
U = np.linspace(0.0005, 0.9995, 2001)


def test_uniform_ppf_is_linear():
    d = parse_dist("coaching.external_rate", "uniform:200:3000", SPECS)
    np.testing.assert_allclose(d.ppf(np.array([0.0, 0.05, 0.5, 0.95, 1.0])), [200, 340, 1600, 2860, 3000])
    assert d.mean() == 1600


def test_triangular_matches_scipy():
    d = parse_dist("policy.hours", "triangular:50:100:200", SPECS)
    expected = stats.triang.ppf(U, (100 - 50) / 150, loc=50, scale=150)
    np.testing.assert_allclose(d.ppf(U), expected, rtol=1e-12)
    assert math.isclose(d.mean(), 350 / 3)


@pytest.mark.parametrize("lo, mode, hi", [(50, 100, 200), (15, 25, 35), (0, 0, 1), (0, 1, 1), (-5, -1, 2),
                                           (3.3, 7.1, 9.9)])
def test_triangular_equals_the_two_branch_formula_exactly(lo, mode, hi):
    """The blended one-root form gives the two-branch closed form to the last bit, at the ends and the mode."""
    from model.engines.inverse_cdf import triangular_ppf

    u = np.random.default_rng(1).random(50_000)
    u[:4] = [0.0, (mode - lo) / (hi - lo), np.nextafter(1.0, 0.0), 0.5]
    w = hi - lo
    two_branch = np.where(u < (mode - lo) / w, lo + np.sqrt(u * w * (mode - lo)), hi - np.sqrt((1.0 - u) * w * (hi - mode)))
    np.testing.assert_array_equal(triangular_ppf(u, lo, mode, hi), two_branch)


@pytest.mark.slow  # scipy's beta against ours on a large sample: seconds
def test_pert_matches_scipy_beta():
    d = parse_dist("coaching.external_rate", "pert:200:1000:3000", SPECS)
    a, b = 1 + 4 * 800 / 2800, 1 + 4 * 2000 / 2800  # PERT shapes by hand
    u = np.random.default_rng(0).random(200_000)
    u[:4] = [0.0, 1e-7, 1 - 1e-7, 1.0]
    expected = 200 + 2800 * stats.beta.ppf(u, a, b)
    assert np.max(np.abs(d.ppf(u) - expected)) < 1e-5 * 2800
    assert math.isclose(d.mean(), (200 + 4 * 1000 + 3000) / 6)


def test_lognormal_percentiles_and_median():
    d = parse_dist("assessment.cost", "lognormal:175:700", SPECS)
    np.testing.assert_allclose(d.ppf(np.array([0.05, 0.5, 0.95])), [175, math.sqrt(175 * 700), 700], rtol=1e-9)
    mu, sigma = lognormal_params(175, 700)
    assert math.isclose(mu, math.log(350)) and sigma > 0


def test_assessment_cost_lognormal_median_is_the_value():
    """The assumption file's note says the median sits at the value: sqrt(low x high) = value."""
    spec = SPECS["assessment.cost"]
    d = from_uncertainty(spec)
    assert d.kind == "lognormal"
    assert math.isclose(float(d.ppf(np.array([0.5]))[0]), spec.value, rel_tol=1e-9)


def test_normal_is_truncated_at_zero():
    d = parse_dist("coaching.external_rate", "normal:100:200", SPECS)
    x = d.ppf(U)
    assert x.min() >= 0
    tn = stats.truncnorm((0 - 100) / 200, np.inf, loc=100, scale=200)
    np.testing.assert_allclose(x, tn.ppf(U), rtol=1e-7)
    assert math.isclose(d.mean(), tn.mean(), rel_tol=1e-6)


def test_discrete_weights():
    d = parse_dist("agencies.count", "discrete:11@0.25,13@0.5,15@0.25", SPECS)
    u = (np.arange(100_000) + 0.5) / 100_000
    x = d.ppf(u)
    assert set(np.unique(x)) == {11, 13, 15}
    np.testing.assert_allclose([np.mean(x == v) for v in (11, 13, 15)], [0.25, 0.5, 0.25], atol=1e-4)
    assert d.mean() == 13


def test_every_file_uncertainty_builds():
    for pid, spec in SPECS.items():
        d = from_uncertainty(spec)
        if d is not None:
            x = d.ppf(U)
            floor = spec.min if spec.min is not None and spec.min < 0 else 0  # a negative min: a change that can save
            assert np.all(np.isfinite(x)) and x.min() >= floor, pid
            assert d.low <= spec.value <= d.high or d.kind == "discrete", pid


@pytest.mark.parametrize("pid,text,fragment", [
    ("coaching.external_rate", "uniform:3000:200", "low 3000 > high 200"),
    ("coaching.external_rate", "triangular:200:5000:3000", "mode 5000 outside [200, 3000]"),
    ("coaching.external_rate", "pert:200:100:3000", "mode 100 outside"),
    ("coaching.external_rate", "normal:1000:-5", "positive standard deviation"),
    ("coaching.external_rate", "gamma:1:2", "unknown distribution 'gamma'"),
    ("coaching.external_rate", "uniform:200", "expected uniform:LOW:HIGH"),
    ("coaching.external_rate", "uniform:abc:200", "expected a number"),
    ("coaching.external_rate", "uniform:-10:200", "outside the admissible values"),
    ("coaching.external_rate", "lognormal:0:10", "P5 must be positive"),
    ("agencies.count", "discrete:13@0.5,15@0.6", "sum to 1"),
    ("agencies.count", "discrete:13,15", "VALUE@WEIGHT"),
    ("accounting.mentor_time", "uniform:0:1", "a switch"),
    ("coaching.nonexistent", "uniform:0:1", "unknown parameter id"),
])
def test_bad_specs_are_rejected_with_one_line(pid, text, fragment):
    with pytest.raises(ModelInputError) as exc:
        parse_dist(pid, text, SPECS)
    msg = str(exc.value)
    assert fragment in msg and "\n" not in msg and pid in msg


def test_bad_dist_option_syntax():
    with pytest.raises(ModelInputError, match="expected ID=KIND:ARGS"):
        parse_dist_options(["coaching.external_rate"], SPECS)


def test_switch_may_be_discrete_zero_one():
    d = parse_dist("accounting.mentor_time", "discrete:0@0.5,1@0.5", SPECS)
    assert set(np.unique(d.ppf(U))) == {0, 1}


@pytest.mark.parametrize("entry,fragment", [
    ('uncertainty = { low = 5, high = 1, distribution = "uniform" }', "low 5 > high 1"),
    ('uncertainty = { low = 1, high = 5, distribution = "normal" }', "positive sd"),
    ('uncertainty = { low = 0, high = 5, distribution = "lognormal" }', "lognormal"),
    ('uncertainty = { low = 1, high = 5, distribution = "weird" }', "distribution"),
    ('uncertainty = { low = 1, high = 5, distribution = "triangular", mode = 9 }', "mode 9 outside"),
])
def test_bad_file_uncertainty_is_rejected(tmp_path, entry, fragment):
    path = tmp_path / "policy.toml"
    path.write_text(f'''[hours]
value = 2
unit = "hours"
kind = "quantity"
description = "test"
source = "analyst assumption"
evidence = "assumption"
reasoning = "test"
date = "2025"
{entry}
''')
    with pytest.raises(ModelInputError) as exc:
        parse_parameter_file(path)
    assert fragment in str(exc.value) and "policy.hours" in str(exc.value)


def test_make_distribution_fixed():
    d = make_distribution("fixed", (7.0,), SPECS["policy.hours"], "test")
    np.testing.assert_array_equal(d.ppf(U[:3]), [7.0, 7.0, 7.0])
