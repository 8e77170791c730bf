"""The Alternatives page: the regulatory alternatives priced side by side (``model.alternatives``) and the
response to each public comment of an uploaded comments file (``model.comments``). Layout only: every figure and
every finding comes from the model; money is written as ``model.view`` writes it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from model import MODES, ModelInputError, alternatives, comments, view

from . import charts, compute, state, tables

COACHING_KEY = "alternatives_coaching"
UPLOAD_KEY = "comments_upload"
KIND_LABELS = {"proposal": "The proposal", "less_stringent": "Less stringent", "more_stringent": "More stringent",
               "guidance_only": "Guidance only", "commenter": "A commenter's alternative"}


@st.cache_data(show_spinner="Pricing the alternatives...", max_entries=16)
def alternatives_table(key: compute.Key, name: str) -> pd.DataFrame:
    """``model.alternatives`` on top of the scenario being edited (USD, incremental, government-wide)."""
    return alternatives(compute.scenario(key, name))


DOWNLOADS = {"xlsx": "workbook", "docx": "Word"}  # format -> what a reader calls it


@st.cache_data(show_spinner="Pricing the comments...", max_entries=8)
def responses(key: compute.Key, name: str, data: bytes, filename: str) -> tuple[pd.DataFrame, dict[str, bytes]]:
    """``model.comments`` of an uploaded comments file against the scenario being edited: (response table, the
    table as xlsx and docx bytes). The upload is written to a temporary file for the model to read; a bad file raises
    ModelInputError naming the uploaded file (not the temporary one) and is not cached."""
    fd, tmp = tempfile.mkstemp(suffix=".toml", prefix="comments-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            r = comments(tmp, compute.scenario(key, name))
        except ModelInputError as exc:
            raise ModelInputError(str(exc).replace(tmp, filename)) from None
        return r.table, {fmt: r.to_bytes(fmt) for fmt in DOWNLOADS}
    finally:
        Path(tmp).unlink(missing_ok=True)


def money_cols(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    return df.assign(**{c: df[c].map(view.money) for c in cols})


def signed(value: float) -> str:
    """A change in USD: '+$250,000', '-$182,000', '$0'."""
    return ("+" if value > 0.5 else "") + view.money(value)


def percent(value: float) -> str:
    return "n/a" if not np.isfinite(value) else f"{value:+.1%}"


def share_header(col: str) -> str:
    return "Share " + col.removeprefix("share_").replace("_", " ")


def shown_alternatives(t: pd.DataFrame) -> pd.DataFrame:
    """One coaching mode and rate of the alternatives table as a reader sees it: labels, money with $, shares in
    percent, no ids."""
    shares = [c for c in t.columns if c.startswith("share_")]
    out = pd.DataFrame({
        "Alternative": t.name, "Annualized": t.annualized.map(view.money),
        "Difference from the proposal, annualized": t.difference_annualized.map(signed),
        "A-4 low (annualized)": t.low.map(view.money), "A-4 high (annualized)": t.high.map(view.money),
        "Year-1 cost": t.year1.map(view.money), "Difference from the proposal, year 1": t.difference_year1.map(signed),
        "Present value": t.pv.map(view.money),
        "Margin to the $100 million threshold (year 1)": t.threshold_margin.map(view.money),
        "Kind": t.kind.map(lambda k: KIND_LABELS.get(k, k.replace("_", " "))),
        **{share_header(c): t[c].map(lambda v: f"{v:.0%}") for c in shares}})
    return out.reset_index(drop=True)


def shown_responses(t: pd.DataFrame) -> pd.DataFrame:
    """The response table for one coaching mode, as a reader sees it."""
    yes = {True: "yes", False: "no"}
    return pd.DataFrame({
        "Comment": t["id"], "Commenter": t.commenter, "Discount rate": t.discount_rate.map(lambda r: f"{r:.0%}"),
        "What changes": t.changes.map(view.publication_text),
        "Year-1 cost before": t.year1_before.map(view.money), "Year-1 cost after": t.year1.map(view.money),
        "Year-1 change": t.year1_change.map(signed), "Year-1 change (%)": t.year1_change_pct.map(percent),
        "Annualized before": t.annualized_before.map(view.money), "Annualized after": t.annualized.map(view.money),
        "Annualized change": t.annualized_change.map(signed),
        "Annualized change (%)": t.annualized_change_pct.map(percent),
        "Threshold crossed": t.crosses_threshold.map(yes), "Ranking changes": t.ranking_changes.map(yes)}
    ).reset_index(drop=True)


def alternatives_page() -> None:
    s = state.current()
    key, name = s.key, s.name
    st.subheader("Regulatory alternatives (OMB Circular A-4)")
    mode = st.radio("Coaching", MODES, horizontal=True, key=COACHING_KEY, format_func=view.MODE_LABELS.get,
                    on_change=state.on_view, args=(COACHING_KEY,))
    t = alternatives_table(key, name)
    rate = float(t.discount_rate.max())
    sel = t[(t.coaching == mode) & np.isclose(t.discount_rate, rate)]
    st.caption(view.publication_text(
        f"Each alternative on top of the scenario being edited ({name}): incremental cost (against the current rule "
        f"and current practice), government-wide, {view.MODE_LABELS[mode].lower()}, present value and annualized "
        f"cost at {rate:.0%} (the higher A-4 rate) over the horizon; A-4 low and high of the annualized cost over the "
        f"ranges of the values; differences are the alternative minus the proposal; the shares say how much of the "
        f"annualized cost rests on each grade of evidence."))
    st.dataframe(shown_alternatives(sel), hide_index=True, height=tables.HEADER_PX + tables.ROW_PX * max(len(sel), 1))
    st.subheader(f"Annualized cost at {rate:.0%} by alternative, government-wide")
    st.altair_chart(charts.alternatives_bars(sel.assign(
        annualized_text=sel.annualized.map(view.money), low_text=sel.low.map(view.money),
        high_text=sel.high.map(view.money))), width="stretch")
    comments_section(key, name, mode)


def comments_section(key: compute.Key, name: str, mode: str) -> None:
    st.subheader("Responses to public comments")
    st.caption("Upload a comments file (TOML, one [[comment]] table each: id, commenter, claim, an optional "
               "alternative and the figures the comment asserts under [comment.overrides]). Each comment is priced "
               "against the scenario being edited; nothing else changes.")
    up = st.file_uploader("Comments file (TOML)", type=["toml"], key=UPLOAD_KEY)
    if up is None:
        return
    try:
        table, files = responses(key, name, up.getvalue(), up.name)
    except ModelInputError as exc:
        st.error(f"This comments file was not read: {' '.join(str(exc).split())[:400]}")
        return
    rows = table[table.coaching == mode]
    st.caption(f"{view.MODE_LABELS[mode]}; incremental, government-wide, at both A-4 rates.")
    st.dataframe(shown_responses(rows), hide_index=True,
                 height=tables.HEADER_PX + tables.ROW_PX * max(len(rows), 1))
    firsts = table.drop_duplicates("id")
    st.markdown(f"**Findings ({len(firsts)})**")
    for r in firsts.itertuples(index=False):
        with st.container(border=True):
            st.markdown(f"**{r.id}** · {r.commenter}  \n*\u201c{r.claim}\u201d*")
            st.markdown(view.publication_text(r.finding))
    for col, fmt in zip(st.columns(len(DOWNLOADS)), DOWNLOADS):
        col.download_button(f"Download the responses ({DOWNLOADS[fmt]})", files[fmt],
                            file_name=f"comment-responses.{fmt}", mime=view.media_type(fmt), key=f"responses_{fmt}")
