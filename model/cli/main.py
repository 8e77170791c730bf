"""Command line: ``sescdp run | reproduce | compare | ...`` (also ``python -m model``).

Bad input never shows a traceback: it prints one line, ``sescdp: error: <file or option>: <parameter>:
<what was expected>``, on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Sequence

import pandas as pd

from model import __version__
from model.core.errors import ModelInputError
from model.core.numbers import parse_number
from model.core.parameters import (Assumptions, apply_scenario, list_scenarios, load_assumptions, load_scenario,
                         parse_set_options)
from model.core.reconcile import inconsistency_table, reconciliation_ok, reconciliation_table
from model.core.standard import complete_of, readings_of
from model.core.regimes import baseline_summary, baseline_text, clamp_notes
from model.core.results import as_records, accounting_table, basis, changed_parameters, cost_table, horizon
from model.core.scenarios import comparison_table

# Modules that add further subcommands: each defines ``add_command(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = ("model.cli.export_cmd", "model.cli.uncertainty")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise ModelInputError(f"{self.prog}: {message}")


def add_scenario_options(p: argparse.ArgumentParser) -> None:
    """--scenario and --set, shared by every command that evaluates the model."""
    p.add_argument("--scenario", metavar="FILE",
                   help="scenario file (path, or a name in assumptions/scenarios/); default: NPRM primary")
    p.add_argument("--set", dest="sets", action="append", metavar="ID=VALUE", default=[],
                   help="override one parameter, e.g. --set coaching.external_rate=2000 (repeatable)")


def assumptions_from_args(args: argparse.Namespace) -> Assumptions:
    """The validated parameter set a command runs on: primary, then --scenario, then --set."""
    a = load_assumptions()
    if getattr(args, "scenario", None):
        a = apply_scenario(a, load_scenario(args.scenario, a))
    sets = parse_set_options(getattr(args, "sets", []))
    if sets:
        a = a.with_overrides(sets, "--set", scenario=a.scenario if a.overrides else "custom")
    return a


def bounded(kind, lo, hi, what: str):
    """An argparse type: parse with ``kind`` (int or float, separators allowed) and check lo <= value <= hi;
    argparse then reports one line naming the option and ``what`` was expected."""
    def parse(value: str):
        try:
            v = parse_number(value, kind)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, got {value!r}") from None
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError(f"expected {what}, got {value}")
        return v
    return parse


def whole_number(lo: int, hi: int | None = None):
    """An argparse type for a whole number from ``lo`` (to ``hi`` when given)."""
    what = f"a whole number from {lo:,} to {hi:,}" if hi is not None else f"a whole number of at least {lo:,}"
    return bounded(int, lo, float("inf") if hi is None else hi, what)


_years = whole_number(1, 50)
_rate = bounded(float, 0.0, 0.99, "a rate from 0 to 0.99 (0.02 = 2%)")


def money_table(df: pd.DataFrame) -> str:
    """A table as text with USD figures to the dollar, thousands separated."""
    fmt = {c: (lambda v: f"{v:,.0f}") for c in df.columns if pd.api.types.is_float_dtype(df[c])}
    for c in df.columns:
        if c == "discount_rate" or c.startswith("share"):
            fmt[c] = lambda v: f"{v * 100:.4g}%"
    return df.to_string(index=False, formatters=fmt)


def cmd_run(args: argparse.Namespace) -> int:
    a = assumptions_from_args(args)
    years = args.years or 1
    costs = cost_table(a, years=years)
    acc = accounting_table(a, years=horizon(a, args.years),
                           rates=sorted({a["analysis.discount_rate_low"], a["analysis.discount_rate_high"],
                                         *args.discount_rates}))
    notes = clamp_notes(a.values)
    if args.format == "json":
        out = {"model_version": __version__, "scenario": a.scenario, "dollar_year": int(a["analysis.dollar_year"]),
               "first_calendar_year": int(a["analysis.first_calendar_year"]), "baseline": baseline_summary(a.values),
               "notes": notes, "parameters": dict(a.values), "changed": changed_parameters(a),
               "results": as_records(costs), "accounting": as_records(acc)}
        print(json.dumps(out, indent=1))
        return 0
    for note in notes:
        print(f"sescdp: note: {note}", file=sys.stderr)
    if args.format == "csv":
        sys.stdout.write(costs.to_csv(index=False))
    else:
        shown = costs[costs.framing == "as_published"]
        keep = set(shown[shown.usd != 0].component) | {"total"}
        shown = shown[shown.component.isin(keep)]
        wide = shown.pivot_table(index=["level", "component"], columns=["coaching", "year"], values="usd",
                                 sort=False).reset_index()
        wide.columns = [" ".join(str(x) for x in c if x != "").strip() if isinstance(c, tuple) else c
                        for c in wide.columns]
        print(f"Scenario: {a.scenario} | as published | {basis(a, years)} | by year "
              f"(year 1 = {int(a['analysis.first_calendar_year'])})")
        print(money_table(wide))
        print(f"\nAccounting statement (total cost, {horizon(a, args.years)} years, end-of-year discounting)")
        print(money_table(acc.drop(columns=["scenario"])))
    return 0


def cmd_reproduce(args: argparse.Namespace) -> int:
    t = reconciliation_table(readings_of(load_assumptions()))
    inc = inconsistency_table()
    if args.format == "json":
        print(json.dumps({"model_version": __version__, "figures": as_records(t), "ok": reconciliation_ok(t),
                          "inconsistencies": as_records(inc)}, indent=1))
    else:
        for _, r in t.iterrows():
            print(f"[{r.status}] {r.id} ({r.section})")
            print(f"  quote:     \"{r.quote}\"")
            print(f"  published: {r.published:,.2f}   model: {r.model:,.2f}   at NPRM rounding "
                  f"({r.rounding:,g}): {r.model_rounded:,.2f}")
            print(f"  Reading B: {r.reading_b:,.2f} -> {r.reading_b_rounded:,.2f}   "
                  f"named fees only: {r.named_fees_only:,.2f}")
            if r.reason:
                print(f"  note:      {r.reason}")
        print("\nAll figures as expected." if reconciliation_ok(t) else "\nSOME FIGURES DO NOT REPRODUCE.")
        print("\nInconsistencies in the text (recomputed from the inputs in assumptions/published/figures.toml):")
        for _, r in inc.iterrows():
            print(f"[{r.id}] ({r.section}) published {r.published:,.0f}, recomputed {r.recomputed:,.0f}, "
                  f"difference {r.difference:+,.0f}")
            print(f"  quote:   \"{r.quote}\"")
            print(f"  finding: {r.finding}")
    return 0 if reconciliation_ok(t) else 1


def cmd_compare(args: argparse.Namespace) -> int:
    base = load_assumptions()
    names = args.scenarios or sorted(list_scenarios(), key=lambda n: (n != "primary", n))
    scenarios = [load_scenario(n, base) for n in names]
    t = comparison_table(base, scenarios, framing=args.framing, years=args.years, extra_rates=args.discount_rates)
    if args.format == "json":
        print(json.dumps({"model_version": __version__, "framing": args.framing,
                          "dollar_year": int(base["analysis.dollar_year"]),
                          "discounted_to_start_of": int(base["analysis.first_calendar_year"]),
                          "comparison": as_records(t)}, indent=1))
    else:
        print(f"Scenario comparison | {args.framing} | {basis(base, args.years)}")
        print(money_table(t))
    return 0


def cmd_accounting(args: argparse.Namespace) -> int:
    from model.core.accounting import (CONVENTION, EO14192_EXCLUSION, accounting_statement, complete_vs_published,
                             eo14192_view)
    from model.core.context import context_figures
    from model.engines.bounds import statement_bounds  # scipy: only for this command

    a = assumptions_from_args(args)
    rates = sorted({a["analysis.discount_rate_low"], a["analysis.discount_rate_high"], *args.discount_rates})
    draws = a["analysis.accounting_draws"] if args.draws is None else args.draws
    seed = a["analysis.seed"] if args.seed is None else args.seed
    bounds = statement_bounds(a, args.method, int(draws), int(seed), args.years, rates)
    st = accounting_statement(a, years=args.years, rates=rates, bounds=bounds)
    eo = eo14192_view(a, years=args.years)
    cvp = complete_vs_published(a, complete_of(a), years=args.years)
    ctx = context_figures(a)
    if args.format == "json":
        print(json.dumps({"model_version": __version__, "scenario": a.scenario, "convention": CONVENTION,
                          "baseline": baseline_summary(a.values), "notes": clamp_notes(a.values),
                          "accounting_statement": as_records(st), "eo14192": as_records(eo),
                          "eo14192_applicability": EO14192_EXCLUSION,
                          "complete_vs_published": as_records(cvp),
                          "thresholds": as_records(ctx["thresholds"]), "break_even": as_records(ctx["break_even"])},
                         indent=1))
        return 0
    sel = st[(st.level == args.level)]
    print(f"A-4 accounting statement (costs) | scenario: {a.scenario} | {args.level} | {basis(a, args.years)}")
    print(f"Baseline of the incremental framing: {baseline_text(a.values)}")
    print(f"Source: {st.source.iloc[0]}")
    print(money_table(sel.drop(columns=["source", "level", "dollar_year"])))
    print(f"\nE.O. 14192 reference figure: present value at {a['analysis.discount_rate_high']:.0%} over a perpetual horizon")
    print(EO14192_EXCLUSION)
    print(money_table(eo[eo.level == args.level].drop(columns=["convention", "level"])))
    print(f"Convention: {eo.convention.iloc[0]}")
    print("\nAs published vs complete accounting")
    print(money_table(cvp[cvp.level == args.level]))
    print("\nThresholds (government-wide, year 1)")
    print(money_table(ctx["thresholds"]))
    be = ctx["break_even"]
    print(f"\nBreak-even: external SES hires a year to avoid, at ${a['context.recruitment_cost_per_hire']:,.0f} a hire")
    view = be[be.level == args.level].copy()
    view["break_even_hires_per_year"] = view["break_even_hires_per_year"].map("{:,.1f}".format)
    print(money_table(view))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sescdp", description="Cost model of OPM's proposed SESCDP rule (5 CFR 412).")
    parser.add_argument("--version", action="version", version=f"sescdp {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="costs by component, coaching mode, level and year; accounting statement")
    add_scenario_options(run)
    run.add_argument("--years", type=_years, default=None, help="years of the stream to show (1-50; default 1)")
    run.add_argument("--discount-rate", dest="discount_rates", type=_rate, action="append", default=[],
                     metavar="R", help="add a discount rate to the accounting statement (repeatable)")
    run.add_argument("--format", choices=["table", "json", "csv"], default="table")
    run.set_defaults(func=cmd_run)

    rep = sub.add_parser("reproduce", help="every published NPRM figure beside the model's value")
    rep.add_argument("--format", choices=["table", "json"], default="table")
    rep.set_defaults(func=cmd_reproduce)

    cmp_ = sub.add_parser("compare", help="scenarios side by side (default: every file in assumptions/scenarios)")
    cmp_.add_argument("scenarios", nargs="*", metavar="SCENARIO")
    cmp_.add_argument("--framing", choices=["as_published", "incremental"], default="as_published")
    cmp_.add_argument("--years", type=_years, default=None, help="horizon for present values (default 10)")
    cmp_.add_argument("--discount-rate", dest="discount_rates", type=_rate, action="append", default=[], metavar="R",
                      help="add a discount rate (repeatable)")
    cmp_.add_argument("--format", choices=["table", "json"], default="table")
    cmp_.set_defaults(func=cmd_compare)

    acc = sub.add_parser("accounting", help="A-4 accounting statement, E.O. 14192 view, complete vs published, context")
    add_scenario_options(acc)
    acc.add_argument("--years", type=_years, default=None, help="analysis horizon (default analysis.horizon_years)")
    acc.add_argument("--discount-rate", dest="discount_rates", type=_rate, action="append", default=[], metavar="R")
    acc.add_argument("--method", choices=["montecarlo", "ranges"], default="montecarlo",
                     help="low/high: Monte Carlo P5/P95 (default, as A-4 asks) or the assumption ranges")
    acc.add_argument("--draws", type=whole_number(2), default=None,
                     help="Monte Carlo draws behind low/high (default analysis.accounting_draws)")
    acc.add_argument("--seed", type=whole_number(0), default=None, help="seed (default analysis.seed)")
    acc.add_argument("--level", choices=["agency", "government"], default="government")
    acc.add_argument("--format", choices=["table", "json"], default="table")
    acc.set_defaults(func=cmd_accounting)

    for name in COMMAND_MODULES:
        importlib.import_module(name).add_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except ModelInputError as exc:
        print(f"sescdp: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
