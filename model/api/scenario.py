"""``Scenario``: one validated set of assumptions (the NPRM primary, a scenario file, a workbook, plus any
overrides) and the model's deterministic results for it, as tidy DataFrames or plain floats.

Units: every money figure is USD of ``analysis.dollar_year`` (2025), not inflated; present values are
discounted to the start of analysis year 1 (calendar ``analysis.first_calendar_year``, 2026), costs
falling at the end of each year. ``level="agency"`` is one agency's cost; ``"government"`` is that times
``agencies.count``. The accounting (``accounting``), Monte Carlo and sensitivity (``uncertainty``), the published
figures (``reconciliation``) and exports (``exports``) are mixed in from their own modules.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.api import checks as check
from model.api._common import Coaching, Framing, Level, choice, choices
from model.api.accounting import AccountingMethods
from model.api.exports import ExportMethods
from model.api.reconciliation import ReconcileMethods
from model.api.uncertainty import UncertaintyMethods
from model.core.errors import ModelInputError
from model.core.parameters import Assumptions, apply_scenario, load_assumptions, load_scenario

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Overrides = Mapping[str, float | int | str] | Sequence[str]


def modified_name(name: str, overrides: Mapping[str, Any]) -> str:
    """A scenario's name with the values changed on top of it: ``"Year-1 sunk (with coaching.external_rate = 2000)"``."""
    return f"{name} (with {', '.join(f'{pid} = {value}' for pid, value in overrides.items())})"


