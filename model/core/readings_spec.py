"""The data file of the readings of the NPRM's $152,000 per agency (``assumptions/published/readings.toml``): the
candidate terms (the quantities the text gives that could be inside the figure), the search's switches and target,
the criteria that pick one reading, and the names of the known readings; loaded and checked once, and the switch
values a set of terms stands for."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from model.core.components import COMPONENTS
from model.core.errors import ModelInputError
from model.core.parameters import assumptions_dir

READINGS_FILE = ("published", "readings.toml")
_COMPONENTS = {c.name: c for c in COMPONENTS}


class TermSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    short: str
    label: str
    quote: str
    section: str
    requirement: str
    counted_twice: str
    overrides: dict[str, float]
    components: tuple[str, ...]
    requires: tuple[str, ...] = ()
    overlaps: tuple[str, ...] = ()
    fixed: bool = False
    why_fixed: str = ""


class SearchSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    target: str
    figures: tuple[str, ...]
    off: dict[str, float]
    named_fees: tuple[str, ...]
    scenarios: str


class CriterionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    text: str


class NameSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    terms: tuple[str, ...]
    scenario: str


class ReadingsSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    search: SearchSpec
    criterion: tuple[CriterionSpec, ...]
    name: tuple[NameSpec, ...]
    term: tuple[TermSpec, ...] = Field(min_length=1)

    def terms(self) -> dict[str, TermSpec]:
        return {t.id: t for t in self.term}


CRITERIA = ("all_figures", "no_double_count", "named_requirements", "fewest_unstated")


@lru_cache(maxsize=4)
def _load(path: str) -> ReadingsSpec:
    try:
        with open(path, "rb") as fh:
            spec = ReadingsSpec(**tomllib.load(fh))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelInputError(f"{path}: cannot read the readings: {exc}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ModelInputError(f"{path}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    terms = spec.terms()
    for t in spec.term:
        for other in (*t.requires, *t.overlaps):
            if other not in terms:
                raise ModelInputError(f"{path}: term {t.id}: unknown term {other!r}")
        for c in t.components:
            if c not in _COMPONENTS:
                raise ModelInputError(f"{path}: term {t.id}: unknown component {c!r}")
        for pid in t.overrides:
            if pid not in spec.search.off:
                raise ModelInputError(f"{path}: term {t.id}: {pid} is not a switch of [search].off")
    if any(x not in terms for x in spec.search.named_fees):
        raise ModelInputError(f"{path}: [search].named_fees: unknown term in {list(spec.search.named_fees)}")
    for n in spec.name:
        if any(x not in terms for x in n.terms):
            raise ModelInputError(f"{path}: name {n.id}: unknown term in {list(n.terms)}")
    if tuple(c.id for c in spec.criterion) != CRITERIA:
        raise ModelInputError(f"{path}: criteria must be, in order, {', '.join(CRITERIA)}")
    return spec


def load_readings_spec(path: Path | None = None) -> ReadingsSpec:
    """The candidate terms, criteria and reading names (``assumptions/published/readings.toml``)."""
    return _load(str(path or assumptions_dir().joinpath(*READINGS_FILE)))


def reading_overrides(spec: ReadingsSpec, terms) -> dict[str, float]:
    """The switch values of a reading: every switch off, then each term's overrides."""
    out = dict(spec.search.off)
    for tid in terms:
        out.update(spec.terms()[tid].overrides)
    return out
