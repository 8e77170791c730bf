"""Tables on screen as the documents show them: human headers and values (``model.outputs.present``), money
with $ and thousands separators, rates and shares in percent, and no inner scroll box (the table is as tall
as its rows). ``show_pub`` takes a publication table (``model.view.*_table``, ``Scenario.statement``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model import view

ROW_PX, HEADER_PX = 35, 38  # st.dataframe's row and header heights: a table this tall has no inner scroll


def show(df: pd.DataFrame, table: str = "", a=None, key: str | None = None) -> None:
    """A data table on screen, full height (``model.view.display``; ``a``: the scenario whose parameter
    descriptions label a ``parameter`` column)."""
    shown = view.display(df, a, table)
    st.dataframe(shown, hide_index=True, height=HEADER_PX + ROW_PX * max(len(shown), 1), key=key)


def show_pub(t) -> None:
    """A publication table with its title and note, full height, as the documents show it."""
    st.markdown(f"**{t.title}**")
    st.table(t.frame().set_index(t.headers()[0]))
    if t.note:
        st.caption(t.note)
