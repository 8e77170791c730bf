"""Comment-response exports: one in-memory report, written as XLSX, CSV, Markdown, Word or JSON.

``build_report`` evaluates the model once and returns a :class:`Report` (named tables + provenance);
``export_bytes(report, fmt)`` turns it into the bytes of one format (the app offers these bytes in
download buttons); ``write_export(report, path)`` writes them atomically (temp file + rename), the
format picked by the suffix. ``read_workbook_scenario`` reads an exported workbook's Assumptions
sheet back as a scenario, so a reviewer's edited workbook re-runs in the model.

Safety: a text cell that a spreadsheet would run as a formula (first character ``=``, ``+``, ``-``,
``@``, tab or carriage return) is written with a leading single quote in CSV and XLSX (OWASP, "CSV
injection"); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from model.core.accounting import RANGES_NOTE, accounting_statement, eo14192_note
from model.core.components import COMPONENTS, TOTAL
from model.core.errors import ModelInputError
from model.core.parameters import (MODES, Assumptions, Scenario, ScenarioMeta, coerce_value, check_consistency,
                         list_scenarios, load_assumptions, load_scenario, scenario_toml)
from model.outputs.provenance import basis_line, provenance, provenance_lines
from model.core.quantities import is_money_column, pv_high
from model.core.reconcile import reconciliation_table
from model.core.standard import readings_of
from model.engines.bounds import montecarlo_note, statement_bounds
from model.core.results import accounting_table, cost_table, horizon
from model.core.scenarios import comparison_table, scenario_summary
from model.core.stream import FRAMINGS, LEVELS

FORMATS = ("xlsx", "csv", "md", "docx", "json")  # the report formats
SCENARIO_FORMAT = "toml"  # the scenario in force alone, as a scenario file (round trip)
SHEETS = ("Summary", "Assumptions", "Components", "Stream", "Accounting", "Reconciliation", "Scenarios",
          "Monte Carlo summary", "Sensitivity", "Sobol indices", "Provenance")
DOC_TOP = 10  # parameters per coaching mode in the Markdown/Word sensitivity tables (all are in the workbook)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SENSITIVITY_LEVEL = "government"
NOT_RUN = "not run: give --draws N --seed S for Monte Carlo and sensitivity results"
XLSX_MAX_WIDTH = 80  # characters; longer text (quotes) is cut off on screen, not in the cell
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
    "toml": "application/toml",
}


@dataclass
class Report:
    """Everything an export holds: ``tables`` (sheet name -> DataFrame, in sheet order), ``provenance``
    and ``scenario_file`` (the scenario in force as TOML, the format of assumptions/scenarios)."""

    tables: dict[str, pd.DataFrame]
    provenance: dict[str, Any]
    scenario_file: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # sheet name -> one-line caption


# ---------------------------------------------------------------------------------------------
# Building the report


def assumptions_table(a: Assumptions) -> pd.DataFrame:
    """One row per parameter: id, value in force, NPRM primary, whether it differs, unit, citation
    (source, section, quote or reasoning), distribution and range, assumption file."""
    rows = []
    for pid, s in a.specs.items():
        u = s.uncertainty
        rows.append({
            "id": pid, "value": float(a[pid]), "primary": float(s.value), "differs": bool(pid in a.overrides),
            "unit": s.unit, "kind": s.kind, "description": s.description, "source": s.source,
            "section": s.section or "", "quote_or_reasoning": s.quote or s.reasoning or "", "note": s.note or "",
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


def accounting_sheet(a: Assumptions, years: int, method: str = "ranges", draws: int | None = None,
                     seed: int | None = None) -> pd.DataFrame:
    """The A-4 accounting statement, model.accounting.accounting_statement: primary, low and high, the
    low/high from the assumption ranges (``method="ranges"``) or the Monte Carlo P5/P95
    (``"montecarlo"``: the given ``draws`` and ``seed``, else the accounting defaults)."""
    draws, seed = accounting_draws_seed(a, draws, seed)
    return accounting_statement(a, years=years, bounds=statement_bounds(a, method, draws, seed, years))


def accounting_draws_seed(a: Assumptions, draws: int | None, seed: int | None) -> tuple[int, int]:
    """The Monte Carlo draws and seed behind the statement's low/high: those given, else analysis.*."""
    return (int(draws or a["analysis.accounting_draws"]), int(a["analysis.seed"] if seed is None else seed))


