"""``sescdp explain FIGURE``: how one figure is computed, the arithmetic written out with the values in force
and the source of every value (a published figure, a year-1 cost or an A-4 cell); ``--list`` names them."""

from __future__ import annotations

import argparse
import json

from model.cli.common import add_scenario_options


def cmd_explain(args: argparse.Namespace) -> int:
    from model.api import Scenario
    from model.core.errors import ModelInputError
    from model.outputs.records import strict_record

    s = Scenario.load(args.scenario, args.sets, origin="--set")
    if args.list:
        if args.format == "json":
            print(json.dumps({"scenario": s.name, "figures": s.figure_ids()}, indent=1, ensure_ascii=False))
        else:
            print("\n".join(s.figure_ids()))
        return 0
    if not args.figure:
        raise ModelInputError("explain: give a FIGURE (sescdp explain --list names them)")
    e = s.explain(args.figure)
    if args.format == "json":
        print(json.dumps(strict_record({"scenario": s.name, **e.to_dict()}), indent=1, allow_nan=False,
                         ensure_ascii=False))
    else:
        print(e)
    return 0


def add_command(sub) -> None:
    """Register ``sescdp explain``."""
    p = sub.add_parser("explain", help="how one figure is computed, with the values in force and their sources")
    p.add_argument("figure", nargs="?", metavar="FIGURE",
                   help="a published figure id (total_per_agency_external), year1.FRAMING.COACHING.LEVEL "
                        "(year1.as_published.external.agency) or annualized.FRAMING.COACHING.RATE "
                        "(annualized.incremental.internal.7)")
    p.add_argument("--list", action="store_true", help="list every figure id")
    add_scenario_options(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_explain)
