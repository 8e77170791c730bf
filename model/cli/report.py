"""``sescdp report --out appendix.docx`` (or ``.md``): the comment appendix, ready to attach to a comment
letter: summary of findings, reconciliation, A-4 statement, costs, uncertainty, scenarios, assumptions,
methods and provenance. Uncertainty is drawn by default (analysis.accounting_draws draws from
analysis.seed); ``--no-draws`` leaves it out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from model.core.errors import ModelInputError

APPENDIX_FORMATS = (".docx", ".md")


from model.core.text import visible  # noqa: E402 (shown on a terminal: control characters escaped)


def cmd_report(args: argparse.Namespace) -> int:
    from model.cli.export_cmd import export_scenario
    from model.outputs.export import check_monte_carlo_options, check_writable

    if Path(args.out).suffix.lower() not in APPENDIX_FORMATS:
        raise ModelInputError(f"--out {args.out}: expected a .docx or .md file for the comment appendix "
                              "(sescdp export writes the workbook and the data files)")
    check_writable(args.out)
    if args.no_draws and (args.draws is not None or args.seed is not None):
        raise ModelInputError("--no-draws: give it alone, without --draws or --seed")
    check_monte_carlo_options(args.draws, args.seed)
    s, description = export_scenario(args)
    draws, seed = args.draws, args.seed
    if draws is None and not args.no_draws:
        draws, seed = int(s.values["analysis.accounting_draws"]), int(s.values["analysis.seed"])
    report = s.report(compare=args.compare or None, years=args.years, draws=draws, seed=seed, sobol_n=args.sobol_n,
                      description=description, sampler=args.sampler, accounting_method=args.accounting_method)
    path = report.write(args.out)
    p = report.provenance
    drawn = f"{draws:,} draws, seed {seed}" if draws is not None else "no Monte Carlo"
    print(f"wrote {path} (scenario {visible(str(p['scenario']))}; {drawn}; assumption digest {p['assumptions_digest']})",
          file=sys.stderr)
    return 0


def add_command(subparsers) -> None:
    """Register ``report`` on the sescdp command line."""
    from model.cli.export_cmd import add_export_options

    p = subparsers.add_parser("report", help="write the comment appendix (.docx or .md): findings, reconciliation, "
                                             "A-4 statement, costs, uncertainty, scenarios, assumptions, provenance")
    p.add_argument("--out", required=True, metavar="FILE", help="appendix.docx or appendix.md")
    p.add_argument("--no-draws", dest="no_draws", action="store_true",
                   help="leave the uncertainty section out (default: analysis.accounting_draws draws from analysis.seed)")
    add_export_options(p)
    p.set_defaults(func=cmd_report)
