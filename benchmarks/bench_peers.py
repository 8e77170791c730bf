"""Speed against peers and against the machine, measured in one run (issue 14). Prints ratios, asserts nothing.

Rows (times are wall seconds of the whole process unless stated; the median of --repeat runs):

1. The same small model in three tools, 10^6 draws: six uncertain inputs (external coaching rate, coaching
   hours, participants, training hours and cost per hour, agencies) and four outputs (year-1 cost per agency
   and government-wide, internal and external coaching), each with its mean and 5th, 50th and 95th
   percentiles:
   - ``sescdp simulate`` (``python -m model simulate --fixed --dist ...``, only those outputs asked for);
   - Squiggle 0.10 (``@quri/squiggle-lang`` on node; installed with npm into a temp dir if missing; skipped,
     with a note, if node or npm is absent);
   - a straightforward scipy.stats + pandas script (draws with ``rvs``, a DataFrame, ``quantile``).
   The means are compared to show the three compute the same model.
2. The full model (every uncertain input, 36 outputs: 3 coaching modes x 2 levels x 2 framings x year 1 and
   two present values), 10^6 draws, in process after a warm-up, against the floor of this machine: writing
   the 36 outputs once and reading them twice at the measured memory bandwidth, plus generating one uniform
   per drawn input and draw.
3. Start-up: ``python -m model --help`` against ``python -c "import numpy"``.
4. Peak memory (ru_maxrss) of the full model at 10^7 draws, in a fresh process (``--no-memory`` skips it).
5. The rank correlations achieved by Iman-Conover against their targets, with the Monte Carlo error.

Usage: python benchmarks/bench_peers.py [--draws 1000000] [--repeat 3] [--no-memory] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQUIGGLE = "@quri/squiggle-lang@0.10.0"
SQUIGGLE_DIR = Path(tempfile.gettempdir()) / "sescdp-bench-squiggle"
SEED = 20251218

# The small model's six inputs, as sescdp distributions (also written out below for Squiggle and scipy).
SMALL_DISTS = {
    "coaching.external_rate": "pert:200:1000:3000",
    "coaching.hours": "uniform:10:12",
    "cohort.participants": "triangular:15:25:35",
    "training.hours_proposed": "uniform:100:120",
    "training.cost_per_hour": "pert:100:150:250",
    "agencies.count": "discrete:11@0.15,12@0.15,13@0.7",
}
# The year-1 cost per agency of the NPRM's formula with those six drawn and the rest at the NPRM values
# (``sescdp explain year1.as_published.external.agency``): policy labour and its recount (2 x 100 h at the
# loaded $154.76), added training ((hours - 80) x cost x participants), assessments ((40 + participants) x
# $350), staff hours (10 h x participants x $154.76) and, for external coaching, participants x hours x rate.
SQUIGGLE_MODEL = """
s(d) = SampleSet.fromDist(d)
pert(lo, m, hi) = lo + (hi - lo) * beta(1 + 4 * (m - lo) / (hi - lo), 1 + 4 * (hi - m) / (hi - lo))
rate = s(pert(200, 1000, 3000))
hours = s(uniform(10, 12))
participants = s(triangular(15, 25, 35))
training_hours = s(uniform(100, 120))
cost_per_hour = s(pert(100, 150, 250))
agencies = s(mx(pointMass(11), pointMass(12), pointMass(13), [0.15, 0.15, 0.7]))
loaded = 154.76
internal = 2 * 100 * loaded + participants * (training_hours - 80) * cost_per_hour + (40 + participants) * 350 + participants * 10 * loaded
external = internal + participants * hours * rate
stats(x) = {mean: mean(x), p5: quantile(x, 0.05), p50: quantile(x, 0.5), p95: quantile(x, 0.95)}
{internal_agency: stats(internal), external_agency: stats(external), internal_government: stats(internal * agencies), external_government: stats(external * agencies)}
"""
SQUIGGLE_RUNNER = """
import { run } from "@quri/squiggle-lang";
import fs from "node:fs";
const out = await run(fs.readFileSync(process.argv[2], "utf8"),
                      { environment: { sampleCount: Number(process.argv[3]), xyPointLength: 1000, seed: "SEED" } });
