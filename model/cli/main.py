"""Command line: ``sescdp run | reproduce | compare | accounting | simulate | sensitivity | export | report | explain`` (also
``python -m model``), one module per subcommand.

Bad input never shows a traceback: it prints one line, ``sescdp: error: <file or option>: <parameter>:
<what was expected>``, on stderr and exits with status 2.
"""

from __future__ import annotations

import importlib
import sys
from typing import Sequence

from model import __version__
from model.cli.common import Parser
from model.core.errors import ModelInputError

# One module per subcommand, in help order; each defines ``add_command(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = tuple(f"model.cli.{m}" for m in (
    "run", "reproduce", "compare", "accounting", "simulate", "sensitivity", "export_cmd", "report", "explain"))


def build_parser() -> Parser:
    parser = Parser(prog="sescdp", description="Cost model of OPM's proposed SESCDP rule (5 CFR 412).")
    parser.add_argument("--version", action="version", version=f"sescdp {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except ModelInputError as exc:
        print(f"sescdp: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
