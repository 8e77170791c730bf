"""Number formatting for the app (display only)."""

from __future__ import annotations

import streamlit as st

MODE_LABELS = {"internal": "Internal coaching", "external": "External coaching", "mixed": "Mixed coaching"}
LEVEL_LABELS = {"agency": "per agency", "government": "government-wide"}
FRAMING_LABELS = {"as_published": "As published (the NPRM's framing)",
                  "incremental": "Incremental (rule minus current rule)"}


def money(value: float) -> str:
    """USD to the dollar with thousands separators: 417392.0 -> '$417,392'."""
    return f"-${-value:,.0f}" if value < 0 else f"${value:,.0f}"


def money_delta(value: float) -> str:
    """A signed USD change: '+$250,000' or '-$1,200'."""
    return f"+${value:,.0f}" if value >= 0 else f"-${-value:,.0f}"


def usd_columns(df, columns) -> dict:
    """st.dataframe column_config showing ``columns`` as dollars."""
    return {c: st.column_config.NumberColumn(c, format="dollar") for c in columns if c in df.columns}
