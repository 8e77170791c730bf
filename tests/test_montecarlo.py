"""Monte Carlo: the fast present-value path against model.stream, analytic means and percentiles,
reproducibility across runs and chunk sizes, sampler accuracy, correlations, counts and errors."""

import json
import math

import numpy as np
import pytest
from scipy import stats

from model.cli.main import main
from reference import stream_outputs
from model.core.errors import ModelInputError
from model.engines.fastpv import Evaluator, evaluate
from model.engines.montecarlo import accounting_percentiles, load_correlations, uncertainty_spec, simulate
from model.core.parameters import apply_scenario, load_assumptions, load_scenario

A = load_assumptions()
EXTERNAL_RATE = {"coaching.external_rate": "uniform:200:3000"}


def _stream_outputs(a, years=None):
    """Year-1 and PVs from the full (years)-array stream: the reference the fast path must match."""
    n = int(a["analysis.horizon_years"] if years is None else years)
    return stream_outputs(dict(a.values), n, (a["analysis.discount_rate_low"], a["analysis.discount_rate_high"]))


@pytest.mark.parametrize("overrides,scenario,years", [
    ({}, None, None),
    ({}, "complete", None),
    ({"accounting.net_baseline_reapprovals": 1, "policy.first_approval_year": 3, "policy.reapproval_years": 2},
     "complete", None),
    ({"policy.reapproval_years": 4, "agencies.count": 15}, None, 7),
    ({"policy.first_approval_year": 12}, None, 10),  # first approval beyond the horizon
    ({"policy.first_update_sunk": 1}, None, None),
    ({"policy.first_update_sunk": 1, "policy.first_approval_year": 2, "policy.baseline_staggered": 0,
      "policy.baseline_first_year": 3}, "complete", None),
    ({"policy.first_update_sunk": 1, "policy.first_approval_year": 12}, None, 10),
    ({"policy.baseline_reapproval_years": 2, "agencies.baseline_policies": 15}, "complete", 9),
    ({"practice.coaching_hours": 12, "practice.training_hours_above_minimum": 30, "practice.mentoring_hours": 4,
      "practice.in_program_assessment_share": 0.5, "training.hours_baseline": 60}, "complete", None),
    ({"policy.reapproval_years": 30}, None, 10),
])
def test_fast_path_equals_stream(overrides, scenario, years):
    a = A if scenario is None else apply_scenario(A, load_scenario(scenario, A))
    a = a.with_overrides(overrides, "test") if overrides else a
    expected = _stream_outputs(a, years)
    got = evaluate(Evaluator.build(a, years), dict(a.values))
    assert set(got) == set(expected)
    for key, v in expected.items():
        assert math.isclose(float(got[key]), v, rel_tol=1e-9, abs_tol=1e-6), key


def test_fast_path_equals_stream_on_arrays():
    """Vectorized over draws: each draw equals the scalar stream result."""
    rng = np.random.default_rng(4)
    rates = rng.uniform(200, 3000, 5)
    hours = rng.uniform(50, 200, 5)
    p = dict(A.values)
    p["coaching.external_rate"], p["policy.hours"] = rates, hours
    got = evaluate(Evaluator.build(A), p)
    for i in range(5):
        a_i = A.with_overrides({"coaching.external_rate": rates[i], "policy.hours": hours[i]}, "test")
        exp = _stream_outputs(a_i)
        for key, v in exp.items():
            assert math.isclose(float(got[key][i]), v, rel_tol=1e-9), key


def _point(a, mode, level, quantity="year1_total", framing="as_published"):
    return _stream_outputs(a)[(framing, mode, level, quantity)]


def test_done_when_uniform_external_rate():
    """--fixed --dist coaching.external_rate=uniform:200:3000: external, per agency, year 1."""
    res = simulate(A, 200_000, 1, fixed=True, dists=EXTERNAL_RATE)
    row = res.summary.query("coaching == 'external' and level == 'agency' and quantity == 'year1_total' "
                            "and framing == 'as_published'").iloc[0]
    slope = A["cohort.participants"] * A["cohort.per_year"] * A["coaching.hours"]  # USD per USD/hour
    point = _point(A, "external", "agency")
    assert math.isclose(slope * (1600 - A["coaching.external_rate"]), 150_000)
    assert abs(row["mean"] - (point + 150_000)) < row["se"]
    for q, rate in ((5, 200 + 0.05 * 2800), (50, 1600), (95, 200 + 0.95 * 2800)):
        expected = point + slope * (rate - A["coaching.external_rate"])
        assert abs(row[f"p{q}"] - expected) < row["se"], q
    assert math.isclose(row["sd"], slope * 2800 / math.sqrt(12), rel_tol=1e-3)
    internal = res.summary.query("coaching == 'internal' and level == 'agency' and quantity == 'year1_total' "
                                 "and framing == 'as_published'").iloc[0]
    assert internal["sd"] <= 1e-12 * internal["mean"] and math.isclose(internal["mean"], _point(A, "internal", "agency"))


