"""The report's model tables: summary, assumptions with citations, components, accounting statement,
scenarios side by side, and the provenance sheet (Monte Carlo and sensitivity: uncertainty_tables)."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import pandas as pd

from model.core.evidence import GRADE_LABELS

from model.core.accounting import accounting_statement
from model.core.components import COMPONENTS, TOTAL
from model.core.parameters import Assumptions, ScenarioFile, list_scenarios, load_assumptions, load_scenario
from model.core.results import cost_table
from model.core.scenarios import comparison_table, scenario_summary
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.engines.bounds import a4_cells, method_note
from model.outputs.provenance import correlation_text


def assumptions_table(a: Assumptions) -> pd.DataFrame:
    """One row per parameter: id, value in force, NPRM primary, whether it differs, unit, evidence grade, citation
    (source (with a derived value's formula), section, quote, or an assumption's reasoning), distribution and range,
    assumption file."""
    rows = []
    for pid, s in a.specs.items():
        u = s.uncertainty
        rows.append({
            "id": pid, "value": float(a[pid]), "primary": float(s.value), "differs": bool(a[pid] != s.value),
            "set": bool(pid in a.overrides),
            "unit": s.unit, "kind": s.kind, "description": s.description,
            "evidence": GRADE_LABELS[s.evidence], "source": s.source + (f": {s.formula}" if s.formula else ""),
            "section": s.section or "",
            "quote_or_reasoning": (s.reasoning if s.evidence == "assumption" else s.quote or s.reasoning) or "",
            "note": s.note or "",
            "distribution": distribution_text(s.uncertainty) if u else "fixed (no range given)",
            "low": float(u.low) if u else float("nan"), "high": float(u.high) if u else float("nan"),
            "file": a.files.get(pid, ""),
        })
    return pd.DataFrame(rows)


def distribution_text(u) -> str:
    """An uncertainty spec as text, e.g. ``pert(low=200, high=3000)``."""
    parts = [f"low={u.low:g}", f"high={u.high:g}"]
    if u.mode is not None:
        parts.append(f"mode={u.mode:g}")
    if u.sd is not None:
        parts.append(f"sd={u.sd:g}")
    if u.values:
        parts.append("values=" + "/".join(f"{v:g}" for v in u.values))
        parts.append("weights=" + "/".join(f"{w:g}" for w in u.weights))
    return f"{u.distribution}({', '.join(parts)})"


def summary_table(a: Assumptions, years: int) -> pd.DataFrame:
    """Year-1 total and PV / annualized value at each A-4 rate, per framing, coaching mode and level, USD."""
    frames = [scenario_summary(a, MODES, framing, years).assign(framing=framing) for framing in FRAMINGS]
    t = pd.concat(frames, ignore_index=True)
    cols = ["scenario", "framing"] + [c for c in t.columns if c not in ("scenario", "framing")]
    return t[cols]


def components_table(a: Assumptions) -> pd.DataFrame:
    """Year-1 cost of each component (as published), per agency and government-wide, per coaching mode."""
    t = cost_table(a, years=1, framings=("as_published",))
    wide = t.pivot_table(index="component", columns=["coaching", "level"], values="usd", sort=False)
    wide.columns = [f"{mode}_{level}" for mode, level in wide.columns]
    wide = wide[[f"{m}_{lv}" for m in MODES for lv in LEVELS]]
    meta = pd.DataFrame([{"component": c.name, "label": c.label, "group": c.group, "timing": c.timing}
                         for c in COMPONENTS] + [{"component": TOTAL, "label": "Total", "group": "", "timing": ""}])
    return meta.merge(wide.reset_index(), on="component", how="left")


def accounting_sheet(a: Assumptions, years: int, method: str = "ranges") -> pd.DataFrame:
    """The A-4 accounting statement, model.accounting.accounting_statement: primary, low and high, the
    low/high from the assumption ranges (``method="ranges"``) or the Monte Carlo P5/P95
    (``"montecarlo"``: analysis.accounting_draws draws from analysis.seed, as everywhere)."""
    draws, seed = accounting_draws_seed(a)
    return accounting_statement(a, a4_cells(a, method, draws, seed, years), method_note(a, method, draws, seed), years)


def accounting_draws_seed(a: Assumptions) -> tuple[int, int]:
    """The Monte Carlo draws and seed behind the statement's low/high: analysis.accounting_draws and
    analysis.seed (one set of draws for the same inputs, in every export, the CLI and the app)."""
    return int(a["analysis.accounting_draws"]), int(a["analysis.seed"])


def scenarios_for_comparison(a: Assumptions, names: Sequence[str] | None, description: str) -> list[ScenarioFile]:
    """The scenario in force (first) and the named scenario files (default: all in assumptions/scenarios)."""
    base = load_assumptions()
    current = ScenarioFile(a.scenario, description, dict(a.overrides), MODES)
    others = [load_scenario(n, base) for n in (list_scenarios() if names is None else names)]
    return [current] + [s for s in others if s.name != current.name]  # a name is one case: the one in force


def scenarios_sheet(a: Assumptions, names: Sequence[str] | None, years: int, description: str) -> pd.DataFrame:
    """Scenarios side by side (model.scenarios.comparison_table), as published and incremental, each
    with its description; ``headline``: the coaching modes the scenario is about (its file's ``coaching``)."""
    base = load_assumptions()
    scen = scenarios_for_comparison(a, names, description)
    frames = [comparison_table(base, scen, framing=f, years=years).assign(framing=f) for f in FRAMINGS]
    t = pd.concat(frames, ignore_index=True)
    described = {s.name: s.description for s in scen}
    headline = {s.name: set(s.coaching or MODES) for s in scen}
    t["description"] = t["scenario"].map(described)
    t["headline"] = [m in headline.get(n, set(MODES)) for n, m in zip(t["scenario"], t["coaching"])]
    return t[["scenario", "framing"] + [c for c in t.columns if c not in ("scenario", "framing")]]


def provenance_table(prov: Mapping[str, Any]) -> pd.DataFrame:
    """The provenance as rows of (field, value, primary); one row per value differing from the primary."""
    mc = prov.get("monte_carlo") or {}
    acc = prov.get("accounting_draws") or {}
    rows: list[tuple[str, Any, Any]] = [
        ("rule", prov.get("nprm", ""), None),
        ("tool", prov["tool"], None), ("version", prov["version"], None), ("git_commit", prov["git_commit"], None),
        ("assumptions_digest", prov["assumptions_digest"], None), ("scenario", prov["scenario"], None),
        ("scenario_description", prov.get("scenario_description", ""), None),
        ("horizon_years", prov["horizon_years"], None), ("dollar_year", prov["dollar_year"], None),
        ("discount_rates", ", ".join(f"{r:g}" for r in prov["discount_rates"]), None),
        ("monte_carlo_draws", mc.get("draws", "not run"), None), ("seed", mc.get("seed", "not run"), None),
        ("sampler", mc.get("sampler") or "not run", None),
        ("monte_carlo_correlations", correlation_text(mc.get("correlations")) if mc else "not run", None),
        ("accounting_low_high", prov.get("accounting_low_high", ""), None),
        ("accounting_draws", acc.get("draws", "none (ranges)"), None),
        ("accounting_seed", acc.get("seed", "none (ranges)"), None),
        ("accounting_correlations", correlation_text(acc.get("correlations")) if acc else "none (ranges)", None),
        ("date_utc", prov["date_utc"], None),
        ("values_set", len(prov["values_set"]), None),
    ]
    rows += [(f"set: {c['id']}", c["value"], c["primary"]) for c in prov["values_set"]]
    return pd.DataFrame(rows, columns=["field", "value", "primary"]).astype(object)
