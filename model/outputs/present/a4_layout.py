"""The OMB Circular A-4 accounting statement as a publication table, one framing, with its unquantified costs."""

from __future__ import annotations

import pandas as pd

from model.core.statement import nprm_citation, reading_note, statement_rows
from model.core.vocabulary import GOVERNMENT, MODES
from model.outputs.present.alternatives_layout import alternatives_line
from model.outputs.present.formats import Kind
from model.outputs.present.labels import FRAMING_LABELS, FRAMING_SHORT, MODE_LABELS
from model.outputs.present.pubtable import Column, PubTable, basis, rates_high_first


def accounting_statement_table(report, framing: str) -> PubTable:
    """The report's A-4 accounting statement for one framing (``a4_statement``), with the reading note."""
    reading = reading_note(report.assumptions) if report.assumptions is not None else ""
    alts = report.tables.get("Alternatives")
    return a4_statement(report.tables["Accounting"], report.tables["Omitted costs"], report.provenance, framing,
                        reading, "" if alts is None else alternatives_line(alts))


def a4_statement(acc: pd.DataFrame, omitted: pd.DataFrame, prov: dict, framing: str, reading: str = "",
                 alternatives: str = "") -> PubTable:
    """OMB Circular A-4 accounting statement, one framing: annualized monetized costs at each rate and
    coaching mode (government-wide, $ millions a year: primary, low, high), the unquantified costs, then
    benefits, transfers and effects as the NPRM states them. ``acc``: ``core.accounting.accounting_statement``;
    ``omitted``: ``core.omitted.omitted_table``; ``prov``: the provenance (basis, tool, digest, low/high method);
    ``reading``: ``core.statement.reading_note``, a line added to the note; ``alternatives``: the alternatives
    considered (``alternatives_layout.alternatives_line``), another."""
    dollar_year, period = basis(prov)
    cite = nprm_citation()
    acc = acc[(acc.framing == framing) & (acc.level == GOVERNMENT) & (acc.measure == "annualized")]
    source = "This model; NPRM, C. Costs"
    rows: list[tuple] = []
    for r in rates_high_first(prov):
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
            f"Assumption digest {prov['assumptions_digest']}." + (f" {reading}" if reading else "")
            + (f" {alternatives}" if alternatives else ""))
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
