"""The regulatory alternatives priced side by side, and the response to each public comment.

Every figure is incremental (the rule regime against the current rule and current practice), government-wide, in USD
of analysis.dollar_year, from the one evaluator and the one uncertainty spec (``bounds.a4_cells``): year-1 cost,
present value and annualized value at each A-4 rate, with the A-4 low and high (annualized), for each coaching mode;
the difference from the proposal; the margin to the E.O. 12866 section 3(f)(1) threshold (year-1 cost); and the share
of each annualized figure resting on each evidence grade (``core.grading``).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from model.core.alternatives import PROPOSAL, Alternative, Comment, apply_alternative
from model.core.evidence import GRADE_LABELS
from model.core.grading import figure_shares
from model.core.parameters import Assumptions
from model.core.quantities import pv_name
from model.core.results import discount_rates, horizon
from model.core.vocabulary import ANNUALIZED, GOVERNMENT, INCREMENTAL, MODES, PRESENT_VALUE, YEAR1
from model.engines.bounds import RANGES, a4_cells
from model.engines.fastpv import Evaluator, evaluate

THRESHOLD = "context.significance_threshold"  # E.O. 12866 section 3(f)(1): $100 million a year
RANK_RATE = "analysis.discount_rate_high"  # alternatives are ranked by their annualized cost at the higher rate
GRADE_COLUMNS = [f"share_{g}" for g in GRADE_LABELS]
COLUMNS = ["alternative", "name", "kind", "coaching", "discount_rate", "year1", "pv", "annualized", "low", "high",
           "difference_year1", "difference_annualized", "threshold_margin", *GRADE_COLUMNS]


def priced(a: Assumptions, method: str | None = RANGES, draws: int | None = None, seed: int | None = None,
           years: int | None = None, modes: Sequence[str] = MODES, shares: bool = True) -> pd.DataFrame:
    """One parameter set's incremental government-wide figures: one row per coaching mode and rate with year1, pv,
    annualized, low, high (annualized, by ``method``) and the evidence shares of the annualized figure, USD."""
    n, rates = horizon(a, years), discount_rates(a)
    ev = Evaluator.build(a, n, rates)
    out = evaluate(ev, dict(a.values), modes, (GOVERNMENT,), (INCREMENTAL,))
    ann = None
    if method is not None:  # None: the figures alone, without the A-4 low and high (a ranking needs no more)
        cells = a4_cells(a, method, draws, seed, n, rates, (INCREMENTAL,), modes, (GOVERNMENT,))
        ann = cells[cells.measure == ANNUALIZED].set_index(["coaching", "discount_rate"])
    rows = []
    for mode in modes:
        for r in rates:
            pv = float(np.asarray(out[(INCREMENTAL, mode, GOVERNMENT, pv_name(r))]))
            lo, hi = (np.nan, np.nan) if ann is None else (float(ann.loc[(mode, r)].low), float(ann.loc[(mode, r)].high))
            row = {"coaching": mode, "discount_rate": r, "year1": float(np.asarray(out[(INCREMENTAL, mode, GOVERNMENT, YEAR1)])),
                   "pv": pv, "annualized": pv / ev.annual[pv_name(r)], "low": lo, "high": hi}
            if shares:
                got = figure_shares(a, INCREMENTAL, mode, GOVERNMENT, ANNUALIZED, r, n)
                row.update({f"share_{g}": got.get(g, (0.0, 0.0))[1] for g in GRADE_LABELS})
            rows.append(row)
    return pd.DataFrame(rows)


def alternatives_table(a: Assumptions, alternatives: Sequence[Alternative], method: str | None = RANGES,
                       draws: int | None = None, seed: int | None = None, years: int | None = None,
                       shares: bool = True) -> pd.DataFrame:
    """The alternatives side by side (``COLUMNS``): one row per alternative, coaching mode and A-4 rate, the
    proposal first; differences are the alternative minus the proposal, USD; ``threshold_margin`` is the threshold
    minus the year-1 cost (negative: above it)."""
    frames = []
    for alt in alternatives:
        t = priced(apply_alternative(a, alt), method, draws, seed, years, shares=shares)
        frames.append(t.assign(alternative=alt.id, name=alt.name, kind=alt.kind))
    t = pd.concat(frames, ignore_index=True)
    base = t[t.kind == PROPOSAL].set_index(["coaching", "discount_rate"])
    key = list(zip(t.coaching, t.discount_rate))
    t["difference_year1"] = t.year1.to_numpy() - base.loc[key, "year1"].to_numpy()
    t["difference_annualized"] = t.annualized.to_numpy() - base.loc[key, "annualized"].to_numpy()
    t["threshold_margin"] = a[THRESHOLD] - t.year1
    return t.reindex(columns=COLUMNS)  # without shares: NaN in the share columns


def ranking(table: pd.DataFrame, a: Assumptions) -> dict[str, tuple[str, ...]]:
    """Per coaching mode, the alternatives from the least to the most costly (annualized at the higher rate)."""
    sel = table[np.isclose(table.discount_rate, a[RANK_RATE])]
    return {m: tuple(g.sort_values("annualized", kind="stable").alternative) for m, g in sel.groupby("coaching", sort=False)}


def comment_rows(a: Assumptions, comment: Comment, alternatives: dict[str, Alternative], base: pd.DataFrame,
                 base_rank: dict, years: int | None = None) -> tuple[pd.DataFrame, list[dict], bool]:
    """The comment's figures against the proposal's (``base``: ``priced`` of the proposal): one row per coaching mode
    and rate with the year-1 and annualized changes (USD and percent) and the threshold check; the parameter changes
    (id, from, to, both grades); whether the ranking of the alternatives changes when the comment's values hold."""
    extra = alternatives[comment.alternative].overrides if comment.alternative else {}
    values = {**extra, **comment.overrides}
    changed = a.with_overrides(values, f"comment {comment.id}", scenario=f"comment {comment.id}")
    t = priced(changed, years=years, shares=False)
    b = base.set_index(["coaching", "discount_rate"])
    key = list(zip(t.coaching, t.discount_rate))
    t["year1_before"], t["annualized_before"] = b.loc[key, "year1"].to_numpy(), b.loc[key, "annualized"].to_numpy()
    t["year1_change"] = t.year1 - t.year1_before
    t["annualized_change"] = t.annualized - t.annualized_before
    with np.errstate(divide="ignore", invalid="ignore"):
        t["year1_change_pct"] = np.where(t.year1_before != 0, t.year1_change / t.year1_before.abs(), np.nan)
        t["annualized_change_pct"] = np.where(t.annualized_before != 0, t.annualized_change / t.annualized_before.abs(), np.nan)
    limit = a[THRESHOLD]
    t["crosses_threshold"] = (t.year1 > limit) != (t.year1_before > limit)
    changes = [{"parameter": pid, "from": float(a.values[pid]), "to": float(changed.values[pid]),
                "from_grade": a.specs[pid].evidence,
                "to_grade": "external" if pid in comment.overrides else a.specs[pid].evidence}
               for pid in values if changed.values[pid] != a.values[pid]]
    if comment.overrides:
        rank = ranking(alternatives_table(changed, list(alternatives.values()), None, years=years, shares=False), a)
        reranked = rank != base_rank
    else:
        reranked = False
    return t.assign(id=comment.id), changes, reranked
