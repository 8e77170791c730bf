"""SESCDP rule cost model: the Streamlit app (``streamlit run app.py``).

Layout and widgets only. Every figure comes from the public ``model`` functions (the same the
``sescdp`` CLI and the tests call) through the cached wrappers in ``ui/compute.py``; the scenario
being edited and the view are one frozen ``AppState`` in ``st.session_state`` (``ui/state.py``), mirrored in
the URL's query parameters. The app imports only the public ``model`` package (an import-linter contract).
"""

import streamlit as st

from ui import state
from ui.alternatives import alternatives_page
from ui.downloads import downloads_page
from ui.pages import accounting_page, published_page, results_page, scenarios_page, sources_page
from ui.sidebar import render as render_sidebar
from ui.uncertainty import sensitivity_page, uncertainty_page

PAGES = {
    "Results": results_page,
    "Accounting": accounting_page,
    "Published vs complete": published_page,
    "Uncertainty": uncertainty_page,
    "Sensitivity": sensitivity_page,
    "Scenarios": scenarios_page,
    "Alternatives": alternatives_page,
    "Downloads": downloads_page,
    "Sources": sources_page,
}

st.set_page_config(page_title="SESCDP rule cost model", page_icon="\U0001f4ca", layout="wide")
state.init(PAGES)
state.sync_widgets()
render_sidebar()

st.title("Cost of OPM's proposed SESCDP rule (5 CFR 412)")
st.caption(f"FR Doc. 2025-23289 \u00b7 scenario: **{state.current().name}** \u00b7 "
           f"{len(state.current().overrides)} value(s) set")
for kind, message in st.session_state.pop("flash", []):
    getattr(st, kind)(message)
page = st.radio("Page", list(PAGES), horizontal=True, key="page", label_visibility="collapsed",
                on_change=state.on_view, args=("page",))
try:
    PAGES[page]()
except Exception as exc:  # noqa: BLE001 - one message, the traceback in a log, the scenario kept
    if type(exc).__module__.startswith("streamlit"):  # Streamlit's own control flow (rerun, stop)
        raise
    st.error(f"This page could not be drawn: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}. "
             f"The scenario is unchanged. Traceback in {state.crash_log(exc)}; please report it.")
state.sync_query_params()