class Scenario(AccountingMethods, UncertaintyMethods, ReconcileMethods, ExportMethods):
    """A validated parameter set and every result of the model for it. Immutable: ``with_overrides``
    returns a new Scenario. Build one with ``Scenario.load``; nothing is cached between calls."""

    __slots__ = ("_a", "_description", "_coaching")

    def __init__(self, assumptions: Assumptions, description: str | None = None,
                 coaching: Sequence[str] = MODES):
        """Wrap a validated parameter set (``model.core.parameters.Assumptions``, internal). ``description``:
        of the scenario (None: described by its changed values); ``coaching``: the modes it headlines."""
        if not isinstance(assumptions, Assumptions):
            raise ModelInputError(f"Scenario: expected a validated parameter set, got {type(assumptions).__name__}")
        self._a = assumptions
        self._description = description
        self._coaching = choices("coaching", coaching, MODES)

    # ------------------------------------------------------------------ building scenarios

    @classmethod
    def load(cls, name_or_path: str | Path | None = None, overrides: Overrides | None = None, *,
             origin: str = "overrides") -> "Scenario":
        """The NPRM primary (``None``), a scenario by name (``"coaching_3000"``, a file in
        ``assumptions/scenarios/``), a scenario file's path, or an exported ``.xlsx`` workbook (its edited
        Assumptions sheet); then ``overrides`` as in ``with_overrides``. Bad input: ``ModelInputError``."""
        check.scenario_source(name_or_path)
        origin = check.text("origin", origin, optional=False)
        if overrides is not None:
            overrides = check.overrides(overrides, origin)
        base = load_assumptions()
        if name_or_path is None:
            s = cls(base)
        else:
            if str(name_or_path).lower().endswith(".xlsx"):
                from model.outputs.export import read_workbook_scenario
                file = read_workbook_scenario(name_or_path, base)
            else:
                file = load_scenario(name_or_path, base)
            s = cls(apply_scenario(base, file), file.description, file.coaching)
            if file.dists or file.correlations:
                from model.engines.plan import check_uncertainty
                try:
                    check_uncertainty(s._a)
                except ModelInputError as exc:
                    raise ModelInputError(f"{file.path or file.name}: {exc}") from None
        if not overrides:
            return s
        return s.with_overrides(overrides, origin=origin, name=s._name_after_overrides(name_or_path, overrides))

    def _name_after_overrides(self, source: str | Path | None, overrides: Mapping[str, Any] | None = None) -> str:
        """The name of this scenario once ``overrides`` are applied: an exported workbook keeps its name; the
        NPRM primary becomes ``"custom"``; a named scenario file becomes ``"<name> (with id = value, ...)"``, so
        that the unchanged file and the changed scenario never share a name in a comparison."""
        if source is not None and str(source).lower().endswith(".xlsx"):
            return self.name
        if not self._a.overrides:
            return "custom"
        if not overrides:
            return self.name
        return modified_name(self.name, overrides)

    def with_overrides(self, overrides: Overrides, *, name: str | None = None, description: str | None = None,
                       origin: str = "overrides") -> "Scenario":
        """A new Scenario with parameters changed, validated exactly as the CLI's ``--set``: a mapping
        ``{"coaching.external_rate": 1500}`` (numbers, or text such as ``"1,500"``) or a list of
        ``"ID=VALUE"`` strings. Unknown id, bad value or broken rule: ``ModelInputError`` naming ``origin``,
        the parameter and what was expected. ``name`` defaults to this scenario's name, or ``"custom"``
        when nothing differed from the NPRM yet."""
        origin = check.text("origin", origin, optional=False)
        overrides = check.overrides(overrides, origin)
        check.text("name", name), check.text("description", description)
        a = self._a.with_overrides(overrides, origin, scenario=name or self._name_after_overrides(None, overrides))
        return Scenario(a, description, self._coaching)

    def with_uncertainty(self, dists: Mapping[str, str] | None = None,
                         correlations: Mapping[str, float] | None = None, *, origin: str = "uncertainty") -> "Scenario":
        """A new Scenario whose Monte Carlo, sensitivity and A-4 low/high draw ``dists`` (id -> spec as
        ``--dist``: ``{"coaching.external_rate": "uniform:200:3000"}``) and impose ``correlations``
        (``{"cohort.participants ~ cohort.applicants_assessed": 0.4}``; 0 removes a pair of the file), both
        saved in its scenario file and exports. Checked as ``--dist`` is; a matrix that is not positive
        definite is refused. Bad input: ``ModelInputError`` naming ``origin``."""
        from model.engines.plan import check_uncertainty
        origin = check.text("origin", origin, optional=False)
        dists = check.dists(dists)
        if isinstance(dists, list):
            from model.engines.distributions import parse_dist_options
            dists = parse_dist_options(dists, self._a.specs)
        correlations = check.correlations(correlations)
        try:
            a = self._a.with_uncertainty(dists, correlations)
            check_uncertainty(a)
        except ModelInputError as exc:
            raise ModelInputError(f"{origin}: {exc}") from None
        return Scenario(a, self._description, self._coaching)

    # ------------------------------------------------------------------ what the scenario is

    @property
    def name(self) -> str:
        """The scenario's name (``"NPRM primary"``, a file's ``[scenario] name``, or ``"custom"``)."""
        return self._a.scenario

    @property
    def description(self) -> str:
        """The scenario file's description, or one made from the values changed."""
        if self._description is not None:
            return self._description
        n = len(self._a.overrides)
        return ("the NPRM primary assumptions" if not n
                else f"{n} value(s) set, {len(self._a.differing())} differing from the NPRM primary")

    @property
    def coaching(self) -> tuple[str, ...]:
        """The coaching modes the scenario headlines (``compare`` shows these)."""
        return self._coaching

    @property
    def values(self) -> Mapping[str, float]:
        """Every parameter id -> the value in force (read-only), in the unit its assumption file gives."""
        return self._a.values

    @property
    def changed(self) -> dict[str, dict[str, float]]:
        """Parameters set (by the scenario file, overrides or the app; a value set equal to the NPRM primary
        included, as it is held fixed in the Monte Carlo): ``{id: {"primary": ..., "value": ...}}``."""
        primary = self._a.primary_values()
        return {k: {"primary": primary[k], "value": v} for k, v in self._a.overrides.items()}

    @property
    def assumptions(self) -> Assumptions:
        """The internal parameter set (``model.core.parameters.Assumptions``), for code that calls
        internal modules directly. Internal: its shape may change without notice."""
        return self._a

    @property
    def digest(self) -> str:
        """SHA-256 of the values in force (first 16 hex digits), as every export's provenance records."""
        return self._a.digest()

    @property
    def dollar_year(self) -> int:
        """The year whose dollars every figure is in (``analysis.dollar_year``)."""
        return int(self._a["analysis.dollar_year"])

    @property
    def first_calendar_year(self) -> int:
        """Calendar year of analysis year 1; present values are discounted to its start."""
        return int(self._a["analysis.first_calendar_year"])

    def __getitem__(self, pid: str) -> float:
        if not isinstance(pid, str) or pid not in self._a.values:
            raise ModelInputError(f"{pid if isinstance(pid, str) else check.shown(pid)}: unknown parameter id")
        return self._a.values[pid]

    def horizon(self, years: int | None = None) -> int:
        """Years in the analysis: ``years``, else ``analysis.horizon_years`` (10)."""
        from model.core.results import horizon
        return horizon(self._a, _years(years))

    def basis(self, years: int | None = None) -> str:
        """Dollar year, discounting base and horizon in one phrase, as every table heading states them."""
        from model.core.results import basis
        return basis(self._a, _years(years))

    @property
    def baseline(self) -> dict[str, Any]:
        """The incremental framing's baseline (current rule, current practice, rule schedule), as values."""
        from model.core.regimes import baseline_summary
        return baseline_summary(self._a.values)

    @property
    def baseline_text(self) -> str:
        """The incremental framing's baseline in one paragraph."""
        from model.core.regimes import baseline_text
        return baseline_text(self._a.values)

    @property
    def notes(self) -> list[str]:
        """One sentence per current practice at or above a requirement (the rule adds nothing there)."""
        from model.core.regimes import clamp_notes
        return clamp_notes(self._a.values)

    def parameters(self) -> "pd.DataFrame":
        """One row per parameter: id, value, primary, differs, unit, kind, description, source, section,
        quote or reasoning, note, distribution, low, high, file."""
        from model.outputs.tables import assumptions_table
        return assumptions_table(self._a)

    def __repr__(self) -> str:
        changed = ", ".join(f"{k}={v['value']:g} (NPRM {v['primary']:g})" for k, v in self.changed.items())
        return f"Scenario({self.name!r}; {'changed: ' + changed if changed else 'no value changed from the NPRM'})"

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v['primary']:,.6g}</td><td>{v['value']:,.6g}</td></tr>"
                       for k, v in self.changed.items())
        table = (f"<table><tr><th>parameter</th><th>NPRM</th><th>value</th></tr>{rows}</table>" if rows
                 else "<p>No value changed from the NPRM primary.</p>")
        return (f"<h4>Scenario: {html.escape(self.name)}</h4><p>{html.escape(self.description)}; "
                f"USD of {self.dollar_year}; coaching modes {', '.join(self.coaching)}</p>{table}")

    # ------------------------------------------------------------------ deterministic results

    def year1(self, coaching: Coaching = "internal", level: Level = "agency",
              framing: Framing = "as_published") -> float:
        """Total cost in analysis year 1, USD: per agency or government-wide, for one coaching mode, as
        published (the NPRM's framing) or incremental (rule minus the current rule and practice)."""
        from model.core.components import TOTAL
        from model.core.results import cost_table
        t = cost_table(self._a, years=1, framings=(choice("framing", framing, FRAMINGS),),
                       modes=(choice("coaching", coaching, MODES),), levels=(choice("level", level, LEVELS),))
        return float(t.loc[t.component == TOTAL, "usd"].iloc[0])

    def year1_totals(self, framing: Framing = "as_published") -> "pd.DataFrame":
        """Year-1 total cost, USD: index coaching mode, columns ``agency`` and ``government``."""
        from model.core.results import year_one_totals
        return year_one_totals(self._a, framing=choice("framing", framing, FRAMINGS))

    def costs(self, years: int = 1, *, framing: str | Sequence[str] | None = None,
              coaching: str | Sequence[str] | None = None, level: str | Sequence[str] | None = None) -> "pd.DataFrame":
        """The tidy cost stream: one row per scenario, framing, coaching, level, component (and ``total``)
        and year (1 = first year after the final rule; ``calendar_year``), ``usd``. None = all of them."""
        from model.core.results import cost_table
        years = 1 if years is None else _years(years)  # None: year 1 alone, the default
        return cost_table(self._a, years=years, framings=choices("framing", framing, FRAMINGS),
                          modes=choices("coaching", coaching, MODES), levels=choices("level", level, LEVELS))

    def record(self, years: int | None = None, *, extra_rates: Sequence[float] = ()) -> dict[str, Any]:
        """The document of ``sescdp run --format json`` (strict JSON: a value with no finite number is None
        with ``<key>_null_reason`` beside it): version, scenario, baseline, notes, parameters, values set,
        the stream over ``years`` (default 1) and the present values (default horizon)."""
        from model.outputs.records import run_document
        self._rates(extra_rates)  # validated
        return run_document(self._a, _years(years), extra_rates)


_years = check.years  # a horizon in whole years from 1 to 50 (None: the default), else ModelInputError
