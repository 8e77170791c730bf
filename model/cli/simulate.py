"""``sescdp simulate``: Monte Carlo percentiles, exceedance and convergence."""

from __future__ import annotations

import argparse
import json

from model import __version__
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.engines.samplers import DEFAULT_CHUNK, DESIGN_BLOCK, SAMPLERS
from model.cli.common import MAX_DRAWS, add_model_options, money_table, usd_type, whole_number


def add_command(sub) -> None:
    """Register ``sescdp simulate``."""
    sim = sub.add_parser("simulate", help="Monte Carlo: percentiles, exceedance and convergence of the costs")
    add_model_options(sim)
    sim.add_argument("--draws", type=whole_number(2, MAX_DRAWS), required=True, metavar="N")
    sim.add_argument("--seed", type=whole_number(0, 2 ** 63 - 1), required=True, metavar="S")
    sim.add_argument("--sampler", choices=SAMPLERS, default="lhs",
                     help="uniform design: plain Monte Carlo, Latin hypercube (default) or scrambled Sobol")
    sim.add_argument("--threshold", dest="thresholds", type=usd_type("--threshold"), action="append", default=[],
                     metavar="USD", help="exceedance threshold (repeatable; default context.significance_threshold)")
    sim.add_argument("--chunk-size", type=whole_number(1, MAX_DRAWS), default=DEFAULT_CHUNK, metavar="N",
                     help=f"draws evaluated at once (memory only; results do not depend on it); a size above "
                          f"one design block of {DESIGN_BLOCK:,} draws is rounded down to whole blocks")
    for opt, dest, allowed, what in (("--coaching", "coaching", MODES, "coaching mode"), ("--level", "levels", LEVELS, "level"),
                                     ("--framing", "framings", FRAMINGS, "framing")):
        sim.add_argument(opt, dest=dest, choices=allowed, action="append", default=None,
                         help=f"summarize only this {what} (repeatable; default all)")
    sim.add_argument("--quantity", dest="quantities", action="append", default=None, metavar="NAME",
                     help="summarize only this quantity: year1_total, or pv_3, pv_7, ... (repeatable; default all)")
    sim.set_defaults(func=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    from model.api import Scenario
    from model.outputs.records import strict_record, strict_records

    s = Scenario.load(args.scenario, args.sets, origin="--set")
    res = s.simulate(args.draws, args.seed, sampler=args.sampler, dists=args.dists, fixed=args.fixed,
                     years=args.years, thresholds=args.thresholds or None, chunk_size=args.chunk_size,
                     coaching=args.coaching, levels=args.levels, framings=args.framings, quantities=args.quantities)
    meta = {k: v for k, v in res.meta.items() if k != "chunk_size"}  # output must not depend on it
    if args.format == "json":
        print(json.dumps(strict_record({"model_version": __version__, "meta": meta, "summary": strict_records(res.summary),
                          "exceedance": strict_records(res.exceedance), "convergence": strict_records(res.convergence)}),
                         indent=1, allow_nan=False))
        return 0
    print(f"Monte Carlo | scenario: {s.name} | {res.meta['draws']:,} draws, {res.meta['sampler']}, "
          f"seed {res.meta['seed']} | {s.basis(res.meta['years'])}")
    print("Distributions: " + ("; ".join(f"{k} {v}" for k, v in res.meta["dists"].items()) or "none (all fixed)"))
    if res.meta["correlations"]:
        print("Rank correlations: " + "; ".join(f"{k} {v:g}" for k, v in res.meta["correlations"].items()))
    if res.meta["clamped_draws"]:
        print("Clamped draws: " + "; ".join(f"{k} {v:,}" for k, v in res.meta["clamped_draws"].items()))
    cols = ["coaching", "level", "framing", "quantity", "mean", "se", "p5", "p50", "p95"]
    print(money_table(res.summary[cols]))
    ex = res.exceedance.copy()
    ex["probability"] = ex["probability"].map(lambda v: f"{v:.4f}")
    headline = ex[(ex.level == "government") & (ex.quantity == "year1_total")]
    if len(headline):
        ex = headline
    print("\nProbability that the " + ("government-wide year-1 cost" if len(headline) else "output")
          + " exceeds the threshold")
    print(money_table(ex))
    return 0