def test_triangular_input_mean():
    """policy.hours triangular(50, 100, 200): year-1 cost rises by (mean - 100) x loaded rate, twice
    under Reading A (the approval labour and the recounted policy hours)."""
    res = simulate(A, 100_000, 2, fixed=True, dists={"policy.hours": "triangular:50:100:200"})
    row = res.summary.query("coaching == 'internal' and level == 'agency' and quantity == 'year1_total' "
                            "and framing == 'as_published'").iloc[0]
    loaded = round(A["labor.annual_salary"] / A["labor.hours_per_year"], 2) * A["labor.load_factor"]
    times = 1 + A["accounting.policy_hours_recounted"]
    expected = _point(A, "internal", "agency") + ((50 + 100 + 200) / 3 - 100) * loaded * times
    assert abs(row["mean"] - expected) < 3 * row["se"]


def test_fixed_without_dists_is_the_point():
    res = simulate(A, 1000, 0, fixed=True)
    assert (res.summary["sd"] <= 1e-12 * res.summary["mean"].abs()).all()  # summation rounding only
    for _, r in res.summary.iterrows():
        assert math.isclose(r["mean"], _stream_outputs(A)[(r.framing, r.coaching, r.level, r.quantity)],
                            rel_tol=1e-12)


@pytest.mark.slow
@pytest.mark.parametrize("sampler", ["mc", "lhs", "sobol"])
def test_same_seed_same_results_whatever_the_chunk_size(sampler):
    runs = [simulate(A, 150_000, 11, sampler=sampler, chunk_size=c) for c in (150_000, 65_536, 40_001, 7_777)]
    for r in runs[1:]:
        assert r.summary.equals(runs[0].summary)
        assert r.exceedance.equals(runs[0].exceedance)
        assert r.convergence.equals(runs[0].convergence)
        np.testing.assert_array_equal(r.outputs("mixed", "government", "pv_7"),
                                      runs[0].outputs("mixed", "government", "pv_7"))
    other = simulate(A, 150_000, 12, sampler=sampler)
    assert not other.summary.equals(runs[0].summary)


def test_generator_seed():
    r1 = simulate(A, 5000, np.random.default_rng(3))
    r2 = simulate(A, 5000, np.random.default_rng(3))
    assert r1.summary.equals(r2.summary)


@pytest.mark.slow
def test_lhs_and_sobol_beat_mc_on_the_mean():
    """Error of the mean over repeated runs at equal draws, against the analytic mean of a model
    linear in three inputs."""
    dists = {"coaching.external_rate": "uniform:200:3000", "training.cost_per_hour": "triangular:100:150:250",
             "assessment.cost": "uniform:200:800"}
    per = A["cohort.participants"] * A["cohort.per_year"]
    assessed = A["cohort.applicants_assessed"] + A["cohort.participants"]
    added = A["training.hours_proposed"] - A["training.hours_baseline"]
    exact = (_point(A, "external", "agency") + per * A["coaching.hours"] * (1600 - 1000)
             + per * added * (500 / 3 - 150) + assessed * A["cohort.per_year"] * (500 - 350))
    err = {}
    for sampler in ("mc", "lhs", "sobol"):
        means = [simulate(A, 1024, s, sampler=sampler, fixed=True, dists=dists, framings=("as_published",))
                 .outputs("external", "agency", "year1_total").mean() for s in range(20)]
        err[sampler] = math.sqrt(np.mean((np.array(means) - exact) ** 2))
    assert err["lhs"] < err["mc"] / 3
    assert err["sobol"] < err["mc"] / 3


