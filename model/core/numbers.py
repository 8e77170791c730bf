"""The one parser of numbers typed by a user (--set, --dist, --draws, --threshold, scenario files, workbook
cells given as text, uploads, links and the Python API). One grammar everywhere: ``.`` is the only decimal
mark; a comma is accepted only as a thousands separator in groups of exactly three digits (``1,500``,
``1,234,567``); underscores are refused; where money is meant, a leading ``$``. Anything else raises a
ValueError whose message says why (``a decimal comma? use 2.5``), which the caller puts after the name of the
parameter or option."""

from __future__ import annotations

import re

_SIGN = r"[+-]?"
_EXP = r"(?:[eE][+-]?[0-9]+)?"
# ASCII digits only: Python's float() would also read "1_0" as 10 and Arabic-Indic digits as numbers.
_PLAIN = re.compile(rf"{_SIGN}(?:[0-9]+\.?[0-9]*|\.[0-9]+){_EXP}")
_GROUPED = re.compile(rf"{_SIGN}[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]*)?{_EXP}")
_DECIMAL_COMMA = re.compile(rf"({_SIGN}[0-9]+),([0-9]+)")
_WORDS = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


def number_problem(s: str) -> str:
    """Why ``s`` (stripped, without ``$``) is not a number in the grammar; "" when it is one."""
    if _PLAIN.fullmatch(s) or _GROUPED.fullmatch(s) or s.lower() in _WORDS:
        return ""
    if "_" in s:
        return f"underscores are not accepted in numbers; write {s.replace('_', '')} or group thousands with commas"
    m = _DECIMAL_COMMA.fullmatch(s)
    if m:
        return (f"a decimal comma? use {m.group(1)}.{m.group(2)} (a comma only separates thousands, in groups of "
                "three digits such as 1,500)")
    if "," in s:
        return "a comma only separates thousands, in groups of three digits such as 1,500 (the decimal mark is '.')"
    return "not a number"


def parse_number(text: str, kind: type = float, money: bool = False):
    """``text`` as ``kind`` (float or int); raises ValueError saying why (the caller names the parameter)."""
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    s = text.strip()
    if money:
        s = s.removeprefix("$")
    problem = number_problem(s)
    if problem:
        raise ValueError(problem)
    return kind(s.replace(",", ""))
