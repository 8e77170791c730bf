"""The one parser of numbers typed by a user (--set, --dist, --draws, --threshold, scenario files):
thousands separators (``1,000,000``, ``1_000_000``) and, where money is meant, a leading ``$``."""

from __future__ import annotations


def parse_number(text: str, kind: type = float, money: bool = False):
    """``text`` as ``kind`` (float or int); raises ValueError (the caller names the parameter)."""
    s = text.strip().replace(",", "").replace("_", "")
    if money:
        s = s.removeprefix("$")
    return kind(s)