if (!out.result.ok) { console.error(out.result.value.toString()); process.exit(1); }
console.log(JSON.stringify(out.result.value.result.asJS(), (k, v) => v instanceof Map ? Object.fromEntries(v) : v));
"""
SCIPY_PANDAS = """
import json, sys
import numpy as np
import pandas as pd
from scipy import stats

n = int(sys.argv[1])
rng = np.random.default_rng(int(sys.argv[2]))

def pert(lo, mode, hi):
    a, b = 1 + 4 * (mode - lo) / (hi - lo), 1 + 4 * (hi - mode) / (hi - lo)
    return lo + (hi - lo) * stats.beta.rvs(a, b, size=n, random_state=rng)

df = pd.DataFrame({
    "rate": pert(200, 1000, 3000),
    "hours": stats.uniform.rvs(10, 2, size=n, random_state=rng),
    "participants": stats.triang.rvs(0.5, loc=15, scale=20, size=n, random_state=rng),
    "training_hours": stats.uniform.rvs(100, 20, size=n, random_state=rng),
    "cost_per_hour": pert(100, 150, 250),
    "agencies": rng.choice([11, 12, 13], p=[0.15, 0.15, 0.7], size=n),
})
loaded = 154.76
df["internal_agency"] = (2 * 100 * loaded + df.participants * (df.training_hours - 80) * df.cost_per_hour
                         + (40 + df.participants) * 350 + df.participants * 10 * loaded)
df["external_agency"] = df.internal_agency + df.participants * df.hours * df.rate
df["internal_government"] = df.internal_agency * df.agencies
df["external_government"] = df.external_agency * df.agencies
cols = ["internal_agency", "external_agency", "internal_government", "external_government"]
q = df[cols].quantile([0.05, 0.5, 0.95])
print(json.dumps({c: {"mean": df[c].mean(), "p5": q.loc[0.05, c], "p50": q.loc[0.5, c], "p95": q.loc[0.95, c]}
                  for c in cols}))
"""


def timed(cmd: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, str]:
    """Median wall seconds of ``repeat`` runs of a whole process, and its last stdout."""
    times, out = [], ""
    for _ in range(repeat):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[:4])} ...: failed: {done.stderr[-600:]}")
        out = done.stdout
    return statistics.median(times), out


def squiggle_ready() -> tuple[Path | None, str]:
    """The directory holding Squiggle (installed there with npm if missing), or None and why not."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None, "node or npm is not installed: the Squiggle row is skipped"
    if not (SQUIGGLE_DIR / "node_modules" / "@quri" / "squiggle-lang").is_dir():
        SQUIGGLE_DIR.mkdir(parents=True, exist_ok=True)
        (SQUIGGLE_DIR / "package.json").write_text('{"name": "bench", "private": true, "type": "module"}')
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", SQUIGGLE], cwd=SQUIGGLE_DIR,
                              capture_output=True, text=True)
        if done.returncode != 0:
            return None, f"npm install {SQUIGGLE} failed: the Squiggle row is skipped ({done.stderr[-200:]})"
    (SQUIGGLE_DIR / "model.squiggle").write_text(SQUIGGLE_MODEL)
    (SQUIGGLE_DIR / "run.mjs").write_text(SQUIGGLE_RUNNER.replace("SEED", str(SEED)))
    return SQUIGGLE_DIR, ""


