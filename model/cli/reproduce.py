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
    t, inc, rd = rec.figures, rec.inconsistencies, rec.readings
    if args.format == "json":
        readings = {"criteria": [{"criterion": c, "kept": list(kept)} for c, kept in rec.criteria],
                    "picked": rec.picked, "in_force": rec.in_force, "readings": strict_records(rd)}
        print(json.dumps(strict_record({"model_version": __version__, "figures": strict_records(t), "ok": rec.ok,
                          "inconsistencies": strict_records(inc), "readings": readings}), indent=1,
                         allow_nan=False))
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
        _print_readings(rec)
        print("\nInconsistencies in the text (recomputed from the inputs in assumptions/published/figures.toml):")
        for _, r in inc.iterrows():
            print(f"[{r.id}] ({r.section}) published {r.published:,.0f}, recomputed {r.recomputed:,.0f}, "
                  f"difference {r.difference:+,.0f}")
            print(f"  quote:   \"{r.quote}\"")
            print(f"  finding: {r.finding}")
    return 0 if rec.ok else 1


def _print_readings(rec) -> None:
    """The readings of the program figure, the criteria and the pick, as the table format prints them."""
    from model.core.explain import money
    rd = rec.readings
    print(f"\nReadings of the program figure: {len(rd)} combinations of the quantities the text gives round to it, "
          f"{int(rd.reproduces_all.sum())} of them reproducing every published program figure.")
    for _, r in rd.iterrows():
        mark = "*" if r.picked else " "
        print(f"{mark} {r.title} [{r.id}]: reproduces {len(r.reproduces)} of {len(r.figures)} program figures"
              + (f"; scenario {r.scenario}" if r.scenario else ""))
        for line in r.arithmetic:
            print(f"    {line}")
        if r.counted_twice:
            print(f"    counts twice: {'; '.join(r.counted_twice)}")
        if r.unnamed:
            print(f"    prices no requirement the text names: {'; '.join(r.unnamed)}")
        print(f"    quantities the sources do not state: {'; '.join(r.unstated) or 'none'}")
        print(f"    incremental cost, annualized at the higher rate, government-wide: internal coaching "
              f"{money(r.incremental_internal)} a year, external {money(r.incremental_external)} a year")
    print("\nCriteria, applied in order:")
    for i, (c, kept) in enumerate(rec.criteria, 1):
        print(f"  ({i}) {c}: {len(kept)} left" + (f" ({kept[0]})" if len(kept) == 1 else ""))
    picked = rd[rd.picked].title.iloc[0] if rd.picked.any() else "none (no reading found)"
    print(f"Picked: {picked}" + ("" if rec.in_force == rec.picked else
                                       f"; the switches in force are {rec.in_force or 'no reading found'}"))
