"""Publication tables: a title with units and dollar year, human column headers with a kind each (how
the numbers read), rows of raw values, and a note. Built from a report's data tables; rendered by the
Markdown, Word and workbook writers, the CLI and the app alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from model.core.components import TOTAL
from model.core.vocabulary import AS_PUBLISHED, FRAMINGS, GOVERNMENT, INCREMENTAL, MODES, PRICED_MODES, YEAR1, YEAR1_COLUMN
from model.core.quantities import annualized_name, label as quantity_label, pv_name
from model.core.statement import nprm_citation, reading_note, statement_rows
from model.outputs.present.formats import Kind, cell_text
from model.outputs.present.prose import publication_text
from model.outputs.present.labels import (COMPONENT_LABELS, FRAMING_LABELS, FRAMING_SHORT, MODE_LABELS,
                                          MODE_SHORT, parameter_label)

TOP_PARAMETERS = 10  # parameters per coaching mode in the document's tornado and Sobol tables (all in the workbook)


@dataclass(frozen=True)
class Column:
    """A column of a publication table: id (for scripts), header and kind (how its numbers read)."""

    id: str
    label: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class PubTable:
    """A table ready to publish: ``key`` names it for scripts, ``title`` carries units and dollar year."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""
    references: tuple[str, ...] = field(default=())

    def text_rows(self) -> list[list[str]]:
        """Every cell as display text, with no internal id (``prose.publication_text``)."""
        return [[publication_text(cell_text(v, c.kind)) for v, c in zip(row, self.columns)] for row in self.rows]

    def headers(self) -> list[str]:
        return [c.label for c in self.columns]

    def frame(self) -> pd.DataFrame:
        """The table as display text with human headers (the app and the CLI show this)."""
        return pd.DataFrame(self.text_rows(), columns=self.headers())


def _basis(prov: dict) -> tuple[int, str]:
    return prov["dollar_year"], (f"{prov['first_calendar_year']}-"
                                 f"{prov['first_calendar_year'] + prov['horizon_years'] - 1}")


def _rates(prov: dict) -> list[float]:
    return sorted(prov["discount_rates"], reverse=True)  # 7% first, as A-4 lists them


# ---------------------------------------------------------------- the A-4 accounting statement

def accounting_statement_table(report, framing: str) -> PubTable:
    """The report's A-4 accounting statement for one framing (``a4_statement``), with the reading note."""
    reading = reading_note(report.assumptions) if report.assumptions is not None else ""
    return a4_statement(report.tables["Accounting"], report.tables["Omitted costs"], report.provenance, framing,
                        reading)


def a4_statement(acc: pd.DataFrame, omitted: pd.DataFrame, prov: dict, framing: str, reading: str = "") -> PubTable:
    """OMB Circular A-4 accounting statement, one framing: annualized monetized costs at each rate and
    coaching mode (government-wide, $ millions a year: primary, low, high), the unquantified costs, then
    benefits, transfers and effects as the NPRM states them. ``acc``: ``core.accounting.accounting_statement``;
    ``omitted``: ``core.omitted.omitted_table``; ``prov``: the provenance (basis, tool, digest, low/high method);
    ``reading``: ``core.statement.reading_note``, a line added to the note."""
    dollar_year, period = _basis(prov)
    cite = nprm_citation()
    acc = acc[(acc.framing == framing) & (acc.level == GOVERNMENT) & (acc.measure == "annualized")]
    source = "This model; NPRM, C. Costs"
    rows: list[tuple] = []
    for r in _rates(prov):
        for mode in MODES:
            sel = acc[(acc.coaching == mode) & ((acc.discount_rate - r).abs() < 1e-12)]
            if sel.empty:
                continue
            row = sel.iloc[0]
            rows.append(("Costs", f"Annualized monetized costs, {MODE_LABELS[mode].lower()}", float(row.primary),
                         float(row.low), float(row.high), dollar_year, r, period, source))
    rows.append(("Costs", "Unquantified costs", unquantified_text(omitted), None, None, None, None, None,
                 "Rule text against NPRM, C. Costs"))
    for s in statement_rows():
        rows.append((s.category, s.item, s.value, None, None, None, None, None, f"NPRM, {s.section}"))
    cols = (Column("category", "Category"), Column("item", "Item"),
            Column("primary", "Primary estimate", Kind.MUSD), Column("low", "Low", Kind.MUSD),
            Column("high", "High", Kind.MUSD), Column("dollar_year", "Year dollar", Kind.YEAR),
            Column("discount_rate", "Discount rate", Kind.RATE), Column("period", "Period covered"),
            Column("source", "Source"))
    low_high = prov.get("accounting_low_high", "")
    note = (f"{FRAMING_LABELS[framing]}. Source: {prov['tool']} {prov['version']}, from the inputs of NPRM "
            f"{cite.fr_doc}, {cite.cost_section}. Government-wide; annualized over {prov['horizon_years']} years "
            f"({period}), $ millions a year, {dollar_year} dollars. Low and high: {low_high.removeprefix('low/high: ')}. "
            f"Assumption digest {prov['assumptions_digest']}." + (f" {reading}" if reading else ""))
    return PubTable(f"accounting_statement_{framing}",
                    f"Accounting statement (OMB Circular A-4), {FRAMING_SHORT[framing].lower()}: "
                    f"$ millions a year, {dollar_year} dollars", cols, tuple(rows), note)


