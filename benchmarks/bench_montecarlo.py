"""Monte Carlo benchmark: draws per second and peak memory of ``model.montecarlo.simulate`` for
10^4 to 10^7 draws of the full model (three coaching modes, ten-year stream, 3% and 7% present
values, as published and incremental, agency and government), and the model evaluation beside the
bare numpy arithmetic of the same formulas.

Usage: python benchmarks/bench_montecarlo.py [--max 10000000] [--sampler lhs]
Each size runs in a fresh process so its peak memory (ru_maxrss, and numpy's traced allocations
measured in a separate run under tracemalloc) is its own; times are the best of --repeat runs
(one at 10^7). Prints figures; asserts nothing (speed is not a test). The machine may be shared:
the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.core.discount import discount_factors  # noqa: E402
from model.engines.fastpv import Evaluator, evaluate  # noqa: E402
from model.engines.montecarlo import Design, draw_parameters, fixed_values, sampling_plan, simulate  # noqa: E402
from model.core.parameters import load_assumptions  # noqa: E402
from model.core.regimes import current_params, rule_params  # noqa: E402
from model.core.stream import framed_stream  # noqa: E402


def one_size(n: int, sampler: str, trace: bool, repeat: int = 1) -> dict:
    """Run simulate at n draws (after a small warm-up), best of ``repeat`` runs; time and memory."""
    a = load_assumptions()
    simulate(a, 10_000, 0, sampler=sampler)  # warm-up: imports, tables
    if trace:
        tracemalloc.start()
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = simulate(a, n, 1, sampler=sampler)
        wall = time.perf_counter() - t0
        if best is None or wall < best[0]:
            best = (wall, res.timings)
    wall, timings = best
    out = {"draws": n, "sampler": sampler, "seconds": wall, "draws_per_s": n / wall, **timings,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if trace:
        out["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
    return out


def bare_side(p: dict) -> tuple:
    """Every component formula of model/program.py written out by hand, with its switch, sharing
    the loaded rate: (annual amount at share 0, annual slope per unit external share, approval
    amount, baseline-approval amount), USD per agency."""
    wage = np.round(p["labor.annual_salary"] / p["labor.hours_per_year"], 2)
    wage = np.where(p["labor.round_hourly_wage"] > 0, wage, p["labor.annual_salary"] / p["labor.hours_per_year"])
    loaded = wage * p["labor.load_factor"]
    per = p["cohort.participants"] * p["cohort.per_year"]
    policy = p["policy.hours"] * loaded
    added = np.maximum(0.0, p["training.hours_proposed"] - p["training.hours_baseline"])
    part = p["labor.participant_loaded_hourly"]
    annual = (per * added * p["training.cost_per_hour"]
              + (p["assessment.count_applicants"] * p["cohort.applicants_assessed"]
                 + p["assessment.count_in_program"] * p["cohort.participants"]) * p["cohort.per_year"]
              * p["assessment.cost"]
              + per * p["coaching.hours"] * p["coaching.internal_rate"]
              + per * p["accounting.staff_hours_per_participant"] * loaded
              + p["accounting.policy_hours_recounted"] * policy
              + p["accounting.participant_training_time"] * per * added * part
              + p["accounting.participant_coaching_time"] * per * p["coaching.hours"] * part
              + p["accounting.participant_mentoring_time"] * per * p["mentoring.hours"] * part
              + p["accounting.mentor_time"] * per * p["mentoring.hours"] * p["labor.ses_loaded_hourly"]
              + p["accounting.assessment_interpretation"] * p["assessment.count_in_program"] * per
              * p["assessment.interpretation_hours"] * p["assessment.interpretation_rate"]
              + p["accounting.program_evaluation"] * (per * p["evaluation.participant_hours"] * part
                                                      + p["cohort.per_year"] * p["evaluation.manager_hours_per_cohort"]
                                                      * loaded + p["evaluation.annual_hours"] * loaded))
    coach_time = (p["accounting.internal_coach_time"] * per * p["coaching.hours"]
                  * (1 + p["coaching.coach_overhead_ratio"]) * p["coaching.coach_loaded_hourly"])
    annual0 = annual + coach_time
    slope = per * p["coaching.hours"] * (p["coaching.external_rate"] - p["coaching.internal_rate"]) - coach_time
    return annual0, slope, policy, -p["accounting.net_baseline_reapprovals"] * policy


def bare_numpy(p: dict, a) -> dict:
    """The model's outputs by hand: every coaching mode, both framings, year 1 and PV at 3% and 7%,
    both levels, for parameters at their timing defaults (the rule's approvals in years 1, 1+k, ...;
    the current rule's staggered, 1/k of the agencies each year)."""
    n = int(a["analysis.horizon_years"])
    rates = (a["analysis.discount_rate_low"], a["analysis.discount_rate_high"])
    years = np.arange(1, n + 1)

    def occurrences(k):  # year-1 weight and PV factors of approvals every k years from year 1
        return {"year1_total": 1.0, **{f"pv_{r * 100:g}": float(discount_factors(r, n)[(years - 1) % k == 0].sum())
                                       for r in rates}}

    factors = {"year1_total": 1.0, **{f"pv_{r * 100:g}": float(discount_factors(r, n).sum()) for r in rates}}
    rule_occ = occurrences(int(p["policy.reapproval_years"]))
    staggered = {q: f / p["policy.baseline_reapproval_years"] for q, f in factors.items()}
    sides = {"published": (bare_side(p), rule_occ), "rule": (bare_side(rule_params(p)), rule_occ),
             "current": (bare_side(current_params(p)), staggered)}
    offset = staggered
    share = (p["agencies.count"] - p["coaching.internal_program_agencies"]) / p["agencies.count"]
    out = {}
    for mode, e in (("internal", 0.0), ("external", 1.0), ("mixed", share)):
        for q, fa in factors.items():
            v = {}
            for side, ((a0, sl, ap, off), occ) in sides.items():
                v[side] = (a0 + e * sl) * fa + ap * occ[q] + off * offset[q]
            for framing, val in (("as_published", v["published"]), ("incremental", v["rule"] - v["current"])):
                out[(framing, mode, "agency", q)] = val
                out[(framing, mode, "government", q)] = val * p["agencies.count"]
    return out


def compare_bare(n: int) -> dict:
    """Time the model's evaluation (fastpv.evaluate, all 36 outputs) against bare_numpy on the same
    n drawn parameter sets; check they agree; time the full (n, years) stream for reference."""
    a = load_assumptions()
    plan = sampling_plan(a)
    p = draw_parameters(a, plan, Design("mc", 1, len(plan.ids), n).rows(0, n), fixed_values(a, None))
    p = {k: np.asarray(v, dtype=float) for k, v in p.items()}
    ev = Evaluator.build(a)
    best = {}
    for name, fn in (("model", lambda: evaluate(ev, p)), ("bare", lambda: bare_numpy(p, a))):
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            res = fn()
            times.append(time.perf_counter() - t0)
        best[name] = (min(times), res)
    worst = max(float(np.max(np.abs(best["model"][1][k] - v) / np.maximum(1.0, np.abs(v))))
                for k, v in best["bare"][1].items())
    m = min(n, 200_000)  # the (draws, years) stream at a slice, scaled, for reference
    q = {k: (v[:m] if v.ndim else v) for k, v in p.items()}
    t0 = time.perf_counter()
    for mode in ("internal", "external", "mixed"):
        for framing in ("as_published", "incremental"):
            framed_stream(q, mode, framing, 10)
    stream_s = (time.perf_counter() - t0) * n / m
    return {"draws": n, "model_eval_s": best["model"][0], "bare_numpy_s": best["bare"][0],
            "ratio": best["model"][0] / best["bare"][0], "max_rel_diff": worst, "full_stream_s_est": stream_s}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=10_000_000)
    ap.add_argument("--sampler", default="lhs")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per size below 10^7 (best is shown)")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.sampler, args.trace, args.repeat)))
        return
    print(f"Machine: {os.cpu_count()} cores; numpy {np.__version__}; load average at start "
          f"{os.getloadavg()[0]:.2f} (other processes running share the cores)")
    plan = sampling_plan(load_assumptions())
    pairs = 0 if plan.corr is None else int((np.count_nonzero(plan.corr) - len(plan.corr)) / 2)
    print(f"\nsimulate(): {args.sampler} sampler, {len(plan.ids)} uncertain parameters, {pairs} rank correlations, "
          "3 coaching modes x 2 framings x 2 levels x (year 1, PV 3%, PV 7%) = 36 outputs")
    print(f"{'draws':>12} {'seconds':>8} {'draws/s':>12} {'sample+eval':>11} {'summarize':>9} "
          f"{'peak RSS MB':>11} {'numpy peak MB':>13}")
    n = 10_000
    while n <= args.max:
        cmd = [sys.executable, __file__, "--one", str(n), "--sampler", args.sampler]
        reps = ["--repeat", str(args.repeat if n < 10_000_000 else 1)]
        r = json.loads(subprocess.run(cmd + reps, capture_output=True, text=True, check=True).stdout)
        t = json.loads(subprocess.run(cmd + ["--trace", "--repeat", "1"], capture_output=True, text=True,
                                      check=True).stdout)
        print(f"{n:>12,} {r['seconds']:>8.3f} {r['draws_per_s']:>12,.0f} {r['sample_and_evaluate_s']:>11.3f} "
              f"{r['summarize_s']:>9.3f} {r['peak_rss_mb']:>11.0f} {t['traced_peak_mb']:>13.0f}")
        n *= 10
    if args.max >= 1_000_000:
        print("\nAll three samplers at 10^6 draws")
        for s in ("mc", "lhs", "sobol"):
            cmd = [sys.executable, __file__, "--one", "1000000", "--sampler", s, "--repeat", str(args.repeat)]
            r = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
            print(f"  {s:>5}: {r['seconds']:.3f} s ({r['sample_and_evaluate_s']:.3f} sampling and evaluation, "
                  f"{r['summarize_s']:.3f} summaries)")
    print("\nModel evaluation vs bare numpy (same formulas, 36 outputs; best of 5)")
    for n in (100_000, 1_000_000):
        c = compare_bare(n)
        print(f"  {n:>9,} draws: model {c['model_eval_s']:.3f} s, bare numpy {c['bare_numpy_s']:.3f} s, "
              f"ratio {c['ratio']:.2f}, max relative difference {c['max_rel_diff']:.1e}; "
              f"(draws, years) stream would take ~{c['full_stream_s_est']:.2f} s")


if __name__ == "__main__":
    main()
