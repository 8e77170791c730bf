"""``sescdp accounting``: the A-4 accounting statement, the E.O. 14192 reference figure, as published vs complete,
what the NPRM omits, context."""

from __future__ import annotations

import argparse
import json

from model._version import __version__
from model.cli.common import add_scenario_options, money_table, rate_type, whole_number, years_type


def add_command(sub) -> None:
    """Register ``sescdp accounting``."""
    acc = sub.add_parser("accounting", help="A-4 accounting statement, E.O. 14192 view, complete vs published, context")
    add_scenario_options(acc)
    acc.add_argument("--years", type=years_type, default=None, help="analysis horizon (default analysis.horizon_years)")
    acc.add_argument("--discount-rate", dest="discount_rates", type=rate_type, action="append", default=[], metavar="R")
    acc.add_argument("--method", choices=["montecarlo", "ranges"], default="montecarlo",
                     help="low/high: Monte Carlo P5/P95 (default, as A-4 asks) or the assumption ranges")
    acc.add_argument("--draws", type=whole_number(2), default=None,
                     help="Monte Carlo draws behind low/high (default analysis.accounting_draws)")
    acc.add_argument("--seed", type=whole_number(0), default=None, help="seed (default analysis.seed)")
    acc.add_argument("--level", choices=["agency", "government"], default="government")
    acc.add_argument("--format", choices=["table", "json"], default="table")
    acc.set_defaults(func=cmd_accounting)


def evidence_grid(cells) -> str:
    """Evidence shares of the A-4 cells as text: one row per framing, coaching mode and rate, one column per
    grade (percent of the cell's gross dollars)."""
    from model.core.evidence import GRADE_LABELS
    wide = cells.pivot_table(index=["framing", "coaching", "discount_rate"], columns="grade", values="share_of_gross",
                             observed=False, aggfunc="sum")
    wide = wide[[g for g in GRADE_LABELS if g in wide.columns]]
    wide.columns = [GRADE_LABELS[g] for g in wide.columns]
    wide.index = [f"{f.replace('_', ' ')}, {m}, {r:.0%}" for f, m, r in wide.index]
    return (wide * 100).round(0).astype(int).astype(str).add("%").to_string()


def cmd_accounting(args: argparse.Namespace) -> int:
    from model.api import Scenario
    from model.core.accounting import CONVENTION, EO14192_EXCLUSION
    from model.outputs.records import strict_record, strict_records

    s = Scenario.load(args.scenario, args.sets, origin="--set")
    st = s.accounting(args.method, draws=args.draws, seed=args.seed, years=args.years,
                      extra_rates=args.discount_rates)
    eo = s.eo14192(args.years)
    cvp = s.complete_vs_published(args.years)
    omitted = s.omitted_costs(args.years)
    ctx = s.context()
    from model.core.context import umra_note
    ev = s.evidence(args.years)
    cells = ev[(ev.measure == "annualized") & (ev.level == "government")]
    if args.format == "json":
        print(json.dumps(strict_record({
            "model_version": __version__, "scenario": s.name, "convention": CONVENTION, "baseline": s.baseline,
            "notes": s.notes, "accounting_statement": strict_records(st), "eo14192": strict_records(eo),
            "eo14192_applicability": EO14192_EXCLUSION, "complete_vs_published": strict_records(cvp),
            "omitted_costs": strict_records(omitted), "thresholds": strict_records(ctx["thresholds"]),
            "umra": umra_note(s.assumptions), "evidence": strict_records(cells),
            "break_even": strict_records(ctx["break_even"])}), indent=1, allow_nan=False))
        return 0
    from model.outputs.present.text import plain_table

    print(f"Scenario: {s.name} | {s.basis(args.years)}")
    print(f"Baseline of the incremental framing: {s.baseline_text}\n")
    if args.level == "government" and args.method == "montecarlo" and args.draws is None and args.seed is None \
            and not args.discount_rates:  # the statement every document shows (OMB's layout)
        for framing in ("as_published", "incremental"):
            print(plain_table(s.statement(framing, years=args.years)) + "\n")
    else:
        sel = st[(st.level == args.level)]
        print(f"A-4 accounting statement (costs) | {args.level} | Source: {st.source.iloc[0]}")
        print(money_table(sel.drop(columns=["source", "level", "dollar_year"])))
    print("How much of each A-4 cell rests on what (share of its gross dollars, by the weakest evidence among the "
          "values each cost component reads)")
    print(evidence_grid(cells))
    print(f"\nE.O. 14192 reference figure: present value at {s['analysis.discount_rate_high']:.0%} over a perpetual horizon")
    print(EO14192_EXCLUSION)
    print(money_table(eo[eo.level == args.level].drop(columns=["convention", "level"])))
    print(f"Convention: {eo.convention.iloc[0]}")
    print("\nAs published vs complete accounting")
    print(money_table(cvp[cvp.level == args.level]))
    print("\nWhat the NPRM omits (incremental, government-wide, internal coaching; the range: the requirement's own "
          "parameters at their ends)")
    om = omitted[omitted.coaching.isin(["internal", ""])]
    shown = om.drop(columns=["component", "section", "quote", "coaching", "reason"])
    print(money_table(shown[shown.status == "priced"]))
    for _, r in om[om.status == "unquantified"].iterrows():
        print(f"  unquantified: {r.requirement}: {r.reason}")
    print("\nThresholds (government-wide, year 1)")
    print(money_table(ctx["thresholds"]))
    print(umra_note(s.assumptions))
    be = ctx["break_even"]
    print(f"\nBreak-even: external SES hires a year to avoid, at ${s['context.recruitment_cost_per_hire']:,.0f} a hire")
    view = be[be.level == args.level].copy()
    view["break_even_hires_per_year"] = view["break_even_hires_per_year"].map("{:,.1f}".format)
    print(money_table(view))
    return 0
