"""The NPRM's own citation and what it says outside its cost estimate (benefits, transfers, effects on
State, local and tribal governments and on small business): the non-monetized rows of the A-4
accounting statement, the order of OMB's template and the coaching mode of the primary estimate, read
from ``assumptions/published/statement.toml``."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, ValidationError

from model.core.errors import ModelInputError
from model.core.parameters import assumptions_dir
from model.core.vocabulary import MODES

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


class Template(BaseModel):
    """OMB's template: the statement's categories in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    order: tuple[str, ...]


class Primary(BaseModel):
    """The primary estimate: the coaching mode of the total the NPRM's cost section states first."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    coaching: str
    figure: str
    section: str
    quote: str


COSTS = "Costs"  # the category of the rows the model computes


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Citation, tuple[StatementRow, ...], Template, Primary]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        out = (Citation(**data["nprm"]), tuple(StatementRow(**r) for r in data.get("row", [])),
               Template(**data["template"]), Primary(**data["primary"]))
    except (OSError, tomllib.TOMLDecodeError, ValidationError, KeyError, TypeError) as exc:
        raise ModelInputError(f"{path}: cannot read the statement text: {exc}") from None
    stray = sorted({r.category for r in out[1]} - set(out[2].order)) + ([] if COSTS in out[2].order else [COSTS])
    if stray:
        raise ModelInputError(f"{path}: categories missing from [template] order: {', '.join(stray)}")
    if out[3].coaching not in MODES:
        raise ModelInputError(f"{path}: [primary] coaching must be one of {', '.join(MODES)}")
    return out


def nprm_citation() -> Citation:
    """The NPRM's citation (``[nprm]`` of published/statement.toml)."""
    return _load(str(assumptions_dir().joinpath(*STATEMENT_FILE)))[0]


def statement_rows() -> tuple[StatementRow, ...]:
    """The benefits, transfers and effects rows, in file order."""
    return _load(str(assumptions_dir().joinpath(*STATEMENT_FILE)))[1]


def template_order() -> tuple[str, ...]:
    """The statement's categories in OMB's order (``[template]``): Benefits, Costs, Transfers, Effects."""
    return _load(str(assumptions_dir().joinpath(*STATEMENT_FILE)))[2].order


def primary_estimate() -> Primary:
    """The coaching mode of the primary estimate and the NPRM sentence that makes it the headline."""
    return _load(str(assumptions_dir().joinpath(*STATEMENT_FILE)))[3]


def ordered_rows(cost_rows: list[tuple], row_of) -> list[tuple]:
    """The statement's rows in OMB's order: ``cost_rows`` (the model's, category ``Costs``) in the place of
    ``Costs``, every ``statement_rows`` entry, turned into a row by ``row_of``, in the place of its category."""
    out: list[tuple] = []
    for category in template_order():
        out += cost_rows if category == COSTS else [row_of(s) for s in statement_rows() if s.category == category]
    return out


def reading_note(a) -> str:
    """One line for under the A-4 statement, generated from the readings of the NPRM's program figure
    (``model.core.readings``) at the values in force: the reading the statement uses, why (the criteria
    that pick it, or that the switches in force were set), and the annualized incremental cost with
    internal coaching at the higher discount rate under each other reading that has a scenario file."""
    from model.core.explain import money
    from model.core.readings import analyze, reading_in_force

    found, chosen, steps = analyze(a)
    current = reading_in_force(a, found)
    rate = f"{float(a['analysis.discount_rate_high']):.0%}"
    if current is None:
        head = "Reading of the NPRM's program figure: the switches in force match none of the readings found"
        others = [r for r in found if r.scenario]
    else:
        why = ("picked by the criteria, in order: " + "; ".join(c for c, _ in steps)
               if chosen is not None and current.id == chosen.id
               else f"set by the scenario; the criteria pick {chosen.title if chosen is not None else 'none'}")
        head = (f"Reading of the NPRM's program figure: {current.title} ({why}), incremental cost with internal "
                f"coaching {money(current.incremental['internal'])} a year at {rate}")
        others = [r for r in found if r.scenario and r.id != current.id]
    if not others:
        return head + "."
    return (head + ". Under the other readings the incremental internal cost would be, a year at " + rate + ": "
            + "; ".join(f"{r.title} {money(r.incremental['internal'])}" for r in others) + ".")
