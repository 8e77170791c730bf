"""``sescdp alternatives`` (the regulatory alternatives priced side by side) and ``sescdp comments FILE`` (the
response to each comment of a comments file)."""

from __future__ import annotations

import argparse
import json
import sys

from model._version import __version__
from model.cli.common import add_scenario_options, money_table, years_type

SHOWN = ["name", "coaching", "discount_rate", "year1", "annualized", "low", "high", "difference_annualized",
         "threshold_margin"]
RESPONSE_SHOWN = ["id", "coaching", "discount_rate", "year1_change", "annualized_change"]
OUT_SUFFIXES = (".xlsx", ".docx", ".md")


def add_command(sub) -> None:
    """Register ``sescdp alternatives`` and ``sescdp comments``."""
    alt = sub.add_parser("alternatives", help="the regulatory alternatives priced side by side (incremental, "
                                              "government-wide, A-4 low/high, thresholds, evidence)")
    add_scenario_options(alt)
    alt.add_argument("--method", choices=["montecarlo", "ranges"], default="montecarlo", help="A-4 low/high (default: P5/P95 of the accounting draws)")
    alt.add_argument("--years", type=years_type, default=None, help="analysis horizon (default 10)")
    alt.add_argument("--format", choices=["table", "json", "csv"], default="table")
    alt.set_defaults(func=cmd_alternatives)
    com = sub.add_parser("comments", help="the response to each comment of a comments file ([[comment]] tables)")
    com.add_argument("file", metavar="FILE", help="comments file (TOML, one [[comment]] table per comment)")
    add_scenario_options(com)
    com.add_argument("--years", type=years_type, default=None, help="analysis horizon (default 10)")
    com.add_argument("--format", choices=["table", "json", "csv"], default="table")
    com.add_argument("--out", metavar="FILE", default=None, help="also write the response table (.xlsx, .docx or .md)")
    com.set_defaults(func=cmd_comments)


def cmd_alternatives(args: argparse.Namespace) -> int:
    from model.api import Scenario, alternatives
    from model.outputs.records import strict_record, strict_records

    s = Scenario.load(args.scenario, args.sets, origin="--set")
    t = alternatives(s, method=args.method, years=args.years)
    if args.format == "json":
        print(json.dumps(strict_record({"model_version": __version__, "scenario": s.name, "basis": s.basis(args.years),
                                        "method": args.method, "alternatives": strict_records(t)}),
                         indent=1, allow_nan=False))
    elif args.format == "csv":
        t.to_csv(sys.stdout, index=False)
    else:
        print(f"Regulatory alternatives | incremental, government-wide | {s.basis(args.years)} | low/high: {args.method}")
        print(money_table(t[SHOWN]))
    return 0


def cmd_comments(args: argparse.Namespace) -> int:
    from model.api import Scenario, comments
    from model.outputs.records import strict_record, strict_records

    s = Scenario.load(args.scenario, args.sets, origin="--set")
    r = comments(args.file, s, years=args.years)
    if args.out is not None:
        from model.outputs.responses_files import write_responses
        write_responses(r, args.out, s.assumptions, args.years)
    if args.format == "json":
        print(json.dumps(strict_record({"model_version": __version__, "scenario": s.name, "basis": s.basis(args.years),
                                        "responses": [strict_record(x) for x in r.records()]}), indent=1, allow_nan=False))
    elif args.format == "csv":
        r.table.to_csv(sys.stdout, index=False)
    else:
        print(f"Comment responses | incremental, government-wide | {s.basis(args.years)}")
        print(money_table(r.table[RESPONSE_SHOWN]))
        for row in r.table.drop_duplicates("id").itertuples():
            print(f"\n{row.id} ({row.commenter}): {row.finding}")
    return 0