def test_latin_hypercube_has_one_point_per_stratum():
    """Each row of a block holds exactly one point in each of the n strata [i/n, (i+1)/n); given strata
    are kept; a chunk of whole blocks is generated in place and equals the blocks one by one."""
    from model.engines.design import DESIGN_BLOCK, Design, latin_hypercube

    rng = np.random.default_rng(0)
    u = latin_hypercube(rng, 4, 1000, strata={2: np.arange(1000)[::-1]})
    for row in u:
        np.testing.assert_array_equal(np.sort(np.floor(row * 1000).astype(int)), np.arange(1000))
    np.testing.assert_array_equal(np.floor(u[2] * 1000).astype(int), np.arange(1000)[::-1])
    assert ((u >= 0) & (u < 1)).all()
    design = Design("lhs", 9, 3, 3 * DESIGN_BLOCK + 10)
    whole = design.rows(0, 3 * DESIGN_BLOCK + 10)
    again = Design("lhs", 9, 3, 3 * DESIGN_BLOCK + 10)
    np.testing.assert_array_equal(whole, np.concatenate([again.block(b) for b in range(4)], axis=1))
    np.testing.assert_array_equal(whole[:, 70_000:80_000], again.rows(70_000, 80_000))


@pytest.mark.slow
@pytest.mark.parametrize("sampler", ["mc", "lhs", "sobol"])
def test_requested_rank_correlation(sampler):
    res = simulate(A, 100_000, 5, keep_inputs=True, sampler=sampler)
    for e in load_correlations():
        rho = stats.spearmanr(res.inputs[e["a"]], res.inputs[e["b"]]).statistic
        assert abs(rho - e["rho"]) < 0.03, (e["a"], e["b"], rho)
    unrelated = stats.spearmanr(res.inputs["policy.hours"], res.inputs["labor.annual_salary"]).statistic
    assert abs(unrelated) < 0.02


def _corr_file(tmp_path, pairs):
    text = "".join(f'[[correlation]]\na = "{a}"\nb = "{b}"\nrho = {r}\nsource = "analyst assumption"\n'
                   f'reasoning = "test"\n\n' for a, b, r in pairs)
    path = tmp_path / "correlations.toml"
    path.write_text(text)
    return path


def test_correlation_matrix_must_be_positive_definite(tmp_path):
    path = _corr_file(tmp_path, [("policy.hours", "labor.annual_salary", 0.9),
                                 ("policy.hours", "cohort.participants", 0.9),
                                 ("labor.annual_salary", "cohort.participants", -0.9)])
    with pytest.raises(ModelInputError, match="not positive definite"):
        uncertainty_spec(A, correlations=path)


@pytest.mark.parametrize("pairs,fragment", [
    ([("policy.hours", "labor.annual_salary", 1.5)], "strictly between -1 and 1"),
    ([("policy.hourz", "labor.annual_salary", 0.5)], "unknown parameter id"),
    ([("policy.hours", "policy.hours", 0.5)], "with itself"),
])
def test_bad_correlations(tmp_path, pairs, fragment):
    with pytest.raises(ModelInputError, match=fragment):
        load_correlations(_corr_file(tmp_path, pairs))


def test_counts_are_whole_and_internal_agencies_within_count():
    res = simulate(A, 20_000, 6, keep_inputs=True,
                   dists={"agencies.count": "discrete:6@0.5,13@0.5"})
    n, k = res.inputs["agencies.count"], res.inputs["coaching.internal_program_agencies"]
    assert set(np.unique(n)) == {6, 13}
    assert np.all(k == np.round(k)) and np.all(k <= n)
    assert res.meta["clamped_draws"]["coaching.internal_program_agencies"] > 0
    res2 = simulate(A, 2000, 6, dists={"policy.reapproval_years": "uniform:1:6"}, fixed=True, keep_inputs=True)
    assert np.all(res2.inputs["policy.reapproval_years"] == np.round(res2.inputs["policy.reapproval_years"]))


def test_exceedance_and_outputs_agree():
    res = simulate(A, 30_000, 7, thresholds=[2e6, 3e6])
    x = res.outputs("internal", "government", "year1_total")
    assert x.shape == (30_000,)
    row = res.summary.query("coaching == 'internal' and level == 'government' and quantity == 'year1_total' "
                            "and framing == 'as_published'").iloc[0]
    assert math.isclose(row["mean"], x.mean(), rel_tol=1e-12)
    np.testing.assert_allclose([row["p5"], row["p50"], row["p95"]], np.percentile(x, [5, 50, 95]), rtol=1e-12)
    for t in (2e6, 3e6):
        p = res.exceedance.query("coaching == 'internal' and level == 'government' and quantity == 'year1_total' "
                                 "and framing == 'as_published' and threshold == @t").probability.iloc[0]
        assert p == np.mean(x > t)
    last = res.convergence.query("coaching == 'internal' and level == 'government' and quantity == 'year1_total'")
    assert list(last.draws) == [100, 1000, 10_000, 30_000]
    assert math.isclose(last["mean"].iloc[-1], x.mean())
    assert math.isclose(last["mean"].iloc[0], x[:100].mean())


