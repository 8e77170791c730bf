"""The command line: one module per subcommand; ``main`` is the entry point (the ``sescdp`` script)."""

from __future__ import annotations

import sys
from typing import Sequence

INTERRUPTED = 130  # the shell's status for a command ended by Ctrl-C (128 + SIGINT)


def main(argv: Sequence[str] | None = None) -> int:
    """``model.cli.main.main``, imported here so that a Ctrl-C while the command's modules load is one line
    and exit 130, like a Ctrl-C during the run, never a traceback."""
    try:
        from model.cli.main import main as run
        return run(argv)
    except KeyboardInterrupt:
        print("sescdp: interrupted", file=sys.stderr)
        return INTERRUPTED


__all__ = ["main"]
