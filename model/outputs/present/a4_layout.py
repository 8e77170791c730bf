"""The OMB Circular A-4 accounting statement as a publication table, one framing, with its unquantified costs."""

from __future__ import annotations

import pandas as pd

from model.core.components import COMPONENTS
from model.core.statement import COSTS, nprm_citation, ordered_rows, primary_estimate, reading_note
from model.core.vocabulary import AS_PUBLISHED, GOVERNMENT, MODES
from model.outputs.present.alternatives_layout import alternatives_line
from model.outputs.present.formats import Kind
from model.outputs.present.labels import FRAMING_SHORT, MODE_LABELS
from model.outputs.present.pubtable import Column, PubTable, basis, rates_high_first


def accounting_statement_table(report, framing: str) -> PubTable:
    """The report's A-4 accounting statement for one framing (``a4_statement``), with the reading note."""
    reading = reading_note(report.assumptions) if report.assumptions is not None else ""
    alts = report.tables.get("Alternatives")
    return a4_statement(report.tables["Accounting"], report.tables["Omitted costs"], report.provenance, framing,
                        reading, "" if alts is None else alternatives_line(alts))


def a4_statement(acc: pd.DataFrame, omitted: pd.DataFrame, prov: dict, framing: str, reading: str = "",
                 alternatives: str = "") -> PubTable:
    """OMB Circular A-4 accounting statement, one framing, in OMB's order (``core.statement.template_order``):
    benefits, then the annualized monetized costs at each rate (government-wide, $ millions a year: primary,
    low, high), the primary estimate's coaching mode first (``core.statement.primary_estimate``) and the other
    modes as sensitivity rows, the unquantified costs, then transfers and effects as the NPRM states them.
    ``acc``: ``core.accounting.accounting_statement``; ``omitted``: ``core.omitted.omitted_table``; ``prov``:
    the provenance (basis, tool, digest, low/high method, the values set); ``reading``:
    ``core.statement.reading_note``, a line added to the note; ``alternatives``: the alternatives considered
    (``alternatives_layout.alternatives_line``), another. When the values in force count costs the NPRM leaves
    out (the complete accounting), the title and note say so and the unquantified row counts only what is
    not in the monetized rows."""
    dollar_year, period = basis(prov)
    cite = nprm_citation()
    primary = primary_estimate()
    acc = acc[(acc.framing == framing) & (acc.level == GOVERNMENT) & (acc.measure == "annualized")]
    counted = counted_components(omitted, prov)
    scope = scope_label(omitted, counted)
    source = "This model; NPRM, C. Costs"
    modes = [primary.coaching] + [m for m in MODES if m != primary.coaching]
    costs: list[tuple] = []
    for mode in modes:
        role = "primary" if mode == primary.coaching else "sensitivity"
        for r in rates_high_first(prov):
            sel = acc[(acc.coaching == mode) & ((acc.discount_rate - r).abs() < 1e-12)]
            if sel.empty:
                continue
            row = sel.iloc[0]
            costs.append((COSTS, f"Annualized monetized costs, {MODE_LABELS[mode].lower()} ({role})",
                          float(row.primary), float(row.low), float(row.high), dollar_year, r, period, source))
    costs.append((COSTS, "Unquantified costs", unquantified_text(omitted, counted), None, None, None, None, None,
                  "Rule text against NPRM, C. Costs"))
    rows = ordered_rows(costs, lambda s: (s.category, s.item, s.value, None, None, None, None, None,
                                          f"NPRM, {s.section}"))
    cols = (Column("category", "Category"), Column("item", "Item"),
            Column("primary", "Primary estimate", Kind.MUSD), Column("low", "Low", Kind.MUSD),
            Column("high", "High", Kind.MUSD), Column("dollar_year", "Year dollar", Kind.YEAR),
            Column("discount_rate", "Discount rate", Kind.RATE), Column("period", "Period covered"),
            Column("source", "Source"))
    low_high = prov.get("accounting_low_high", "")
    others = [MODE_LABELS[m].lower() for m in modes[1:]]
    primary_note = (f"Primary estimate: {MODE_LABELS[primary.coaching].lower()}, the total the NPRM's cost section "
                    f"states first (\u201c{primary.quote}\u201d {primary.section.split(', ')[-1]}); "
                    f"{' and '.join(others)} are sensitivity rows.")
    note = (f"{framing_note(framing, scope)}. {primary_note} Source: {prov['tool']} {prov['version']}, "
            f"{inputs_phrase(prov, cite)}. Government-wide; annualized over {prov['horizon_years']} years "
            f"({period}), $ millions a year, {dollar_year} dollars. Low and high: {low_high.removeprefix('low/high: ')}. "
            f"Assumption digest {prov['assumptions_digest']}." + (f" {reading}" if reading else "")
            + (f" {alternatives}" if alternatives else ""))
    return PubTable(f"accounting_statement_{framing}",
                    f"Accounting statement (OMB Circular A-4), {title_framing(framing, scope)}: "
                    f"$ millions a year, {dollar_year} dollars", cols, tuple(rows), note)


