"""Responses to public comments: each comment's claim beside what it changes and by how much, with one sentence
generated from those numbers (never typed). Built on ``engines.alternatives``; USD, incremental, government-wide."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from model.core.alternatives import load_alternatives, load_comments
from model.core.evidence import GRADE_LABELS
from model.core.parameters import Assumptions
from model.core.vocabulary import EXTERNAL, INTERNAL, MODES
from model.engines.alternatives import RANK_RATE, THRESHOLD, comment_rows, priced, ranking, alternatives_table
from model.outputs.present.formats import Kind, money_text
from model.outputs.present.labels import setting_label, setting_value

RESPONSE_COLUMNS = ["id", "commenter", "claim", "changes", "coaching", "discount_rate", "year1_before", "year1",
                    "year1_change", "year1_change_pct", "annualized_before", "annualized", "annualized_change",
                    "annualized_change_pct", "crosses_threshold", "ranking_changes", "finding"]
RECORD_FIELDS = ["id", "coaching", "discount_rate", "year1_change", "annualized_change"]


@dataclass(frozen=True)
class Responses:
    """The response table (``table``: one row per comment, coaching mode and A-4 rate, ``RESPONSE_COLUMNS``), each
    comment's parameter changes (``changes``: id -> list of {parameter, from, to, from_grade, to_grade}) and its
    overrides as given (``overrides``: id -> {parameter: value})."""

    table: pd.DataFrame
    changes: dict = field(default_factory=dict)
    overrides: dict = field(default_factory=dict)
    assumptions: Assumptions | None = field(default=None, repr=False)
    years: int | None = None

    def to_bytes(self, fmt: str) -> bytes:
        """The response table as a document: ``xlsx``, ``docx`` or ``md`` (``responses_files.responses_bytes``)."""
        from model.outputs.responses_files import responses_bytes  # noqa: PLC0415 (it builds on this module)
        return responses_bytes(self, fmt, self.assumptions, self.years)

    def records(self) -> list[dict]:
        """One record per comment, coaching mode and rate: id, coaching, discount_rate, year1_change and
        annualized_change (USD), plus the comment's overrides."""
        return [{**{k: (float(r[k]) if isinstance(r[k], (float, np.floating)) else r[k]) for k in RECORD_FIELDS},
                 "overrides": self.overrides[r["id"]]} for r in self.table.to_dict("records")]


def change_text(a: Assumptions, c: dict) -> str:
    """'Fee per hour of external executive coaching: from $1,000/h (stated in the NPRM or the current rule) to
    $1,500/h (from an external source)' for a reader; a switch reads 'yes' or 'no'."""
    pid = c["parameter"]
    return (f"{setting_label(a, pid)}: from {setting_value(a, pid, c['from'])} ({GRADE_LABELS[c['from_grade']]}) "
            f"to {setting_value(a, pid, c['to'])} ({GRADE_LABELS[c['to_grade']]})")


def finding(a: Assumptions, rows: pd.DataFrame, changes: list[dict], reranked: bool) -> str:
    """One sentence from the numbers: the change in the incremental annualized cost at the higher rate with internal
    and external coaching, whether a threshold is crossed, and whether the ranking of the alternatives holds."""
    r = a[RANK_RATE]
    at = rows[np.isclose(rows.discount_rate, r)].set_index("coaching")
    parts = []
    for mode in (INTERNAL, EXTERNAL):
        d, after = float(at.loc[mode, "annualized_change"]), float(at.loc[mode, "annualized"])
        if abs(d) < 0.5:
            parts.append(f"is unchanged with {mode} coaching")
        else:
            pct = at.loc[mode, "annualized_change_pct"]
            share = f" ({pct:+.1%})" if np.isfinite(pct) else ""
            parts.append(f"{'rises' if d > 0 else 'falls'} by {money_text(abs(d), Kind.USD)}{share} to "
                         f"{money_text(after, Kind.MUSD)} million with {mode} coaching")
    what = "; ".join(change_text(a, c) for c in changes) or "no parameter changes"
    crossed = bool(rows.crosses_threshold.any())
    threshold = money_text(a[THRESHOLD], Kind.MUSD)
    return (f"The comment's values ({what[:1].lower() + what[1:]}) move the incremental annualized cost at {r:.0%}: it "
            f"{' and '.join(parts)}; "
            f"{'the E.O. 12866 threshold of ' + threshold + ' million a year is crossed' if crossed else 'no threshold is crossed'}"
            f" and the ranking of the alternatives {'changes' if reranked else 'holds'}.")


def comment_responses(a: Assumptions, path: Path | str, years: int | None = None) -> Responses:
    """The response table for a comments file, against the parameters in force (the proposal)."""
    alts = {x.id: x for x in load_alternatives(a)}
    comments = load_comments(path, a, alts)
    base = priced(a, years=years, shares=False)
    base_rank = ranking(alternatives_table(a, list(alts.values()), None, years=years, shares=False), a)
    frames, changes, overrides = [], {}, {}
    for c in comments:
        rows, ch, reranked = comment_rows(a, c, alts, base, base_rank, years)
        text = finding(a, rows, ch, reranked)
        frames.append(rows.assign(commenter=c.commenter, claim=c.claim, ranking_changes=reranked, finding=text,
                                  changes="; ".join(change_text(a, x) for x in ch)))
        changes[c.id] = ch
        overrides[c.id] = {**(alts[c.alternative].overrides if c.alternative else {}), **c.overrides}
    table = pd.concat(frames, ignore_index=True)
    order = {m: i for i, m in enumerate(MODES)}
    table = table.sort_values(["id", "coaching", "discount_rate"], key=lambda s: s.map(order) if s.name == "coaching" else s,
                              kind="stable")
    table["id"] = pd.Categorical(table["id"], [c.id for c in comments], ordered=True)
    table = table.sort_values(["id"], kind="stable").astype({"id": str}).reset_index(drop=True)
    return Responses(table[RESPONSE_COLUMNS], changes, overrides, a, years)
