"""Scenarios side by side (``compare``) and the scenario files shipped (``list_scenarios``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from model.core.vocabulary import FRAMINGS
from model.api._common import Framing, choice
from model.api.scenario import Scenario, _years
from model.core.errors import ModelInputError
from model.core.parameters import ScenarioFile
from model.core.parameters import list_scenarios as _scenario_names
from model.core.parameters import load_assumptions, load_scenario

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def list_scenarios() -> list[str]:
    """Names of the scenario files in ``assumptions/scenarios/`` (``Scenario.load`` takes any of them)."""
    return _scenario_names()


def compare(*scenarios: str | Path | Scenario, framing: Framing = "as_published", years: int | None = None,
            extra_rates: Sequence[float] = ()) -> "pd.DataFrame":
    """Scenarios side by side, each on the coaching modes it headlines: one row per scenario, coaching
    mode and level with ``year1`` (USD), ``pv_3``, ``annualized_3``, ``pv_7``, ``annualized_7`` (and any
    ``extra_rates``) over ``years`` (default 10). A scenario is a name or file (as ``Scenario.load``) or a
    Scenario; none given: every scenario file, the primary first."""
    from model.api import checks as check
    from model.core.scenarios import comparison_table
    choice("framing", framing, FRAMINGS)
    years, extra_rates = _years(years), check.rates(extra_rates)
    for s in scenarios:
        if not isinstance(s, (Scenario, str, Path)):
            raise ModelInputError(f"compare: expected scenario names, files or Scenario objects, got {type(s).__name__}")
        if not isinstance(s, Scenario):
            check.scenario_source(s)
    base = load_assumptions()
    if not scenarios:
        scenarios = tuple(sorted(_scenario_names(), key=lambda n: (n != "primary", n)))
    files = []
    for s in scenarios:
        if isinstance(s, Scenario):
            files.append(ScenarioFile(s.name, s.description, s.assumptions.overrides, s.coaching))
        elif isinstance(s, (str, Path)):
            files.append(load_scenario(s, base))
        else:
            raise ModelInputError(f"compare: expected scenario names, files or Scenario objects, got {type(s).__name__}")
    Scenario(base)._rates(extra_rates)  # checks each rate (one-line error)
    return comparison_table(base, files, framing=choice("framing", framing, FRAMINGS), years=_years(years),
                            extra_rates=[float(r) for r in extra_rates])