def unquantified_text(om: pd.DataFrame) -> str:
    """How many requirements of the rule text add costs the NPRM's cost section leaves out, in one cell: those
    priced (a cost at the values in force, internal coaching), those that cannot be priced, and apart from them
    the ones that would save money or add nothing."""
    pv = next(c for c in om.columns if c.startswith("pv_") and not c.endswith(("_low", "_high")))
    rows = om[om.coaching.isin(["internal", ""])]
    priced = rows[rows.status == "priced"]
    costs = list(dict.fromkeys(priced[priced[pv] > 0.5].requirement))
    savings = list(dict.fromkeys(priced[priced[pv] < -0.5].requirement))
    nothing = list(dict.fromkeys(priced[priced[pv].abs() <= 0.5].requirement))
    unpriced = list(dict.fromkeys(rows[rows.status != "priced"].requirement))
    return (f"{len(costs) + len(unpriced)} requirements of the rule text add costs that are not in the NPRM's "
            f"estimate: {len(costs)} priced separately by this model and {len(unpriced)} that cannot be priced; "
            f"{len(savings)} more would save money and {len(nothing)} add nothing at the values in force "
            "(table: what the NPRM omits).")


# ---------------------------------------------------------------- totals, stream, comparison

def totals_table(report, level: str = GOVERNMENT) -> PubTable:
    """Year-1 cost, present value and annualized value at each rate, per framing and coaching mode."""
    prov = report.provenance
    dollar_year, period = _basis(prov)
    kind = Kind.MUSD if level == GOVERNMENT else Kind.USD
    t = report.tables["Summary"]
    t = t[t.level == level]
    quantities = [YEAR1_COLUMN] + [q for r in _rates(prov) for q in (pv_name(r), annualized_name(r))]
    cols = (Column("framing", "Framing"), Column("coaching", "Coaching")) + tuple(
        Column(q, quantity_label(q), kind) for q in quantities)
    rows = tuple((FRAMING_SHORT[r.framing], MODE_SHORT[r.coaching], *[float(getattr(r, q)) for q in quantities])
                 for r in t.itertuples(index=False))
    unit = "$ millions" if level == GOVERNMENT else "$"
    return PubTable(f"totals_{level}", f"Total cost, {'government-wide' if level == GOVERNMENT else 'per agency'}: "
                    f"{unit}, {dollar_year} dollars", cols, rows,
                    f"Present values discounted to the start of {prov['first_calendar_year']}; {period}.")


