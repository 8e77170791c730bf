"""``sescdp reproduce``: every published figure beside the model's value, and the text's inconsistencies."""

from __future__ import annotations

import argparse
import json

from model import __version__


def add_command(sub) -> None:
    """Register ``sescdp reproduce``."""
    rep = sub.add_parser("reproduce", help="every published NPRM figure beside the model's value")
    rep.add_argument("--format", choices=["table", "json"], default="table")
    rep.set_defaults(func=cmd_reproduce)


def cmd_reproduce(args: argparse.Namespace) -> int:
    from model.api import Scenario
    from model.outputs.records import strict_record, strict_records

    rec = Scenario.load().reconcile()
    t, inc = rec.figures, rec.inconsistencies
    if args.format == "json":
        print(json.dumps(strict_record({"model_version": __version__, "figures": strict_records(t), "ok": rec.ok,
                          "inconsistencies": strict_records(inc)}), indent=1, allow_nan=False))
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
        print("\nAll figures as expected." if rec.ok else "\nSOME FIGURES DO NOT REPRODUCE.")
        print("\nInconsistencies in the text (recomputed from the inputs in assumptions/published/figures.toml):")
        for _, r in inc.iterrows():
            print(f"[{r.id}] ({r.section}) published {r.published:,.0f}, recomputed {r.recomputed:,.0f}, "
                  f"difference {r.difference:+,.0f}")
            print(f"  quote:   \"{r.quote}\"")
            print(f"  finding: {r.finding}")
    return 0 if rec.ok else 1
