"""The deterministic pages: results, accounting, published vs complete, scenarios, sources."""

from __future__ import annotations

import urllib.parse

import pandas as pd
import streamlit as st

from model import FRAMINGS, LEVELS, MODES, Scenario, editing, list_scenarios, view

from . import charts, compute, state, tables
from .fmt import money, money_delta

COMPONENT_LABELS = view.COMPONENT_LABELS
FRAMING_LABELS = view.FRAMING_LABELS
LEVEL_LABELS = view.LEVEL_LABELS
MODE_LABELS = view.MODE_LABELS
publication_text = view.publication_text


def current() -> tuple[compute.Key, str, Scenario]:
    """(key, name, Scenario) of the scenario being edited."""
    s = state.current()
    return s.key, s.name, compute.scenario(s.key, s.name)


def framing_picker(key: str) -> str:
    return st.radio("Framing", FRAMINGS, horizontal=True, key=key, format_func=FRAMING_LABELS.get,
                    on_change=state.on_view, args=(key,))


def metric_label(mode: str, level: str) -> str:
    """Label of a year-1 metric, e.g. 'External coaching, per agency'."""
    return f"{MODE_LABELS[mode]}, {LEVEL_LABELS[level]}"


def metrics(key, name, framing: str) -> None:
    """Year-1 cost per agency and government-wide for each coaching mode, with the change from the NPRM."""
    now = compute.year_one(key, name, framing)
    nprm = compute.year_one((), compute.NPRM_NAME, framing)
    for level in LEVELS:
        cols = st.columns(len(MODES))
        for col, mode in zip(cols, MODES):
            diff = float(now.loc[mode, level] - nprm.loc[mode, level])
            col.metric(metric_label(mode, level), money(float(now.loc[mode, level])),
                       delta=f"{money_delta(diff)} vs NPRM" if diff else None, delta_color="inverse",
                       help=f"Year-1 total, {framing}; NPRM primary: {money(float(nprm.loc[mode, level]))}")


def results_page() -> None:
    key, name, a = current()
    st.subheader("Year-1 cost")
    framing = framing_picker("results_framing")
    if framing == view.INCREMENTAL:
        st.caption(publication_text(a.baseline_text))
        for note in a.notes:
            st.info(publication_text(note))
    metrics(key, name, framing)
    st.caption(view.evidence_caption(compute.evidence(key, name), framing))
    level = st.radio("Level for the charts", LEVELS, horizontal=True, key="results_level",
                     format_func=LEVEL_LABELS.get, on_change=state.on_view, args=("results_level",))
    n = a.horizon()
    t = compute.costs(key, name, n, framing)
    t = t[t.level == level]
    y1 = t[(t.year == 1) & (t.component != view.TOTAL) & (t.usd != 0)].copy()
    y1["label"] = y1.component.map(COMPONENT_LABELS)
    y1["order"] = y1.component.map(view.COMPONENT_ORDER)
    st.subheader(f"Year-1 cost by component, {LEVEL_LABELS[level]}")
    st.altair_chart(charts.stacked_components(y1), width="stretch")
    st.subheader(f"{n}-year cost stream, {LEVEL_LABELS[level]}")
    st.caption(publication_text(
        f"USD of {a.dollar_year}, undiscounted; year 1 is {a.first_calendar_year}; (re)approvals every "
        f"{a['policy.reapproval_years']:g} years from year {a['policy.first_approval_year']:g} under the rule, every "
        f"{a['policy.baseline_reapproval_years']:g} years under the current rule ("
        + ("staggered evenly across the years" if a["policy.baseline_staggered"] else
           f"all together from year {a['policy.baseline_first_year']:g}") + ")."))
    tot = t[t.component == view.TOTAL][["year", "calendar_year", "coaching", "usd"]]
    st.altair_chart(charts.stream_lines(tot), width="stretch")
    wide = tot.pivot_table(index="calendar_year", columns="coaching", values="usd")[list(MODES)].reset_index()
    wide.columns = ["calendar_year", *(f"{m}_{level}" for m in MODES)]
    tables.show(wide)
    explain_box(key, name, [f"year1.{framing}.{m}.{lv}" for lv in LEVELS for m in MODES], "results")