def stream_table(report, level: str = GOVERNMENT) -> PubTable:
    """Total cost by year, per framing and coaching mode, with the undiscounted sum."""
    prov = report.provenance
    dollar_year, period = _basis(prov)
    kind = Kind.MUSD if level == GOVERNMENT else Kind.USD
    s = report.tables["Stream"]
    s = s[(s.level == level) & (s.component == TOTAL)]
    wide = s.pivot_table(index="calendar_year", columns=["framing", "coaching"], values="usd", sort=False)
    keys = [(f, m) for f in FRAMINGS for m in MODES if (f, m) in wide.columns]
    cols = (Column("calendar_year", "Year", Kind.YEAR),) + tuple(
        Column(f"{f}_{m}", f"{FRAMING_SHORT[f]}, {MODE_SHORT[m].lower()}", kind) for f, m in keys)
    rows = [(int(y), *[float(wide.loc[y, k]) for k in keys]) for y in wide.index]
    rows.append(("Total", *[float(wide[k].sum()) for k in keys]))
    unit = "$ millions" if level == GOVERNMENT else "$"
    return PubTable(f"stream_{level}", f"{prov['horizon_years']}-year cost stream, "
                    f"{'government-wide' if level == GOVERNMENT else 'per agency'}: {unit}, {dollar_year} dollars",
                    cols, tuple(rows), "Costs as they fall in each year, undiscounted; the total is the plain sum.")


def scenarios_table(report) -> PubTable:
    """Every scenario side by side, government-wide: year 1 and PV at the higher rate, both framings."""
    prov = report.provenance
    dollar_year, _ = _basis(prov)
    high = pv_name(_rates(prov)[0])
    sc = report.tables["Scenarios"]
    sc = sc[(sc.level == GOVERNMENT) & (sc.headline if "headline" in sc.columns else True)]
    names = list(dict.fromkeys(sc.scenario))
    cols = (Column("n", "No.", Kind.NUMBER), Column("scenario", "Scenario"), Column("coaching", "Coaching"),
            *[Column(f"{f}_{q}", f"{FRAMING_SHORT[f]}: {quantity_label(q)}", Kind.MUSD)
              for f in FRAMINGS for q in (YEAR1_COLUMN, high)])
    rows = []
    for i, name in enumerate(names, start=1):
        for mode in MODES:
            vals = []
            for f in FRAMINGS:
                sel = sc[(sc.scenario == name) & (sc.framing == f) & (sc.coaching == mode)]
                vals += [float(sel.iloc[0][q]) if len(sel) else None for q in (YEAR1_COLUMN, high)]
            if any(v is not None for v in vals):
                rows.append((i, name, MODE_SHORT[mode], *vals))
    described = sc.drop_duplicates("scenario").set_index("scenario").description
    refs = tuple(f"{i}. {n}: {publication_text(' '.join(str(described.get(n, '')).split()))}"
                 for i, n in enumerate(names, start=1))
    return PubTable("scenarios", f"Scenario comparison, government-wide: $ millions, {dollar_year} dollars", cols,
                    tuple(rows), "The first scenario is the one in force; each scenario shows the coaching modes it is "
                    "about. Descriptions below the table.", refs)


# ---------------------------------------------------------------- reconciliation and findings

def reconciliation_pub(report) -> PubTable:
    """Every cost figure the NPRM prints beside the model's value and whether it reproduces."""
    return reconciliation_table_pub(report.tables["Reconciliation"])


def reconciliation_table_pub(rec: pd.DataFrame) -> PubTable:
    """``core.reconcile.reconciliation_table`` as a publication table."""
    cols = (Column("section", "Where"), Column("quote", "NPRM text"),
            Column("published", "Published", Kind.CENTS), Column("model", "Model", Kind.CENTS),
            Column("status", "Status"), Column("reason", "Explanation"))
    rows = tuple((r.section, r.quote, float(r.published), float(r.model), r.status, r.reason)
                 for r in rec.itertuples(index=False))
    return PubTable("reconciliation", "Reconciliation: every cost figure in the NPRM beside the model ($)", cols,
                    rows, "Model at the NPRM primary assumptions, dollars of the NPRM (2025).")


def inconsistencies_pub(inconsistencies: pd.DataFrame) -> PubTable:
    """Inconsistencies in the NPRM's text, each with its quote and the arithmetic that shows it."""
    cols = (Column("section", "Where"), Column("quote", "NPRM text"),
            Column("finding", "Finding"))
    rows = tuple((r.section, r.quote, r.finding) for r in inconsistencies.itertuples(index=False))
    return PubTable("inconsistencies", "Readings of the NPRM's text that need reconciling", cols, rows)


