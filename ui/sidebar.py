"""The assumptions editor: every parameter as an input, grouped by topic (assumption file), with its
unit in the label and its source quote in the help text; scenario picker, reset, upload, download."""

from __future__ import annotations

import math

import streamlit as st

from model import editing, list_scenarios, view

from . import compute, state

TOPIC_TITLES = {
    "labor": "Labor rates", "agencies": "Agencies", "policy": "Policy (re)approval", "cohort": "Cohorts",
    "training": "Formal training", "assessment": "Executive assessment", "coaching": "Coaching",
    "mentoring": "Mentoring", "evaluation": "Evaluation (412.303)", "accounting": "Accounting switches",
    "analysis": "Analysis (horizon, discounting, seeds)", "context": "Context thresholds",
    "practice": "Current practice (the baseline)", "assignment": "Developmental assignment (412.302(c)(3))",
    "edp": "Executive Development Plan template", "alternative": "Regulatory alternatives",
}
EXPANDED = ("coaching",)
CHANGED_MARK = "●"


def topics() -> dict[str, list[str]]:
    """Parameter ids grouped by file stem, in catalog order."""
    out: dict[str, list[str]] = {}
    for pid, p in compute.parameters().items():
        out.setdefault(p.topic, []).append(pid)
    return out


def help_text(spec: editing.Parameter, primary: float) -> str:
    """Help for one input: description, the NPRM value, the source quote (or reasoning) and range."""
    parts = [spec.description, f"**NPRM value:** {primary:,.6g} {spec.unit}"]
    if spec.analyst:
        parts.append(f"**Source:** analyst assumption. {spec.reasoning}")
    else:
        parts.append(f"**Source:** {spec.source}, {spec.section}: \u201c{spec.quote}\u201d")
    if spec.distribution is not None:
        parts.append(f"**Uncertainty:** {spec.distribution}, {spec.low:,.6g} to {spec.high:,.6g}")
    if spec.note:
        parts.append(f"*Note:* {spec.note}")
    return "\n\n".join(parts)


def label(pid: str, spec: editing.Parameter, changed: bool) -> str:
    """Input label: the parameter's key and unit, marked when it differs from the NPRM."""
    key = pid.split(".", 1)[1].replace("_", " ")
    text = key if spec.kind == "switch" else f"{key} ({spec.unit})"
    return f":orange[{CHANGED_MARK} **{text}**]" if changed else text


def step_and_format(spec: editing.Parameter, primary: float) -> tuple[float, str]:
    """A step and printf format for a quantity input, from the magnitude of its values."""
    ref = max(abs(primary), abs(spec.high) if spec.high is not None else 0.0)
    if ref == 0:
        return 1.0, "%.2f"
    if ref < 1:
        return 0.005, "%.4f"
    step = 10.0 ** max(math.floor(math.log10(ref)) - 1, -2)
    decimals = 2 if primary != round(primary) or step < 1 else 0
    return step, f"%.{decimals}f"


SLIDERS_KEY = "use_sliders"


def slider_bounds(spec: editing.Parameter, current: float) -> tuple[float, float] | None:
    """A slider's ends: the parameter's uncertainty range, widened to hold the NPRM and current values
    (so an uploaded value outside the range never breaks the widget); None if it has no range."""
    if spec.low is None or spec.low == spec.high:
        return None
    lo, hi = min(spec.low, spec.value, current), max(spec.high, spec.value, current)
    if spec.min is not None:
        lo = max(lo, spec.min)
    if spec.max is not None:
        hi = min(hi, spec.max)
    return (lo, hi) if lo < hi else None


def slider_grid(spec: editing.Parameter, current: float) -> tuple[float, float, float] | None:
    """(min, max, step) of a slider whose grid min + k x step holds the NPRM value and the value in force, or
    None when no such grid fits (the parameter then gets an exact number box)."""
    bounds = slider_bounds(spec, current)
    if bounds is None:
        return None
    if spec.kind == "count":
        return float(math.floor(bounds[0])), float(math.ceil(bounds[1])), 1.0
    step = step_and_format(spec, spec.value)[0]
    while step > (bounds[1] - bounds[0]) / 20:
        step /= 10
    lo = spec.value - step * math.ceil((spec.value - bounds[0]) / step - GRID_TOL)
    hi = spec.value + step * math.ceil((bounds[1] - spec.value) / step - GRID_TOL)
    if spec.min is not None and lo < spec.min - GRID_TOL:
        lo += step * math.ceil((spec.min - lo) / step - GRID_TOL)
    if spec.max is not None and hi > spec.max + GRID_TOL:
        hi -= step * math.ceil((hi - spec.max) / step - GRID_TOL)
    k = (current - lo) / step
    if abs(k - round(k)) > GRID_TOL or not lo - GRID_TOL <= current <= hi + GRID_TOL or lo >= hi:
        return None
    return round(lo, GRID_DECIMALS), round(hi, GRID_DECIMALS), step


