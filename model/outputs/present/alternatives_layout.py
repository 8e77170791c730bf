"""The regulatory alternatives as a publication table (the appendix, the Markdown export) and the one line the A-4
statement's note gives them. Figures from ``engines.alternatives.alternatives_table``: incremental, government-wide."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.core.vocabulary import PRICED_MODES
from model.outputs.present.formats import Kind, money_text
from model.outputs.present.labels import MODE_SHORT
from model.outputs.present.pubtable import Column, PubTable, basis

KIND_LABELS = {"proposal": "Proposal", "less_stringent": "Less stringent", "more_stringent": "More stringent",
               "guidance_only": "Guidance only (the NPRM's alternative)", "commenter": "A commenter's"}


def alternatives_line(alts: pd.DataFrame) -> str:
    """'Alternatives considered: ... (table: regulatory alternatives).' for the A-4 statement's note; ``alts``: the
    alternatives table, or any frame with their ``name`` and ``kind``."""
    names = [n for n, k in dict(zip(alts.name, alts.kind)).items() if k != "proposal"]
    return f"Alternatives considered: {'; '.join(names)} (table: regulatory alternatives)." if names else ""


def alternatives_pub(alts: pd.DataFrame, prov: dict, sources: dict[str, str], rate: float) -> PubTable:
    """One row per alternative and priced coaching mode at ``rate``: annualized cost with its A-4 low and high, the
    difference from the proposal, the year-1 cost and its margin to the E.O. 12866 section 3(f)(1) threshold ($
    millions). ``sources``: alternative id -> who proposed it and where (for the note)."""
    dollar_year, period = basis(prov)
    sel = alts[np.isclose(alts.discount_rate, rate) & alts.coaching.isin(PRICED_MODES)]
    threshold = money_text(float((sel.year1 + sel.threshold_margin).iloc[0]), Kind.MUSD) if len(sel) else ""
    rows = tuple((r.name, KIND_LABELS[r.kind], MODE_SHORT[r.coaching], r.annualized, r.low, r.high,
                  r.difference_annualized, r.year1, r.threshold_margin) for r in sel.itertuples())
    cols = (Column("name", "Alternative"), Column("kind", "Kind"), Column("coaching", "Coaching"),
            Column("annualized", f"Annualized at {rate:.0%}", Kind.MUSD), Column("low", "Low", Kind.MUSD),
            Column("high", "High", Kind.MUSD), Column("difference", "Change from the proposal", Kind.MUSD),
            Column("year1", "Year-1 cost", Kind.MUSD), Column("margin", f"Margin to {threshold} million", Kind.MUSD))
    cited = " ".join(f"{name}: {sources[i]}." for i, name in dict(zip(sel.alternative, sel.name)).items())
    low_high = prov.get("accounting_low_high", "").removeprefix("low/high: ")
    note = (f"Incremental (the rule against the current rule and current practice), government-wide, $ millions, "
            f"{dollar_year} dollars; annualized over {prov['horizon_years']} years ({period}). Low and high: {low_high}. "
            f"Margin: the E.O. 12866 section 3(f)(1) threshold ({threshold} million a year) minus the year-1 cost. "
            f"Sources: {cited}")
    return PubTable("alternatives", f"Regulatory alternatives at {rate:.0%}: $ millions a year, {dollar_year} dollars",
                    cols, rows, note)