def scope_table(report, complete_vs: pd.DataFrame) -> PubTable:
    """Published vs incremental vs complete, government-wide: year 1 and PV at the higher rate."""
    prov = report.provenance
    dollar_year, _ = _basis(prov)
    high = pv_name(_rates(prov)[0])
    s = report.tables["Summary"]
    s = s[s.level == GOVERNMENT].set_index(["framing", "coaching"])
    c = complete_vs[complete_vs.level == GOVERNMENT].set_index(["coaching", "quantity"])
    cols = (Column("coaching", "Coaching"), *[Column(f"{scope}_{q}", f"{name}: {quantity_label(q)}", Kind.MUSD)
                                              for scope, name in (("published", "As published"),
                                                                  ("incremental", "Incremental"),
                                                                  ("complete", "Complete"))
                                              for q in (YEAR1, high)])
    rows = []
    for mode in PRICED_MODES:
        rows.append((MODE_SHORT[mode], float(s.loc[(AS_PUBLISHED, mode), YEAR1_COLUMN]), float(s.loc[(AS_PUBLISHED, mode), high]),
                     float(s.loc[(INCREMENTAL, mode), YEAR1_COLUMN]), float(s.loc[(INCREMENTAL, mode), high]),
                     float(c.loc[(mode, YEAR1), "complete"]), float(c.loc[(mode, high), "complete"])))
    return PubTable("scope", f"As published, incremental and complete, government-wide: $ millions, {dollar_year} dollars",
                    cols, tuple(rows), "As published: the NPRM's framing and scope. Incremental: the rule minus the "
                    "current rule and current practice. Complete: the published scope plus the costs the NPRM omits.")


# ---------------------------------------------------------------- assumptions and omitted costs

def assumptions_pub(report, a) -> PubTable:
    """Every parameter: its description, value in force, NPRM primary, range and source (numbered
    references below the table)."""
    t = report.tables["Assumptions"]
    refs: dict[str, int] = {}
    rows = []
    for r in t.itertuples(index=False):
        ref = " ".join(f"{r.source}, {r.section}".split()).rstrip(", ")
        n = refs.setdefault(ref, len(refs) + 1)
        rng = "" if pd.isna(r.low) else f"{cell_text(r.low, Kind.NUMBER)} to {cell_text(r.high, Kind.NUMBER)}"
        rows.append((parameter_label(a, r.id), value_text(r.value, r.unit), r.unit,
                     value_text(r.primary, r.unit), rng, f"[S{n}]"))
    cols = (Column("parameter", "Assumption"), Column("value", "Value used"), Column("unit", "Unit"),
            Column("primary", "NPRM primary"), Column("range", "Range"), Column("source", "Source"))
    return PubTable("assumptions", "Assumptions and their sources", cols, tuple(rows),
                    "Quotes and reasoning for each value are in the workbook's Assumptions sheet.",
                    tuple(f"[S{n}] {ref}" for ref, n in refs.items()))


PLAIN_UNITS = ("calendar year", "analysis year", "seed")  # a year or a seed has no thousands separator


def value_text(value: float, unit: str) -> str:
    """A parameter value as text: a year or a seed plain ('2025'), else with separators ('20,251,218' never)."""
    return f"{int(value)}" if unit in PLAIN_UNITS and float(value).is_integer() else cell_text(value, Kind.NUMBER)


def omitted_pub(report) -> PubTable:
    """What the NPRM omits: each requirement, priced (incremental, government-wide) or why not."""
    return omitted_table_pub(report.tables["Omitted costs"], report.provenance)


