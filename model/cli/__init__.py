"""The command line: one module per subcommand; ``main`` is the entry point."""

from model.cli.main import main

__all__ = ["main"]
