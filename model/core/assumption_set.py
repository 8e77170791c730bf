"""The validated parameter set (``Assumptions``) and its loader.

Each ``assumptions/<topic>.toml`` holds one table per parameter; the parameter id is
``<topic>.<key>``. Every entry carries value, unit, kind, description, source (with section and
quote, or ``"analyst assumption"`` with reasoning), date, and optionally an uncertainty range.
The loader is strict: unknown or missing ids, duplicate keys, wrong types, negative counts or hours,
a value outside its range and low > high are all rejected with one line naming file, parameter and
what was expected.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from importlib import resources
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from pydantic import ValidationError

from model.core.catalog import PARAMETER_IDS
from model.core.errors import ModelInputError
from model.core.evidence import check_derived
from model.core.numbers import parse_number
from model.core.rules import check_rules
from model.core.specs import ParameterSpec, check_value
from model.core.text import control_problem
from model.core.toml_input import read_toml


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


def one_line(err: ValidationError) -> str:
    """A pydantic error as one line: where (the field) and what was expected."""
    first = err.errors()[0]
    where = ".".join(str(x) for x in first.get("loc", ()) if x != "__root__")
    msg = first.get("msg", "invalid").removeprefix("Value error, ")
    return f"{where + ': ' if where else ''}{msg}"


MAX_ID_SHOWN = 80           # characters of an unknown id quoted back in a message


def parse_parameter_file(path: Path, text: dict | None = None) -> dict[str, ParameterSpec]:
    """Validate one assumption file; returns id -> spec. Raises ModelInputError (one line)."""
    data = read_toml(path) if text is None else text
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
            raise ModelInputError(f"{path}: {pid}: {one_line(exc)}") from None
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
        if s.applies_when is not None and (s.applies_when not in ordered or ordered[s.applies_when].kind != "switch"):
            raise ModelInputError(f"{root / files[pid]}: {pid}: applies_when: expected the id of a switch, got "
                                  f"{s.applies_when!r}")
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
