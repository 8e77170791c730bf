"""Uncertainty (Monte Carlo) and sensitivity (tornado, Sobol) pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.engines.montecarlo import SAMPLERS
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.core.quantities import label as quantity_label
from model.engines.fastpv import quantities as quantity_names

from model.outputs.present.labels import FRAMING_LABELS, LEVEL_LABELS, MODE_LABELS, parameter_label

from . import charts, compute, state, tables
from .fmt import money

SAMPLER_LABELS = {"lhs": "Latin hypercube", "mc": "plain Monte Carlo", "sobol": "scrambled Sobol"}


def settings() -> dict:
    """The simulation settings last submitted in this session (draws, seed, sampler)."""
    a = compute.base()  # defaults: analysis.app_draws and analysis.seed (shown and editable, never global)
    return st.session_state.setdefault("mc_settings", {"draws": int(a["analysis.app_draws"]),
                                                       "seed": int(a["analysis.seed"]), "sampler": "lhs"})


def settings_form() -> dict:
    s = settings()
    with st.form("mc_form", border=True):
        c1, c2, c3 = st.columns(3)
        draws = c1.number_input("Draws", value=s["draws"], step=1000, key="mc_draws_input",
                                help=f"Monte Carlo draws of every uncertain parameter (its range in assumptions/): "
                                     f"{state.MIN_DRAWS:,} to {state.MAX_DRAWS:,} here; the command line takes more.")
        seed = c2.number_input("Seed", value=s["seed"], step=1, key="mc_seed_input",
                               help="Same seed and draws give identical results.")
        sampler = c3.selectbox("Sampler", SAMPLERS, index=SAMPLERS.index(s["sampler"]), key="mc_sampler_input",
                               format_func=lambda k: SAMPLER_LABELS.get(k, k))
        if st.form_submit_button("Run simulation", type="primary", key="mc_run"):
            problem = mc_problem(draws, seed)
            if problem:
                st.error(f"Not run: {problem}. The last simulation is shown.")
            else:
                s = {"draws": int(draws), "seed": int(seed), "sampler": sampler}
                st.session_state["mc_settings"] = s
    return s


def mc_problem(draws, seed) -> str | None:
    """What is wrong with the Monte Carlo settings, in one line, or None."""
    if draws != int(draws) or not state.MIN_DRAWS <= draws <= state.MAX_DRAWS:
        return (f"Draws: expected a whole number from {state.MIN_DRAWS:,} to {state.MAX_DRAWS:,} in the app "
                f"(sescdp simulate takes more), got {draws:,.10g}")
    if seed != int(seed) or not 0 <= seed <= state.max_seed():
        return f"Seed: expected a whole number from 0 to {state.max_seed():,}, got {seed:,.10g}"
    return None


def output_pickers(prefix: str, framings=FRAMINGS) -> tuple[str, str, str, str]:
    quantities = quantity_names(compute.base())
    state.default(f"{prefix}_coaching", "external")
    state.default(f"{prefix}_level", "government")
    c1, c2, c3, c4 = st.columns(4)
    quantity = c1.selectbox("Output", quantities, key=f"{prefix}_quantity",
                            format_func=quantity_label)
    coaching = c2.selectbox("Coaching", MODES, key=f"{prefix}_coaching",
                            format_func=MODE_LABELS.get)
    level = c3.selectbox("Level", LEVELS, key=f"{prefix}_level",
                         format_func=LEVEL_LABELS.get)
    framing = c4.selectbox("Framing", framings, key=f"{prefix}_framing", format_func=FRAMING_LABELS.get)
    return quantity, coaching, level, framing


def uncertainty_page() -> None:
    key, name = state.current_key(), state.current_name()
    a = compute.assumptions(key, name)
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
    state.default("mc_threshold", float(a["context.significance_threshold"]))
    threshold = st.number_input("Threshold (USD)", min_value=0.0,
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
    sensitivity_body(state.current_key(), state.current_name())


@st.fragment
def sensitivity_body(key, name: str) -> None:
    """The tornado and Sobol indices of the chosen output: a partial rerun (``st.fragment``), so that changing
    the output or the Sobol sample redraws only this page, not the sidebar."""
    st.subheader("Sensitivity: which assumption matters")
    quantity, coaching, level, framing = output_pickers("sa")
    st.markdown("**Tornado**: each uncertain parameter moved alone to the ends of its range, the others at "
                "the values in force.")
    a = compute.assumptions(key, name)
    t = compute.tornado(key, name, quantity, coaching, level, framing)
    shown = t[t["swing"] > 0].assign(name=lambda d: [f"{parameter_label(a, p, short=True)} ({a.specs[p].unit})"
                                                     for p in d.parameter])
    if len(shown):
        st.altair_chart(charts.tornado(shown, float(t["base"].iloc[0])), width="stretch")
    else:
        st.info("No uncertain parameter moves this output.")
    with st.expander("Tornado table"):
        tables.show(t, a=a)
    st.markdown("**Sobol indices** (SALib, Saltelli sampling): first-order S1 and total ST, with 95% "
                "confidence intervals.")
    state.default("sobol_n", int(compute.base()["analysis.sobol_samples"]))
    c1, c2 = st.columns(2)
    n = c1.select_slider("Base sample n (model runs: n x (parameters + 2))", SOBOL_NS, key="sobol_n")
    seed = c2.number_input("Seed", min_value=0, value=settings()["seed"], step=1, key="sobol_seed")
    with st.spinner(f"Sobol analysis, n = {n}\u2026"):
        sob = compute.sobol(key, name, quantity, coaching, level, framing, int(n), int(seed))
    top = sob.sort_values("ST", ascending=False).head(SOBOL_SHOWN)
    long = compute.sobol_long(top.assign(parameter=[f"{parameter_label(a, p, short=True)} ({a.specs[p].unit})"
                                                    for p in top.parameter]))
    st.altair_chart(charts.sobol_bars(long), width="stretch")
    st.caption(f"The {len(top)} parameters with the largest total index; every parameter is in the table.")
    with st.expander("Sobol table"):
        tables.show(sob, a=a)
    st.markdown(f"**Spearman rank correlation** of each drawn input with the output, over "
                f"{int(a['analysis.app_draws']):,} Monte Carlo draws, the declared rank correlations imposed.")
    spe = compute.spearman(key, name, quantity, coaching, level, framing, int(seed))
    tables.show(spe.assign(parameter=[f"{parameter_label(a, p, short=True)} ({a.specs[p].unit})"
                                      for p in spe.parameter]).rename(columns={"parameter": "input"}))
    state.sync_query_params()


def uncertainty_editor(a) -> None:
    """Each uncertain parameter's distribution (kind and arguments, as --dist) and the rank correlations
    as a matrix, editable; applied together, checked by the model, saved in the scenario file, the exports
    and the link."""
    from model.engines.correlation import load_correlations
    from model.engines.distributions import from_uncertainty

    with st.expander("Distributions and rank correlations of this scenario"):
        st.caption("A distribution as kind:arguments, the syntax of sescdp --dist: fixed:V, uniform:LOW:HIGH, "
                   "triangular:LOW:MODE:HIGH, pert:LOW:MODE:HIGH, normal:MEAN:SD, lognormal:P5:P95, "
                   "discrete:13@0.5,15@0.5. Correlations are Spearman rank correlations, strictly between -1 "
                   "and 1; the matrix must be positive definite.")
        session = st.session_state.get("dists", {})
        rows, row_ids = [], []
        for pid, spec in a.specs.items():
            d = from_uncertainty(spec)
            if d is None and pid not in session:
                continue
            rows.append({"Parameter": f"{parameter_label(a, pid)} ({spec.unit})",
                         "Assumption file": d.spec() if d else "fixed", "Distribution": session.get(pid, d.spec() if d else "")})
            row_ids.append(pid)
        table = pd.DataFrame(rows)
        pairs = {frozenset((e["a"], e["b"])): e["rho"] for e in load_correlations()}
        for pair, rho in st.session_state.get("correlations", {}).items():
            x, _, y = (p.strip() for p in pair.partition("~"))
            pairs[frozenset((x, y))] = rho
        ids = sorted({pid for pair in pairs for pid in pair}, key=list(a.specs).index)
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
                                f"{x} ~ {ids[j]}" in st.session_state.get("correlations", {}):
                            new[f"{x} ~ {ids[j]}"] = rho
                if state.set_uncertainty(dists, new, "app: distributions and correlations"):
                    state.flash("success", f"Applied: {len(dists)} distribution(s) and {len(new)} correlation(s) "
                                           "differ from the assumption files.")
                st.rerun()
