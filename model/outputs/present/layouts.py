"""Publication tables of a report's results: totals, the cost stream, scenarios, scope, the reconciliation and the
NPRM's inconsistencies, the assumptions, what the NPRM omits, components and evidence. Built from a report's data
tables; rendered by the Markdown, Word and workbook writers, the CLI and the app alike. The table type is
``pubtable.PubTable``; the A-4 statement is in ``a4_layout``, the uncertainty tables in ``uncertainty_layouts``
(both importable from here too).
"""

from __future__ import annotations

import pandas as pd

from model.core.components import TOTAL
from model.core.vocabulary import AS_PUBLISHED, FRAMINGS, GOVERNMENT, INCREMENTAL, MODES, PRICED_MODES, YEAR1, YEAR1_COLUMN
from model.core.quantities import annualized_name, label as quantity_label, pv_name
from model.outputs.present.a4_layout import a4_statement, accounting_statement_table, unquantified_text  # noqa: F401
from model.outputs.present.formats import Kind, cell_text
from model.outputs.present.prose import publication_text
from model.outputs.present.labels import COMPONENT_LABELS, FRAMING_SHORT, MODE_LABELS, MODE_SHORT, parameter_label
from model.outputs.present.pubtable import Column, PubTable, basis, rates_high_first
from model.outputs.present.uncertainty_layouts import (TOP_PARAMETERS, montecarlo_pub, sobol_pub,  # noqa: F401
                                                       tornado_pub)


# ---------------------------------------------------------------- totals, stream, comparison

def totals_table(report, level: str = GOVERNMENT) -> PubTable:
    """Year-1 cost, present value and annualized value at each rate, per framing and coaching mode."""
    prov = report.provenance
    dollar_year, period = basis(prov)
    kind = Kind.MUSD if level == GOVERNMENT else Kind.USD
    t = report.tables["Summary"]
    t = t[t.level == level]
    quantities = [YEAR1_COLUMN] + [q for r in rates_high_first(prov) for q in (pv_name(r), annualized_name(r))]
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
    dollar_year, period = basis(prov)
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
    dollar_year, _ = basis(prov)
    high = pv_name(rates_high_first(prov)[0])
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
    dollar_year, _ = basis(prov)
    high = pv_name(rates_high_first(prov)[0])
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
        ref = publication_text(" ".join(f"{r.source}, {r.section}".split()).rstrip(", "))
        n = refs.setdefault(ref, len(refs) + 1)
        rng = "" if pd.isna(r.low) else f"{cell_text(r.low, Kind.NUMBER)} to {cell_text(r.high, Kind.NUMBER)}"
        rows.append((parameter_label(a, r.id), value_text(r.value, r.unit), r.unit,
                     value_text(r.primary, r.unit), rng, f"[S{n}]"))
    cols = (Column("parameter", "Assumption"), Column("value", "Value used"), Column("unit", "Unit"),
            Column("primary", "NPRM primary"), Column("range", "Range"), Column("source", "Source"))
    return PubTable("assumptions", "Assumptions and their sources", cols, tuple(rows),
                    "The source or reasoning of each value that moves a figure is in the annex (next table).",
                    tuple(f"[S{n}] {ref}" for ref, n in refs.items()))


