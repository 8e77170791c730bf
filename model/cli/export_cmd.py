"""``sescdp export``: write the comment-response export (.xlsx, .csv, .md, .docx or .json, by suffix), or
the scenario in force as a scenario file (.toml). ``--scenario`` also takes an exported .xlsx workbook."""

from __future__ import annotations

import argparse
import sys

from model.cli.common import whole_number


from model.core.text import visible  # noqa: E402 (shown on a terminal: control characters escaped)


def export_scenario(args: argparse.Namespace):
    """The scenario to export and its description: primary, then --scenario (a scenario file, or an
    exported .xlsx workbook whose Assumptions sheet is read back), then --set."""
    from model.api import Scenario

    s = Scenario.load(args.scenario)
    description = None
    if args.scenario:
        description = s.description + (" (with --set " + ", ".join(args.sets) + ")" if args.sets else "")
    elif args.sets:
        description = "--set " + " --set ".join(args.sets)
    if args.sets:
        s = Scenario.load(args.scenario, args.sets, origin="--set")
    return s, description


def cmd_export(args: argparse.Namespace) -> int:
    from model.outputs.export import check_monte_carlo_options, check_writable

    check_writable(args.out)  # fail on a bad --out before any computing
    check_monte_carlo_options(args.draws, args.seed)
    s, description = export_scenario(args)
    report = s.report(compare=args.compare or None, years=args.years, draws=args.draws, seed=args.seed,
                      sobol_n=args.sobol_n, description=description, sampler=args.sampler,
                      accounting_method=args.accounting_method)
    path = report.write(args.out)
    p = report.provenance
    print(f"wrote {path} (scenario {visible(str(p['scenario']))}; assumption digest {p['assumptions_digest']}; "
          f"commit {p['git_commit']})", file=sys.stderr)
    return 0


def add_command(subparsers) -> None:
    """Register ``export`` on the sescdp command line."""
    p = subparsers.add_parser("export", help="write results with provenance to .xlsx, .csv, .md, .docx or .json")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="output file; the suffix picks the format: .xlsx .csv .md .docx .json, or .toml "
                        "(the scenario in force, as a scenario file)")
    add_export_options(p)
    p.set_defaults(func=cmd_export)


def add_export_options(p) -> None:
    """The options ``export`` and ``report`` share: scenario, horizon, comparison, draws, accounting method."""
    from model.cli.common import add_scenario_options, years_type

    add_scenario_options(p)
    p.add_argument("--years", type=years_type, default=None, help="horizon in years (1-50; default analysis.horizon_years)")
    p.add_argument("--compare", action="append", metavar="SCENARIO", default=[],
                   help="scenario for the Scenarios sheet, beside the one in force (repeatable; default: all in "
                        "assumptions/scenarios)")
    p.add_argument("--draws", type=whole_number(2), default=None,
                   help="Monte Carlo draws (with --seed): fills the Monte Carlo summary and Sensitivity sheets")
    p.add_argument("--seed", type=whole_number(0), default=None, help="random seed for --draws")
    p.add_argument("--sobol-n", dest="sobol_n", type=whole_number(0), default=None,
                   help="SALib base sample for Sobol indices (power of 2; 0 = tornado only; "
                        "default: draws capped at 1024)")
    p.add_argument("--sampler", choices=["mc", "lhs", "sobol"], default="lhs",
                   help="Monte Carlo design: plain random, Latin hypercube (default) or scrambled Sobol")
    p.add_argument("--accounting-method", dest="accounting_method", choices=["ranges", "montecarlo"],
                   default=None, help="low/high of the A-4 statement: Monte Carlo P5/P95 (default; "
                                      "analysis.accounting_draws draws from analysis.seed, whatever --draws) or "
                                      "the assumption ranges")
