"""Scenario text (names, descriptions) typed by a user: the one check where it enters, and the one way every
writer makes text safe for its format. Control characters are the C0 set (U+0000-U+001F), DEL (U+007F) and
the C1 set (U+0080-U+009F): a terminal runs some of them (ESC starts a colour code), XML and therefore .docx
and .xlsx refuse most of C0, and TOML refuses a raw DEL."""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 (and openpyxl's IllegalCharacterError)


def control_problem(text: str) -> str:
    """"" for text without control characters (tab and newline allowed: a description may have lines, and
    every writer keeps them safely), else one line naming the first (``U+001B at character 4``)."""
    m = LINE_CONTROL.search(text)
    return "" if m is None else (f"contains a control character (U+{ord(m.group()):04X} at character "
                                 f"{m.start() + 1}); expected printable text")


def _escape(m: re.Match) -> str:
    return f"\\x{ord(m.group()):02x}"


def visible(text: str) -> str:
    """``text`` with every control character shown as its escape (ESC -> ``\\x1b``): safe on a terminal and in
    any file format, and still readable."""
    return CONTROL.sub(_escape, text)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids (most of C0) shown as escapes; tab and newlines kept."""
    return XML_FORBIDDEN.sub(_escape, text)


LINE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every control character but tab and newline


def visible_lines(text: str) -> str:
    """``text`` (several lines) with every control character but tab and newline shown as its escape."""
    return LINE_CONTROL.sub(_escape, text)
