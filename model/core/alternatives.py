"""Regulatory alternatives as data (``assumptions/alternatives/*.toml``) and comments that argue with the proposal
(a comments file of ``[[comment]]`` tables). Each alternative, and each comment, is a set of overrides of the
parameters in force: values and rule-structure switches of the registry (``alternative.*``, ``policy.*``, ...), never
a special case in code. Loading checks every key, id and value as a scenario file is checked, and a bad entry is
refused in one line naming the file, the alternative or comment, and the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from model.core.errors import ModelInputError
from model.core.parameters import Assumptions, assumptions_dir
from model.core.text import control_problem
from model.core.toml_input import read_toml

KINDS = ("proposal", "less_stringent", "more_stringent", "guidance_only", "commenter")
PROPOSAL = "proposal"
ALTERNATIVES_FOLDER = "alternatives"


class Source(BaseModel):
    """Who proposed an alternative, and where: a citation, with a quote when the text is in the sources."""

    model_config = ConfigDict(extra="forbid")
    who: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    quote: str | None = None


class Alternative(BaseModel):
    """One regulatory alternative: its overrides of the proposal's parameters (ids -> values)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    kind: Literal[KINDS]  # type: ignore[valid-type]
    source: Source
    overrides: dict[str, float | int] = {}


class Comment(BaseModel):
    """One public comment: its docket id, who made it, its claim in its own words, and what it asserts (an
    alternative by id and/or parameter values)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    commenter: str = Field(min_length=1)
    claim: str = Field(min_length=1)
    alternative: str | None = None
    overrides: dict[str, float | int] = {}


def _problem(exc: ValidationError) -> str:
    e = exc.errors()[0]
    where = ".".join(str(x) for x in e.get("loc", ()))
    return f"{where}: {e.get('msg', 'invalid').removeprefix('Value error, ')}" if where else e.get("msg", "invalid")


def _checked(base: Assumptions, overrides: Mapping[str, Any], origin: str) -> None:
    """Every override a known id with an admissible value, and the whole set within the cross-parameter rules."""
    base.with_overrides(dict(overrides), origin)


def load_alternative(path: Path, base: Assumptions) -> Alternative:
    """One alternative file: ``[alternative]`` (name, description, kind), ``[source]`` and ``[overrides]``."""
    data = read_toml(path)
    unknown = sorted(set(data) - {"alternative", "source", "overrides"})
    if unknown:
        raise ModelInputError(f"{path}: unknown section(s) {unknown}; expected [alternative], [source], [overrides]")
    head = data.get("alternative", {})
    try:
        alt = Alternative(id=path.stem, source=data.get("source", {}), overrides=data.get("overrides", {}),
                          **head)
    except (ValidationError, TypeError) as exc:
        raise ModelInputError(f"{path}: {_problem(exc) if isinstance(exc, ValidationError) else exc}") from None
    for text in (alt.name, alt.description):
        if control_problem(text):
            raise ModelInputError(f"{path}: {control_problem(text)}")
    _checked(base, alt.overrides, f"{path}: [overrides]")
    return alt


def load_alternatives(base: Assumptions, folder: Path | None = None) -> list[Alternative]:
    """Every ``*.toml`` in ``assumptions/alternatives`` (or ``folder``), the proposal first, then by file name. Exactly
    one file must be the proposal, with no overrides."""
    root = folder or assumptions_dir() / ALTERNATIVES_FOLDER
    alts = [load_alternative(p, base) for p in sorted(root.glob("*.toml"))]
    proposals = [x for x in alts if x.kind == PROPOSAL]
    if len(proposals) != 1 or proposals[0].overrides:
        raise ModelInputError(f"{root}: expected exactly one alternative of kind 'proposal', with no overrides")
    return sorted(alts, key=lambda x: (x.kind != PROPOSAL, x.id))


def apply_alternative(base: Assumptions, alt: Alternative, extra: Mapping[str, Any] | None = None,
                      origin: str = "alternative") -> Assumptions:
    """``base`` with the alternative's overrides (then ``extra``) on top, named after the alternative."""
    return base.with_overrides({**alt.overrides, **(extra or {})}, f"{origin} {alt.id}", scenario=alt.name)


def load_comments(path: Path | str, base: Assumptions, alternatives: Mapping[str, Alternative]) -> list[Comment]:
    """A comments file: one ``[[comment]]`` table each (id, commenter, claim, optional alternative and overrides).
    A bad entry is refused naming the file, the comment id and the key; ids are unique."""
    path = Path(path)
    data = read_toml(path)
    unknown = sorted(set(data) - {"comment"})
    if unknown or not isinstance(data.get("comment"), list) or not data["comment"]:
        raise ModelInputError(f"{path}: expected one or more [[comment]] tables" +
                              (f"; unknown section(s) {unknown}" if unknown else ""))
    out: list[Comment] = []
    for i, entry in enumerate(data["comment"], 1):
        name = f"comment {entry.get('id', i)!s}"[:100] if isinstance(entry, dict) else f"comment {i}"
        try:
            c = Comment(**entry) if isinstance(entry, dict) else Comment.model_validate(entry)
        except (ValidationError, TypeError) as exc:
            raise ModelInputError(f"{path}: {name}: {_problem(exc) if isinstance(exc, ValidationError) else exc}") from None
        for text in (c.id, c.commenter, c.claim):
            if control_problem(text):
                raise ModelInputError(f"{path}: {name}: {control_problem(text)}")
        if c.id in {x.id for x in out}:
            raise ModelInputError(f"{path}: {name}: id: the same id is used twice")
        if c.alternative is not None and c.alternative not in alternatives:
            raise ModelInputError(f"{path}: {name}: alternative: expected one of {', '.join(alternatives)}, "
                                  f"got {c.alternative!r}")
        extra = alternatives[c.alternative].overrides if c.alternative else {}
        _checked(base, {**extra, **c.overrides}, f"{path}: {name}: overrides")
        out.append(c)
    return out