def scenarios_for_comparison(a: Assumptions, names: Sequence[str] | None, description: str) -> list[Scenario]:
    """The scenario in force (first) and the named scenario files (default: all in assumptions/scenarios)."""
    base = load_assumptions()
    current = Scenario(a.scenario, description, dict(a.overrides), MODES)
    return [current] + [load_scenario(n, base) for n in (list_scenarios() if names is None else names)]


def scenarios_sheet(a: Assumptions, names: Sequence[str] | None, years: int, description: str) -> pd.DataFrame:
    """Scenarios side by side (model.scenarios.comparison_table), as published and incremental, each
    with its description."""
    base = load_assumptions()
    scen = scenarios_for_comparison(a, names, description)
    frames = [comparison_table(base, scen, framing=f, years=years).assign(framing=f) for f in FRAMINGS]
    t = pd.concat(frames, ignore_index=True)
    described = {s.name: s.description for s in reversed(scen)}  # the scenario in force wins a name clash
    t["description"] = t["scenario"].map(described)
    return t[["scenario", "framing"] + [c for c in t.columns if c not in ("scenario", "framing")]]


def _not_run() -> pd.DataFrame:
    return pd.DataFrame({"note": [NOT_RUN]})


def monte_carlo_sheets(a: Assumptions, years: int, draws: int, seed: int, sobol_n: int | None = None,
                       sampler: str = "lhs") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """Monte Carlo summary (model.montecarlo.simulate), tornado per coaching mode and Sobol indices
    per coaching mode (when SALib's base sample ``sobol_n`` > 0; default from ``draws``), at the
    government level, PV at 7%. Returns (summary, tornado, sobol, meta)."""
    from model.engines import montecarlo, sensitivity  # heavy (scipy, SALib): imported only when draws are asked for

    res = montecarlo.simulate(a, draws, seed, sampler=sampler, years=years)
    meta = dict(getattr(res, "meta", {}) or {})
    lead = ["coaching", "level", "quantity"]

    def tidy(frames: list[pd.DataFrame]) -> pd.DataFrame:
        t = pd.concat(frames, ignore_index=True)
        return t[lead + [c for c in t.columns if c not in lead]]

    quantity = pv_high(a.values)  # the tornado's and Sobol's output: PV at the higher A-4 rate
    tornado = tidy([sensitivity.tornado(a, quantity=quantity, coaching=mode, level=SENSITIVITY_LEVEL)
                    .assign(coaching=mode, level=SENSITIVITY_LEVEL, quantity=quantity)
                    for mode in MODES])
    n = sobol_default_n(a, draws) if sobol_n is None else sobol_n
    if n:
        sobol = tidy([sensitivity.sobol_indices(a, quantity, mode, SENSITIVITY_LEVEL, n, seed)
                      .assign(coaching=mode, level=SENSITIVITY_LEVEL, quantity=quantity,
                              base_sample=n, seed=seed) for mode in MODES])
    else:
        sobol = pd.DataFrame({"note": ["not run: --sobol-n 0"]})
    return res.summary.reset_index(drop=True), tornado, sobol, meta


def sobol_default_n(a: Assumptions, draws: int) -> int:
    """SALib base sample for the export: the largest power of 2 not above min(draws, analysis.sobol_samples)."""
    n = min(int(draws), int(a["analysis.sobol_samples"]))
    return 1 << (n.bit_length() - 1) if n >= 2 else 0


def check_monte_carlo_options(draws: int | None, seed: int | None) -> None:
    """Draws and seed go together (a result must be reproducible); draws >= 2."""
    if (draws is None) != (seed is None):
        raise ModelInputError("--draws/--seed: give both (--draws N --seed S) so the Monte Carlo result can be "
                              "reproduced, or neither")
    if draws is not None and (isinstance(draws, bool) or int(draws) != draws or draws < 2):
        raise ModelInputError(f"--draws: expected a whole number of draws of at least 2, got {draws!r}")
    if seed is not None and (isinstance(seed, bool) or int(seed) != seed or seed < 0):
        raise ModelInputError(f"--seed: expected a non-negative whole number, got {seed!r}")