def omitted_table_pub(om: pd.DataFrame, prov: dict) -> PubTable:
    """``core.omitted.omitted_table`` (internal coaching) as a publication table."""
    dollar_year, _ = _basis(prov)
    high = pv_name(_rates(prov)[0])
    om = om[om.coaching.isin(["internal", ""])]
    pv_low, pv_high_col = f"{high}_low", f"{high}_high"
    cols = (Column("requirement", "Requirement"), Column("section", "Section"),
            Column(YEAR1_COLUMN, "Year 1", Kind.MUSD), Column(high, quantity_label(high), Kind.MUSD),
            Column("range", f"Range of {quantity_label(high).lower()}"), Column("reason", "Why not priced"))
    rows = []
    for r in om.itertuples(index=False):
        d = r._asdict()
        if r.status == "priced":
            rng = f"{cell_text(d[pv_low], Kind.MUSD)} to {cell_text(d[pv_high_col], Kind.MUSD)}"
            rows.append((r.requirement, r.section, float(r.year1), float(d[high]), rng, ""))
        else:
            rows.append((r.requirement, r.section, None, None, "", r.reason))
    return PubTable("omitted", f"What the NPRM omits (incremental, government-wide, internal coaching): "
                    f"$ millions, {dollar_year} dollars", cols, tuple(rows))


# ---------------------------------------------------------------- uncertainty

def montecarlo_pub(report) -> PubTable | None:
    """P5, P50, P95 and mean of year 1 and PV at the higher rate, government-wide; None when not drawn."""
    mc = report.tables["Monte Carlo summary"]
    if "note" in mc.columns:
        return None
    prov = report.provenance
    dollar_year, _ = _basis(prov)
    high = pv_name(_rates(prov)[0])
    mc = mc[(mc.level == GOVERNMENT) & mc.quantity.isin([YEAR1, high])]
    ex = report.tables.get("Exceedance")
    cols = (Column("framing", "Framing"), Column("coaching", "Coaching"), Column("quantity", "Quantity"),
            Column("mean", "Mean", Kind.MUSD), Column("p5", "P5", Kind.MUSD), Column("p50", "P50", Kind.MUSD),
            Column("p95", "P95", Kind.MUSD))
    rows = [(FRAMING_SHORT[r.framing], MODE_SHORT[r.coaching], quantity_label(r.quantity), r.mean, r.p5, r.p50, r.p95)
            for r in mc.itertuples(index=False)]
    note = f"{prov['monte_carlo']['draws']:,} draws, seed {prov['monte_carlo']['seed']}."
    if ex is not None and len(ex):
        cols += (Column("probability", "Chance above threshold", Kind.PERCENT),)
        e = ex.set_index(["framing", "coaching", "quantity"]).probability
        rows = [(*row, float(e.get((r.framing, r.coaching, r.quantity), float("nan"))) if r.quantity == YEAR1 else None)
                for row, r in zip(rows, mc.itertuples(index=False))]
        note += (f" Chance above threshold: of the year-1 cost exceeding {cell_text(float(ex.threshold.iloc[0]), Kind.USD)} "
                 "(E.O. 12866 section 3(f)(1), an annual effect); not computed for present values.")
    return PubTable("montecarlo", f"Uncertainty, government-wide: $ millions, {dollar_year} dollars", cols,
                    tuple(rows), note)


def tornado_pub(report, a) -> PubTable | None:
    """The most influential parameters per coaching mode (one at a time to the ends of their ranges)."""
    t = report.tables["Sensitivity"]
    if "note" in t.columns:
        return None
    dollar_year, _ = _basis(report.provenance)
    t = _top(t, "swing")
    cols = (Column("coaching", "Coaching"), Column("parameter", "Parameter"),
            Column("low", "Low input", Kind.NUMBER), Column("high", "High input", Kind.NUMBER),
            Column("output_low", "Output at low", Kind.MUSD), Column("output_high", "Output at high", Kind.MUSD),
            Column("swing", "Swing", Kind.MUSD))
    rows = tuple((MODE_SHORT[r.coaching], parameter_label(a, r.parameter), r.low, r.high, r.output_low,
                  r.output_high, r.swing) for r in t.itertuples(index=False))
    q = quantity_label(t.quantity.iloc[0]).lower() if len(t) else ""
    return PubTable("tornado", f"Sensitivity of the {q}, government-wide (top {TOP_PARAMETERS} per coaching mode): "
                    f"$ millions, {dollar_year} dollars", cols, rows)


