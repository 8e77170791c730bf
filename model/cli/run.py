"""``sescdp run``: costs by component, coaching mode, level and year, and the accounting totals."""

from __future__ import annotations

import argparse
import json
import sys

from model.cli.common import add_scenario_options, money_table, rate_type, years_type
from model.core.text import visible


def add_command(sub) -> None:
    """Register ``sescdp run``."""
    run = sub.add_parser("run", help="costs by component, coaching mode, level and year; accounting statement")
    add_scenario_options(run)
    run.add_argument("--years", type=years_type, default=None, help="years of the stream to show (1-50; default 1)")
    run.add_argument("--discount-rate", dest="discount_rates", type=rate_type, action="append", default=[],
                     metavar="R", help="add a discount rate to the accounting statement (repeatable)")
    run.add_argument("--format", choices=["table", "json", "csv"], default="table")
    run.set_defaults(func=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    from model.api import Scenario

    s = Scenario.load(args.scenario, args.sets, origin="--set")
    years = args.years or 1
    costs = s.costs(years)
    acc = s.present_values(args.years, extra_rates=args.discount_rates)
    notes = s.notes
    if args.format == "json":
        print(json.dumps(s.record(args.years, extra_rates=args.discount_rates), indent=1, allow_nan=False))
        return 0
    for note in notes:
        print(f"sescdp: note: {note}", file=sys.stderr)
    if args.format == "csv":
        sys.stdout.write(stdout_csv(costs))
    else:
        shown = costs[costs.framing == "as_published"]
        keep = set(shown[shown.usd != 0].component) | {"total"}
        shown = shown[shown.component.isin(keep)]
        wide = shown.pivot_table(index=["level", "component"], columns=["coaching", "year"], values="usd",
                                 sort=False).reset_index()
        wide.columns = [" ".join(str(x) for x in c if x != "").strip() if isinstance(c, tuple) else c
                        for c in wide.columns]
        print(f"Scenario: {visible(s.name)} | as published | {s.basis(years)} | by year "
              f"(year 1 = {s.first_calendar_year})")
        print(money_table(wide))
        print(f"\nAccounting statement (total cost, {s.horizon(args.years)} years, end-of-year discounting)")
        print(money_table(acc.drop(columns=["scenario"])))
    return 0


def stdout_csv(df) -> str:
    """A table as CSV for the terminal, its text neutralized as the ``.csv`` export does (a name such as
    ``=HYPERLINK(...)`` gets a leading quote, so a spreadsheet opening the redirected output never runs it) and
    its control characters shown as escapes."""
    import pandas as pd

    from model.outputs.cells import neutralize

    out = df.copy()
    for c in out.columns:
        if not pd.api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].astype(object).map(lambda v: neutralize(visible(v)) if isinstance(v, str) else v)
    return out.to_csv(index=False)
