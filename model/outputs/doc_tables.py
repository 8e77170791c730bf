"""The comment-ready selection of the report's tables, with their titles and the document heading,
for Markdown and Word."""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from model.core.parameters import MODES
from model.outputs.report import Report

DOC_TOP = 10  # parameters per coaching mode in the Markdown/Word sensitivity tables (all are in the workbook)


def document_tables(report: Report) -> list[tuple[str, pd.DataFrame]]:
    """The comment-ready tables for Markdown and Word: summary, accounting statement (government-wide),
    scenario comparison (as published, government-wide), and Monte Carlo and sensitivity when run."""
    t = report.tables
    out = [("Summary", t["Summary"].drop(columns=["scenario"]))]
    acc = t["Accounting"]
    if "level" in acc.columns:
        acc = acc[acc.level == "government"]
    constant = ("source", "scenario", "level", "dollar_year", "discounted_to_start_of", "period", "years")
    out.append(("Accounting", acc.drop(columns=[c for c in constant if c in acc.columns])))
    om = t["Omitted costs"]
    out.append(("Omitted costs", om[om.coaching.isin(["internal", ""])].drop(columns=["component", "coaching"])))
    sc = t["Scenarios"]
    out.append(("Scenarios", sc[(sc.framing == "as_published") & (sc.level == "government")]
                .drop(columns=["framing", "level"])))
    mc = t["Monte Carlo summary"]
    if "note" not in mc.columns:
        out.append(("Monte Carlo summary", mc[mc.level == "government"] if "level" in mc.columns else mc))
    for name, key in (("Sensitivity", "swing"), ("Sobol indices", "ST")):
        df = t[name]
        if "note" not in df.columns:
            if key in df.columns:  # the DOC_TOP most influential parameters per coaching mode
                order = {m: i for i, m in enumerate(MODES)}
                df = (df.assign(_m=df["coaching"].map(order), _k=-df[key].abs())
                      .sort_values(["_m", "_k"], kind="stable")
                      .groupby("coaching", sort=False).head(DOC_TOP).drop(columns=["_m", "_k"]))
            out.append((name, df.drop(columns=[c for c in ("level", "quantity", "seed", "base_sample")
                                               if c in df.columns])))
    return out


DOC_TITLES = {"Summary": "Summary: total cost", "Accounting": "Accounting statement (OMB Circular A-4), government-wide",
              "Omitted costs": "What the NPRM omits (incremental, government-wide, internal coaching)",
              "Scenarios": "Scenario comparison (as published, government-wide)",
              "Monte Carlo summary": "Monte Carlo summary",
              "Sensitivity": f"Sensitivity: tornado (top {DOC_TOP} parameters per coaching mode)",
              "Sobol indices": f"Sensitivity: Sobol indices (top {DOC_TOP} parameters per coaching mode)"}


def document_heading(prov: Mapping[str, Any]) -> str:
    """The document's title: the scenario in force, on one line."""
    return f"SESCDP rule cost model: {' '.join(str(prov['scenario']).split())}"


def numeric_columns(df: pd.DataFrame) -> list[bool]:
    """Per column, whether it holds numbers (right-aligned); booleans are not numbers here."""
    return [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) for c in df.columns]
