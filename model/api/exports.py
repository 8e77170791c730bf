"""Exports of a ``Scenario`` (mixed into it): the comment-response report in memory (``report``) and written
to a file whose suffix picks the format (``export``: .xlsx, .csv, .md, .docx, .json, or .toml, the scenario
file alone). The export modules are imported only when a method runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from model.api._common import tables_html

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from model.core.parameters import Assumptions
    from model.outputs.report import Report


@dataclass(frozen=True)
class ExportReport:
    """Every export table evaluated once, with its provenance. ``tables``: sheet name -> DataFrame (USD of
    the dollar year); ``provenance``: tool, version, git commit, assumption digest, scenario, changed
    values, horizon, dollar year, discount rates, Monte Carlo draws and seed, date; ``notes``: one caption
    per sheet. ``to_bytes(fmt)`` and ``write(path)`` turn it into a file."""

    report: "Report"

    @property
    def tables(self) -> dict[str, "pd.DataFrame"]:
        return self.report.tables

    @property
    def provenance(self) -> dict[str, Any]:
        return self.report.provenance

    @property
    def notes(self) -> dict[str, str]:
        return self.report.notes

    def to_bytes(self, fmt: str) -> bytes:
        """The report as the bytes of one format: ``xlsx``, ``csv``, ``md``, ``docx``, ``json`` or ``toml``."""
        from model.outputs.export import export_bytes
        return export_bytes(self.report, fmt)

    def write(self, path: str | Path) -> Path:
        """Write the report in the format the suffix of ``path`` names, atomically; returns the path."""
        from model.outputs.export import write_export
        return write_export(self.report, path)

    def _repr_html_(self) -> str:
        p = self.provenance
        return tables_html(f"Export: {p['scenario']}", (f"assumption digest {p['assumptions_digest']}; "
                                                        f"sheets: {', '.join(self.tables)}",),
                           (("Summary", self.tables["Summary"]),))


class ExportMethods:
    """The export methods of ``Scenario`` (``self.assumptions`` is the parameter set)."""

    __slots__ = ()
    assumptions: "Assumptions"
    _description: str | None

    @staticmethod
    def _report_options(years: Any, compare: Any, draws: Any, seed: Any, sobol_n: Any, sampler: Any,
                        accounting_method: Any, description: Any, date: Any) -> None:
        """The options of ``report`` and ``export``, checked before any work (one-line ModelInputError)."""
        from model.api import checks as check
        from model.core.errors import ModelInputError
        check.years(years)
        if compare is not None and (isinstance(compare, (str, bytes)) or not isinstance(compare, (list, tuple))
                                    or not all(isinstance(c, (str, Path)) for c in compare)):
            raise ModelInputError(f"compare: expected a list of scenario names or files, got {check.shown(compare)}")
        for c in compare or ():
            check.scenario_source(c)
        check.whole("draws", draws, 2), check.whole("seed", seed, 0), check.whole("sobol_n", sobol_n, 0)
        check.text("sampler", sampler, optional=False), check.text("accounting_method", accounting_method)
        check.text("description", description), check.text("date", date)

    def report(self, *, years: int | None = None, compare: Sequence[str] | None = None, draws: int | None = None,
               seed: int | None = None, sobol_n: int | None = None, sampler: str = "lhs",
               accounting_method: str | None = None, description: str | None = None,
               date: str | None = None) -> ExportReport:
        """Build every export table once. ``years``: horizon (default 10); ``compare``: scenario names or
        files for the Scenarios sheet (default: every file in assumptions/scenarios); ``draws`` and ``seed``
        (both or neither): adds the Monte Carlo and sensitivity sheets (``sampler``; ``sobol_n`` base
        samples, 0 = none); ``accounting_method``: low/high of the A-4 statement, ``montecarlo`` (default:
        P5/P95 of the given draws, else ``analysis.accounting_draws`` from ``analysis.seed``) or ``ranges``;
        ``description``: of the scenario (default: its file's, or its changed values); ``date``: the
        provenance stamp (default: now, UTC)."""
        from model.outputs.export import build_report
        self._report_options(years, compare, draws, seed, sobol_n, sampler, accounting_method, description, date)
        return ExportReport(build_report(self.assumptions, scenarios=list(compare) if compare else None, years=years,
                                         draws=draws, seed=seed, sobol_n=sobol_n,
                                         description=self._description if description is None else description,
                                         date=date, sampler=sampler, accounting_method=accounting_method))

    def export(self, path: str | Path, *, years: int | None = None, compare: Sequence[str] | None = None,
               draws: int | None = None, seed: int | None = None, sobol_n: int | None = None, sampler: str = "lhs",
               accounting_method: str | None = None, description: str | None = None,
               date: str | None = None) -> Path:
        """Write the export to ``path``, the format picked by its suffix (.xlsx .csv .md .docx .json, or .toml:
        the scenario file alone). The path, draws and seed are checked before any computing; no half-written
        file is left. Options as ``report``. Returns the path written."""
        from model.api.checks import out_path
        from model.outputs.export import check_monte_carlo_options
        out_path("path", path)
        self._report_options(years, compare, draws, seed, sobol_n, sampler, accounting_method, description, date)
        check_monte_carlo_options(draws, seed)
        return self.report(years=years, compare=compare, draws=draws, seed=seed, sobol_n=sobol_n, sampler=sampler,
                           accounting_method=accounting_method, description=description, date=date).write(path)
