"""What the API's modules share: the vocabulary of the results (coaching modes, levels, framings, samplers,
accounting methods, export formats), the one-line check of a choice, and the notebook display of a table. The
checks of every other argument (the API's input boundary) are in ``model.api.checks``.

Constants that live in heavier layers (the engines' samplers, the exports' formats) are written here so
that ``import model.api`` stays cheap; ``tests/test_api.py`` checks that they equal the originals.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Iterable, Literal, Sequence

from model.core.errors import ModelInputError
from model.engines.samplers import SAMPLERS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ACCOUNTING_METHODS: tuple[str, ...] = ("montecarlo", "ranges")  # == model.engines.bounds.METHODS
EXPORT_FORMATS: tuple[str, ...] = ("xlsx", "csv", "md", "docx", "json", "toml")  # model.outputs.export

Coaching = Literal["internal", "external", "mixed"]
Level = Literal["agency", "government"]
Framing = Literal["as_published", "incremental"]

__all__ = ["ACCOUNTING_METHODS", "EXPORT_FORMATS", "SAMPLERS", "Coaching",
           "Framing", "Level", "choice", "choices", "tables_html"]


def choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """``value`` if it is one of ``allowed``; else ModelInputError naming ``name`` (one line)."""
    if not isinstance(value, str) or value not in allowed:
        raise ModelInputError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def choices(name: str, values: str | Iterable[str] | None, allowed: Sequence[str]) -> tuple[str, ...]:
    """A selection of ``allowed`` (None: all of them; one string: just it), each checked by ``choice``."""
    if values is None:
        return tuple(allowed)
    if isinstance(values, str):
        values = (values,)
    try:
        values = tuple(values)
    except TypeError:
        raise ModelInputError(f"{name}: expected one of {', '.join(allowed)}, or a list of them, got {values!r}") from None
    picked = tuple(choice(name, v, allowed) for v in values)
    if not picked:
        raise ModelInputError(f"{name}: expected at least one of {', '.join(allowed)}, got none")
    return picked


def tables_html(title: str, lines: Iterable[str] = (), tables: Iterable[tuple[str, "pd.DataFrame"]] = ()) -> str:
    """Notebook display: a heading, a few lines of text and captioned tables."""
    parts = [f"<h4>{html.escape(title)}</h4>"]
    parts += [f"<p>{html.escape(line)}</p>" for line in lines]
    for caption, df in tables:
        parts.append(f"<p><b>{html.escape(caption)}</b></p>" + df.to_html(index=False, max_rows=30))
    return "\n".join(parts)
