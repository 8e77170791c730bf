"""Cached wrappers of the public ``model`` functions, keyed by hashable inputs.

A scenario is identified by ``key`` (a tuple of sorted ``(parameter id, value)`` overrides of the
NPRM primary) and ``name``; no model logic lives here, only caching and argument plumbing.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd
import streamlit as st

from model.core.accounting import accounting_statement, complete_vs_published, eo14192_view, omitted_components
from model.core.context import context_figures
from model.outputs.export import FORMATS, SCENARIO_FORMAT, build_report, export_bytes
from model.engines import sensitivity
from model.engines.montecarlo import simulate
from model.core.parameters import Assumptions, Scenario, load_assumptions
from model.core.reconcile import reconciliation_table
from model.core.standard import complete_of, readings_of
from model.engines.bounds import montecarlo_bounds
from model.core.results import accounting_table, cost_table, year_one_totals
from model.core.scenarios import comparison_table

EXPORT_FORMATS = (*FORMATS, SCENARIO_FORMAT)  # every format model.export writes
Key = tuple[tuple[str, float], ...]
NPRM_NAME = "NPRM primary"


def key_of(overrides: Mapping[str, float]) -> Key:
    """The hashable cache key of a set of overrides: sorted (id, value) pairs."""
    return tuple(sorted((k, float(v)) for k, v in overrides.items()))


@st.cache_resource(show_spinner=False)
def base() -> Assumptions:
    """The NPRM primary assumptions as written in ``assumptions/``."""
    return load_assumptions()


@st.cache_resource(show_spinner=False, max_entries=128)
def assumptions(key: Key, name: str) -> Assumptions:
    """The primary with ``key``'s overrides applied (already validated by the session)."""
    return base().with_overrides(dict(key), "app", scenario=name)


@st.cache_data(show_spinner=False, max_entries=128)
def year_one(key: Key, name: str, framing: str = "as_published") -> pd.DataFrame:
    """Year-1 totals (USD), index coaching mode, columns agency / government."""
    return year_one_totals(assumptions(key, name), framing=framing)


@st.cache_data(show_spinner=False, max_entries=128)
def costs(key: Key, name: str, years: int, framing: str) -> pd.DataFrame:
    """Cost table (USD) by coaching mode, level, component and year for one framing."""
    return cost_table(assumptions(key, name), years=years, framings=(framing,))


@st.cache_data(show_spinner=False, max_entries=64)
def accounting(key: Key, name: str) -> pd.DataFrame:
    """PV / annualized totals at the accounting rates (``model.results.accounting_table``)."""
    return accounting_table(assumptions(key, name))


@st.cache_data(show_spinner=False, max_entries=32)
def reconciliation(key: Key, name: str) -> pd.DataFrame:
    """Every published NPRM figure beside the model's value under these assumptions."""
    return reconciliation_table(readings_of(assumptions(key, name)))


@st.cache_data(show_spinner=False, max_entries=32)
def comparison(scenarios: tuple[tuple[str, str, Key], ...], framing: str) -> pd.DataFrame:
    """Scenarios side by side; each given as (name, description, overrides key)."""
    objs = [Scenario(name, desc, dict(k)) for name, desc, k in scenarios]
    return comparison_table(base(), objs, framing=framing)


@st.cache_data(show_spinner=False, max_entries=32)
def statement(key: Key, name: str, framing: str) -> pd.DataFrame:
    """The A-4 accounting statement for one framing, low/high the Monte Carlo P5/P95 at the analysis
    defaults (analysis.accounting_draws, analysis.seed; stated in the source column)."""
    a = assumptions(key, name)
    bounds = montecarlo_bounds(a, int(a["analysis.accounting_draws"]), int(a["analysis.seed"]))
    return accounting_statement(a, bounds=bounds, framings=(framing,))


@st.cache_data(show_spinner=False, max_entries=32)
def eo14192(key: Key, name: str) -> pd.DataFrame:
    """The E.O. 14192 perpetual view (annualized at the high rate / that rate)."""
    return eo14192_view(assumptions(key, name))


@st.cache_data(show_spinner=False, max_entries=32)
def published_vs_complete(key: Key, name: str) -> pd.DataFrame:
    """The NPRM's published scope beside the complete accounting, with the difference."""
    a = assumptions(key, name)
    return complete_vs_published(a, complete_of(a))


@st.cache_data(show_spinner=False, max_entries=32)
def omitted(key: Key, name: str, level: str) -> pd.DataFrame:
    """Year-1 cost of each component under the published scope and the complete accounting."""
    a = assumptions(key, name)
    return omitted_components(a, complete_of(a), level=level)


@st.cache_data(show_spinner=False, max_entries=32)
def context(key: Key, name: str, framing: str) -> dict[str, pd.DataFrame]:
    """Threshold margins and break-even hires (``model.context.context_figures``)."""
    return context_figures(assumptions(key, name), framing)


@st.cache_data(show_spinner=False, max_entries=16)
def export_files(key: Key, name: str, draws: int | None = None,
                 seed: int | None = None) -> tuple[dict[str, bytes], dict]:
    """Every export format of the report for this scenario (``model.export.build_report`` and
    ``export_bytes``): ({format: bytes}, provenance). Monte Carlo sheets when draws and seed are given."""
    report = build_report(assumptions(key, name), draws=draws, seed=seed)
    return {fmt: export_bytes(report, fmt) for fmt in EXPORT_FORMATS}, report.provenance


@st.cache_resource(show_spinner=False, max_entries=8)
def simulation(key: Key, name: str, draws: int, seed: int, sampler: str, threshold: float):
    """``model.montecarlo.simulate`` for this scenario (result shared, never mutated)."""
    return simulate(assumptions(key, name), draws, seed, sampler=sampler, thresholds=(threshold,))


def pick(table: pd.DataFrame, **where) -> pd.Series:
    """The one row of ``table`` matching every column == value in ``where``."""
    mask = pd.Series(True, index=table.index)
    for col, val in where.items():
        mask &= table[col] == val
    (i,) = table.index[mask]
    return table.loc[i]


@st.cache_data(show_spinner=False, max_entries=32)
def tornado(key: Key, name: str, quantity: str, coaching: str, level: str, framing: str) -> pd.DataFrame:
    """One-at-a-time swings (``model.sensitivity.tornado``), USD."""
    return sensitivity.tornado(assumptions(key, name), quantity=quantity, coaching=coaching, level=level,
                               framing=framing)


@st.cache_data(show_spinner=False, max_entries=16)
def sobol(key: Key, name: str, quantity: str, coaching: str, level: str, framing: str, n: int,
          seed: int) -> pd.DataFrame:
    """Sobol indices S1, S1_conf, ST, ST_conf per parameter (``model.sensitivity.sobol_indices``)."""
    return sensitivity.sobol_indices(assumptions(key, name), quantity, coaching, level, n, seed, framing=framing)


def sobol_long(table: pd.DataFrame) -> pd.DataFrame:
    """Sobol table reshaped for the chart: parameter, index (S1 or ST), value, conf."""
    parts = [pd.DataFrame({"parameter": table["parameter"], "index": idx, "value": table[idx],
                           "conf": table[f"{idx}_conf"]}) for idx in ("S1", "ST")]
    return pd.concat(parts, ignore_index=True)