def build_report(a: Assumptions, scenarios: Sequence[str] | None = None, years: int | None = None,
                 draws: int | None = None, seed: int | None = None, sobol_n: int | None = None,
                 description: str | None = None, date: str | None = None, sampler: str = "lhs",
                 accounting_method: str | None = None) -> Report:
    """Evaluate the model for the parameter set ``a`` and gather every export table.

    ``scenarios``: scenario names or files for the Scenarios sheet, beside the scenario in force
    (default: every file in assumptions/scenarios). ``years``: horizon (default analysis.horizon_years).
    ``draws`` and ``seed``: Monte Carlo and sensitivity (both or neither), drawn with ``sampler``
    (model.montecarlo: mc, lhs or sobol); ``sobol_n``: SALib base sample of the Sobol indices (0: none;
    default from ``draws``, at most analysis.sobol_samples). ``accounting_method``: low/high of the A-4 statement:
    ``montecarlo`` (P5/P95 of the same draws and seed; the default when ``draws`` is given, as A-4 asks
    where a distribution exists) or ``ranges`` (the assumption ranges; the default without draws). ``description``: of the
    scenario in force (kept in the Scenarios sheet and the scenario file). USD of analysis.dollar_year.
    """
    check_monte_carlo_options(draws, seed)
    if accounting_method is None:
        accounting_method = "montecarlo"
    n = horizon(a, years)
    description = description or ("the NPRM primary assumptions" if not a.overrides
                                  else f"{len(a.overrides)} value(s) differing from the NPRM primary")
    tables: dict[str, pd.DataFrame] = {
        "Summary": summary_table(a, n),
        "Assumptions": assumptions_table(a),
        "Components": components_table(a),
        "Stream": cost_table(a, years=n),
        "Accounting": accounting_sheet(a, n, accounting_method, draws, seed),
        "Reconciliation": reconciliation_table(readings_of(a.primary())),
        "Scenarios": scenarios_sheet(a, scenarios, n, description),
    }
    used_sampler, meta = None, {}
    if draws is not None:
        mc, tornado, sobol, meta = monte_carlo_sheets(a, n, int(draws), int(seed), sobol_n, sampler)
        used_sampler = meta.get("sampler", sampler)
        tables["Monte Carlo summary"], tables["Sensitivity"], tables["Sobol indices"] = mc, tornado, sobol
    else:
        tables["Monte Carlo summary"], tables["Sensitivity"], tables["Sobol indices"] = (_not_run(), _not_run(),
                                                                                        _not_run())
    prov = provenance(a, n, draws, seed, used_sampler, date)
    prov["accounting_low_high"] = (montecarlo_note(*accounting_draws_seed(a, draws, seed))
                                   if accounting_method == "montecarlo" else RANGES_NOTE)
    if draws is not None and meta.get("dists"):
        prov["monte_carlo"]["distributions"] = dict(meta["dists"])  # id -> distribution actually drawn
    prov["scenario_description"] = description
    tables["Provenance"] = provenance_table(prov)
    notes = {
        "Summary": f"Total cost: year 1, and present and annualized values; per agency and government-wide; "
                   f"{basis_line(prov)}.",
        "Assumptions": "Every parameter: value used, NPRM primary, citation and uncertainty. Edit 'value' and "
                       "read the workbook back as a scenario (model.export.read_workbook_scenario).",
        "Components": "Year-1 cost of each component, as published, USD.",
        "Stream": f"Cost by framing, coaching mode, level, component and year 1-{n} (calendar_year), "
                  f"USD of {prov['dollar_year']}.",
        "Accounting": f"OMB Circular A-4 accounting statement (costs), {basis_line(prov)}. "
                      + _source_note(tables["Accounting"]) + " " + eo14192_note(a, n),
        "Reconciliation": "Every cost figure the NPRM prints beside the model's value (NPRM primary assumptions).",
        "Scenarios": "Scenarios side by side; the first is the scenario of this export.",
        "Monte Carlo summary": "Distribution of results over the Monte Carlo draws, USD.",
        "Sensitivity": f"Tornado: {pv_high(a.values)} ({SENSITIVITY_LEVEL}) with each uncertain parameter at "
                       "the low and high ends of its range, one at a time, the others at their values in force.",
        "Sobol indices": f"Sobol indices of {pv_high(a.values)} ({SENSITIVITY_LEVEL}): S1 first order, ST total "
                         "(SALib, Saltelli sampling; _conf = 95% confidence half-width).",
        "Provenance": "How to trace and re-run these results.",
    }
    return Report(tables, prov, scenario_toml(a, a.scenario, description), notes)


