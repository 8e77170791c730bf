"""OMB Circular A-4 accounting statement, the E.O. 14192 perpetual view, and the comparison of the
NPRM's published scope with the complete accounting.

Convention (stated in every table): costs of analysis year t fall at the end of year t and are
discounted by (1 + r)^t, t = 1..N; dollars of ``analysis.dollar_year``; no inflation.
The statement's cells (primary, low and high) come from one engine (``engines.bounds.a4_cells``); this module
lays them out with their dollar year, period and source.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from model.core.vocabulary import FRAMINGS, LEVELS, MODES, YEAR1
from model.core.components import COMPONENT_NAMES, TOTAL
from model.core.discount import annualized, present_value
from model.core.parameters import Assumptions
from model.core.quantities import pv_name
from model.core.results import calendar_year, cost_table, discount_rates, horizon, perpetual_level_value
from model.core.stream import framed_stream, to_level

CONVENTION = ("end-of-year discounting: the cost of analysis year t is divided by (1 + r)^t, t = 1..N; "
              "annualized value = PV / sum of the discount factors")


def _pv_annualized(p: dict, mode: str, framing: str, level: str, years: int, rate: float):
    s = to_level(p, framed_stream(p, mode, framing, years)[TOTAL], level)
    pv = present_value(s, rate)
    return pv, annualized(pv, rate, years)


def accounting_statement(a: Assumptions, cells: pd.DataFrame, note: str, years: int | None = None) -> pd.DataFrame:
    """The A-4 accounting statement (costs) from its cells (``engines.bounds.a4_cells``: framing, coaching,
    level, measure, discount_rate, primary, low, high, USD): each row with its dollar year, the year it is
    discounted to, the period covered and the source (``note`` says how low and high were obtained)."""
    n = horizon(a, years)
    first, last = calendar_year(a, 1), calendar_year(a, n)
    return cells.assign(dollar_year=int(a["analysis.dollar_year"]), discounted_to_start_of=first,
                        period=f"years 1-{n} ({first}-{last})",
                        source=f"sescdp model, scenario '{a.scenario}'; {CONVENTION}; {note}")


EO14192_EXCLUSION = (
    "The NPRM's own reason (Regulatory Compliance, A. Regulatory Review): \"This rule is not expected to be an "
    "E.O. 14192 regulatory action because it imposes no more than de minimis costs.\" It also states that the rule "
    "\"has otherwise been designated a 'significant regulatory action' under section 3(f) of Executive Order "
    "12866\". The perpetual present value below is this model's reference figure for that de minimis statement; "
    "whether the order applies is not decided here, and no exclusion in the order is claimed (its text is not in "
    "the sources).")


def eo14192_convention(a: Assumptions, rate: float) -> str:
    """How the perpetual present value is computed, with its dollar and base years."""
    return (f"exact present value at {rate:.0%} of the cost stream continued for ever: annual costs / r plus "
            f"each policy (re)approval cycle (1 + r)^-f / (1 - (1 + r)^-k) (staggered baseline: 1 / (k r)); "
            f"costs at the end of each year; USD of {int(a['analysis.dollar_year'])}, discounted to the start of "
            f"{calendar_year(a, 1)} (analysis year 1)")


def eo14192_view(a: Assumptions, years: int | None = None, framings: Sequence[str] = FRAMINGS,
                 modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS) -> pd.DataFrame:
    """Reference figure for E.O. 14192: the exact present value at the higher rate (7%) of the cost
    stream continued for ever (``stream.perpetual_value``), beside the ``years``-year annualized value.
    USD of analysis.dollar_year, discounted to the start of analysis year 1. See ``EO14192_EXCLUSION``."""
    n = horizon(a, years)
    r = a["analysis.discount_rate_high"]
    p = dict(a.values)
    rows = []
    for framing in framings:
        for mode in modes:
            for level in levels:
                pv, ann = (float(x) for x in _pv_annualized(p, mode, framing, level, n, r))
                rows.append({"framing": framing, "coaching": mode, "level": level, "discount_rate": r,
                             "annualized": ann, "perpetual_present_value": perpetual_level_value(a, mode, framing, level, r),
                             "dollar_year": int(a["analysis.dollar_year"]), "discounted_to_start_of": calendar_year(a, 1),
                             "convention": eo14192_convention(a, r)})
    return pd.DataFrame(rows)


def eo14192_note(a: Assumptions, years: int | None = None) -> str:
    """One paragraph for documents: the exclusion, then the reference figures (government-wide) and
    their convention."""
    eo = eo14192_view(a, years, levels=("government",))
    figs = "; ".join(f"{f.replace('_', ' ')}: " + ", ".join(
        f"{m} ${eo[(eo.framing == f) & (eo.coaching == m)].perpetual_present_value.iloc[0] / 1e6:,.1f} million"
        for m in MODES) for f in FRAMINGS)
    r = a["analysis.discount_rate_high"]
    return (f"{EO14192_EXCLUSION} Reference figure, government-wide present value at {r:.0%} over a perpetual "
            f"horizon ({figs}); convention: {eo14192_convention(a, r)}.")


def complete_vs_published(a: Assumptions, complete: Assumptions, years: int | None = None,
                          modes: Sequence[str] = MODES, levels: Sequence[str] = LEVELS) -> pd.DataFrame:
    """The published scope (``a``) beside the complete accounting (``a`` plus scenarios/complete.toml):
    year-1 cost and PV at each accounting rate, per coaching mode and level, with the difference."""
    n = horizon(a, years)
    rows = []
    for label, q in (("as_published", a), ("complete", complete)):
        y1 = cost_table(q, years=1, framings=("as_published",), modes=modes, levels=levels)
        y1 = y1[y1.component == TOTAL]
        for _, row in y1.iterrows():
            rows.append((label, row.coaching, row.level, YEAR1, row.usd))
        p = dict(q.values)
        for mode in modes:
            for level in levels:
                for r in discount_rates(q):
                    pv, _ = _pv_annualized(p, mode, "as_published", level, n, r)
                    rows.append((label, mode, level, pv_name(r), float(pv)))
    long = pd.DataFrame(rows, columns=["scope", "coaching", "level", "quantity", "usd"])
    wide = long.pivot_table(index=["coaching", "level", "quantity"], columns="scope", values="usd",
                            sort=False).reset_index()
    wide["difference"] = wide["complete"] - wide["as_published"]
    return wide[["coaching", "level", "quantity", "as_published", "complete", "difference"]]


def omitted_components(a: Assumptions, complete: Assumptions, level: str = "government") -> pd.DataFrame:
    """Year-1 cost of each component under the published scope and the complete accounting, per mode."""
    frames = []
    for label, q in (("as_published", a), ("complete", complete)):
        t = cost_table(q, years=1, framings=("as_published",), levels=(level,))
        frames.append(t.assign(scope=label))
    t = pd.concat(frames)
    wide = t.pivot_table(index=["coaching", "component"], columns="scope", values="usd", sort=False).reset_index()
    wide["difference"] = wide["complete"] - wide["as_published"]
    order = {c: i for i, c in enumerate((*COMPONENT_NAMES, TOTAL))}
    return wide.sort_values(["coaching", "component"], key=lambda s: s.map(order) if s.name == "component" else s)