def test_incremental_framing_draws():
    """Draw by draw, the incremental framing (stored as the rule's annual group net of the current rule's) equals
    the year-by-year stream of the model at that draw's inputs, for every mode and level."""
    res = simulate(A, 2000, 8, keep_inputs=True)
    for i in (17, 1999):
        a_i = A.with_overrides({pid: float(v[i]) for pid, v in res.inputs.items()}, "test")
        ref = _stream_outputs(a_i)
        for mode in ("internal", "external", "mixed"):
            for level in ("agency", "government"):
                for q in ("year1_total", "pv_3", "pv_7"):
                    got = res.outputs(mode, level, q, "incremental")[i]
                    assert math.isclose(got, ref[("incremental", mode, level, q)], rel_tol=1e-9), (i, mode, level, q)


def test_accounting_percentiles():
    t = accounting_percentiles(A, 5000, 1)
    assert {"coaching", "level", "framing", "quantity", "measure", "discount_rate", "p5", "p50", "p95"} == set(t.columns)
    assert {"year1_total", "pv_3", "pv_7", "annualized_3", "annualized_7"} <= set(t.quantity)
    assert (t.p5 <= t.p50).all() and (t.p50 <= t.p95).all()
    pv = t.query("coaching == 'mixed' and level == 'government' and framing == 'as_published' and quantity == 'pv_7'")
    an = t.query("coaching == 'mixed' and level == 'government' and framing == 'as_published' "
                 "and quantity == 'annualized_7'")
    af = sum(1.07 ** -y for y in range(1, 11))
    assert math.isclose(an.p50.iloc[0], pv.p50.iloc[0] / af, rel_tol=1e-12)
    assert (an.measure == "annualized").all() and an.discount_rate.iloc[0] == 0.07
    extra = accounting_percentiles(A, 2000, 1, rates=[0.02, 0.07])
    assert {"pv_2", "annualized_2", "pv_7"} <= set(extra.quantity) and "pv_3" not in set(extra.quantity)


@pytest.mark.parametrize("kwargs,fragment", [
    ({"draws": 1}, "draws"), ({"seed": -1}, "seed"), ({"sampler": "halton"}, "sampler"),
    ({"chunk_size": 0}, "chunk_size"),
])
def test_bad_arguments(kwargs, fragment):
    args = {"draws": 100, "seed": 1, **kwargs}
    with pytest.raises(ModelInputError, match=fragment):
        simulate(A, **args)


def test_cli_simulate_json_twice_and_chunked(capsys):
    argv = ["simulate", "--fixed", "--dist", "coaching.external_rate=uniform:200:3000", "--draws", "20000",
            "--seed", "1", "--format", "json"]
    outs = []
    for extra in ([], [], ["--chunk-size", "3333"]):
        assert main(argv + extra) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] == outs[2]
    data = json.loads(outs[0])
    rec = data["summary"][0]
    assert {"coaching", "level", "quantity", "mean", "sd", "se", "p5", "p50", "p95"} <= set(rec)
    assert {"year1_total", "pv_3", "pv_7"} == {r["quantity"] for r in data["summary"]}


