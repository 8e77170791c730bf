"""What every subcommand shares: the one-line-error parser, --scenario/--set, the bounded number
types and the money table."""

from __future__ import annotations

from typing import TYPE_CHECKING

import argparse
import math

from model.core.errors import ModelInputError
from model.core.numbers import parse_number

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise ModelInputError(f"{self.prog}: {message}")


def add_scenario_options(p: argparse.ArgumentParser) -> None:
    """--scenario and --set, shared by every command that evaluates the model."""
    p.add_argument("--scenario", metavar="FILE", type=scenario_arg,
                   help="scenario file (path, or a name in assumptions/scenarios/); default: NPRM primary")
    p.add_argument("--set", dest="sets", action="append", metavar="ID=VALUE", default=[],
                   help="override one parameter, e.g. --set coaching.external_rate=2000 (repeatable)")


def scenario_arg(value: str) -> str:
    """--scenario: a name or a path, never empty (an empty name is not the NPRM primary)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("expected a scenario name or file, got an empty string (leave --scenario "
                                         "out for the NPRM primary)")
    return value


def bounded(kind, lo, hi, what: str):
    """An argparse type: parse with ``kind`` (int or float, separators allowed) and check lo <= value <= hi;
    argparse then reports one line naming the option and ``what`` was expected."""
    def parse(value: str):
        try:
            v = parse_number(value, kind)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, got {value!r}") from None
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError(f"expected {what}, got {value}")
        return v
    return parse


def whole_number(lo: int, hi: int | None = None):
    """An argparse type for a whole number from ``lo`` (to ``hi`` when given)."""
    what = f"a whole number from {lo:,} to {hi:,}" if hi is not None else f"a whole number of at least {lo:,}"
    return bounded(int, lo, float("inf") if hi is None else hi, what)


def _checked(check, kind, what: str):
    """An argparse type: ``kind`` parsed (one grammar: ``numbers.parse_number``), then ``check`` (the API's rule,
    ``api.checks``), its message shown as the option's error."""
    def parse(value: str):
        try:
            x = parse_number(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"expected {what}, got {value!r}: {exc}") from None
        try:
            return check(int(x) if kind is int and x == int(x) else x)
        except ModelInputError as exc:
            raise argparse.ArgumentTypeError(str(exc).split(": ", 1)[-1]) from None
    return parse


def _years(value):
    from model.api.checks import years
    return years(value)


def _rate(value):
    from model.api.checks import rate
    return rate(value)


years_type = _checked(_years, int, "a whole number of years")
rate_type = _checked(_rate, float, "a rate (0.02 = 2%)")


def money_table(df: pd.DataFrame) -> str:
    """A table as text with USD figures to the dollar, thousands separated."""
    import pandas as pd

    fmt = {c: (lambda v: f"{v:,.0f}") for c in df.columns if pd.api.types.is_float_dtype(df[c])}
    for c in df.columns:
        if c == "discount_rate" or c.startswith("share"):
            fmt[c] = lambda v: f"{v * 100:.4g}%"
    return df.to_string(index=False, formatters=fmt)


MAX_DRAWS = 10 ** 9


def usd_type(option: str):
    """A positive, finite amount in USD (a threshold: zero, negative, NaN and infinity are refused)."""
    def parse(value: str) -> float:
        try:
            x = parse_number(value, money=True)
        except ValueError:
            x = math.nan
        if not math.isfinite(x) or x <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive amount in USD such as 100000000, got {value!r}")
        return x
    return parse



def add_model_options(p: argparse.ArgumentParser) -> None:
    add_scenario_options(p)
    p.add_argument("--dist", dest="dists", action="append", default=[], metavar="ID=KIND:ARGS",
                   help="distribution of one parameter, e.g. coaching.external_rate=uniform:200:3000; kinds "
                        "fixed:V, uniform:LOW:HIGH, triangular:LOW:MODE:HIGH, pert:LOW:MODE:HIGH, normal:MEAN:SD, "
                        "lognormal:P5:P95, discrete:13@0.5,15@0.5 (repeatable)")
    p.add_argument("--fixed", action="store_true",
                   help="hold every parameter at its value except those given with --dist")
    p.add_argument("--years", type=years_type, default=None, help="horizon for present values (default 10)")
    p.add_argument("--format", choices=["table", "json"], default="table")
