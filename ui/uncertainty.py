"""Uncertainty (Monte Carlo) and sensitivity (tornado, Sobol) pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model import FRAMINGS, LEVELS, MODES, SAMPLERS, editing, view

from . import charts, compute, state, tables
from .fmt import money

FRAMING_LABELS = view.FRAMING_LABELS
LEVEL_LABELS = view.LEVEL_LABELS
MODE_LABELS = view.MODE_LABELS
parameter_label = view.parameter_label
quantity_label = view.quantity_label

SAMPLER_LABELS = {"lhs": "Latin hypercube", "mc": "plain Monte Carlo", "sobol": "scrambled Sobol"}


def settings_form() -> dict:
    s = state.mc_settings()
    with st.form("mc_form", border=True):
        c1, c2, c3 = st.columns(3)
        draws = c1.number_input("Draws", value=s["draws"], step=1000, key="mc_draws_input",
                                help=f"Monte Carlo draws of every uncertain parameter (its range in assumptions/): "
                                     f"{state.MIN_DRAWS:,} to {state.MAX_DRAWS:,} here; the command line takes more.")
        seed = c2.number_input("Seed", value=s["seed"], step=1, key="mc_seed_input",
                               help="Same seed and draws give identical results.")
        sampler = c3.selectbox("Sampler", SAMPLERS, index=SAMPLERS.index(s["sampler"]), key="mc_sampler_input",
                               format_func=lambda k: SAMPLER_LABELS.get(k, k))
        st.form_submit_button("Run simulation", type="primary", key="mc_run", on_click=state.on_mc_submit)
    return s


def output_pickers(prefix: str, framings=FRAMINGS) -> tuple[str, str, str, str]:
    options = {"quantity": (view.quantities(compute.primary()), quantity_label), "coaching": (MODES, MODE_LABELS.get),
               "level": (LEVELS, LEVEL_LABELS.get), "framing": (framings, FRAMING_LABELS.get)}
    picked = []
    for col, (what, (values, label)) in zip(st.columns(4), options.items()):
        key = f"{prefix}_{what}"
        picked.append(col.selectbox("Output" if what == "quantity" else what.capitalize(), values, key=key,
                                    format_func=label, on_change=state.on_view, args=(key,)))
    return tuple(picked)


def uncertainty_page() -> None:
    key, name, a = state.current().key, state.current().name, state.scenario()
    st.subheader("Uncertainty: Monte Carlo over every parameter's range")
    st.caption("Each uncertain parameter is drawn from the distribution in its assumption file; values you "
               "changed from the NPRM are held at your value.")
    uncertainty_editor(a)
    s = settings_form()
    mc_results(key, name, s, a)


@st.fragment
def mc_results(key, name: str, s: dict, a) -> None:
    """The chosen output's percentiles, exceedance and charts: a partial rerun (``st.fragment``), so that
    changing the output, level or threshold redraws only this part (the simulation itself is cached)."""
    quantity, coaching, level, framing = output_pickers("mc")
    threshold = st.number_input("Threshold (USD)", min_value=0.0, on_change=state.on_view, args=("mc_threshold",),
                                step=1_000_000.0, format="%.0f", key="mc_threshold",
                                help="Default: context.significance_threshold (E.O. 12866 3(f)(1), $100 million "
                                     "a year).")
    bar = st.progress(0, text=f"Step 1 of 2: drawing and evaluating {s['draws']:,} draws ({s['sampler']})\u2026")
    res = compute.simulation(key, name, s["draws"], s["seed"], s["sampler"])  # the draws, cached
    bar.progress(60, text="Step 2 of 2: summarising the chosen output\u2026")
    # only the output shown is summarized, from the cached draws (the same numbers as in the full run)
    summary, exceedance = compute.output_summary(key, name, s["draws"], s["seed"], s["sampler"], threshold,
                                                 (quantity, coaching, level, framing))
    values = res.outputs(coaching, level, quantity, framing)
    row = compute.pick(summary, coaching=coaching, level=level, quantity=quantity, framing=framing)
    prob = compute.pick(exceedance, coaching=coaching, level=level, quantity=quantity, framing=framing)
    bar.progress(100, text=f"Done: {res.meta['draws']:,} draws, seed {res.meta['seed']}, "
                           f"sampler {res.meta['sampler']}.")
    pct = {"P5": float(row["p5"]), "P50": float(row["p50"]), "P95": float(row["p95"])}
    cols = st.columns(5)
    cols[0].metric("P5", money(pct["P5"]))
    cols[1].metric("P50 (median)", money(pct["P50"]))
    cols[2].metric("Mean", money(float(row["mean"])))
    cols[3].metric("P95", money(pct["P95"]))
    cols[4].metric(f"P(output > {money(threshold)})", f"{float(prob['probability']):.1%}")
    lo, hi = float(row["min"]), float(row["max"])
    if not lo <= threshold <= hi:
        st.caption(f"The threshold {money(threshold)} lies outside the simulated range "
                   f"({money(lo)} to {money(hi)}), so the charts do not show it.")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Histogram**")
        st.altair_chart(charts.histogram(values, pct, threshold), width="stretch")
    with c2:
        st.markdown("**Cumulative distribution**")
        st.altair_chart(charts.cdf(values, pct, threshold), width="stretch")
    if st.toggle("Summary of every output", key="mc_all_outputs",
                 help="Summarize every coaching mode, level, framing and quantity (the same draws; slower)."):
        everything, _ = compute.output_summary(key, name, s["draws"], s["seed"], s["sampler"], threshold)
        tables.show(everything)
    with st.expander("Distributions used"):
        tables.show(pd.DataFrame([{"parameter": pid, "distribution": spec} for pid, spec in res.meta["dists"].items()]),
                    a=a)
        if res.meta.get("clamped_draws"):
            st.caption(f"Draws clamped to keep the cross-parameter rules: {res.meta['clamped_draws']}")
    state.sync_query_params()


SOBOL_NS = (64, 128, 256, 512, 1024, 2048, 4096)
SOBOL_SHOWN = 15  # parameters in the Sobol chart (largest total index first); all in the table


def sensitivity_page() -> None:
    sensitivity_body(state.current().key, state.current().name)


@st.fragment
def sensitivity_body(key, name: str) -> None:
    """The tornado and Sobol indices of the chosen output: a partial rerun (``st.fragment``), so that changing
    the output or the Sobol sample redraws only this page, not the sidebar."""
    st.subheader("Sensitivity: which assumption matters")
    quantity, coaching, level, framing = output_pickers("sa")
    st.markdown("**Tornado**: each uncertain parameter moved alone to the ends of its range, the others at "
                "the values in force.")
    a = compute.scenario(key, name)
    t = compute.tornado(key, name, quantity, coaching, level, framing)
    shown = t[t["swing"] > 0].assign(name=lambda d: [f"{parameter_label(a, p, short=True)} ({compute.parameters()[p].unit})"
                                                     for p in d.parameter])
    if len(shown):
        st.altair_chart(charts.tornado(shown, float(t["base"].iloc[0])), width="stretch")
    else:
        st.info("No uncertain parameter moves this output.")
    with st.expander("Tornado table"):
        tables.show(t, a=a)
    st.markdown("**Sobol indices** (SALib, Saltelli sampling): first-order S1 and total ST, with 95% "
                "confidence intervals.")
    c1, c2 = st.columns(2)
    n = c1.select_slider("Base sample n (model runs: n x (parameters + 2))", SOBOL_NS, key="sobol_n",
                         on_change=state.on_view, args=("sobol_n",))
    seed = c2.number_input("Seed", min_value=0, value=state.mc_settings()["seed"], step=1, key="sobol_seed")
    with st.spinner(f"Sobol analysis, n = {n}\u2026"):
        sob = compute.sobol(key, name, quantity, coaching, level, framing, int(n), int(seed))
    top = sob.sort_values("ST", ascending=False).head(SOBOL_SHOWN)
    long = compute.sobol_long(top.assign(parameter=[f"{parameter_label(a, p, short=True)} ({compute.parameters()[p].unit})"
                                                    for p in top.parameter]))
    st.altair_chart(charts.sobol_bars(long), width="stretch")
    st.caption(f"The {len(top)} parameters with the largest total index; every parameter is in the table.")
    with st.expander("Sobol table"):
        tables.show(sob, a=a)
    st.markdown(f"**Spearman rank correlation** of each drawn input with the output, over "
                f"{int(a['analysis.app_draws']):,} Monte Carlo draws, the declared rank correlations imposed.")
    spe = compute.spearman(key, name, quantity, coaching, level, framing, int(seed))
    tables.show(spe.assign(parameter=[f"{parameter_label(a, p, short=True)} ({compute.parameters()[p].unit})"
                                      for p in spe.parameter]).rename(columns={"parameter": "input"}))
    state.sync_query_params()


def uncertainty_editor(a) -> None:
    """Each uncertain parameter's distribution (kind and arguments, as --dist) and the rank correlations
    as a matrix, editable; applied together, checked by the model, saved in the scenario file, the exports
    and the link."""
    with st.expander("Distributions and rank correlations of this scenario"):
        st.caption("A distribution as kind:arguments, the syntax of sescdp --dist: fixed:V, uniform:LOW:HIGH, "
                   "triangular:LOW:MODE:HIGH, pert:LOW:MODE:HIGH, normal:MEAN:SD, lognormal:P5:P95, "
                   "discrete:13@0.5,15@0.5. Correlations are Spearman rank correlations, strictly between -1 "
                   "and 1; the matrix must be positive definite.")
        session, set_corr = dict(state.current().dists), dict(state.current().correlations)
        declared, params = editing.file_distributions(), compute.parameters()
        rows, row_ids = [], []
        for pid, spec in params.items():
            d = declared.get(pid)
            if d is None and pid not in session:
                continue
            rows.append({"Parameter": f"{parameter_label(a, pid)} ({spec.unit})",
                         "Assumption file": d or "fixed", "Distribution": session.get(pid, d or "")})
            row_ids.append(pid)
        table = pd.DataFrame(rows)
        pairs = {frozenset(p.strip() for p in k.split("~")): rho for k, rho in editing.file_correlations().items()}
        for pair, rho in set_corr.items():
            x, _, y = (p.strip() for p in pair.partition("~"))
            pairs[frozenset((x, y))] = rho
        ids = sorted({pid for pair in pairs for pid in pair}, key=list(params).index)
        names = [parameter_label(a, pid, short=True) for pid in ids]
        matrix = pd.DataFrame([[1.0 if i == j else float(pairs.get(frozenset((x, y)), 0.0)) for j, y in enumerate(ids)]
                               for i, x in enumerate(ids)], columns=names, index=names)
        with st.form("uncertainty_form", border=False):
            edited = st.data_editor(table, hide_index=True, key="dist_editor", disabled=["Parameter", "Assumption file"],
                                    height=tables.HEADER_PX + tables.ROW_PX * len(table))
            corr = st.data_editor(matrix, key="corr_editor", width="stretch")
            if st.form_submit_button("Apply distributions and correlations", key="apply_uncertainty"):
                dists = {pid: str(r["Distribution"]).strip() for pid, r in zip(row_ids, edited.to_dict("records"))
                         if str(r["Distribution"]).strip() and str(r["Distribution"]).strip() != r["Assumption file"]}
                new = {}
                for i, x in enumerate(ids):
                    for j in range(i + 1, len(ids)):
                        rho = float(corr.iat[i, j])
                        if rho != float(pairs.get(frozenset((x, ids[j])), 0.0)) or \
                                f"{x} ~ {ids[j]}" in set_corr:
                            new[f"{x} ~ {ids[j]}"] = rho
                if state.set_uncertainty(dists, new, "app: distributions and correlations"):
                    state.flash("success", f"Applied: {len(dists)} distribution(s) and {len(new)} correlation(s) "
                                           "differ from the assumption files.")
                st.rerun()
