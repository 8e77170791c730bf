"""The NPRM's own citation and what it says outside its cost estimate (benefits, transfers, effects on
State, local and tribal governments and on small business): the non-monetized rows of the A-4
accounting statement, read from ``assumptions/published/statement.toml``."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, ValidationError

from model.core.errors import ModelInputError
from model.core.parameters import assumptions_dir

STATEMENT_FILE = ("published", "statement.toml")


class Citation(BaseModel):
    """The NPRM, as a reference."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    agency: str
    action: str
    cfr: str
    fr_doc: str
    rin: str
    docket: str
    published: str
    cost_section: str

    def text(self) -> str:
        """One-line reference: agency, title, action, CFR part, FR Doc., RIN, docket, date."""
        return (f"{self.agency}, \"{self.title}\", {self.action.lower()}, {self.cfr}, {self.fr_doc}, {self.rin}, "
                f"docket {self.docket}, published {self.published}")


class StatementRow(BaseModel):
    """A non-monetized row of the accounting statement, as the NPRM states it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    category: str
    item: str
    value: str
    section: str
    quote: str


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Citation, tuple[StatementRow, ...]]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        return Citation(**data["nprm"]), tuple(StatementRow(**r) for r in data.get("row", []))
    except (OSError, tomllib.TOMLDecodeError, ValidationError, KeyError, TypeError) as exc:
        raise ModelInputError(f"{path}: cannot read the statement text: {exc}") from None


def nprm_citation() -> Citation:
    """The NPRM's citation (``[nprm]`` of published/statement.toml)."""
    return _load(str(assumptions_dir().joinpath(*STATEMENT_FILE)))[0]


def statement_rows() -> tuple[StatementRow, ...]:
    """The benefits, transfers and effects rows, in file order."""
    return _load(str(assumptions_dir().joinpath(*STATEMENT_FILE)))[1]
