"""Scenario files (``assumptions/scenarios/*.toml``): named overrides of the primary assumptions, with optional
notes, distributions and correlations, validated as the assumption files are; reading, applying and writing them,
and the command line's ``--set ID=VALUE``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from model.core.assumption_set import Assumptions, assumptions_dir, coerce_value, load_assumptions, one_line
from model.core.errors import ModelInputError
from model.core.specs import ParameterSpec
from model.core.text import control_problem, visible_lines
from model.core.toml_input import parse_toml_bytes, read_toml
from model.core.vocabulary import MODES


SCENARIO_TEXT_LIMITS = {"name": 200, "description": 5000}  # characters of a scenario's name and description


class ScenarioMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=SCENARIO_TEXT_LIMITS["name"])
    description: str = Field(min_length=1, max_length=SCENARIO_TEXT_LIMITS["description"])
    coaching: list[Literal[MODES]] = Field(default=list(MODES), min_length=1)  # type: ignore[valid-type]

    def __init__(self, **fields: Any) -> None:
        """Raises ModelInputError, one line (``[scenario] name: ...``), never pydantic's ValidationError:
        every reader of a name (a scenario file, a workbook's Provenance sheet) then refuses it in one line."""
        try:
            super().__init__(**fields)
        except ValidationError as exc:
            raise ModelInputError(f"[scenario] {one_line(exc)}") from None

    @field_validator("name", "description")
    @classmethod
    def _printable(cls, text: str) -> str:
        problem = control_problem(text)
        if problem:
            raise ValueError(problem)
        return text


def scenario_meta(origin: str, **fields: Any) -> ScenarioMeta:
    """``ScenarioMeta(**fields)``; a name or description too long or with control characters raises
    ModelInputError, one line naming ``origin`` and the field."""
    try:
        return ScenarioMeta(**fields)
    except ModelInputError as exc:
        raise ModelInputError(f"{origin}: {exc}") from None


@dataclass(frozen=True)
class ScenarioFile:
    """A named set of overrides of the primary assumptions."""

    name: str
    description: str
    overrides: Mapping[str, float]
    coaching: tuple[str, ...] = MODES
    notes: Mapping[str, str] = field(default_factory=dict)
    path: str = ""
    dists: Mapping[str, str] = field(default_factory=dict)  # [distributions] id = "kind:args"
    correlations: Mapping[str, float] = field(default_factory=dict)  # [correlations] "a ~ b" = rho


def parse_scenario(data: dict, origin: str, specs: Mapping[str, ParameterSpec]) -> ScenarioFile:
    """Validate a parsed scenario document (``[scenario]``, ``[overrides]``, optional ``[notes]``,
    ``[distributions]`` id = "kind:args" and ``[correlations]`` "a ~ b" = rho)."""
    unknown = set(data) - {"scenario", "overrides", "notes", "distributions", "correlations"}
    if unknown:
        raise ModelInputError(f"{origin}: unknown section(s) {sorted(unknown)}; expected [scenario], [overrides], "
                              "[notes], [distributions], [correlations]")
    if "scenario" not in data:
        raise ModelInputError(f"{origin}: missing [scenario] table with name and description")
    meta = scenario_meta(origin, **data["scenario"]) if isinstance(data["scenario"], dict) else None
    if meta is None:
        raise ModelInputError(f"{origin}: [scenario] must be a table")
    raw = data.get("overrides", {})
    notes = data.get("notes", {})
    if not isinstance(raw, dict) or not isinstance(notes, dict):
        raise ModelInputError(f"{origin}: [overrides] and [notes] must be tables of id = value")
    overrides = {pid: coerce_value(specs, pid, val, origin) for pid, val in _flatten(raw, "", origin).items()}
    for pid in _flatten(notes):
        if pid not in overrides:
            raise ModelInputError(f"{origin}: [notes] {pid}: has no matching override")
    dists, corr = data.get("distributions", {}), data.get("correlations", {})
    if not isinstance(dists, dict) or not isinstance(corr, dict):
        raise ModelInputError(f"{origin}: [distributions] and [correlations] must be tables")
    dists = _flatten(dists)
    for pid, spec in dists.items():
        if pid not in specs or not isinstance(spec, str):
            raise ModelInputError(f"{origin}: [distributions] {pid}: expected a parameter id = \"kind:args\" "
                                  "(e.g. \"uniform:200:3000\")")
    return ScenarioFile(meta.name, meta.description, MappingProxyType(overrides), tuple(meta.coaching),
                    MappingProxyType({k: str(v) for k, v in _flatten(notes).items()}), origin,
                    MappingProxyType(dists), MappingProxyType(dict(corr)))


def _flatten(table: dict, prefix: str = "", origin: str = "scenario") -> dict[str, Any]:
    """Accept both ``"labor.load_factor" = 2`` and ``[overrides.labor] load_factor = 2``; the same id given
    both ways is refused (the second would silently win)."""
    out: dict[str, Any] = {}
    for key, val in table.items():
        pid = f"{prefix}{key}"
        items = _flatten(val, pid + ".", origin).items() if isinstance(val, dict) else ((pid, val),)
        for k, v in items:
            if k in out:
                raise ModelInputError(f"{origin}: {k}: given twice (as a dotted key and inside a table); "
                                      "expected each parameter once")
            out[k] = v
    return out


def scenario_path(name_or_path: str | Path) -> Path:
    """A scenario given as a path, or as a name in ``assumptions/scenarios/``. A bare name (no suffix, no
    folder separator) is always a shipped scenario, so a file or folder named ``complete`` in the working
    directory never shadows ``complete``; a path needs a suffix (``my.toml``) or a separator (``./my``)."""
    text = str(name_or_path)
    path = Path(name_or_path)
    bare = not path.suffix and "/" not in text and "\\" not in text
    if not bare:
        return path
    return assumptions_dir() / "scenarios" / f"{text}.toml"


def load_scenario(name_or_path: str | Path, base: Assumptions | None = None) -> ScenarioFile:
    """Read and validate a scenario file; raises ModelInputError naming the file."""
    path = scenario_path(name_or_path)
    if not path.is_file():
        names = ", ".join(list_scenarios())
        raise ModelInputError(f"{path}: scenario file not found (scenarios: {names})")
    base = base or load_assumptions()
    return parse_scenario(read_toml(path), str(path), base.specs)


def parse_scenario_text(text: str | bytes, origin: str, base: Assumptions) -> ScenarioFile:
    """Validate scenario TOML given as text or bytes (an upload, a link); raises ModelInputError."""
    return parse_scenario(parse_toml_bytes(text, origin), origin, base.specs)


def list_scenarios() -> list[str]:
    """Names of the scenario files in ``assumptions/scenarios/``."""
    return sorted(p.stem for p in (assumptions_dir() / "scenarios").glob("*.toml"))


def apply_scenario(base: Assumptions, scenario: ScenarioFile) -> Assumptions:
    """The primary assumptions with the scenario's overrides (and distributions, correlations) applied."""
    a = base.with_overrides(scenario.overrides, scenario.path or scenario.name, scenario=scenario.name)
    if scenario.dists or scenario.correlations:
        try:
            a = a.with_uncertainty(scenario.dists, scenario.correlations)
        except ModelInputError as exc:
            raise ModelInputError(f"{scenario.path or scenario.name}: {exc}") from None
    return a


def parse_set_options(items: list[str] | None) -> dict[str, str]:
    """``["ID=VALUE", ...]`` from the command line -> {id: raw value}; bad syntax raises ModelInputError."""
    out: dict[str, str] = {}
    for item in items or []:
        pid, sep, val = item.partition("=")
        if not sep or not pid.strip() or not val.strip():
            raise ModelInputError(f"--set {item!r}: expected ID=VALUE, e.g. coaching.external_rate=2000")
        if pid.strip() in out:
            raise ModelInputError(f"--set {pid.strip()}: given twice ({out[pid.strip()]!r} and {val.strip()!r}); "
                                  "expected each parameter once")
        out[pid.strip()] = val.strip()
    return out


def _toml_string(text: str) -> str:
    """A TOML basic string for any text: JSON escapes (valid in TOML) with non-ASCII kept as is, so that an
    emoji is not written as a surrogate pair TOML refuses; a control character other than tab and newline (which
    the file would refuse on reading, and TOML refuses as a raw DEL) is written as its visible escape, so the file always reads back."""
    return json.dumps(visible_lines(str(text)), ensure_ascii=False)


def scenario_toml(assumptions: Assumptions, name: str, description: str) -> str:
    """Write the values that differ from the primary as a scenario file (same format as assumptions/scenarios)."""
    lines = ["[scenario]", f"name = {_toml_string(name)}", f"description = {_toml_string(description)}", "",
             "[overrides]"]
    for pid, val in assumptions.overrides.items():
        lines.append(f"{json.dumps(pid)} = {val!r}")
    if assumptions.dists:
        lines += ["", "[distributions]"] + [f"{json.dumps(pid)} = {json.dumps(spec)}"
                                            for pid, spec in assumptions.dists.items()]
    if assumptions.correlations:
        lines += ["", "[correlations]"] + [f"{json.dumps(pair)} = {rho!r}"
                                           for pair, rho in assumptions.correlations.items()]
    return "\n".join(lines) + "\n"