def moving_parameters(a) -> list[str]:
    """The parameters that move a figure: those a cost formula reads (run on symbolic values, ``grading``), those
    whose change moves a cost stream or a present value (the timing, the horizon, the discount rates), and those an
    alternative sets or names. Monte Carlo settings and the thresholds figures are compared against are left out."""
    import numpy as np  # noqa: PLC0415
    from model.core.alternatives import load_alternatives  # noqa: PLC0415
    from model.core.components import COMPONENTS  # noqa: PLC0415
    from model.core.discount import present_value  # noqa: PLC0415
    from model.core.explain import share_term  # noqa: PLC0415
    from model.core.grading import regime_terms  # noqa: PLC0415
    from model.core.regimes import FRAMING_TERMS  # noqa: PLC0415
    from model.core.stream import framed_stream, to_level  # noqa: PLC0415
    from model.core.symbolic import Term  # noqa: PLC0415
    from model.outputs.present.prose import PARAMETER_ID  # noqa: PLC0415
    found: set[str] = set()
    for terms in FRAMING_TERMS.values():
        for regime, _ in terms:
            q = regime_terms(a, regime)
            for mode in MODES:
                share = share_term(dict(a.values), mode)
                found |= share.ids if isinstance(share, Term) else set()
                for c in COMPONENTS:
                    t = c.func(q, share)
                    found |= t.ids if isinstance(t, Term) else set()

    def figures(p: dict) -> list:
        out = []
        for framing in FRAMINGS:
            for mode in MODES:
                s = framed_stream(p, mode, framing, int(p["analysis.horizon_years"]))
                for arr in s.values():
                    gov = to_level(p, arr, GOVERNMENT)
                    out += [gov, present_value(gov, p["analysis.discount_rate_low"]),
                            present_value(gov, p["analysis.discount_rate_high"])]
        return out
    base_values = dict(a.values)
    base = figures(base_values)
    for pid, spec in a.specs.items():
        if pid in found:
            continue
        v, u = float(a[pid]), spec.uncertainty
        moved = 1 - v if spec.kind == "switch" else (u.high if u and u.high != v else (u.low if u and u.low != v
                                                                                     else v + 1))
        try:
            other = figures({**base_values, pid: moved})
        except Exception:  # noqa: BLE001 (a value the model refuses still shows the figures read it)
            found.add(pid)
            continue
        if len(other) != len(base) or any(np.shape(x) != np.shape(y) or not np.allclose(x, y)
                                          for x, y in zip(base, other)):
            found.add(pid)
    for alt in load_alternatives(a):
        found |= set(alt.overrides) | {i for i in PARAMETER_ID.findall(alt.description) if i in a.specs}
    return [pid for pid in a.specs if pid in found]


def assumptions_annex_pub(report, a) -> PubTable:
    """The assumptions annex: for every parameter that moves a figure (``moving_parameters``), its evidence grade,
    its source (a quote's citation) or the analyst's reasoning in full, and its range; the appendix carries its own
    reasoning."""
    from model.core.evidence import GRADE_LABELS  # noqa: PLC0415
    t = report.tables["Assumptions"].set_index("id")
    rows = []
    for pid in moving_parameters(a):
        r, spec = t.loc[pid], a.specs[pid]
        cited = " ".join(f"{r.source}, {r.section}".split()).rstrip(", ")
        if spec.evidence == "assumption":
            why = publication_text(" ".join(str(r.quote_or_reasoning).split()))
        else:
            text = " ".join(str(r.quote_or_reasoning).split())
            why = (f"{cited}: \u201c{text}\u201d" if spec.quote else f"{cited}. {text}") if text else cited
        rng = ("no range: held at its value" if pd.isna(r.low)
               else f"{cell_text(r.low, Kind.NUMBER)} to {cell_text(r.high, Kind.NUMBER)}")
        grade = GRADE_LABELS[spec.evidence].removesuffix("s") if spec.evidence == "assumption" else \
            GRADE_LABELS[spec.evidence]  # one value: "analyst assumption"
        rows.append((parameter_label(a, pid), value_text(r.value, r.unit), grade[:1].upper() + grade[1:],
                     publication_text(why), rng))
    cols = (Column("parameter", "Assumption"), Column("value", "Value used"), Column("evidence", "Evidence"),
            Column("why", "Source or reasoning"), Column("range", "Range"))
    return PubTable("assumptions_annex", "Annex: evidence, source or reasoning, and range of every assumption that "
                    "moves a figure", cols, tuple(rows),
                    "An analyst assumption carries the analyst's reasoning in full; any other value, the text it is "
                    "read from. Settings of the draws and the thresholds figures are compared against move no figure "
                    "and are listed in the table above only.")


PLAIN_UNITS = ("calendar year", "analysis year", "seed")  # a year or a seed has no thousands separator


def value_text(value: float, unit: str) -> str:
    """A parameter value as text: a year or a seed plain ('2025'), else with separators ('20,251,218' never)."""
    return f"{int(value)}" if unit in PLAIN_UNITS and float(value).is_integer() else cell_text(value, Kind.NUMBER)


def omitted_pub(report) -> PubTable:
    """What the NPRM omits: each requirement, priced (incremental, government-wide) or why not."""
    return omitted_table_pub(report.tables["Omitted costs"], report.provenance)


def omitted_table_pub(om: pd.DataFrame, prov: dict) -> PubTable:
    """``core.omitted.omitted_table`` (internal coaching) as a publication table."""
    dollar_year, _ = basis(prov)
    high = pv_name(rates_high_first(prov)[0])
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


def components_pub(report) -> PubTable:
    """Year-1 cost of each component (as published), government-wide, per coaching mode."""
    dollar_year, _ = basis(report.provenance)
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
    dollar_year, period = basis(prov)
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