def accounting_page() -> None:
    key, name, a = current()
    st.subheader("OMB Circular A-4 accounting statement (costs)")
    framing = framing_picker("accounting_framing")
    t = compute.statement(key, name, framing)
    st.markdown(f"**{t.title}**")
    st.table(t.frame().set_index(t.headers()[0]))
    st.caption(t.note)
    tables.show_pub(view.evidence_table(a, framing))
    st.subheader("E.O. 14192 reference figure (perpetual present value at the higher rate)")
    st.warning(view.eo14192_exclusion())
    st.caption("Convention: " + view.eo14192_convention(a) + ".")
    eo = compute.eo14192(key, name)
    tables.show(eo[eo.framing == framing].drop(columns=["convention", "framing"]))
    rates = sorted(a[r] for r in ("analysis.discount_rate_high", "analysis.discount_rate_low"))[::-1]
    explain_box(key, name, [f"annualized.{framing}.{m}.{r * 100:g}" for r in rates for m in MODES], "accounting")
    ctx = compute.context(key, name, framing)
    st.subheader("Context: regulatory thresholds")
    tables.show(ctx["thresholds"].drop(columns=[c for c in ("framing",) if c in ctx["thresholds"].columns]))
    st.subheader("Context: external SES hires a year that would pay for the program")
    be = ctx["break_even"].copy()
    tables.show(be.drop(columns=[c for c in ("framing",) if c in be.columns]))


STATUS_ICON = (("NOT REPRODUCED", "\u2718"), ("UNEXPECTEDLY", "\u203c"), ("not reproducible", "\u26a0"),
               ("reproduced", "\u2714"))


def status_icon(status: str) -> str:
    return next(icon for prefix, icon in STATUS_ICON if status.startswith(prefix) or prefix in status)


@st.cache_data(show_spinner=False, max_entries=32)
def readings(key, name: str) -> pd.DataFrame:
    """The readings of the program figure (``Reconciliation.readings``) for the scenario being edited, shown
    as title, the published program figures each reproduces, its sum, and its incremental effect; with the
    flags ``picked`` (the criteria's pick) and ``in_force`` (the switches being edited)."""
    rec = compute.scenario(key, name).reconcile()
    rd = rec.readings
    return pd.DataFrame({"reading": rd.title, "sum": rd.total, "figures reproduced": rd.reproduces.map(len),
                         "all figures": rd.reproduces_all,
                         "counts twice": rd.counted_twice.map(len) > 0,
                         "quantities not stated": rd.unstated.map(len),
                         "incremental, internal": rd.incremental_internal,
                         "incremental, external": rd.incremental_external, "title": rd.title,
                         "picked": rd.picked, "in_force": rd.id == rec.in_force})


def published_page() -> None:
    key, name, a = current()
    st.subheader("Reconciliation with every cost figure the NPRM prints")
    rd = readings(key, name)
    in_force = rd[rd.in_force]
    reading = in_force.title.iloc[0] if len(in_force) else "switches that match none of the readings found"
    st.caption(f"Model values under the scenario being edited ({reading}), Reading B and the named fees only. "
               "Change an input and the statuses follow.")
    r = compute.reconciliation(key, name)
    counts = r.status.value_counts()
    st.caption(" · ".join(f"{status_icon(s)} {s}: {n}" for s, n in counts.items()))
    tables.show_pub(view.reconciliation_table(r))
    explain_box(key, name, list(r.id), "published", titles=dict(zip(r.id, r.quote)))
    st.subheader("Readings of the NPRM's program figure")
    picked = rd[rd.picked].title.iloc[0] if rd.picked.any() else "none (no reading found)"
    st.caption(f"Every combination of the quantities the text gives that rounds to the published program figure "
               f"({len(rd)} at these values; {int(rd['all figures'].sum())} reproduce every published program "
               f"figure). The criteria, in order, pick {picked}; sescdp reproduce prints each reading's arithmetic.")
    tables.show(rd.drop(columns=["in_force", "title"]))
    st.subheader("Readings of the text that need reconciling")
    tables.show_pub(view.inconsistencies_table())
    st.subheader("What the NPRM omits")
    st.caption("Each requirement of the rule text that the NPRM's cost section does not price, with its quote: the "
               "incremental year-1 cost and present value at the higher A-4 rate over the horizon, government-wide, "
               "at the values in force, the lowest and highest over every combination of the ends of the ranges of "
               "the values its cost reads, and the evidence that cost rests on; or why it cannot be priced "
               "(A-4 asks that unquantified costs be listed).")
    tables.show_pub(compute.omitted_costs_table(key, name))
    st.subheader("As published beside complete")
    st.caption("The NPRM's scope (this scenario) beside the complete accounting (this scenario plus "
               "the costs the NPRM leaves out): year 1 and present values at the A-4 rates.")
    tables.show(compute.published_vs_complete(key, name))
    level = st.radio("Level", LEVELS, horizontal=True, key="omitted_level", format_func=LEVEL_LABELS.get,
                     on_change=state.on_view, args=("omitted_level",))
    om = compute.omitted(key, name, level)
    tables.show(om[(om.as_published != 0) | (om.complete != 0)])