def sobol_pub(report, a) -> PubTable | None:
    """Sobol indices of the most influential parameters per coaching mode."""
    t = report.tables["Sobol indices"]
    if "note" in t.columns:
        return None
    t = _top(t, "ST")
    cols = (Column("coaching", "Coaching"), Column("parameter", "Parameter"),
            Column("S1", "First order (S1)", Kind.INDEX), Column("S1_conf", "S1 ±", Kind.INDEX),
            Column("ST", "Total (ST)", Kind.INDEX), Column("ST_conf", "ST ±", Kind.INDEX))
    rows = tuple((MODE_SHORT[r.coaching], parameter_label(a, r.parameter), r.S1, r.S1_conf, r.ST, r.ST_conf)
                 for r in t.itertuples(index=False))
    n = int(t.base_sample.iloc[0]) if len(t) else 0
    return PubTable("sobol", f"Sobol indices (top {TOP_PARAMETERS} per coaching mode)", cols, rows,
                    f"SALib, Saltelli sampling, base sample {n:,}; ± is the 95% confidence half-width.")


def _top(df: pd.DataFrame, key: str) -> pd.DataFrame:
    order = {m: i for i, m in enumerate(MODES)}
    return (df.assign(_m=df["coaching"].map(order), _k=-df[key].abs()).sort_values(["_m", "_k"], kind="stable")
            .groupby("coaching", sort=False).head(TOP_PARAMETERS).drop(columns=["_m", "_k"]))


def components_pub(report) -> PubTable:
    """Year-1 cost of each component (as published), government-wide, per coaching mode."""
    dollar_year, _ = _basis(report.provenance)
    c = report.tables["Components"]
    modes = [m for m in MODES if f"{m}_government" in c.columns]
    cols = (Column("component", "Component"),) + tuple(
        Column(f"{m}_government", MODE_LABELS[m], Kind.MUSD) for m in modes)
    rows = tuple((COMPONENT_LABELS.get(r["component"], r["label"]), *[r[f"{m}_government"] for m in modes])
                 for r in c.to_dict("records") if any(r[f"{m}_government"] for m in modes))
    return PubTable("components", f"Year-1 cost by component, as published, government-wide: $ millions, "
                    f"{dollar_year} dollars", cols, rows)


# ---------------------------------------------------------------- evidence

def evidence_pub(report) -> PubTable:
    """How much of each A-4 cell (annualized cost, government-wide) rests on what (``evidence_table_pub``)."""
    return evidence_table_pub(report.tables["Evidence"], report.provenance)


def evidence_table_pub(ev: pd.DataFrame, prov: dict, framings=FRAMINGS) -> PubTable:
    """How much of each A-4 cell (annualized cost, government-wide) of ``framings`` rests on what: the share of
    its gross dollars on each evidence grade (``ev``: ``core.grading.evidence_table``)."""
    from model.core.evidence import GRADE_LABELS  # noqa: PLC0415
    ev = ev[(ev.level == "government") & (ev.measure == "annualized") & ev.framing.isin(framings)]
    dollar_year, period = _basis(prov)
    cols = (Column("framing", "Framing"), Column("coaching", "Coaching"),
            Column("discount_rate", "Discount rate", Kind.RATE)) + tuple(
        Column(g, GRADE_LABELS[g][:1].upper() + GRADE_LABELS[g][1:], Kind.PERCENT) for g in GRADE_LABELS)
    rows = []
    for (framing, mode, rate), cell in ev.groupby(["framing", "coaching", "discount_rate"], sort=False):
        share = dict(zip(cell.grade.astype(str), cell.share_of_gross))
        rows.append((FRAMING_SHORT[framing], MODE_LABELS[mode], float(rate), *(share[g] for g in GRADE_LABELS)))
    note = ("Each cost component takes the weakest grade among the values its formula reads (switches, which only "
            "select terms, aside); a figure's share on a grade is the share of its components' gross dollars, so a "
            "saving counts by its size. Stated: printed in the NPRM or the current rule; rule text: read from the "
            "regulatory text; derived: arithmetic on stated values; external: a source outside the two texts; "
            "analyst assumption: the analyst's choice, with its reasoning and range, listed with every assumption.")
    return PubTable("evidence", "How much of each accounting-statement cell rests on what: share of its "
                    f"annualized cost, government-wide, {period}, {dollar_year} dollars", cols, tuple(rows), note)
