"""Scenario comparison: each named scenario (overrides of the NPRM primary) evaluated by the same
model, side by side: year-1 cost, present values and annualized values, per agency and government."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from model.core.vocabulary import YEAR1_COLUMN
from model.core.components import TOTAL
from model.core.quantities import annualized_name, pv_name
from model.core.parameters import Assumptions, ScenarioFile, apply_scenario
from model.core.results import accounting_table, cost_table, discount_rates, horizon


def scenario_summary(a: Assumptions, modes: Sequence[str], framing: str = "as_published",
                     years: int | None = None, extra_rates: Sequence[float] = ()) -> pd.DataFrame:
    """Year-1 total and PV/annualized at each accounting rate, per coaching mode and level, USD."""
    y1 = cost_table(a, years=1, framings=(framing,), modes=modes)
    y1 = y1[y1.component == TOTAL].set_index(["coaching", "level"])["usd"].rename(YEAR1_COLUMN)
    rates = discount_rates(a, extra_rates)
    acc = accounting_table(a, years=years, rates=rates, framings=(framing,), modes=modes, perpetual=False)
    wide = []
    for r in rates:
        sub = acc[acc.discount_rate == r].set_index(["coaching", "level"])
        wide.append(sub["present_value"].rename(pv_name(r)))
        wide.append(sub["annualized"].rename(annualized_name(r)))
    out = pd.concat([y1, *wide], axis=1).reset_index()
    out.insert(0, "scenario", a.scenario)
    out.insert(3, "years", horizon(a, years))
    return out


def comparison_table(base: Assumptions, scenarios: Sequence[ScenarioFile], framing: str = "as_published",
                     years: int | None = None, extra_rates: Sequence[float] = ()) -> pd.DataFrame:
    """Scenarios side by side, each on its own coaching modes."""
    return pd.concat([scenario_summary(apply_scenario(base, s), s.coaching, framing, years, extra_rates)
                      for s in scenarios], ignore_index=True)
