"""Assumption files -> validated parameters.

Each ``assumptions/<topic>.toml`` holds one table per parameter; the parameter id is
``<topic>.<key>``. Every entry carries value, unit, kind, description, source (with section and
quote, or ``"analyst assumption"`` with reasoning), date, and optionally an uncertainty range.
The loader is strict: unknown or missing ids, duplicate keys, wrong types, negative counts or hours,
a value outside its range and low > high are all rejected with one line naming file, parameter and
what was expected. Scenario files (``assumptions/scenarios/*.toml``) are overrides of the primary
assumptions, validated the same way.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from importlib import resources
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from model.core.catalog import PARAMETER_IDS
from model.core.errors import ModelInputError
from model.core.evidence import check_derived
from model.core.numbers import parse_number
from model.core.rules import check_rules
from model.core.text import control_problem, visible_lines
from model.core.vocabulary import MODES
from model.core.specs import ANALYST, DISTRIBUTIONS, ParameterSpec, Uncertainty, check_value  # noqa: F401 (public here)



def assumptions_dir() -> Path:
    """The assumptions folder, in this order: $SESCDP_ASSUMPTIONS; the package data ``model.assumptions``
    of an installed (or editable) copy, read through importlib.resources; the checkout's
    ``assumptions/`` when the code runs from a checkout that was never installed."""
    env = os.environ.get("SESCDP_ASSUMPTIONS")
    if env:
        return Path(env)
    try:
        return Path(str(resources.files("model.assumptions")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "assumptions"


@dataclass(frozen=True)
class Assumptions:
    """A validated parameter set: specs (with citations) and the values in force."""

    specs: Mapping[str, ParameterSpec]
    values: Mapping[str, float]
    files: Mapping[str, str] = field(default_factory=dict)  # id -> file it came from
    scenario: str = "NPRM primary"
    # id -> value set explicitly (a scenario file, --set, the API or the app), kept even when it equals the
    # primary: a value set is held fixed by the Monte Carlo and the sensitivity analysis, and recorded.
    overrides: Mapping[str, float] = field(default_factory=dict)
    # the uncertainty a scenario sets: id -> distribution spec ("uniform:200:3000", as --dist), and rank
    # correlations "a ~ b" -> rho replacing or adding to assumptions/uncertainty/correlations.toml (0: none).
    # Checked by the engines when the scenario is loaded (model.api); used by every Monte Carlo.
    dists: Mapping[str, str] = field(default_factory=dict)
    correlations: Mapping[str, float] = field(default_factory=dict)

    def __getitem__(self, pid: str) -> float:
        return self.values[pid]

    def with_overrides(self, overrides: Mapping[str, Any], origin: str, scenario: str | None = None) -> "Assumptions":
        """A new parameter set with ``overrides`` applied; ``origin`` names the file or option for errors."""
        if scenario is not None and control_problem(str(scenario)):
            raise ModelInputError(f"{origin}: scenario name: {control_problem(str(scenario))}")
        values = dict(self.values)
        for pid, raw in overrides.items():
            values[pid] = coerce_value(self.specs, pid, raw, origin)
        check_consistency(values, origin)
        set_ids = set(self.overrides) | set(overrides)
        kept = {k: values[k] for k in self.specs if k in set_ids}  # catalog order
        return Assumptions(self.specs, MappingProxyType(values), self.files, scenario or self.scenario,
                           MappingProxyType(kept), self.dists, self.correlations)

    def with_uncertainty(self, dists: Mapping[str, str] | None = None,
                         correlations: Mapping[str, float] | None = None) -> "Assumptions":
        """A new parameter set whose Monte Carlo draws ``dists`` (id -> spec, added to those already set) and
        ``correlations`` ("a ~ b" -> rho). Ids are checked here; the specs by ``engines`` (``model.api``)."""
        for pid in (dists or {}):
            if pid not in self.specs:
                raise ModelInputError(f"distribution: {pid}: unknown parameter id{_suggest(pid)}")
        pairs = {}
        seen: set[frozenset] = set()
        for pair, rho in (correlations or {}).items():
            a, _, b = (x.strip() for x in str(pair).partition("~"))
            if not a or not b or a not in self.specs or b not in self.specs or a == b:
                raise ModelInputError(f"correlation {str(pair)[:80]!r}: expected 'ID ~ ID' of two different parameters")
            if frozenset((a, b)) in seen:
                raise ModelInputError(f"correlation {a} ~ {b}: given twice (in either order); expected each pair once")
            seen.add(frozenset((a, b)))
            if isinstance(rho, bool) or not isinstance(rho, (int, float)) or not -1 < float(rho) < 1:
                raise ModelInputError(f"correlation {pair}: expected rho strictly between -1 and 1, got {rho!r}")
            pairs[f"{a} ~ {b}"] = float(rho)
        return replace(self, dists=MappingProxyType({**self.dists, **{k: str(v) for k, v in (dists or {}).items()}}),
                       correlations=MappingProxyType({**self.correlations, **pairs}))

    def differing(self) -> dict[str, float]:
        """The values set that differ from the NPRM primary (id -> value)."""
        primary = self.primary_values()
        return {k: v for k, v in self.overrides.items() if v != primary[k]}

    def primary(self) -> "Assumptions":
        """The NPRM primary parameter set (the files' values, no overrides)."""
        return Assumptions(self.specs, MappingProxyType(self.primary_values()), self.files)

    def kinds(self) -> dict[str, str]:
        """Parameter id -> kind (count, quantity, switch)."""
        return {k: s.kind for k, s in self.specs.items()}

    def primary_values(self) -> dict[str, float]:
        """The values as written in the assumption files (the NPRM primary scenario)."""
        return {k: s.value for k, s in self.specs.items()}

    def digest(self) -> str:
        """SHA-256 (first 16 hex digits) of the parameter values in force (and of the distributions and
        correlations a scenario sets, when it sets any), for provenance."""
        doc: dict[str, Any] = {k: self.values[k] for k in sorted(self.values)}
        if self.dists or self.correlations:
            doc = {"values": doc, "dists": dict(self.dists), "correlations": dict(self.correlations)}
        blob = json.dumps(doc, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _one_line(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(x) for x in first.get("loc", ()) if x != "__root__")
    msg = first.get("msg", "invalid").removeprefix("Value error, ")
    return f"{where + ': ' if where else ''}{msg}"


MAX_ID_SHOWN = 80           # characters of an unknown id quoted back in a message
MAX_FILE_BYTES = 1_000_000  # a scenario or assumption file larger than this is not one
MAX_DEPTH = 8                # nesting of tables and arrays in a scenario or assumption file


def _read_toml(path: Path) -> dict:
    """A TOML file read as bytes (at most ``MAX_FILE_BYTES``), decoded strictly as UTF-8, parsed with a
    bounded nesting depth; any problem is one ModelInputError naming the file."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ModelInputError(f"{path}: cannot read file: {exc.strerror}") from None
    return parse_toml_bytes(data, str(path))


def parse_toml_bytes(data: bytes | str, origin: str) -> dict:
    """TOML from bytes or text: size, UTF-8, syntax (duplicate keys rejected) and nesting checked."""
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise ModelInputError(f"{origin}: larger than {MAX_FILE_BYTES:,} bytes; expected a scenario or "
                              "assumption file (TOML text)")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark some editors write
    except UnicodeDecodeError as exc:
        raise ModelInputError(f"{origin}: not UTF-8 text (byte {exc.start}); expected a TOML file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelInputError(f"{origin}: not valid TOML (duplicate keys are rejected too): {exc}") from None
    except RecursionError:
        raise ModelInputError(f"{origin}: nested deeper than {MAX_DEPTH} levels; expected a scenario or "
                              "assumption file") from None
    if _depth(data) > MAX_DEPTH:
        raise ModelInputError(f"{origin}: nested deeper than {MAX_DEPTH} levels; expected a scenario or "
                              "assumption file")
    return data


def _depth(value, level: int = 0) -> int:
    """Nesting depth of parsed TOML, stopping once past ``MAX_DEPTH``."""
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max([_depth(v, level + 1) for v in value.values()] or [level])
    if isinstance(value, list):
        return max([_depth(v, level + 1) for v in value] or [level])
    return level


def parse_parameter_file(path: Path, text: dict | None = None) -> dict[str, ParameterSpec]:
    """Validate one assumption file; returns id -> spec. Raises ModelInputError (one line)."""
    data = _read_toml(path) if text is None else text
    topic = path.stem
    specs: dict[str, ParameterSpec] = {}
    for key, entry in data.items():
        pid = f"{topic}.{key}"
        if not isinstance(entry, dict):
            raise ModelInputError(f"{path}: {pid}: expected a table of fields (value, unit, ...), got {entry!r}")
        if pid not in PARAMETER_IDS:
            raise ModelInputError(f"{path}: {pid}: unknown parameter id{_suggest(pid)}")
        try:
            specs[pid] = ParameterSpec(id=pid, **entry)
        except ValidationError as exc:
            raise ModelInputError(f"{path}: {pid}: {_one_line(exc)}") from None
        except TypeError as exc:
            raise ModelInputError(f"{path}: {pid}: {exc}") from None
    return specs


def load_assumptions(directory: Path | str | None = None) -> Assumptions:
    """Load and validate every ``*.toml`` in the assumptions folder (the NPRM primary values)."""
    root = Path(directory) if directory is not None else assumptions_dir()
    if not root.is_dir():
        raise ModelInputError(f"{root}: assumptions folder not found")
    specs: dict[str, ParameterSpec] = {}
    files: dict[str, str] = {}
    for path in sorted(root.glob("*.toml")):
        for pid, spec in parse_parameter_file(path).items():
            specs[pid] = spec
            files[pid] = path.name
    missing = [pid for pid in PARAMETER_IDS if pid not in specs]
    if missing:
        raise ModelInputError(f"{root}: parameter(s) missing from the assumption files: {', '.join(missing)}")
    ordered = {pid: specs[pid] for pid in PARAMETER_IDS}
    values = {pid: s.value for pid, s in ordered.items()}
    for pid, s in ordered.items():
        if s.evidence == "derived":
            try:
                check_derived(s, values)
            except ValueError as exc:
                raise ModelInputError(f"{root / files[pid]}: {pid}: {exc}") from None
    check_consistency(values, str(root))
    return Assumptions(MappingProxyType(ordered), MappingProxyType(values), MappingProxyType(files))


def _suggest(pid: str) -> str:
    close = difflib.get_close_matches(pid, PARAMETER_IDS, n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def coerce_value(specs: Mapping[str, ParameterSpec], pid: str, raw: Any, origin: str) -> float:
    """Parse and validate an override value for ``pid``; ``origin`` names the file or option."""
    if pid not in specs:
        shown = pid if len(pid) <= MAX_ID_SHOWN else pid[:MAX_ID_SHOWN] + "…"
        raise ModelInputError(f"{origin}: {shown}: unknown parameter id{_suggest(pid)}")
    value = raw
    if isinstance(raw, str):
        try:
            value = parse_number(raw)
        except ValueError as exc:
            raise ModelInputError(f"{origin}: {pid}: expected a number ({specs[pid].unit}), got {raw!r}: {exc}") from None
    try:
        check_value(specs[pid], value)
    except ValueError as exc:
        raise ModelInputError(f"{origin}: {pid}: {exc}") from None
    return float(value) + 0.0  # -0 reads 0


def check_consistency(values: Mapping[str, float], origin: str) -> None:
    """Cross-parameter rules (``rules.RULES``); raises ModelInputError naming both parameters."""
    check_rules(values, origin)


# ---------------------------------------------------------------------------------------------
# Scenarios


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
            raise ModelInputError(f"[scenario] {_one_line(exc)}") from None

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
class Scenario:
    """A named set of overrides of the primary assumptions."""

    name: str
    description: str
    overrides: Mapping[str, float]
    coaching: tuple[str, ...] = MODES
    notes: Mapping[str, str] = field(default_factory=dict)
    path: str = ""
    dists: Mapping[str, str] = field(default_factory=dict)  # [distributions] id = "kind:args"
    correlations: Mapping[str, float] = field(default_factory=dict)  # [correlations] "a ~ b" = rho


def parse_scenario(data: dict, origin: str, specs: Mapping[str, ParameterSpec]) -> Scenario:
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
    return Scenario(meta.name, meta.description, MappingProxyType(overrides), tuple(meta.coaching),
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


def load_scenario(name_or_path: str | Path, base: Assumptions | None = None) -> Scenario:
    """Read and validate a scenario file; raises ModelInputError naming the file."""
    path = scenario_path(name_or_path)
    if not path.is_file():
        names = ", ".join(list_scenarios())
        raise ModelInputError(f"{path}: scenario file not found (scenarios: {names})")
    base = base or load_assumptions()
    return parse_scenario(_read_toml(path), str(path), base.specs)


def parse_scenario_text(text: str | bytes, origin: str, base: Assumptions) -> Scenario:
    """Validate scenario TOML given as text or bytes (an upload, a link); raises ModelInputError."""
    return parse_scenario(parse_toml_bytes(text, origin), origin, base.specs)


def list_scenarios() -> list[str]:
    """Names of the scenario files in ``assumptions/scenarios/``."""
    return sorted(p.stem for p in (assumptions_dir() / "scenarios").glob("*.toml"))


def apply_scenario(base: Assumptions, scenario: Scenario) -> Assumptions:
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