def test_cli_bad_dist_one_line(capsys):
    assert main(["simulate", "--draws", "10", "--seed", "1", "--dist", "coaching.external_rate=uniform:5"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "coaching.external_rate" in err


def _sorted_summary(x: np.ndarray, thresholds) -> dict:
    """The order statistics by a full sort (the method used before selection), written out here: linear
    interpolation between the floor(h)-th and next order statistic, h = (n - 1) q / 100."""
    xs = np.sort(x)
    n = len(xs)
    out = {"min": float(xs[0]), "max": float(xs[-1])}
    for q in (5, 10, 50, 90, 95):
        h = (n - 1) * q / 100
        lo = int(math.floor(h))
        hi = min(lo + 1, n - 1)
        out[f"p{q}"] = float(xs[lo] + (h - lo) * (xs[hi] - xs[lo]))
    out["exceed"] = [float((n - np.searchsorted(xs, t, side="right")) / n) for t in thresholds]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("draws, dists", [(150_001, None), (2, None), (3_001, {"agencies.count": "fixed:12"})])
def test_selection_equals_sorting_byte_for_byte(draws, dists):
    """Percentiles, min, max and exceedance by selection equal those of a full sort exactly (==, not
    approximately), at both levels, for a drawn and for a fixed agency count."""
    first = simulate(A, draws, 3, dists=dists)
    tie = float(first.outputs("external", "government", "year1_total")[-1])  # a threshold equal to a draw
    thresholds = [5e6, 2e7, 1e8, tie]
    res = simulate(A, draws, 3, dists=dists, thresholds=thresholds)
    for _, row in res.summary.iterrows():
        key = dict(coaching=row.coaching, level=row.level, quantity=row.quantity, framing=row.framing)
        want = _sorted_summary(res.outputs(**key), thresholds)
        for col in ("min", "max", "p5", "p10", "p50", "p90", "p95"):
            assert row[col] == want[col], (key, col)
        ex = res.exceedance
        got = ex[(ex.coaching == row.coaching) & (ex.level == row.level) & (ex.quantity == row.quantity)
                 & (ex.framing == row.framing)].probability.tolist()
        assert got == want["exceed"], key


def test_same_results_whatever_the_summary_memory(monkeypatch):
    """With memory to spare the government draws are the agency draws times the count; without, both levels are
    rebuilt in turn: the same numbers either way."""
    import model.engines.summaries as sum_mod

    roomy = simulate(A, 30_000, 6)
    monkeypatch.setattr(sum_mod, "SUMMARY_MEMORY", 8 * 30_000)  # room for one output array only
    tight = simulate(A, 30_000, 6)
    assert roomy.summary.equals(tight.summary) and roomy.exceedance.equals(tight.exceedance)
    assert roomy.convergence.equals(tight.convergence)


@pytest.mark.slow
def test_same_results_whatever_the_thread_count(monkeypatch):
    import model.engines.simulate as sim_mod
    import model.engines.summaries as sum_mod

    two = simulate(A, 140_000, 8, keep_inputs=True)
    monkeypatch.setattr(sim_mod, "CHUNK_WORKERS", 1)
    monkeypatch.setattr(sum_mod, "SUMMARY_WORKERS", 1)
    one = simulate(A, 140_000, 8, keep_inputs=True, chunk_size=100_000)
    assert one.summary.equals(two.summary) and one.exceedance.equals(two.exceedance)
    assert one.convergence.equals(two.convergence)


def test_only_the_outputs_asked_for():
    """A selection gives exactly the rows asked for, with the same numbers as the full run."""
    full = simulate(A, 20_000, 4)
    part = simulate(A, 20_000, 4, framings=("incremental",), modes=("external",), levels=("government",),
                    quantities=("pv_7",))
    assert len(part.summary) == 1 and len(part.exceedance) == 1
    row = part.summary.iloc[0]
    match = full.summary[(full.summary.coaching == "external") & (full.summary.level == "government")
                         & (full.summary.framing == "incremental") & (full.summary.quantity == "pv_7")]
    assert row.equals(match.iloc[0].rename(row.name))
    assert part.meta["framings"] == ["incremental"] and part.meta["quantities"] == ["pv_7"]
    for kwargs, name in (({"modes": ()}, "coaching"), ({"levels": ("state",)}, "levels"),
                         ({"quantities": ("pv_9",)}, "quantities")):
        with pytest.raises(ModelInputError, match=name):
            simulate(A, 100, 1, **kwargs)


@pytest.mark.parametrize("n", [1, 2, 3, 10, 101, 65_537])
def test_select_ranks_puts_each_order_statistic_in_place(n):
    """For percentile ranks and for arbitrary runs of consecutive ranks, with and without ties, x[k] after
    ``select_ranks`` is the k-th value of the sorted array, and nothing is lost."""
    from model.engines.summaries import percentile_ranks, select_ranks

    rng = np.random.default_rng(n)
    for trial in range(12):
        x = rng.integers(0, 5, n).astype(float) if trial % 2 else rng.random(n)
        ranks = percentile_ranks(n) if trial < 6 else sorted({*rng.integers(0, n, 4).tolist(), n - 1})
        if trial >= 6 and n > 3:
            ranks = sorted({*ranks, ranks[0] + 1 if ranks[0] + 1 < n else 0})  # a run of consecutive ranks
        y = x.copy()
        select_ranks(y, ranks)
        want = np.sort(x)
        np.testing.assert_array_equal(y[ranks], want[ranks])
        np.testing.assert_array_equal(np.sort(y), want)


@pytest.mark.slow
def test_memory_estimate_bounds_the_peak(monkeypatch):
    """The memory check's estimate (sized on the first chunk) is above the traced peak of the run, and not so far
    above that it would refuse runs that fit (within 3x at 10^6 draws)."""
    import tracemalloc

    import model.engines.simulate as sim_mod

    needs = []
    monkeypatch.setattr(sim_mod, "check_memory", lambda need, what, *rest: needs.append(need))
    simulate(A, 1_000, 0)
    tracemalloc.start()
    try:
        simulate(A, 1_000_000, 2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= needs[-1] <= 3 * peak, (peak / 2 ** 20, needs[-1] / 2 ** 20)


def test_stored_bytes_judged_on_the_first_chunk_equal_what_is_stored(monkeypatch):
    """The memory check sizes the run on its first chunk: the bytes a draw it predicts equal the bytes a draw the
    finished run holds (distinct arrays in its terms): here 6 float64 amounts (published annual at share 0 and its
    slope, published approval, the rule's annual net of the current rule's at share 0 and its slope, the current
    rule's approval) and 2 int16 counts = 52 bytes."""
    import model.engines.simulate as sim_mod

    predicted = []
    real = sim_mod.stored_bytes
    monkeypatch.setattr(sim_mod, "stored_bytes", lambda *args: predicted.append(real(*args)) or predicted[-1])
    draws = 100_000
    res = simulate(A, draws, 3)
    arrays = {id(v): v for t in res._terms.values()
              for v in [*(x for pair in t["groups"].values() for x in pair), *t["params"].values()] if np.ndim(v)}
    assert predicted == [sum(v.nbytes for v in arrays.values()) // draws] == [6 * 8 + 2 * 2]


def test_no_regime_changes_the_agency_counts():
    """``net_annual`` keeps only rule - current for the annual groups, which needs the same coaching share in both
    regimes: no regime may change the parameters the share is made of."""
    from model.core.regimes import regime_params
    from model.core.vocabulary import REGIMES
    from model.engines.simulate import SHARE_IDS

    p = {**A.values, "agencies.count": np.array([11.0, 13.0]), "coaching.internal_program_agencies": np.array([2.0, 5.0])}
    for regime in REGIMES:
        q = regime_params(p, regime)
        for pid in SHARE_IDS:
            np.testing.assert_array_equal(q[pid], p[pid])


def test_summaries_of_a_run_equal_simulating_the_selection():
    """``SimulationResult.summaries`` (what the app uses when the output picker changes) gives the rows a
    simulation of that selection gives, without drawing again; framings are taken once each, in canonical order."""
    draws = simulate(A, 20_000, 4, quantities=("year1_total",), modes=("internal",), levels=("agency",))
    summary, exceedance, _ = draws.summaries(modes=("mixed",), levels=("government",), framings=("incremental",),
                                             quantities=("pv_3",), thresholds=(5e7,))
    direct = simulate(A, 20_000, 4, modes=("mixed",), levels=("government",), framings=("incremental",),
                      quantities=("pv_3",), thresholds=(5e7,))
    assert summary.equals(direct.summary) and exceedance.equals(direct.exceedance)
    twice = simulate(A, 2_000, 4, framings=("incremental", "as_published", "incremental"))
    assert twice.meta["framings"] == ["as_published", "incremental"]
    assert twice.summary.equals(simulate(A, 2_000, 4).summary)


def test_a_tiny_block_with_correlations_does_not_crash():
    """With 7 draws and 5 correlated inputs the score orders can coincide (seed 424): the block is left
    uncorrelated rather than failing."""
    res = simulate(A, 7, 424)
    assert np.isfinite(res.summary[["mean", "p5", "p95"]].to_numpy()).all()


def test_the_memory_check_comes_after_one_block_whatever_the_chunk_size(monkeypatch):
    """The run is sized on its first design block, evaluated before any chunk of the requested size: a huge
    chunk size cannot allocate the whole run before the check refuses it."""
    import model.engines.simulate as sim_mod
    from model.engines.design import DESIGN_BLOCK, Design

    spans = []
    rows = Design.rows
    monkeypatch.setattr(Design, "rows", lambda self, start, stop: spans.append((start, stop)) or rows(self, start, stop))

    def refuse(need, what, *rest):
        raise ModelInputError(f"{what}: refused")

    monkeypatch.setattr(sim_mod, "check_memory", refuse)
    with pytest.raises(ModelInputError, match="refused"):
        simulate(A, 300_000, 1, chunk_size=10 ** 9)
    assert spans == [(0, DESIGN_BLOCK)]
