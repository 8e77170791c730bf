"""Monte Carlo benchmark: draws per second and peak memory of ``model.montecarlo.simulate`` for
10^4 to 10^7 draws of the full model (three coaching modes, ten-year stream, 3% and 7% present
values, as published and incremental, agency and government), and the model evaluation beside the
bare numpy arithmetic of the same formulas.

Usage: python benchmarks/bench_montecarlo.py [--max 10000000] [--sampler lhs]
Each size runs in a fresh process so its peak memory (ru_maxrss, and numpy's traced allocations)
is its own. Prints figures; asserts nothing (speed is not a test).
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

from model.discount import discount_factors  # noqa: E402
from model.fastpv import Evaluator, evaluate  # noqa: E402
from model.montecarlo import Design, draw_parameters, fixed_values, sampling_plan, simulate  # noqa: E402
from model.parameters import load_assumptions  # noqa: E402
from model.results import baseline_overrides  # noqa: E402
from model.stream import baseline_params, framed_stream  # noqa: E402


def one_size(n: int, sampler: str, trace: bool) -> dict:
    """Run simulate once at n draws (after a small warm-up) and report time and memory."""
    a = load_assumptions()
    simulate(a, 10_000, 0, sampler=sampler)  # warm-up: imports, tables
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    res = simulate(a, n, 1, sampler=sampler)
    wall = time.perf_counter() - t0
    out = {"draws": n, "sampler": sampler, "seconds": wall, "draws_per_s": n / wall, **res.timings,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if trace:
        out["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
    return out


def bare_numpy(p: dict, a) -> dict:
    """The same formulas as the model's components, written out by hand for the primary switches
    (Reading A), every coaching mode, both framings, year 1 and PV at 3% and 7%, both levels."""
    n = 10
    rates = (a["analysis.discount_rate_low"], a["analysis.discount_rate_high"])
    df = {r: discount_factors(r, n) for r in rates}
    af = {r: df[r].sum() for r in rates}
    years = np.arange(1, n + 1)
    appr = {r: df[r][(years - 1) % int(a["policy.reapproval_years"]) == 0].sum() for r in rates}
    appr_b = {r: df[r][(years - 1) % 5 == 0].sum() for r in rates}
    wage = np.round(p["labor.annual_salary"] / p["labor.hours_per_year"], 2)
    loaded = wage * p["labor.load_factor"]
    per = p["cohort.participants"] * p["cohort.per_year"]
    policy = p["policy.hours"] * loaded
    added = p["training.hours_proposed"] - p["training.hours_baseline"]
    training = per * added * p["training.cost_per_hour"]
    assess = (p["cohort.applicants_assessed"] + p["cohort.participants"]) * p["cohort.per_year"] * p["assessment.cost"]
    coach_h = per * p["coaching.hours"]
    staff = per * p["accounting.staff_hours_per_participant"] * loaded
    annual0 = training + assess + staff + policy  # + recounted policy hours (switch = 1)
    slope = coach_h * (p["coaching.external_rate"] - p["coaching.internal_rate"])
    base0 = per * 0 * p["training.cost_per_hour"]  # baseline: no added hours, assessments or coaching
    share = (p["agencies.count"] - p["coaching.internal_program_agencies"]) / p["agencies.count"]
    out = {}
    for mode, e in (("internal", 0.0), ("external", 1.0), ("mixed", share)):
        ann = annual0 + coach_h * p["coaching.internal_rate"] + e * slope
        ann_b = base0
        for q, fa, fp, fb in (("year1_total", 1.0, 1.0, 1.0), *((f"pv_{r * 100:g}", af[r], appr[r], appr_b[r])
                                                              for r in rates)):
            rule = ann * fa + policy * fp
            inc = rule - (ann_b * fa + policy * fb)
            for framing, v in (("as_published", rule), ("incremental", inc)):
                out[(framing, mode, "agency", q)] = v
                out[(framing, mode, "government", q)] = v * p["agencies.count"]
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
    b = baseline_params(q, baseline_overrides(a))
    t0 = time.perf_counter()
    for mode in ("internal", "external", "mixed"):
        for framing in ("as_published", "incremental"):
            framed_stream(q, b, mode, framing, 10)
    stream_s = (time.perf_counter() - t0) * n / m
    return {"draws": n, "model_eval_s": best["model"][0], "bare_numpy_s": best["bare"][0],
            "ratio": best["model"][0] / best["bare"][0], "max_rel_diff": worst, "full_stream_s_est": stream_s}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=10_000_000)
    ap.add_argument("--sampler", default="lhs")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.sampler, args.trace)))
        return
    print(f"Machine: {os.cpu_count()} cores; numpy {np.__version__}; load average at start "
          f"{os.getloadavg()[0]:.2f} (other processes running share the cores)")
    print(f"\nsimulate(): {args.sampler} sampler, 25 uncertain parameters, 3 rank correlations, all outputs")
    print(f"{'draws':>12} {'seconds':>8} {'draws/s':>12} {'sample+eval':>11} {'summarize':>9} "
          f"{'peak RSS MB':>11} {'numpy peak MB':>13}")
    n = 10_000
    while n <= args.max:
        cmd = [sys.executable, __file__, "--one", str(n), "--sampler", args.sampler]
        r = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        t = json.loads(subprocess.run(cmd + ["--trace"], capture_output=True, text=True, check=True).stdout)
        print(f"{n:>12,} {r['seconds']:>8.3f} {r['draws_per_s']:>12,.0f} {r['sample_and_evaluate_s']:>11.3f} "
              f"{r['summarize_s']:>9.3f} {r['peak_rss_mb']:>11.0f} {t['traced_peak_mb']:>13.0f}")
        n *= 10
    if args.max >= 1_000_000:
        print("\nAll three samplers at 10^6 draws")
        for s in ("mc", "lhs", "sobol"):
            cmd = [sys.executable, __file__, "--one", "1000000", "--sampler", s]
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
