"""The smallest Streamlit app with an input and a figure: the baseline for ``bench_browser.py``.

Run: ``streamlit run benchmarks/minimal_app.py``."""

import streamlit as st

x = st.slider("x", min_value=0, max_value=100, value=50)
st.metric("Figure", f"${x * 1000:,.0f}")