def _source_note(acc: pd.DataFrame) -> str:
    """The accounting statement's own source line (method of low/high), when it has one."""
    return f"Source: {acc['source'].iloc[0]}." if "source" in acc.columns and len(acc) else ""


def provenance_table(prov: Mapping[str, Any]) -> pd.DataFrame:
    """The provenance as rows of (field, value, primary); one row per value differing from the primary."""
    mc = prov.get("monte_carlo") or {}
    rows: list[tuple[str, Any, Any]] = [
        ("tool", prov["tool"], None), ("version", prov["version"], None), ("git_commit", prov["git_commit"], None),
        ("assumptions_digest", prov["assumptions_digest"], None), ("scenario", prov["scenario"], None),
        ("scenario_description", prov.get("scenario_description", ""), None),
        ("horizon_years", prov["horizon_years"], None), ("dollar_year", prov["dollar_year"], None),
        ("discount_rates", ", ".join(f"{r:g}" for r in prov["discount_rates"]), None),
        ("monte_carlo_draws", mc.get("draws", "not run"), None), ("seed", mc.get("seed", "not run"), None),
        ("sampler", mc.get("sampler") or "not run", None), ("date_utc", prov["date_utc"], None),
        ("changed_from_primary", len(prov["changed_from_primary"]), None),
    ]
    rows += [(f"changed: {c['id']}", c["value"], c["primary"]) for c in prov["changed_from_primary"]]
    return pd.DataFrame(rows, columns=["field", "value", "primary"]).astype(object)


# ---------------------------------------------------------------------------------------------
# Cell formats and safety

USD_COLUMNS = {"usd", "year1", "present_value", "annualized", "perpetual_present_value", "primary_usd",
               "mean", "sd", "se", "p5", "p10", "p50", "p90", "p95", "min", "max",
               "output_low", "output_high", "base", "swing", "as_published", "complete", "difference"}
CENTS_COLUMNS = {"published", "model", "model_rounded", "reading_b", "reading_b_rounded", "named_fees_only"}
RATE_COLUMNS = {"discount_rate"}
INDEX_COLUMNS = {"S1", "S1_conf", "ST", "ST_conf"}
USD_TABLES_PRIMARY = {"Accounting"}  # tables whose primary/low/high columns are USD
MODE_LEVEL_COLUMNS = {f"{m}_{lv}" for m in MODES for lv in LEVELS}


def column_kind(table: str, col: str) -> str:
    """How a column's numbers read: ``usd`` (to the dollar), ``cents``, ``rate``, ``index`` or ``general``."""
    if col in USD_COLUMNS or col in MODE_LEVEL_COLUMNS or is_money_column(col):
        return "usd"
    if table in USD_TABLES_PRIMARY and col in {"primary", "low", "high"}:
        return "usd"
    if col in CENTS_COLUMNS:
        return "cents"
    if col in RATE_COLUMNS:
        return "rate"
    if col in INDEX_COLUMNS:
        return "index"
    return "general"


XLSX_FORMATS = {"usd": "#,##0", "cents": "#,##0.00", "rate": "0.0%", "index": "0.000", "general": "General"}


