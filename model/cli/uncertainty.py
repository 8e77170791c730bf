"""CLI subcommands ``simulate`` (Monte Carlo) and ``sensitivity`` (tornado, Sobol, Spearman,
switching values). Registered through ``model.cli.COMMAND_MODULES``."""

from __future__ import annotations

import argparse
import json

import pandas as pd

from model import __version__
from model.cli.main import add_scenario_options, assumptions_from_args, money_table, whole_number
from model.engines.distributions import parse_dist_options
from model.engines.montecarlo import SAMPLERS, simulate
from model.core.parameters import MODES
from model.core.quantities import pv_high
from model.core.numbers import parse_number
from model.core.results import as_records, basis
from model.engines.sensitivity import sobol_indices, spearman, switching_values, tornado
from model.core.stream import FRAMINGS, LEVELS

MAX_DRAWS = 10 ** 9


def _usd(option: str):
    def parse(value: str) -> float:
        try:
            return parse_number(value, money=True)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an amount in USD such as 100000000, got {value!r}") from None
    return parse


_years = whole_number(1, 50)


def _add_model_options(p: argparse.ArgumentParser) -> None:
    add_scenario_options(p)
    p.add_argument("--dist", dest="dists", action="append", default=[], metavar="ID=KIND:ARGS",
                   help="distribution of one parameter, e.g. coaching.external_rate=uniform:200:3000; kinds "
                        "fixed:V, uniform:LOW:HIGH, triangular:LOW:MODE:HIGH, pert:LOW:MODE:HIGH, normal:MEAN:SD, "
                        "lognormal:P5:P95, discrete:13@0.5,15@0.5 (repeatable)")
    p.add_argument("--fixed", action="store_true",
                   help="hold every parameter at its value except those given with --dist")
    p.add_argument("--years", type=_years, default=None, help="horizon for present values (default 10)")
    p.add_argument("--format", choices=["table", "json"], default="table")


def add_command(sub) -> None:
    """Add ``simulate`` and ``sensitivity`` to the CLI's subparsers."""
    sim = sub.add_parser("simulate", help="Monte Carlo: percentiles, exceedance and convergence of the costs")
    _add_model_options(sim)
    sim.add_argument("--draws", type=whole_number(2, MAX_DRAWS), required=True, metavar="N")
    sim.add_argument("--seed", type=whole_number(0, 2 ** 63 - 1), required=True, metavar="S")
    sim.add_argument("--sampler", choices=SAMPLERS, default="lhs",
                     help="uniform design: plain Monte Carlo, Latin hypercube (default) or scrambled Sobol")
    sim.add_argument("--threshold", dest="thresholds", type=_usd("--threshold"), action="append", default=[],
                     metavar="USD", help="exceedance threshold (repeatable; default context.significance_threshold)")
    sim.add_argument("--chunk-size", type=whole_number(1, MAX_DRAWS), default=200_000, metavar="N",
                     help="draws evaluated at once (memory only; results do not depend on it)")
    sim.set_defaults(func=cmd_simulate)

    sen = sub.add_parser("sensitivity", help="tornado, Sobol indices, Spearman correlations and switching values")
    _add_model_options(sen)
    sen.add_argument("--quantity", default=None, help="year1_total, pv_3 or pv_7 (default: the PV at the higher "
                     "A-4 rate, pv_7)")
    sen.add_argument("--coaching", choices=MODES, default="internal")
    sen.add_argument("--level", choices=LEVELS, default="government")
    sen.add_argument("--framing", choices=FRAMINGS, default="as_published")
    sen.add_argument("--threshold", type=_usd("--threshold"), default=None, metavar="USD",
                     help="threshold for switching values (default context.significance_threshold)")
    sen.add_argument("--sobol-n", type=whole_number(2, 2 ** 20), default=None, metavar="N",
                     help="Sobol base samples, a power of 2 (default analysis.sobol_samples)")
    sen.add_argument("--draws", type=whole_number(2, 10 ** 7), default=None, metavar="N",
                     help="Monte Carlo draws for the Spearman correlations (default analysis.app_draws)")
    sen.add_argument("--seed", type=whole_number(0, 2 ** 32 - 1), default=None, metavar="S",
                     help="seed (default analysis.seed)")
    sen.set_defaults(func=cmd_sensitivity)


