"""A publication table (``PubTable``): a title with units and dollar year, human column headers with a kind each
(how the numbers read), rows of raw values, and a note; and the basis every table's title states."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from model.outputs.present.formats import Kind, cell_text
from model.outputs.present.prose import publication_text


@dataclass(frozen=True)
class Column:
    """A column of a publication table: id (for scripts), header and kind (how its numbers read)."""

    id: str
    label: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class PubTable:
    """A table ready to publish: ``key`` names it for scripts, ``title`` carries units and dollar year."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""
    references: tuple[str, ...] = field(default=())

    def text_rows(self) -> list[list[str]]:
        """Every cell as display text, with no internal id (``prose.publication_text``)."""
        return [[publication_text(cell_text(v, c.kind)) for v, c in zip(row, self.columns)] for row in self.rows]

    def headers(self) -> list[str]:
        return [c.label for c in self.columns]

    def frame(self) -> pd.DataFrame:
        """The table as display text with human headers (the app and the CLI show this)."""
        return pd.DataFrame(self.text_rows(), columns=self.headers())


def basis(prov: dict) -> tuple[int, str]:
    """The dollar year and the period covered ("2026-2035") of a report's provenance."""
    return prov["dollar_year"], (f"{prov['first_calendar_year']}-"
                                 f"{prov['first_calendar_year'] + prov['horizon_years'] - 1}")


def rates_high_first(prov: dict) -> list[float]:
    """The report's discount rates, highest first."""
    return sorted(prov["discount_rates"], reverse=True)  # 7% first, as A-4 lists them