def neutralize(value: Any) -> Any:
    """A text value a spreadsheet would run as a formula gets a leading single quote; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unneutralize(value: Any) -> Any:
    """Undo :func:`neutralize` (for reading an exported file back)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def _cell(value: Any) -> Any:
    """A Python scalar for a spreadsheet cell: numpy -> Python, NaN -> empty, +-inf -> text, text neutralized."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "infinite" if value > 0 else "minus infinite"
    return neutralize(value) if isinstance(value, str) else value


def text_value(table: str, col: str, value: Any) -> str:
    """A cell as display text for Markdown and Word: USD with thousands separators, rates in percent."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isinf(value):
            return "infinite"
        kind = column_kind(table, col)
        if kind == "usd":
            return f"{value:,.0f}"
        if kind == "cents":
            return f"{value:,.2f}"
        if kind == "rate":
            return f"{value * 100:g}%"
        if kind == "index":
            return f"{value:.3f}"
        return str(value) if isinstance(value, int) else f"{value:,.10g}"
    return " ".join(str(value).split())


# ---------------------------------------------------------------------------------------------
# Writers


def to_xlsx(report: Report) -> bytes:
    """The workbook: one sheet per table, numbers as numbers with thousands formats, widths fitted,
    header row frozen, text that could run as a formula neutralized. openpyxl stores a float to 16
    significant digits (Excel shows 15); the CSV and JSON keep every digit."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, df in report.tables.items():
        ws = wb.create_sheet(title=name)
        cols = [str(c) for c in df.columns]
        ws.append([_cell(c) for c in cols])
        for cell in ws[1]:
            cell.font = bold
            cell.data_type = "s"
        widths = [len(c) for c in cols]
        formats = [XLSX_FORMATS[column_kind(name, c)] for c in cols]
        for r, row in enumerate(df.itertuples(index=False, name=None), start=2):
            for j, v in enumerate(row):
                cell = ws.cell(row=r, column=j + 1, value=_cell(v))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
                elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = formats[j]
                widths[j] = max(widths[j], len(text_value(name, cols[j], v)))
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = min(w + 2, XLSX_MAX_WIDTH)
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_provenance_header(prov: Mapping[str, Any]) -> list[str]:
    """Provenance lines for the top of the CSV, each starting with ``# ``."""
    return [f"# {line}" for line in provenance_lines(prov)]