def small_model(draws: int, repeat: int) -> list[dict]:
    """The small model in sescdp, Squiggle and scipy + pandas: whole-process times and the means."""
    rows = []
    cmd = [sys.executable, "-m", "model", "simulate", "--fixed", "--draws", str(draws), "--seed", str(SEED),
           "--framing", "as_published", "--coaching", "internal", "--coaching", "external",
           "--quantity", "year1_total", "--format", "json"]
    for pid, spec in SMALL_DISTS.items():
        cmd += ["--dist", f"{pid}={spec}"]
    t, out = timed(cmd, repeat, ROOT)
    doc = json.loads(out)
    means = {f"{r['coaching']}_{r['level']}": r["mean"] for r in doc["summary"]}
    rows.append({"tool": "sescdp simulate", "seconds": t, "means": means})
    where, why = squiggle_ready()
    if where is None:
        rows.append({"tool": "Squiggle 0.10", "seconds": None, "note": why})
    else:
        t, out = timed(["node", "run.mjs", "model.squiggle", str(draws)], repeat, where)
        doc = json.loads(out)["value"]  # {"vtype": "Dict", "value": {output: {"vtype": "Dict", "value": stats}}}
        rows.append({"tool": "Squiggle 0.10", "seconds": t, "means": {k: v["value"]["mean"] for k, v in doc.items()}})
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(textwrap.dedent(SCIPY_PANDAS))
    try:
        t, out = timed([sys.executable, fh.name, str(draws), str(SEED)], repeat)
    finally:
        os.unlink(fh.name)
    rows.append({"tool": "scipy.stats + pandas", "seconds": t, "means": {k: v["mean"] for k, v in json.loads(out).items()}})
    return rows


def full_model_vs_floor(draws: int, repeat: int) -> dict:
    """The full model's in-process time at ``draws`` (best of ``repeat`` after a warm-up) and the floor."""
    import numpy as np

    sys.path.insert(0, str(ROOT))
    from model.core.parameters import load_assumptions
    from model.engines.simulate import simulate

    a = load_assumptions()
    simulate(a, 10_000, 0)  # warm-up: imports, tables
    best, res = None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        run = simulate(a, draws, SEED)
        wall = time.perf_counter() - t0
        if best is None or wall < best:
            best, res = wall, run  # the fastest run, and its own split of the time
    outputs, inputs = len(res.summary), len(res.meta["dists"])
    rng = np.random.default_rng(0)
    big = np.empty(outputs * draws)
    uniforms = np.empty(inputs * draws)

    def fastest(f) -> float:
        times = []
        for _ in range(max(3, repeat)):
            t0 = time.perf_counter()
            f()
            times.append(time.perf_counter() - t0)
        return min(times)

    write = fastest(lambda: big.fill(1.0))
    read = fastest(lambda: big.sum())
    draw = fastest(lambda: rng.random(out=uniforms))
    floor = write + 2 * read + draw
    return {"draws": draws, "seconds": best, "outputs": outputs, "inputs": inputs, "write_s": write,
            "read_s": read, "uniforms_s": draw, "floor_s": floor, "bandwidth_gb_s": big.nbytes / read / 1e9,
            "timings": res.timings}


def start_up(repeat: int) -> dict:
    """Median whole-process seconds of ``python -m model --help`` and ``python -c "import numpy"``,
    interleaved so a load spike hits both."""
    ours, numpy_ = [], []
    for _ in range(max(repeat, 7)):
        ours.append(timed([sys.executable, "-m", "model", "--help"], 1, ROOT)[0])
        numpy_.append(timed([sys.executable, "-c", "import numpy"], 1)[0])
    return {"help_s": statistics.median(ours), "numpy_s": statistics.median(numpy_)}


def peak_memory(draws: int) -> dict:
    """Peak resident memory (MiB) of a fresh process running the full model at ``draws``."""
    code = ("import resource, time\nfrom model.core.parameters import load_assumptions\n"
            "from model.engines.simulate import simulate\nt = time.perf_counter()\n"
            f"simulate(load_assumptions(), {draws}, {SEED})\n"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"memory run failed: {done.stderr[-600:]}")
    seconds, mib = map(float, done.stdout.split())
    return {"draws": draws, "seconds": seconds, "peak_mib": mib}