def cmd_simulate(args: argparse.Namespace) -> int:
    a = assumptions_from_args(args)
    dists = parse_dist_options(args.dists, a.specs)
    res = simulate(a, args.draws, args.seed, sampler=args.sampler, dists=dists, fixed=args.fixed,
                   years=args.years, thresholds=args.thresholds or None, chunk_size=args.chunk_size)
    meta = {k: v for k, v in res.meta.items() if k != "chunk_size"}  # output must not depend on it
    if args.format == "json":
        print(json.dumps({"model_version": __version__, "meta": meta, "summary": as_records(res.summary),
                          "exceedance": as_records(res.exceedance), "convergence": as_records(res.convergence)},
                         indent=1))
        return 0
    print(f"Monte Carlo | scenario: {a.scenario} | {res.meta['draws']:,} draws, {res.meta['sampler']}, "
          f"seed {res.meta['seed']} | {basis(a, res.meta['years'])}")
    print("Distributions: " + ("; ".join(f"{k} {v}" for k, v in res.meta["dists"].items()) or "none (all fixed)"))
    if res.meta["correlations"]:
        print("Rank correlations: " + "; ".join(f"{k} {v:g}" for k, v in res.meta["correlations"].items()))
    if res.meta["clamped_draws"]:
        print("Clamped draws: " + "; ".join(f"{k} {v:,}" for k, v in res.meta["clamped_draws"].items()))
    cols = ["coaching", "level", "framing", "quantity", "mean", "se", "p5", "p50", "p95"]
    print(money_table(res.summary[cols]))
    ex = res.exceedance.copy()
    ex["probability"] = ex["probability"].map(lambda v: f"{v:.4f}")
    ex = ex[(ex.level == "government") & (ex.quantity == "year1_total")]
    print("\nProbability that the government-wide year-1 cost exceeds the threshold")
    print(money_table(ex))
    return 0


def cmd_sensitivity(args: argparse.Namespace) -> int:
    a = assumptions_from_args(args)
    dists = parse_dist_options(args.dists, a.specs)
    out = dict(quantity=args.quantity or pv_high(a.values), coaching=args.coaching, level=args.level,
               framing=args.framing)
    common = dict(dists=dists, fixed=args.fixed, years=args.years)
    tor = tornado(a, **out, **common)
    n = int(a["analysis.sobol_samples"]) if args.sobol_n is None else args.sobol_n
    draws = int(a["analysis.app_draws"]) if args.draws is None else args.draws
    seed = int(a["analysis.seed"]) if args.seed is None else args.seed
    sob = sobol_indices(a, **out, n=n, seed=seed, **common)
    spe = spearman(a, **out, draws=draws, seed=seed, **common)
    sw = switching_values(a, threshold=args.threshold, **out, **common)
    if args.format == "json":
        print(json.dumps({"model_version": __version__, "scenario": a.scenario, "output": out,
                          "tornado": as_records(tor), "sobol": as_records(sob), "spearman": as_records(spe),
                          "switching_values": as_records(sw)}, indent=1))
        return 0
    print(f"Sensitivity of {args.quantity} | {args.coaching} coaching | {args.level} | {args.framing} | "
          f"scenario: {a.scenario}")
    print("\nTornado (each parameter at its low and high, the others at their values), USD")
    sig = {c: (lambda v: f"{v:,.6g}") for c in ("low", "high")}
    usd = {c: (lambda v: f"{v:,.0f}") for c in ("output_low", "output_high", "base", "swing")}
    print(tor.to_string(index=False, formatters={**sig, **usd}) if len(tor) else "(no uncertain parameters)")
    fmt = {c: (lambda v: f"{v:.3f}") for c in ["S1", "S1_conf", "ST", "ST_conf"]}
    print(f"\nSobol indices (SALib, {n} base samples; conf = 95% half-width)")
    print(sob.to_string(index=False, formatters=fmt))
    print(f"\nSpearman rank correlation with the output ({draws:,} draws)")
    print(spe.to_string(index=False, formatters={"rho": lambda v: f"{v:.3f}"}))
    thr = sw.threshold.iloc[0] if len(sw) else args.threshold
    print(f"\nSwitching values (output crosses {thr:,.0f} USD), the others at their values")
    sw_show = sw.drop(columns=["threshold"]).copy()
    sw_show["switching_value"] = sw_show["switching_value"].map(lambda v: v if isinstance(v, str) else f"{v:,.4g}")
    print(pd.DataFrame(sw_show).to_string(index=False, formatters={"output_at_value": lambda v: f"{v:,.0f}",
                                                                    "value": lambda v: f"{v:,.6g}",
                                                                    "low": lambda v: f"{v:,.6g}",
                                                                    "high": lambda v: f"{v:,.6g}"}))
    return 0
