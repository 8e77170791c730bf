"""Cached wrappers of the public ``model`` API (``model.Scenario`` and ``model.compare``), keyed by hashable
inputs.

A scenario is identified by ``key`` (a tuple of sorted ``(parameter id, value)`` overrides of the
NPRM primary) and ``name``; no model logic lives here, only caching and argument plumbing.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd
import streamlit as st

from model import EXPORT_FORMATS, Scenario, compare, editing, list_scenarios, view

Key = tuple[tuple[str, float | str], ...]
NPRM_NAME = "NPRM primary"
DIST, CORR = "dist:", "corr:"  # key prefixes of a distribution and a rank correlation the scenario sets


def key_of(overrides: Mapping[str, float], dists: Mapping[str, str] | None = None,
           correlations: Mapping[str, float] | None = None) -> Key:
    """The hashable cache key of a scenario: sorted (id, value) overrides (a value as a number, or as text to be
    read by the model), then ("dist:id", spec) and
    ("corr:a ~ b", rho) entries for the uncertainty it sets."""
    return (tuple(sorted((k, v if isinstance(v, str) else float(v)) for k, v in overrides.items()))
            + tuple(sorted((DIST + k, str(v)) for k, v in (dists or {}).items()))
            + tuple(sorted((CORR + k, float(v)) for k, v in (correlations or {}).items())))


def split_key(key: Key) -> tuple[dict, dict, dict]:
    """(overrides, distributions, correlations) of a key."""
    ov = {k: v for k, v in key if not k.startswith((DIST, CORR))}
    dists = {k.removeprefix(DIST): v for k, v in key if k.startswith(DIST)}
    corr = {k.removeprefix(CORR): v for k, v in key if k.startswith(CORR)}
    return ov, dists, corr


@st.cache_resource(show_spinner=False)
def primary() -> Scenario:
    """The NPRM primary scenario (``model.Scenario.load()``)."""
    return Scenario.load()


@st.cache_resource(show_spinner=False)
def parameters() -> dict[str, editing.Parameter]:
    """Every parameter as its assumption file writes it (``model.editing.parameters``), NPRM primary values."""
    return editing.parameters()


@st.cache_resource(show_spinner=False, max_entries=128)
def scenario(key: Key, name: str, description: str | None = None, _origin: str = "app") -> Scenario:
    """The primary with ``key``'s overrides, distributions and correlations, built (and so validated) through the
    public API; a problem raises ModelInputError naming ``_origin`` (not part of the cache key) and is not cached."""
    ov, dists, corr = split_key(key)
    s = primary().with_overrides(ov, name=name, description=description, origin=_origin)
    return s.with_uncertainty(dists, corr, origin=_origin) if dists or corr else s


@st.cache_data(show_spinner=False, max_entries=128)
def year_one(key: Key, name: str, framing: str = "as_published") -> pd.DataFrame:
    """Year-1 totals (USD), index coaching mode, columns agency / government."""
    return scenario(key, name).year1_totals(framing)


@st.cache_data(show_spinner=False, max_entries=128)
def costs(key: Key, name: str, years: int, framing: str) -> pd.DataFrame:
    """Cost table (USD) by coaching mode, level, component and year for one framing."""
    return scenario(key, name).costs(years, framing=framing)


@st.cache_data(show_spinner=False, max_entries=32)
def reconciliation(key: Key, name: str) -> pd.DataFrame:
    """Every published NPRM figure beside the model's value under these assumptions."""
    return scenario(key, name).reconcile().figures


@st.cache_data(show_spinner=False, max_entries=32)
def comparison(scenarios: tuple[tuple[str, str, Key], ...], framing: str) -> pd.DataFrame:
    """Scenarios side by side; each given as (name, description, overrides key)."""
    return compare(*(scenario(k, name, desc) for name, desc, k in scenarios), framing=framing)


@st.cache_data(show_spinner=False, max_entries=32)
def statement(key: Key, name: str, framing: str):
    """The A-4 accounting statement in OMB's layout for one framing (``Scenario.statement``), low/high the
    Monte Carlo P5/P95 of analysis.accounting_draws draws from analysis.seed, as in every export."""
    return scenario(key, name).statement(framing)


@st.cache_data(show_spinner=False, max_entries=32)
def evidence(key: Key, name: str) -> pd.DataFrame:
    """How much of each headline figure rests on what (``Scenario.evidence``)."""
    return scenario(key, name).evidence()


@st.cache_data(show_spinner=False, max_entries=32)
def eo14192(key: Key, name: str) -> pd.DataFrame:
    """The E.O. 14192 perpetual view (annualized at the high rate / that rate)."""
    return scenario(key, name).eo14192()


@st.cache_data(show_spinner=False, max_entries=32)
def published_vs_complete(key: Key, name: str) -> pd.DataFrame:
    """The NPRM's published scope beside the complete accounting, with the difference."""
    return scenario(key, name).complete_vs_published()