def rank_correlations(draws: int) -> list[dict]:
    """Achieved Spearman correlation of each correlated pair (full model, ``draws`` draws) vs its target."""
    from scipy import stats

    from model.core.parameters import load_assumptions
    from model.engines.simulate import simulate

    res = simulate(load_assumptions(), draws, SEED, keep_inputs=True, modes=("internal",), levels=("agency",),
                   framings=("as_published",), quantities=("year1_total",))
    out = []
    for pair, target in res.meta["correlations"].items():
        a, b = (x.strip() for x in pair.split("~"))
        rho = stats.spearmanr(res.inputs[a], res.inputs[b]).statistic
        out.append({"pair": pair, "target": target, "achieved": float(rho), "mc_error": 1 / (draws - 1) ** 0.5})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-memory", action="store_true", help="skip the 10^7-draw peak-memory run")
    args = ap.parse_args()
    print(f"# bench_peers: {args.draws:,} draws, median of {args.repeat} runs; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")

    # The in-process timing first, before the other processes have churned the machine's memory; then the
    # fresh memory process; then the whole-process runs.
    full = full_model_vs_floor(args.draws, args.repeat)
    mem = None if args.no_memory else peak_memory(10 * args.draws)
    small = small_model(args.draws, args.repeat)
    ref = small[0]["means"]
    boot = start_up(args.repeat)
    corr = rank_correlations(args.draws)

    ours = small[0]["seconds"]
    lines = ["| measure | time | ratio | target |", "|---|---|---|---|"]
    for r in small:
        if r["seconds"] is None:
            lines.append(f"| small model, {r['tool']} | skipped | | {r['note']} |")
            continue
        ratio = "" if r is small[0] else f"sescdp / {r['tool']} = {ours / r['seconds']:.2f}"
        target = "sescdp ≤ 0.5 × Squiggle" if r["tool"].startswith("Squiggle") else ""
        lines.append(f"| small model, {r['tool']}, whole process | {r['seconds']:.2f} s | {ratio} | {target} |")
    lines.append(f"| full model ({full['outputs']} outputs, {full['inputs']} inputs), in process | "
                 f"{full['seconds']:.2f} s | {full['seconds'] / full['floor_s']:.1f} × floor | ≤ 5 × floor |")
    lines.append(f"| floor: write {full['outputs']} outputs once, read twice ({full['bandwidth_gb_s']:.1f} GB/s), "
                 f"{full['inputs']} × {args.draws:,} uniforms | {full['floor_s']:.3f} s | | |")
    lines.append(f"| start-up, `python -m model --help` | {boot['help_s']:.3f} s | "
                 f"{boot['help_s'] / boot['numpy_s']:.2f} × `import numpy` ({boot['numpy_s']:.3f} s) | ≤ 2 × |")
    if mem:
        lines.append(f"| peak memory, full model, {mem['draws']:,} draws | {mem['peak_mib']:,.0f} MiB "
                     f"({mem['seconds']:.1f} s) | {mem['peak_mib'] * 2 ** 20 / 1e9:.2f} GB | < 1 GB |")
    print("\n".join(lines))

    print("\nSame model: means of the small model's outputs (USD), relative to sescdp")
    for key in ref:
        cells = [f"{r['tool']} {r['means'][key]:,.0f} ({r['means'][key] / ref[key] - 1:+.2%})"
                 for r in small if r.get("means") and key in r["means"]]
        print(f"  {key}: " + "; ".join(cells))
    print("  (sescdp rounds the drawn participants to whole people, a count; the peers do not)")
    t = full["timings"]
    print(f"\nFull model, where the time goes: sampling and evaluation {t['sample_and_evaluate_s']:.2f} s, "
          f"summaries {t['summarize_s']:.2f} s; floor parts: write {full['write_s']:.3f} s, read {full['read_s']:.3f} s "
          f"(x2), uniforms {full['uniforms_s']:.3f} s")
    print(f"\nRank correlations imposed by Iman-Conover ({args.draws:,} draws; Monte Carlo error about "
          f"{corr[0]['mc_error'] if corr else 0:.4f})")
    for c in corr:
        print(f"  {c['pair']}: target {c['target']:+.3f}, achieved {c['achieved']:+.4f} "
              f"(difference {c['achieved'] - c['target']:+.4f})")
    print("  (a pair of counts, drawn as whole numbers, has ties, which lower its rank correlation a little)")


if __name__ == "__main__":
    main()
