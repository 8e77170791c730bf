"""``sescdp compare``: scenarios side by side."""

from __future__ import annotations

import argparse
import json

from model import __version__
from model.cli.common import money_table, rate_type, years_type
from model.core.parameters import list_scenarios, load_assumptions, load_scenario
from model.core.results import as_records, basis
from model.core.scenarios import comparison_table


def add_command(sub) -> None:
    """Register ``sescdp compare``."""
    cmp_ = sub.add_parser("compare", help="scenarios side by side (default: every file in assumptions/scenarios)")
    cmp_.add_argument("scenarios", nargs="*", metavar="SCENARIO")
    cmp_.add_argument("--framing", choices=["as_published", "incremental"], default="as_published")
    cmp_.add_argument("--years", type=years_type, default=None, help="horizon for present values (default 10)")
    cmp_.add_argument("--discount-rate", dest="discount_rates", type=rate_type, action="append", default=[], metavar="R",
                      help="add a discount rate (repeatable)")
    cmp_.add_argument("--format", choices=["table", "json"], default="table")
    cmp_.set_defaults(func=cmd_compare)


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
