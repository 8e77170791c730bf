"""Command line: ``sescdp run | reproduce | compare | accounting | simulate | sensitivity | export | report | explain`` (also
``python -m model``), one module per subcommand.

Bad input never shows a traceback: it prints one line, ``sescdp: error: <file or option>: <parameter>:
<what was expected>``, on stderr and exits with status 2.
"""

from __future__ import annotations

import importlib
import sys
from typing import Sequence

from model._version import __version__
from model.cli.common import Parser
from model.core.errors import ModelInputError, write_crash_log

# One module per subcommand, in help order; each defines ``add_command(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = tuple(f"model.cli.{m}" for m in (
    "run", "reproduce", "compare", "accounting", "alternatives", "simulate", "sensitivity", "export_cmd", "report",
    "explain"))


def build_parser() -> Parser:
    parser = Parser(prog="sescdp", description="Cost model of OPM's proposed SESCDP rule (5 CFR 412).")
    parser.add_argument("--version", action="version", version=f"sescdp {__version__}")
    parser.add_argument("--memory-budget", dest="memory_budget", type=positive_gb, default=None, metavar="GB",
                        help="memory a Monte Carlo or Sobol run may use (default: half the memory available); "
                             "a run estimated to need more is refused before it starts")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_command(sub)
    return parser


MAX_MEMORY_GB = 2 ** 20  # a petabyte: more than any machine has, and far below where bytes overflow


def positive_gb(value: str) -> float:
    import argparse
    import math
    try:
        x = float(value)
    except ValueError:
        x = math.nan
    if not math.isfinite(x) or not 0 < x <= MAX_MEMORY_GB:
        raise argparse.ArgumentTypeError(f"expected a positive number of gigabytes up to {MAX_MEMORY_GB:,}, "
                                         f"got {value!r}")
    return x


MAX_MESSAGE = 600  # characters: a message quoting a huge input is cut, not printed whole


def one_line(message: str) -> str:
    """A message on one line, at most MAX_MESSAGE characters."""
    text = " ".join(message.split())
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + " …"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Bad input: one line, exit 2. Ctrl-C: one line, exit 130. Anything unexpected: one
    line naming a log file that holds the traceback, exit 1."""
    try:
        args = build_parser().parse_args(argv)
        if args.memory_budget is None:
            return args.func(args)
        from model.engines.memory import budget
        with budget(args.memory_budget):
            return args.func(args)
    except ModelInputError as exc:
        print(f"sescdp: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("sescdp: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("sescdp: error: out of memory; use fewer draws or a smaller --sobol-n", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last resort: one line and a log, never a bare traceback
        log = write_crash_log(exc)
        print(f"sescdp: internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]} "
              f"(traceback in {log}; please report it)", file=sys.stderr)
        return 1
