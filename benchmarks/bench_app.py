"""Speed of the app (issue 6, item 9): prints figures, asserts nothing.

1. A deterministic redraw: the app under ``streamlit.testing.v1.AppTest`` re-run after one input change
   (coaching.external_rate set to a value not seen before, so every cached result is recomputed), on
   the Results page. Target: under 200 ms.
2. The bare model calls that redraw makes (year-1 totals for the metrics and the NPRM deltas, and the
   cost stream for the charts).
3. A 10,000-draw Monte Carlo simulation (``model.montecarlo.simulate``). Target: under a second.

Run: ``python benchmarks/bench_app.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from model.engines.montecarlo import simulate  # noqa: E402
from model.core.parameters import load_assumptions  # noqa: E402
from model.core.results import cost_table, horizon, year_one_totals  # noqa: E402

RATE = "coaching.external_rate"
SEED = 20251218
DRAWS = 10_000


def ms(seconds: list[float]) -> str:
    s = sorted(x * 1000 for x in seconds)
    return f"median {statistics.median(s):7.1f} ms   min {s[0]:7.1f} ms   max {s[-1]:7.1f} ms   (n={len(s)})"


def bench_app(repeats: int) -> list[float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    if at.exception:
        raise SystemExit(f"app raised: {at.exception}")
    at.toggle(key="use_sliders").set_value(False).run()  # exact number boxes (sliders are the default)
    times = []
    for i in range(repeats):
        at.number_input(key=f"w:{RATE}").set_value(1000.0 + 7 * (i + 1))  # a new value: no cache hit
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        if at.exception:
            raise SystemExit(f"app raised: {at.exception}")
    return times


def bench_model(repeats: int) -> list[float]:
    base = load_assumptions()
    times = []
    for i in range(repeats):
        t = time.perf_counter()
        a = base.with_overrides({RATE: 1000.0 + 11 * (i + 1)}, "bench")
        year_one_totals(a)
        cost_table(a, years=horizon(a), framings=("as_published",))
        times.append(time.perf_counter() - t)
    return times


def bench_simulation(repeats: int) -> list[float]:
    a = load_assumptions()
    times = []
    for i in range(repeats):
        t = time.perf_counter()
        simulate(a, DRAWS, SEED + i)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    print(f"Deterministic redraw, AppTest re-run after one input change:  {ms(bench_app(args.repeats))}")
    print(f"Bare model calls of that redraw (year-1 totals, {horizon(load_assumptions())}-year stream): "
          f"{ms(bench_model(args.repeats))}")
    print(f"Monte Carlo, {DRAWS:,} draws (simulate, default sampler):      {ms(bench_simulation(max(3, args.repeats // 4)))}")


if __name__ == "__main__":
    main()
