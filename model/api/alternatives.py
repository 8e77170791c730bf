"""Regulatory alternatives and comment responses (public): the alternatives of ``assumptions/alternatives/`` priced
side by side, and a comments file answered with the arithmetic. USD of analysis.dollar_year; every figure incremental
(against the current rule and current practice) and government-wide.

    >>> from model import alternatives
    >>> t = alternatives()
    >>> row = t[(t.alternative == "assess_in_program_only") & (t.coaching == "internal") & (t.discount_rate == 0.07)]
    >>> round(float(row.difference_annualized.iloc[0]))          # 40 applicants x $350 x 13 agencies, every year
    -182000
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from model.api import checks as check
from model.api.scenario import Scenario

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from model.outputs.responses import Responses


def _scenario(scenario: "Scenario | str | Path | None") -> Scenario:
    return scenario if isinstance(scenario, Scenario) else Scenario.load(scenario)


def alternatives(scenario: "Scenario | str | Path | None" = None, *, method: str = "montecarlo", draws: int | None = None,
                 seed: int | None = None, years: int | None = None) -> "pd.DataFrame":
    """Every shipped alternative (the proposal first) on top of ``scenario`` (default the NPRM primary): one row per
    alternative, coaching mode and A-4 rate with year1, pv, annualized, the A-4 low and high of the annualized cost
    (``method`` "ranges" or "montecarlo"), the differences from the proposal, the margin to the E.O. 12866 section
    3(f)(1) threshold (threshold - year-1 cost) and the share of the annualized cost on each evidence grade."""
    from model.core.alternatives import load_alternatives
    from model.engines.alternatives import alternatives_table
    from model.engines.bounds import check_method
    s = _scenario(scenario)
    check_method(check.text("method", method, optional=False))
    draws = None if draws is None else check.whole("draws", draws, 2)
    seed = None if seed is None else check.whole("seed", seed, 0)
    a = s.assumptions
    return alternatives_table(a, load_alternatives(a), method, draws, seed, check.years(years))


def comments(path: str | Path, scenario: "Scenario | str | Path | None" = None, *,
             years: int | None = None) -> "Responses":
    """The response to each comment of a comments file (one ``[[comment]]`` table each: id, commenter, claim, an
    optional ``alternative`` and ``[comment.overrides]``), against ``scenario`` (default the NPRM primary):
    ``.table`` (one row per comment, coaching mode and rate: the changes with both evidence grades, year-1 and
    annualized cost before, after and the change in USD and percent, threshold and ranking checks, and a finding
    generated from the numbers) and ``.records()`` (the JSON form)."""
    from model.outputs.responses import comment_responses
    s = _scenario(scenario)
    return comment_responses(s.assumptions, Path(check.path_text("path", path)), check.years(years))