COMPLETE = "complete accounting"
NPRM_FRAMING = "the proposed requirements priced in full"
INCREMENTAL_FRAMING = "the rule minus the current rule and current practice"


def counted_components(om: pd.DataFrame, prov: dict) -> frozenset[str]:
    """The priced requirements of ``om`` (components the NPRM leaves out) that the values in force count in the
    monetized rows: those whose accounting switch is set on (``prov["values_set"]``)."""
    values = {v["id"]: v["value"] for v in prov.get("values_set") or []}
    switch = {c.name: c.switch for c in COMPONENTS if c.switch}
    priced = om[om.status == "priced"].component
    return frozenset(c for c in priced if values.get(switch.get(c, ""), 0) != 0)


def scope_label(om: pd.DataFrame, counted: frozenset[str]) -> str:
    """"complete accounting" when every cost the NPRM leaves out that this model prices is counted, a count when
    some are, "" when none is (the NPRM's scope)."""
    priced = set(om[om.status == "priced"].component)
    if not counted:
        return ""
    if counted >= priced:
        return COMPLETE
    return f"with {len(counted)} of the {len(priced)} costs the NPRM leaves out"


def title_framing(framing: str, scope: str) -> str:
    """The framing as the title names it: "as published" only for the NPRM's scope."""
    if not scope:
        return FRAMING_SHORT[framing].lower()
    head = COMPLETE if scope == COMPLETE else f"accounting {scope}"
    return f"{head}, " + ("the NPRM's framing" if framing == AS_PUBLISHED else "incremental")


def framing_note(framing: str, scope: str) -> str:
    """The note's first sentence: what the figures measure."""
    what = NPRM_FRAMING if framing == AS_PUBLISHED else INCREMENTAL_FRAMING
    if not scope:
        return f"{FRAMING_SHORT[framing]}: {what}" + (", the NPRM's framing and scope" if framing == AS_PUBLISHED
                                                        else "")
    head = "Complete accounting" if scope == COMPLETE else f"Accounting {scope}"
    kind = "the NPRM's framing" if framing == AS_PUBLISHED else "incremental"
    return f"{head}, {kind}: {what}, with the costs of the rule text the NPRM leaves out that this model prices"


def inputs_phrase(prov: dict, cite) -> str:
    """Where the figures come from: the NPRM's inputs, or the values a scenario set on top of them."""
    where = f"NPRM {cite.fr_doc}, {cite.cost_section}"
    n = sum(1 for v in prov.get("values_set") or [] if v.get("differs", True))
    if not n:
        return f"from the inputs of {where}"
    return (f"{n} {'value' if n == 1 else 'values'} set by the scenario {prov.get('scenario', '')}, the rest "
            f"the inputs of {where}")


def unquantified_text(om: pd.DataFrame, counted: frozenset[str] = frozenset()) -> str:
    """How many requirements of the rule text add costs that are not in the statement's monetized rows, in one
    cell: those priced by this model but not counted (a cost at the values in force, internal coaching), those
    that cannot be priced, and apart from them the ones that would save money or add nothing; then how many
    priced ones the monetized rows count (``counted``: their components, ``counted_components``)."""
    pv = next(c for c in om.columns if c.startswith("pv_") and not c.endswith(("_low", "_high")))
    rows = om[om.coaching.isin(["internal", ""])]
    priced = rows[rows.status == "priced"]
    inside, outside = priced[priced.component.isin(counted)], priced[~priced.component.isin(counted)]

    def split(t: pd.DataFrame) -> tuple[int, int, int]:
        return (len(dict.fromkeys(t[t[pv] > 0.5].requirement)), len(dict.fromkeys(t[t[pv] < -0.5].requirement)),
                len(dict.fromkeys(t[t[pv].abs() <= 0.5].requirement)))
    costs, savings, nothing = split(outside)
    unpriced = len(dict.fromkeys(rows[rows.status != "priced"].requirement))
    where = "not in the NPRM's estimate" if not counted else "not in the monetized rows above"
    parts = [f"{costs} priced separately by this model"] if costs else []
    parts += [f"{unpriced} that cannot be priced"] if unpriced else []
    if costs:
        text = f"{costs + unpriced} requirements of the rule text add costs that are {where}: " + " and ".join(parts)
    elif unpriced:
        text = f"{unpriced} requirements of the rule text add costs that cannot be priced, so are {where}"
    else:
        text = f"No requirement of the rule text adds costs that are {where}"
    if savings or nothing:
        text += f"; {savings} more would save money and {nothing} add nothing at the values in force"
    text += " (table: what the NPRM omits)."
    if counted:
        c, s, z = split(inside)
        text += (f" The {c + s + z} requirements this model prices and counts are in the monetized rows: {c} add "
                 f"costs, {s} save money and {z} add nothing at the values in force.")
    return text
