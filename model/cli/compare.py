"""``sescdp compare``: scenarios side by side."""

from __future__ import annotations

import argparse
import json

from model._version import __version__
from model.cli.common import money_table, rate_type, years_type


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
    from model.api import Scenario, compare
    from model.outputs.records import strict_record, strict_records

    t = compare(*args.scenarios, framing=args.framing, years=args.years, extra_rates=args.discount_rates)
    base = Scenario.load()
    if args.format == "json":
        print(json.dumps(strict_record({"model_version": __version__, "framing": args.framing,
                          "dollar_year": base.dollar_year, "discounted_to_start_of": base.first_calendar_year,
                          "comparison": strict_records(t)}), indent=1, allow_nan=False))
    else:
        print(f"Scenario comparison | {args.framing} | {base.basis(args.years)}")
        print(money_table(t))
    return 0
