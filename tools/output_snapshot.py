"""Snapshot the CLI's JSON outputs, to diff before and after a refactor.

    python tools/output_snapshot.py DIR          # write DIR/<name>.json for every case below
    python tools/output_snapshot.py --diff A B   # compare two snapshot folders; exit 1 on any difference
    python tools/output_snapshot.py --diff A B --rtol 1e-12   # numbers equal to 12 significant digits count as equal

Volatile fields (timings, dates, git commit) are dropped. Each case runs ``model.cli.main`` in process.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

CASES = {
    "run": ["run", "--years", "10", "--format", "json"],
    "run_complete": ["run", "--scenario", "complete", "--years", "10", "--format", "json"],
    "run_sets": ["run", "--set", "practice.coaching_hours=4", "--set", "policy.baseline_staggered=0",
                 "--set", "policy.first_update_sunk=1", "--years", "10", "--format", "json"],
    "accounting": ["accounting", "--format", "json", "--draws", "2000", "--seed", "3"],
    "accounting_ranges": ["accounting", "--method", "ranges", "--format", "json"],
    "simulate": ["simulate", "--draws", "5000", "--seed", "7", "--format", "json"],
    "simulate_sobol": ["simulate", "--draws", "4096", "--seed", "2", "--sampler", "sobol", "--format", "json"],
    "sensitivity": ["sensitivity", "--sobol-n", "64", "--draws", "500", "--seed", "1", "--format", "json"],
    "compare": ["compare", "--framing", "incremental", "--format", "json"],
    "reproduce": ["reproduce", "--format", "json"],
    "explain_year1": ["explain", "year1.incremental.external.government", "--format", "json"],
    "explain_annualized": ["explain", "annualized.as_published.mixed.7", "--format", "json"],
    "explain_published": ["explain", "total_per_agency_external", "--format", "json"],
    "accounting_ranges_complete": ["accounting", "--scenario", "complete", "--method", "ranges", "--format", "json"],
}
# A scenario file with its own distribution, written next to the snapshot (``--scenario`` reads it).
DIST_SCENARIO = ('[scenario]\nname = "External rate 900-1,100"\ndescription = "A narrower external rate range."\n[distributions]\n"coaching.external_rate" = "uniform:900:1100"\n')
VOLATILE = {"timings", "date_utc", "git_commit", "elapsed_s", "seconds"}


def scrub(x):
    if isinstance(x, dict):
        return {k: scrub(v) for k, v in x.items() if k not in VOLATILE}
    if isinstance(x, list):
        return [scrub(v) for v in x]
    return x


def snapshot(folder: Path) -> None:
    from model.cli.main import main
    folder.mkdir(parents=True, exist_ok=True)
    dist = folder / "dist_scenario.toml"
    dist.write_text(DIST_SCENARIO)
    cases = {**CASES, "accounting_ranges_dist": ["accounting", "--scenario", str(dist), "--method", "ranges",
                                                  "--format", "json"]}
    for name, argv in cases.items():
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(argv)
        text = out.getvalue()
        try:
            data = {"exit": code, "output": scrub(json.loads(text))}
        except json.JSONDecodeError:  # a refusal prints one line, not JSON
            data = {"exit": code, "output": text}
        (folder / f"{name}.json").write_text(json.dumps(data, indent=1, sort_keys=True))
        print(f"{name}: exit {code}")


def differences(x, y, path: str = "", rtol: float = 0.0) -> list[str]:
    """Where two JSON values differ: one line per key present on one side only or value changed (numbers within
    ``rtol`` of each other, relative, count as equal: a sum taken in another order differs in its last bit)."""
    if isinstance(x, float) and isinstance(y, float) and rtol:
        return [] if abs(x - y) <= rtol * max(abs(x), abs(y)) else [f"value {path}: {x!r} -> {y!r}"]
    if type(x) is not type(y):
        return [f"type {path}"]
    if isinstance(x, dict):
        out = []
        for k in sorted(set(x) | set(y)):
            if k not in x or k not in y:
                out.append(f"only {'after' if k in y else 'before'}: {path}/{k}")
            else:
                out += differences(x[k], y[k], f"{path}/{k}", rtol)
        return out
    if isinstance(x, list):
        if len(x) != len(y):
            return [f"length {path}: {len(x)} -> {len(y)}"]
        return [d for i, (u, v) in enumerate(zip(x, y)) for d in differences(u, v, f"{path}[{i}]", rtol)]
    return [] if x == y else [f"value {path}: {x!r} -> {y!r}"]


def diff(a: Path, b: Path, rtol: float = 0.0) -> int:
    bad = 0
    for name in [*CASES, "accounting_ranges_dist"]:
        x, y = (json.loads((f / f"{name}.json").read_text()) for f in (a, b))
        d = differences(x, y, rtol=rtol)
        print(f"{'DIFFERENT' if d else 'same'}: {name}")
        for line in d[:20]:
            print(f"  {line}")
        bad += bool(d)
    return 1 if bad else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--diff", action="store_true")
    ap.add_argument("--rtol", type=float, default=0.0, help="relative tolerance for numbers (default 0: exact)")
    args = ap.parse_args()
    if args.diff:
        sys.exit(diff(Path(args.folders[0]), Path(args.folders[1]), args.rtol))
    snapshot(Path(args.folders[0]))