@st.cache_data(show_spinner=False, max_entries=32)
def omitted(key: Key, name: str, level: str) -> pd.DataFrame:
    """Year-1 cost of each component under the published scope and the complete accounting."""
    return scenario(key, name).omitted_components(level)


@st.cache_data(show_spinner=False, max_entries=32)
def context(key: Key, name: str, framing: str) -> dict[str, pd.DataFrame]:
    """Threshold margins and break-even hires (``Scenario.context``)."""
    return scenario(key, name).context(framing)


@st.cache_data(show_spinner=False, max_entries=16)
def export_files(key: Key, name: str, draws: int | None = None,
                 seed: int | None = None) -> tuple[dict[str, bytes], dict]:
    """Every export format of the report for this scenario (``Scenario.report``, then ``to_bytes``):
    ({format: bytes}, provenance). Monte Carlo sheets when draws and seed are given."""
    report = scenario(key, name).report(draws=draws, seed=seed)
    return {fmt: report.to_bytes(fmt) for fmt in EXPORT_FORMATS}, report.provenance


@st.cache_resource(show_spinner=False, max_entries=8)
def simulation(key: Key, name: str, draws: int, seed: int, sampler: str):
    """``Scenario.simulate`` for this scenario (result shared, never mutated): the draws of every framing, with
    one output summarized; ``output_summary`` summarizes the one shown from these draws, so changing the output
    or the threshold does not draw again."""
    return scenario(key, name).simulate(draws, seed, sampler=sampler, quantities=view.YEAR1, coaching="internal",
                                        levels="agency")


@st.cache_data(show_spinner=False, max_entries=32)
def output_summary(key: Key, name: str, draws: int, seed: int, sampler: str, threshold: float,
                   output: tuple[str, str, str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(summary, exceedance) of the ``output`` shown (quantity, coaching, level, framing), or of every output
    when None, from the cached draws (``SimulationResult.summaries``)."""
    res = simulation(key, name, draws, seed, sampler)
    select = {} if output is None else dict(zip(("quantities", "modes", "levels", "framings"), ([x] for x in output)))
    summary, exceedance, _ = res.summaries(thresholds=(threshold,), **select)
    return summary, exceedance


def pick(table: pd.DataFrame, **where) -> pd.Series:
    """The one row of ``table`` matching every column == value in ``where``."""
    mask = pd.Series(True, index=table.index)
    for col, val in where.items():
        mask &= table[col] == val
    (i,) = table.index[mask]
    return table.loc[i]


@st.cache_data(show_spinner=False, max_entries=32)
def tornado(key: Key, name: str, quantity: str, coaching: str, level: str, framing: str) -> pd.DataFrame:
    """One-at-a-time swings (``Scenario.tornado``), USD."""
    return scenario(key, name).tornado(quantity, coaching, level, framing)


@st.cache_data(show_spinner=False, max_entries=16)
def sobol(key: Key, name: str, quantity: str, coaching: str, level: str, framing: str, n: int,
          seed: int) -> pd.DataFrame:
    """Sobol indices S1, S1_conf, ST, ST_conf per parameter (``Scenario.sobol``)."""
    return scenario(key, name).sobol(quantity, coaching, level, framing, n=n, seed=seed)


def sobol_long(table: pd.DataFrame) -> pd.DataFrame:
    """Sobol table reshaped for the chart: parameter, index (S1 or ST), value, conf."""
    parts = [pd.DataFrame({"parameter": table["parameter"], "index": idx, "value": table[idx],
                           "conf": table[f"{idx}_conf"]}) for idx in ("S1", "ST")]
    return pd.concat(parts, ignore_index=True)


@st.cache_data(show_spinner=False)
def scenario_title(stem: str) -> str:
    """A scenario file's name for the picker ('coaching_3000' -> 'External coaching at $3,000 an hour'); a
    scenario saved in this session keeps its own name."""
    return Scenario.load(stem).name if stem in list_scenarios() else stem


@st.cache_data(show_spinner=False, max_entries=64)
def explanation(key: Key, name: str, figure: str) -> dict:
    """``Scenario.explain(figure)`` as plain data: lines (the arithmetic) and sources."""
    e = scenario(key, name).explain(figure).to_dict()
    if "arithmetic" in e:  # a published figure
        e = {"lines": e["arithmetic"], "sources": e["sources"]}
    return e


@st.cache_data(show_spinner=False, max_entries=16)
def spearman(key: Key, name: str, quantity: str, coaching: str, level: str, framing: str, seed: int) -> pd.DataFrame:
    """Spearman rank correlation of each drawn input with the output (``Scenario.spearman``)."""
    return scenario(key, name).spearman(quantity, coaching, level, framing, seed=seed)


@st.cache_data(show_spinner=False, max_entries=32)
def omitted_costs_table(key: Key, name: str):
    """What the NPRM omits for this scenario (``Scenario.omitted_costs``), laid out as the documents lay it out."""
    return view.omitted_table(scenario(key, name))
