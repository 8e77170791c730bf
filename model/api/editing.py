"""Editing a scenario: every parameter as an editor lists it, the uncertainty the assumption files declare,
scenarios read from uploaded bytes and written back as scenario-file text.

The Streamlit app's sidebar, link and upload use these; so can a notebook or a test. Values are in the unit
each parameter's assumption file gives (``Parameter.unit``: USD, USD/hour, hours, a share, a count). A
``scenario`` argument is a ``model.Scenario``; bad input raises ``ModelInputError`` naming its origin.

    >>> from model import Scenario, editing
    >>> p = editing.parameters()["coaching.external_rate"]
    >>> p.value, p.unit, (p.low, p.high)
    (1000.0, 'USD/hour', (200.0, 3000.0))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from model.api.scenario import Scenario

__all__ = ["Parameter", "file_correlations", "file_distributions", "parameters", "scenario_file_text",
           "scenario_from_bytes", "scenario_uncertainty"]


@dataclass(frozen=True)
class Parameter:
    """One parameter as its assumption file writes it. ``value``: the NPRM primary; ``min``/``max``: the bounds
    a value must keep (None: unbounded); ``distribution``/``low``/``high``: its uncertainty range (None: fixed in
    the Monte Carlo); ``kind``: ``count`` (whole number), ``quantity`` or ``switch`` (0 or 1)."""

    id: str
    topic: str                 # the assumption file's stem: "coaching"
    value: float
    unit: str
    kind: str
    description: str
    source: str                # "analyst assumption" when no source states it
    section: str | None
    quote: str | None
    reasoning: str | None
    note: str | None
    min: float | None
    max: float | None
    distribution: str | None
    low: float | None
    high: float | None

    @property
    def analyst(self) -> bool:
        """True when no source states the value (an analyst assumption, never labelled NPRM)."""
        from model.core.parameters import ANALYST
        return self.source == ANALYST


def parameters() -> dict[str, Parameter]:
    """Every parameter, id -> ``Parameter``, in catalog order (grouped by topic), at its NPRM primary value."""
    from model.core.catalog import PARAMETER_IDS
    from model.core.parameters import load_assumptions
    specs = load_assumptions().specs
    out = {}
    for pid in PARAMETER_IDS:
        s, u = specs[pid], specs[pid].uncertainty
        out[pid] = Parameter(pid, pid.split(".", 1)[0], float(s.value), s.unit, s.kind, s.description, s.source,
                             s.section, s.quote, s.reasoning, s.note, s.min, s.max,
                             u.distribution if u else None, u.low if u else None, u.high if u else None)
    return out


def file_distributions() -> dict[str, str]:
    """The distribution each uncertain parameter's assumption file declares, id -> spec as ``--dist`` writes it
    (``"coaching.external_rate": "triangular:200:1000:3000"``); a parameter without a range is absent."""
    from model.core.parameters import load_assumptions
    from model.engines.distributions import from_uncertainty
    out = {}
    for pid, spec in load_assumptions().specs.items():
        d = from_uncertainty(spec)
        if d is not None:
            out[pid] = d.spec()
    return out


def file_correlations() -> dict[str, float]:
    """The rank correlations ``assumptions/uncertainty/correlations.toml`` declares, ``"a ~ b"`` -> Spearman rho."""
    from model.engines.correlation import load_correlations
    return {f"{e['a']} ~ {e['b']}": float(e["rho"]) for e in load_correlations()}


def scenario_uncertainty(scenario: "Scenario") -> tuple[dict[str, str], dict[str, float]]:
    """The distributions (id -> spec) and rank correlations (``"a ~ b"`` -> rho) ``scenario`` sets on top of the
    assumption files (``Scenario.with_uncertainty``, a scenario file's ``[distributions]``/``[correlations]``)."""
    a = scenario.assumptions
    return dict(a.dists), dict(a.correlations)


def scenario_from_bytes(data: bytes | str, origin: str) -> "Scenario":
    """A scenario from an uploaded file's content: a scenario file (TOML: ``[scenario]`` name and description,
    ``[overrides]``, ``[distributions]``, ``[correlations]``), or an exported workbook's edited Assumptions sheet
    when ``origin`` (the file's name) ends in ``.xlsx``. Every value, distribution and correlation is checked as
    ``sescdp run --scenario`` checks them; a problem raises ``ModelInputError`` naming ``origin``."""
    from model.api.scenario import Scenario
    from model.core.errors import ModelInputError
    from model.core.parameters import apply_scenario, load_assumptions, parse_scenario_text
    base = load_assumptions()
    try:
        if origin.lower().endswith(".xlsx"):
            from model.outputs.export import read_workbook_scenario
            sc = read_workbook_scenario(data if isinstance(data, bytes) else data.encode(), base)
        else:
            sc = parse_scenario_text(data, origin, base)
        s = Scenario(apply_scenario(base, sc), sc.description, sc.coaching)
        if sc.dists or sc.correlations:
            s = s.with_uncertainty(origin=origin)  # the file's distributions and matrix, checked as --dist
    except ModelInputError as exc:
        where = "" if str(exc).startswith(origin) else f"{origin}: "
        raise ModelInputError(f"{where}{exc}") from None
    return s


def scenario_file_text(scenario: "Scenario", name: str | None = None, description: str | None = None) -> str:
    """``scenario`` as a scenario file (TOML) that ``Scenario.load(path)`` reads back: its name (or ``name``),
    ``description``, the values it sets, and its distributions and correlations."""
    from model.core.parameters import scenario_toml
    return scenario_toml(scenario.assumptions, name or scenario.name, scenario.description if description is None
                         else description)