def to_csv(report: Report) -> bytes:
    """The tidy results table (Stream: one row per scenario, framing, coaching mode, level, component,
    year), after ``# ``-prefixed provenance lines (read with :func:`read_csv_export`)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    header = csv_provenance_header(report.provenance)
    for line in header:
        w.writerow([line])
    df = report.tables["Stream"]
    w.writerow([neutralize(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def _csv_cell(v: Any) -> Any:
    v = _cell(v)
    if isinstance(v, float):
        return repr(v)  # shortest round-trip text: the cents survive
    return "" if v is None else v


def read_csv_export(source: str | Path | bytes) -> tuple[pd.DataFrame, list[str]]:
    """A CSV export read back: (the tidy table, the provenance lines without their ``# ``)."""
    text = source.decode("utf-8") if isinstance(source, bytes) else Path(source).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    prov = []
    for line in lines:
        cell = next(csv.reader([line]))[0] if line.strip() else ""
        if not cell.startswith("# "):
            break
        prov.append(cell[2:])
    df = pd.read_csv(io.StringIO("".join(lines[len(prov):])), keep_default_na=False)
    for c in df.columns:
        if not pd.api.types.is_numeric_dtype(df[c]):
            df[c] = df[c].map(unneutralize)
    return df, prov


MD_TABLES = ("Summary", "Accounting", "Scenarios", "Monte Carlo summary", "Sensitivity")
MD_DROP = {"Accounting": ["source"], "Scenarios": []}


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
              "Scenarios": "Scenario comparison (as published, government-wide)",
              "Monte Carlo summary": "Monte Carlo summary",
              "Sensitivity": f"Sensitivity: tornado (top {DOC_TOP} parameters per coaching mode)",
              "Sobol indices": f"Sensitivity: Sobol indices (top {DOC_TOP} parameters per coaching mode)"}


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def markdown_table(name: str, df: pd.DataFrame) -> str:
    """A pipe table; numeric columns right-aligned, USD to the dollar with thousands separators."""
    cols = [str(c) for c in df.columns]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) for c in df.columns]
    lines = ["| " + " | ".join(_md_escape(c) for c in cols) + " |",
             "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    for row in df.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_md_escape(text_value(name, c, v)) for c, v in zip(cols, row)) + " |")
    return "\n".join(lines)


def to_markdown(report: Report) -> bytes:
    """The comment-ready tables with a provenance footnote."""
    p = report.provenance
    out = [f"# SESCDP rule cost model: {_md_escape(' '.join(str(p['scenario']).split()))}", "",
           f"{basis_line(p)}.[^provenance]", ""]
    for name, df in document_tables(report):
        out += [f"## {DOC_TITLES[name]}", "", _md_escape(report.notes.get(name, "")), "", markdown_table(name, df), ""]
    out.append("[^provenance]: " + " ".join(_md_escape(line) + "." if not line.endswith(".") else _md_escape(line)
                                            for line in provenance_lines(p)))
    return ("\n".join(out) + "\n").encode("utf-8")


def to_docx(report: Report) -> bytes:
    """The same tables as a Word document a commenter can paste from, with a provenance section."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = report.provenance
    doc = docx.Document()
    sec = doc.sections[0]  # landscape: the tables are wide
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    doc.add_heading(f"SESCDP rule cost model: {' '.join(str(p['scenario']).split())}", level=1)
    doc.add_paragraph(f"{basis_line(p)}. Provenance at the end.")
    for name, df in document_tables(report):
        doc.add_heading(DOC_TITLES[name], level=2)
        if report.notes.get(name):
            doc.add_paragraph(report.notes[name])
        cols = [str(c) for c in df.columns]
        numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
                   for c in df.columns]
        table = doc.add_table(rows=1, cols=len(cols))
        table.style = "Table Grid"
        for j, c in enumerate(cols):
            cell = table.rows[0].cells[j]
            cell.text = c
            cell.paragraphs[0].runs[0].font.bold = True
        for row in df.itertuples(index=False, name=None):
            cells = table.add_row().cells
            for j, v in enumerate(row):
                cells[j].text = text_value(name, cols[j], v)
                if numeric[j]:
                    cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in table.rows:
            for cell in r.cells:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(8)
    doc.add_heading("Provenance", level=2)
    for line in provenance_lines(p):
        doc.add_paragraph(line, style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _json_value(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None  # JSON has no NaN or infinity; null (see provenance note)
    if v is pd.NA:
        return None
    return v


def to_json(report: Report) -> bytes:
    """Everything, for scripts: provenance, the scenario file, and every table as records.
    Non-finite numbers (a perpetual PV at a 0% rate; an empty range) are null."""
    doc = {"provenance": report.provenance, "scenario_file": report.scenario_file,
           "tables": {name: [{str(k): _json_value(v) for k, v in zip(df.columns, row)}
                             for row in df.itertuples(index=False, name=None)]
                      for name, df in report.tables.items()}}
    return json.dumps(doc, indent=1, allow_nan=False).encode("utf-8")


def to_scenario_toml(report: Report) -> bytes:
    """The scenario in force as a scenario file (the format of assumptions/scenarios), with a provenance
    comment; ``sescdp run --scenario FILE`` reproduces the export's figures from it."""
    head = "".join(f"# {line}\n" for line in provenance_lines(report.provenance)
                   if not line.startswith(("Values differing", "Scenario:")))
    return (head + report.scenario_file).encode("utf-8")


WRITERS: dict[str, Callable[[Report], bytes]] = {"xlsx": to_xlsx, "csv": to_csv, "md": to_markdown,
                                                  "docx": to_docx, "json": to_json, "toml": to_scenario_toml}


def export_format(path: str | Path) -> str:
    """The format a file name asks for (its suffix); ModelInputError for any other suffix."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in WRITERS:
        raise ModelInputError(f"--out {path}: unknown file type {Path(path).suffix or '(no suffix)'!r}; "
                              f"expected one of {', '.join('.' + f for f in (*FORMATS, SCENARIO_FORMAT))}")
    return fmt


def export_bytes(report: Report, fmt: str) -> bytes:
    """The report in one format (``xlsx``, ``csv``, ``md``, ``docx``, ``json``; or ``toml``, the scenario
    file alone), as bytes."""
    key = str(fmt).lower().lstrip(".")
    if key not in WRITERS:
        raise ModelInputError(f"export format: expected one of {', '.join((*FORMATS, SCENARIO_FORMAT))}, "
                              f"got {fmt!r}")
    return WRITERS[key](report)


def check_writable(path: str | Path) -> Path:
    """The output path, checked before any work: known suffix, existing writable folder, not a folder."""
    path = Path(path)
    export_format(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ModelInputError(f"--out {path}: is a folder; expected a file name such as results.xlsx")
    if not folder.is_dir():
        raise ModelInputError(f"--out {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ModelInputError(f"--out {path}: folder {folder} is not writable")
    return path


def _umask() -> int:
    """The process umask (read without changing it where /proc allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def write_export(report: Report, path: str | Path) -> Path:
    """Write the report to ``path`` in the format its suffix names, atomically: the bytes go to a
    temporary file in the same folder, renamed over ``path`` only when complete. Returns the path."""
    path = check_writable(path)
    data = export_bytes(report, export_format(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a finished export gets the usual mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ModelInputError(f"--out {path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return path


# ---------------------------------------------------------------------------------------------
# Reading an exported workbook back


def read_workbook_scenario(source: str | Path | bytes, base: Assumptions | None = None,
                           name: str | None = None) -> Scenario:
    """The Assumptions sheet of an exported (possibly edited) workbook as a scenario: every value that
    differs from the NPRM primary becomes an override, validated like a scenario file. The name is
    ``name``, else the workbook's provenance scenario, else the file name."""
    from openpyxl import load_workbook

    base = base or load_assumptions()
    origin = "uploaded workbook" if isinstance(source, (bytes, bytearray)) else str(source)
    try:
        wb = load_workbook(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source,
                           read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is not a workbook
        raise ModelInputError(f"{origin}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        if "Assumptions" not in wb.sheetnames:
            raise ModelInputError(f"{origin}: no 'Assumptions' sheet; expected a workbook written by sescdp export")
        rows = list(wb["Assumptions"].iter_rows(values_only=True))
        saved = _workbook_provenance(wb)
        scenario_name = name or saved.get("scenario") or Path(origin).stem
    finally:
        wb.close()
    if not rows:
        raise ModelInputError(f"{origin}: Assumptions sheet is empty")
    header = [unneutralize(h) for h in rows[0]]
    if "id" not in header or "value" not in header:
        raise ModelInputError(f"{origin}: Assumptions sheet: expected columns 'id' and 'value' in row 1")
    i_id, i_val = header.index("id"), header.index("value")
    primary = base.primary_values()
    values: dict[str, float] = {}
    for r, row in enumerate(rows[1:], start=2):
        pid = unneutralize(row[i_id]) if i_id < len(row) else None
        if pid is None or str(pid).strip() == "":
            continue
        pid = str(pid).strip()
        if pid in values:
            raise ModelInputError(f"{origin}: Assumptions sheet row {r}: {pid}: appears twice")
        raw = row[i_val] if i_val < len(row) else None
        if raw is None:
            raise ModelInputError(f"{origin}: Assumptions sheet row {r}: {pid}: expected a number, got an empty cell")
        values[pid] = coerce_value(base.specs, pid, unneutralize(raw), f"{origin}: Assumptions sheet row {r}")
    merged = {**primary, **values}
    check_consistency(merged, f"{origin}: Assumptions sheet")
    overrides = {pid: v for pid, v in values.items() if v != primary[pid]}
    meta = ScenarioMeta(name=scenario_name or "from workbook",
                        description=saved.get("scenario_description") or f"read back from {origin}")
    return Scenario(meta.name, meta.description, overrides, MODES, {}, origin)


def _workbook_provenance(wb) -> dict[str, str]:
    """The text fields of an exported workbook's Provenance sheet (field -> value, quotes undone)."""
    if "Provenance" not in wb.sheetnames:
        return {}
    out = {}
    for row in wb["Provenance"].iter_rows(min_row=2, values_only=True):
        if row and len(row) > 1 and isinstance(row[0], str) and isinstance(row[1], str) and row[1].strip():
            out[row[0]] = unneutralize(row[1])
    return out