def _file_scenario(stem: str):
    s = Scenario.load(stem)
    return s.name, s.description, compute.key_of({k: v["value"] for k, v in s.changed.items()},
                                                 *editing.scenario_uncertainty(s))


def scenarios_page() -> None:
    key, name, a = current()
    st.subheader("Scenario comparison")
    saved = {n: (desc, ov) for n, desc, ov in state.current().saved}
    options = ["(current scenario)"] + list_scenarios() + [f"saved: {n}" for n in saved]
    chosen = st.multiselect("Scenarios to compare", options, key="compare_choice", on_change=state.on_view,
                            args=("compare_choice",))
    framing = framing_picker("compare_framing")
    specs = []
    for c in chosen:
        if c == "(current scenario)":
            specs.append((name, "the scenario being edited", key))
        elif c.startswith("saved: "):
            desc, ov = saved[c.removeprefix("saved: ")]
            specs.append((c.removeprefix("saved: "), desc, compute.key_of(dict(ov))))
        else:
            specs.append(_file_scenario(c))
    if specs:
        t = compute.comparison(tuple(specs), framing)
        tables.show(t.drop(columns=["framing"]) if "framing" in t.columns else t)
        gov = t[t.level == "government"].assign(mode=lambda d: d.coaching.map(MODE_LABELS))
        st.altair_chart(charts.scenario_bars(gov), width="stretch")
    else:
        st.info("Choose at least one scenario.")

    st.subheader("Save the current scenario for this session")
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    c1.text_input("Name", key="save_name", placeholder="e.g. my comment scenario")
    c2.button("Save", key="save_button", on_click=lambda: state.save_current(st.session_state["save_name"]))
    if saved:
        st.caption("Saved: " + ", ".join(saved) + " (also in the sidebar's scenario picker)")

    st.subheader("Shareable link")
    query = urllib.parse.urlencode(state.current().to_query())
    base_url = (st.context.url or "").split("?")[0]
    st.caption("The link holds the values set, the distributions and correlations set, the page and the Monte Carlo "
               "settings; opening it reproduces this scenario and view.")
    st.code(f"{base_url}?{query}" if query else (base_url or "/"), language=None)


def sources_page() -> None:
    key, name, a = current()
    st.subheader("Every parameter, its value and its source")
    value_text = view.value_text
    rows = [{"Parameter": publication_text(s.description), "Value": value_text(a[pid], s.unit),
             "NPRM": value_text(s.value, s.unit),
             "Changed": "yes" if a[pid] != s.value else "", "Unit": s.unit, "Source": s.source,
             "Section": s.section or "", "Quote or reasoning": s.quote or publication_text(s.reasoning or ""),
             "Range": (f"{s.distribution} {value_text(s.low, s.unit)} to {value_text(s.high, s.unit)}"
                       if s.distribution else "")}
            for pid, s in compute.parameters().items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, height=tables.HEADER_PX + tables.ROW_PX * len(rows))


def explain_box(key, name: str, figures: list[str], page: str, titles: dict | None = None) -> None:
    """'Explain a figure': pick one and see its arithmetic with the values in force and their sources,
    generated by the model (``Scenario.explain``)."""
    with st.expander("Explain a figure: the arithmetic, with every value's source"):
        fig = st.selectbox("Figure", figures, key=f"explain_{page}",
                           format_func=lambda f: (titles or {}).get(f) or view.figure_title(f))
        e = compute.explanation(key, name, fig)
        st.markdown("\n".join(f"- {publication_text(line)}" for line in e["lines"]))
        src = pd.DataFrame([{"Value": s["value_text"], "Parameter": publication_text(s["description"]),
                             "Source": publication_text(s["citation"])}
                            for s in e["sources"]])
        if len(src):
            st.dataframe(src, hide_index=True, height=tables.HEADER_PX + tables.ROW_PX * len(src))