GRID_TOL = 1e-9
GRID_DECIMALS = 10


def parameter_input(pid: str, changed: bool) -> None:
    """One parameter's widget, bound to ``st.session_state[widget_key(pid)]``: a slider over the
    parameter's uncertainty range (its grid through the NPRM value) when sliders are on and it has one,
    else an exact number box. Bounds are checked by the model, which names a value out of range; a widget
    never clamps it silently."""
    spec = compute.parameters()[pid]
    primary = spec.value
    common = dict(key=state.widget_key(pid), help=help_text(spec, primary), on_change=state.on_param_change,
                  args=(pid,))
    grid = slider_grid(spec, float(st.session_state[state.widget_key(pid)]))
    if spec.kind == "switch":
        st.toggle(label(pid, spec, changed), **common)
    elif state.current().get(SLIDERS_KEY) and grid is not None:
        lo, hi, step = grid
        if spec.kind == "count":
            st.slider(label(pid, spec, changed), min_value=int(lo), max_value=int(hi), step=1, **common)
        else:
            st.slider(label(pid, spec, changed), min_value=lo, max_value=hi, step=step,
                      format=step_and_format(spec, primary)[1], **common)
    elif spec.kind == "count":
        st.number_input(label(pid, spec, changed), step=1, **common)
    else:
        step, fmt = step_and_format(spec, primary)
        st.number_input(label(pid, spec, changed), step=step, format=fmt, **common)


def scenario_controls() -> None:
    """Scenario picker, reset, upload and download of the scenario being edited."""
    names = list_scenarios() + [n for n, _, _ in state.current().saved if n not in list_scenarios()]
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    c1.selectbox("Scenario", names, key="scenario_choice", format_func=compute.scenario_title,
                 index=names.index("primary") if "primary" in names else 0,
                 help="Files in assumptions/scenarios/ and scenarios saved in this session.")
    c2.button("Load", key="load_scenario", on_click=state.on_load_scenario, args=("scenario_choice",))
    st.button("Reset to the NPRM's values", key="reset", on_click=state.on_reset, width="stretch")
    st.file_uploader("Upload a scenario (TOML, or an exported workbook)", type=["toml", "xlsx"], key=state.upload_key(),
                     on_change=state.on_upload,
                     help="A scenario file in the format of assumptions/scenarios/*.toml ([scenario] name, "
                          "description; [overrides]), or an .xlsx exported from the Downloads page whose "
                          "Assumptions sheet you edited.")
    s = state.scenario()
    st.download_button("Download this scenario (TOML)", editing.scenario_file_text(s, state.current().name,
                       f"Saved from the SESCDP app; {len(s.changed)} value(s) differ from the NPRM primary."),
                       file_name="scenario.toml", mime="application/toml", key="download_scenario",
                       width="stretch")


def changed_summary() -> None:
    """The values that differ from the NPRM, NPRM -> current."""
    ov, params, s = state.current().overrides, compute.parameters(), state.scenario()
    if not ov:
        st.caption("All values are the NPRM's.")
        return
    lines = [f"- {view.parameter_label(s, pid, short=True)}: {params[pid].value:,.6g} \u2192 **{v:,.6g}** "
             f"{params[pid].unit}" for pid, v in ov]
    st.markdown(f"**{len(ov)} value(s) set:**\n" + "\n".join(lines))


def render() -> None:
    """The whole sidebar."""
    with st.sidebar:
        st.header("Assumptions")
        st.caption(f"Scenario: **{state.current().name}**")
        scenario_controls()
        st.toggle("Sliders (off: exact number boxes)", key=SLIDERS_KEY, on_change=state.on_view, args=(SLIDERS_KEY,),
                  help="Sliders span each parameter's uncertainty range (widened to hold the NPRM and current "
                       "values); parameters without a range keep a number box. Turn off to type exact values.")
        changed_summary()
        ov = dict(state.current().overrides)
        for topic, pids in topics().items():
            n = sum(pid in ov for pid in pids)
            with st.expander(TOPIC_TITLES.get(topic, topic), expanded=topic in EXPANDED):
                if n:
                    st.caption(f":orange[{n} changed]")
                for pid in pids:
                    parameter_input(pid, pid in ov)
