"""The summary of findings, generated from a report's tables (never written by hand): what reproduces,
what does not, the inconsistencies in the text, and the published, incremental and complete totals."""

from __future__ import annotations

import pandas as pd

from model.core.quantities import label as quantity_label, pv_name
from model.core.vocabulary import AS_PUBLISHED, INCREMENTAL, PRICED_MODES, YEAR1, YEAR1_COLUMN
from model.outputs.present.formats import Kind, cell_text
from model.outputs.present.labels import FRAMING_SHORT, MODE_SHORT

REPRODUCED = "reproduced"
QUOTE_CHARS = 120  # a longer quote is shortened to its end (where its figure is) in the summary; whole in the tables


def millions(value: float) -> str:
    """'$2.18 million'."""
    return f"{cell_text(float(value), Kind.MUSD)} million"


def _quote(text: str) -> str:
    """A quote as the summary prints it: whole when short, else its end (where the figure is) after an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= QUOTE_CHARS:
        return f"“{text}”"
    tail = text[-QUOTE_CHARS:]
    return f"“… {tail[tail.find(' ') + 1:]}”"


def _first_sentence(text: str) -> str:
    text = " ".join(str(text).split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def reproduction_findings(rec: pd.DataFrame) -> list[str]:
    """The published figures: derived figures that reproduce, restated inputs, figures that reproduce only
    under a reading or condition, and figures that do not, each with its quote."""
    read_twice = int((rec.groupby(["section", "published"]).size() > 1).sum())
    derived = rec[rec.kind != "input"]
    plain = derived[derived.status == REPRODUCED]
    qualified = derived[derived.status.str.startswith(REPRODUCED) & (derived.status != REPRODUCED)]
    bad = derived[~derived.status.str.startswith(REPRODUCED)]
    inputs = rec[rec.kind == "input"]
    twice = f" ({read_twice} of them read two ways)" if read_twice else ""
    out = [f"{len(rec)} readings of the cost figures the NPRM prints{twice}. {len(plain)} derived figures reproduce "
           f"from the stated inputs: "
           + "; ".join(f"{_quote(r.quote)} ({r.section})" for r in plain.itertuples(index=False)) + "."]
    if len(qualified):
        out.append(f"{len(qualified)} reproduce only under a reading of the text: " + "; ".join(
            f"{_quote(r.quote)} ({r.section}: {r.status.removeprefix(REPRODUCED).strip(' ()')})"
            for r in qualified.itertuples(index=False)) + ".")
    if len(inputs):
        out.append(f"{len(inputs)} restate an input and match it: " + "; ".join(
            f"{_quote(r.quote)} ({r.section})" for r in inputs.itertuples(index=False)) + ".")
    for r in bad.itertuples(index=False):
        out.append(f"Not reproducible: {_quote(r.quote)} ({r.section}): published {cell_text(r.published, Kind.USD)}, "
                   f"model {cell_text(r.model, Kind.USD)}. {_first_sentence(r.reason)}")
    return out


def inconsistency_findings(inc: pd.DataFrame) -> list[str]:
    """Each verified reading of the text that needs reconciling, with its quote and the finding."""
    rows = inc[inc.verified] if "verified" in inc.columns else inc
    return [f"Reading the text: {_quote(r.quote)} ({r.section}). {r.finding}" for r in rows.itertuples(index=False)]


def scope_findings(report, complete_vs: pd.DataFrame, high_rate: float) -> list[str]:
    """Published vs incremental vs complete, government-wide, internal and external coaching."""
    s = report.tables["Summary"]
    s = s[s.level == "government"].set_index(["framing", "coaching"])
    c = complete_vs[complete_vs.level == "government"].set_index(["coaching", "quantity"])
    pv = pv_name(high_rate)
    parts = []
    for mode in PRICED_MODES:
        parts.append(f"{MODE_SHORT[mode].lower()} coaching: year 1 {millions(s.loc[(AS_PUBLISHED, mode), YEAR1_COLUMN])} "
                     f"as published, {millions(s.loc[(INCREMENTAL, mode), YEAR1_COLUMN])} incremental, "
                     f"{millions(c.loc[(mode, YEAR1), 'complete'])} complete; {quantity_label(pv).lower()} "
                     f"{millions(s.loc[(AS_PUBLISHED, mode), pv])}, {millions(s.loc[(INCREMENTAL, mode), pv])} and "
                     f"{millions(c.loc[(mode, pv), 'complete'])}")
    return ["Government-wide cost, " + "; ".join(parts) + ". Incremental is the rule minus the current rule and "
            "current practice (the NPRM's framing counts some costs agencies already bear); complete adds the "
            "costs of the rule text the NPRM leaves out."]


def accounting_findings(report, high_rate: float) -> list[str]:
    """The A-4 annualized cost at the higher rate with its low and high, incremental framing."""
    acc = report.tables["Accounting"]
    acc = acc[(acc.framing == INCREMENTAL) & (acc.level == "government") & (acc.measure == "annualized")
              & ((acc.discount_rate - high_rate).abs() < 1e-12)].set_index("coaching")
    parts = [f"{MODE_SHORT[m].lower()} coaching {millions(acc.loc[m, 'primary'])} (low {millions(acc.loc[m, 'low'])}, "
             f"high {millions(acc.loc[m, 'high'])})" for m in PRICED_MODES if m in acc.index]
    return [f"Annualized incremental cost at {high_rate:.0%} (OMB Circular A-4): " + "; ".join(parts) + "."]


def evidence_findings(report, high_rate: float) -> list[str]:
    """How much of the A-4 annualized cost at the higher rate rests on analyst assumptions, per framing, internal
    and external coaching (``core.grading``)."""
    ev = report.tables["Evidence"]
    ev = ev[(ev.level == "government") & (ev.measure == "annualized") & ((ev.discount_rate - high_rate).abs() < 1e-12)
            & (ev.grade.astype(str) == "assumption")].set_index(["framing", "coaching"]).share_of_gross
    parts = [f"{FRAMING_SHORT[f].lower()}: {ev.loc[(f, m)]:.0%} ({MODE_SHORT[m].lower()} coaching)"
             for f in (AS_PUBLISHED, INCREMENTAL) for m in PRICED_MODES if (f, m) in ev.index]
    return [f"Share of the annualized cost at {high_rate:.0%} that rests on analyst assumptions rather than on values "
            "stated in the sources, read from the rule text, derived from them or from an external source: "
            + "; ".join(parts) + ". The incremental framing nets every program element against current practice, "
            "which no source states."]


def uncertainty_findings(report, high_rate: float) -> list[str]:
    """P5-P95 of the PV at the higher rate, and the chance of exceeding the threshold, when drawn."""
    mc = report.tables["Monte Carlo summary"]
    if "note" in mc.columns:
        return []
    q = pv_name(high_rate)
    sel = mc[(mc.level == "government") & (mc.quantity == q) & (mc.framing == INCREMENTAL)].set_index("coaching")
    parts = [f"{MODE_SHORT[m].lower()} {millions(sel.loc[m, 'p5'])} to {millions(sel.loc[m, 'p95'])} (median "
             f"{millions(sel.loc[m, 'p50'])})" for m in PRICED_MODES if m in sel.index]
    out = [f"Uncertainty, {quantity_label(q).lower()}, incremental, P5 to P95 over "
           f"{report.provenance['monte_carlo']['draws']:,} draws: " + "; ".join(parts) + "."]
    out += skew_findings(report, sel, q)
    ex = report.tables.get("Exceedance")
    if ex is not None and "probability" in ex.columns and len(ex):
        y1 = ex[(ex.quantity == YEAR1) & (ex.framing == INCREMENTAL)]
        worst = float(y1.probability.max()) if len(y1) else 0.0
        draws = report.provenance["monte_carlo"]["draws"]
        chance = (f"none of {draws:,} draws in any coaching mode" if worst == 0 else
                  f"at most {worst:.1%} in any coaching mode")
        out.append(f"Chance that the year-1 cost exceeds {cell_text(float(ex.threshold.iloc[0]), Kind.USD)} "
                   f"(E.O. 12866 significance threshold): {chance}.")
    return out


def skew_findings(report, sel: pd.DataFrame, quantity: str) -> list[str]:
    """Where the primary estimate sits in the distribution, and why: how many ranges start at the NPRM's value."""
    summary = report.tables["Summary"]
    prim = summary[(summary.level == "government") & (summary.framing == INCREMENTAL)].set_index("coaching")
    if "internal" not in sel.index or "internal" not in prim.index:
        return []
    primary, median = float(prim.loc["internal", quantity]), float(sel.loc["internal", "p50"])
    if primary >= median:
        return []
    a = report.assumptions
    ranged = [pid for pid, s in a.specs.items() if s.uncertainty is not None
              and s.uncertainty.low < s.uncertainty.high and pid not in a.overrides]
    at_low = sum(1 for pid in ranged if a.specs[pid].uncertainty.low == a[pid])
    return [f"The primary estimate ({millions(primary)}, internal coaching) lies below the median of the draws "
            f"({millions(median)}): {at_low} of the {len(ranged)} uncertain inputs have the NPRM's value at the low end "
            "of their range (the rule's minimums cannot fall), so the distribution runs upward from it."]


def omitted_findings(report) -> list[str]:
    """How many requirements the NPRM leaves out and what the priced ones add in year 1 (internal)."""
    om = report.tables["Omitted costs"]
    priced = om[(om.status == "priced") & (om.coaching == "internal")]
    n = len(dict.fromkeys(om.requirement))
    return [f"The NPRM's estimate leaves out {n} requirements of its own rule text; the {len(priced)} this model "
            f"prices add {millions(priced.year1.sum())} in year 1 when each is added to the incremental estimate "
            f"(government-wide, internal coaching); the other {n - len(priced)} cannot be priced and are listed with "
            "the reason."]
