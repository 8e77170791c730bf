"""``sescdp sensitivity``: tornado, Sobol indices, Spearman correlations and switching values."""

from __future__ import annotations

import argparse
import json


from model import __version__
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.cli.common import add_model_options, usd_type, whole_number


def add_command(sub) -> None:
    """Register ``sescdp sensitivity``."""
    sen = sub.add_parser("sensitivity", help="tornado, Sobol indices, Spearman correlations and switching values")
    add_model_options(sen)
    sen.add_argument("--quantity", default=None, help="year1_total, pv_3 or pv_7 (default: the PV at the higher "
                     "A-4 rate, pv_7)")
    sen.add_argument("--coaching", choices=MODES, default="internal")
    sen.add_argument("--level", choices=LEVELS, default="government")
    sen.add_argument("--framing", choices=FRAMINGS, default="as_published")
    sen.add_argument("--threshold", type=usd_type("--threshold"), default=None, metavar="USD",
                     help="threshold for switching values (default context.significance_threshold)")
    sen.add_argument("--sobol-n", type=whole_number(2, 2 ** 20), default=None, metavar="N",
                     help="Sobol base samples, a power of 2 (default analysis.sobol_samples)")
    sen.add_argument("--draws", type=whole_number(2, 10 ** 7), default=None, metavar="N",
                     help="Monte Carlo draws for the Spearman correlations (default analysis.app_draws)")
    sen.add_argument("--seed", type=whole_number(0, 2 ** 32 - 1), default=None, metavar="S",
                     help="seed (default analysis.seed)")
    sen.set_defaults(func=cmd_sensitivity)


def cmd_sensitivity(args: argparse.Namespace) -> int:
    import pandas as pd

    from model.api import Scenario
    from model.outputs.records import strict_record, strict_records

    s = Scenario.load(args.scenario, args.sets, origin="--set")
    res = s.sensitivity(args.quantity, args.coaching, args.level, args.framing, threshold=args.threshold,
                        sobol_n=args.sobol_n, draws=args.draws, seed=args.seed, dists=args.dists,
                        fixed=args.fixed, years=args.years)
    tor, sob, spe, sw = res.tornado, res.sobol, res.spearman, res.switching_values
    n, draws = res.sobol_n, res.draws
    if args.format == "json":
        print(json.dumps(strict_record({"model_version": __version__, "scenario": s.name, "output": res.output,
                          "tornado": strict_records(tor), "sobol": strict_records(sob), "spearman": strict_records(spe),
                          "switching_values": strict_records(sw)}), indent=1, allow_nan=False))
        return 0
    print(f"Sensitivity of {args.quantity} | {args.coaching} coaching | {args.level} | {args.framing} | "
          f"scenario: {s.name}")
    print("\nTornado (each parameter at its low and high, the others at their values), USD")
    sig = {c: (lambda v: f"{v:,.6g}") for c in ("low", "high")}
    usd = {c: (lambda v: f"{v:,.0f}") for c in ("output_low", "output_high", "base", "swing")}
    print(tor.to_string(index=False, formatters={**sig, **usd}) if len(tor) else "(no uncertain parameters)")
    fmt = {c: (lambda v: f"{v:.3f}") for c in ["S1", "S1_conf", "ST", "ST_conf"]}
    print(f"\nSobol indices (SALib, {n} base samples; conf = 95% half-width)")
    print(sob.to_string(index=False, formatters=fmt))
    print(f"\nSpearman rank correlation with the output ({draws:,} draws)")
    print(spe.to_string(index=False, formatters={"rho": lambda v: f"{v:.3f}"}))
    thr = sw.threshold.iloc[0] if len(sw) else args.threshold
    print(f"\nSwitching values (output crosses {thr:,.0f} USD), the others at their values")
    sw_show = sw.drop(columns=["threshold"]).copy()
    sw_show["switching_value"] = sw_show["switching_value"].map(lambda v: v if isinstance(v, str) else f"{v:,.4g}")
    print(pd.DataFrame(sw_show).to_string(index=False, formatters={"output_at_value": lambda v: f"{v:,.0f}",
                                                                    "value": lambda v: f"{v:,.6g}",
                                                                    "low": lambda v: f"{v:,.6g}",
                                                                    "high": lambda v: f"{v:,.6g}"}))
    return 0
