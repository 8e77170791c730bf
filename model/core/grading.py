"""How much of each headline figure rests on what: the evidence grade of every component, derived from the
parameters its formula reads (the registry's own formulas run on symbolic values, ``explain.component_lines``),
and each figure's dollars and shares by grade (``evidence.shares_by_grade``).

Figures: the year-1 cost, and the present value and annualized cost at each accounting rate (the A-4 cells), for
each framing, coaching mode and level. USD of analysis.dollar_year; shares are fractions of the gross dollars.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from model.core.vocabulary import ANNUALIZED, FRAMINGS, LEVELS, MODES, PRESENT_VALUE, YEAR1_COLUMN
from model.core.components import COMPONENTS
from model.core.discount import annualized, present_value
from model.core.evidence import GRADE_LABELS, grade_of_ids, grade_sentence, shares_by_grade
from model.core.explain import share_term
from model.core.parameters import Assumptions
from model.core.regimes import FRAMING_TERMS, regime_params
from model.core.results import discount_rates, horizon
from model.core.stream import framed_stream, to_level
from model.core.specs import GRADES
from model.core.symbolic import SymbolicValues, Term

EVIDENCE_COLUMNS = ["framing", "coaching", "level", "measure", "discount_rate", "grade", "grade_label", "usd", "share_of_gross"]


def regime_terms(a: Assumptions, regime: str) -> dict:
    """The parameters of ``regime`` as symbolic values: a value the regime computes (max(requirement, current
    practice), current practice in place of the requirement) records every parameter it was computed from."""
    return regime_params(SymbolicValues({pid: Term.leaf(pid, v) for pid, v in a.values.items()}), regime)


def component_grades(a: Assumptions, mode: str, framing: str) -> dict[str, str]:
    """Component name -> its evidence grade in ``framing``: the weakest among the quantity parameters its formula
    reads in every regime the framing compares (``evidence.grade_of_ids``)."""
    ids: dict[str, frozenset] = {c.name: frozenset() for c in COMPONENTS}
    for regime, _ in FRAMING_TERMS[framing]:
        q = regime_terms(a, regime)
        share = share_term(dict(a.values), mode)
        for c in COMPONENTS:
            t = c.func(q, share)
            ids[c.name] |= t.ids if isinstance(t, Term) else frozenset()
    return {name: grade_of_ids(a.specs, found) for name, found in ids.items()}


def figure_contributions(a: Assumptions, mode: str, framing: str, level: str, years: int,
                         rates: Sequence[float]) -> dict[tuple[str, float | None], dict[str, float]]:
    """(measure, rate) -> component -> USD: each component's part of the year-1 cost (rate None), and of the
    present value and the annualized cost at each rate, at ``level``."""
    p = dict(a.values)
    s = framed_stream(p, mode, framing, years)
    out: dict[tuple[str, float | None], dict[str, float]] = {(YEAR1_COLUMN, None): {}}
    for r in rates:
        out[(PRESENT_VALUE, r)], out[(ANNUALIZED, r)] = {}, {}
    for c in COMPONENTS:
        arr = to_level(p, s[c.name], level)
        out[(YEAR1_COLUMN, None)][c.name] = float(arr[..., 0])
        for r in rates:
            pv = present_value(arr, r)
            out[(PRESENT_VALUE, r)][c.name] = float(pv)
            out[(ANNUALIZED, r)][c.name] = float(annualized(pv, r, years))
    return out


def evidence_table(a: Assumptions, years: int | None = None, framings: Sequence[str] = FRAMINGS,
                   modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS) -> pd.DataFrame:
    """One row per framing, coaching mode, level, measure (year-1, present value, annualized), discount rate
    (NaN for year 1) and grade: the figure's USD resting on that grade (signed) and its share of the gross."""
    n = horizon(a, years)
    rates = discount_rates(a)
    rows = []
    for framing in framings:
        for mode in modes:
            grades = component_grades(a, mode, framing)
            for level in levels:
                for (measure, r), parts in figure_contributions(a, mode, framing, level, n, rates).items():
                    for g, (usd, share) in shares_by_grade(parts, grades).items():
                        rows.append({"framing": framing, "coaching": mode, "level": level, "measure": measure,
                                     "discount_rate": np.nan if r is None else r, "grade": g, "grade_label": GRADE_LABELS[g], "usd": usd,
                                     "share_of_gross": share})
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def figure_shares(a: Assumptions, framing: str, mode: str, level: str, measure: str = YEAR1_COLUMN,
                  rate: float | None = None, years: int | None = None) -> dict[str, tuple[float, float]]:
    """One figure's grade -> (USD, share of the gross)."""
    n = horizon(a, years)
    rates = [rate] if rate is not None else []
    parts = figure_contributions(a, mode, framing, level, n, rates)
    chosen = parts[(measure, None if measure == YEAR1_COLUMN else rate)]
    return shares_by_grade(chosen, component_grades(a, mode, framing))


def figure_sentence(a: Assumptions, framing: str, mode: str, level: str, measure: str = YEAR1_COLUMN,
                    rate: float | None = None, years: int | None = None) -> str:
    """The figure's shares by grade in one sentence (``evidence.grade_sentence``)."""
    return grade_sentence(figure_shares(a, framing, mode, level, measure, rate, years))


def assumption_share(table: pd.DataFrame) -> pd.Series:
    """From ``evidence_table``: the share resting on analyst assumptions, one value per figure."""
    keys = ["framing", "coaching", "level", "measure", "discount_rate"]
    t = table[table.grade == GRADES[-1]]
    return t.set_index(keys)["share_of_gross"]
