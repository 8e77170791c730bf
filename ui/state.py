"""The app's state: one frozen ``AppState`` in ``st.session_state[KEY]``, the scenario being edited (name, values
set, distributions, correlations, scenarios saved in the session) and the view (page, pickers, Monte Carlo
settings). ``to_query``/``from_query`` make and read a share link.

Each widget writes to the state through one callback that builds a new state; a scenario edit is validated
once, by building it through the public API (``ui.compute.scenario``); on error one message names the parameter
and the previous state stays, so nothing entered is lost. ``sync_widgets`` then gives every widget its value
from the state, at the top of each run. Besides the state, ``flash`` holds messages shown once and
``upload_version`` the uploader's generation (widget plumbing, not state).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Sequence

import streamlit as st

from model import ModelInputError, Scenario, editing, view

from . import compute
from .appstate import (CUSTOM, MAX_DRAWS, MIN_DRAWS, NPRM_NAME, VIEW, AppState, pairs, max_seed)

KEY = "app"
WIDGET_PREFIX = "w:"
UPLOAD_KEY = "upload"
LINK_ORIGIN = "link"


def widget_key(pid: str) -> str:
    """Session-state key of the input widget for parameter ``pid``."""
    return WIDGET_PREFIX + pid



# --- the state in the session --------------------------------------------------------------------------------


def current() -> AppState:
    """The state of this session (a new one before ``init``)."""
    return st.session_state.get(KEY) or AppState()


def scenario() -> Scenario:
    """The scenario being edited, built (and cached) through the public API."""
    s = current()
    return compute.scenario(s.key, s.name)


def _store(new: AppState) -> None:
    st.session_state[KEY] = new


def crash_log(exc: BaseException) -> str:
    """Write an unexpected error's traceback to a new temp file (``model.view.crash_log``); returns its path."""
    return view.crash_log(exc)


def flash(kind: str, message: str) -> None:
    """Queue a message (``error``, ``success`` or ``info``) for the next render."""
    st.session_state.setdefault("flash", []).append((kind, message))


def commit(new: AppState, origin: str = "app input") -> bool:
    """Validate ``new`` once, by building its scenario through the public API, and store it with the values as
    the model reads them; on a ModelInputError show it and keep the state as it was. True when applied."""
    try:
        s = compute.scenario(new.key, new.name, _origin=origin)
    except ModelInputError as exc:
        flash("error", str(exc))
        return False
    name = new.name if s.changed or new.name != CUSTOM else NPRM_NAME
    _store(replace(new, name=name, overrides=pairs({k: v["value"] for k, v in s.changed.items()})))
    return True


def _from_scenario(s: Scenario, name: str | None = None) -> AppState:
    """The current state with the scenario replaced by ``s`` (already validated: a file or an upload)."""
    dists, corr = editing.scenario_uncertainty(s)
    return replace(current(), name=name or s.name, overrides=pairs({k: v["value"] for k, v in s.changed.items()}),
                   dists=pairs(dists), correlations=pairs(corr))


def init(pages: Sequence[str] = ()) -> None:
    """First run of a session: the NPRM primary, or the scenario and view of the link in the URL."""
    if KEY in st.session_state:
        return
    wanted, problems = AppState.from_query({k: st.query_params.get_all(k) for k in st.query_params}, pages)
    for problem in problems:
        flash("error", f"Link: {problem}")
    _store(AppState(view=wanted.view, mc=wanted.mc))
    if wanted.overrides or wanted.dists or wanted.correlations:
        if commit(wanted, LINK_ORIGIN):
            flash("info", f"Opened a shared link: {len(current().overrides)} value(s) differ from the NPRM.")
        else:
            flash("error", "The link's values were not applied; showing the NPRM defaults.")


def sync_widgets() -> None:
    """Give every widget its value from the state (Streamlit forgets a widget's value while its page is not
    drawn, and a refused edit puts the widget back)."""
    s = current()
    values = {pid: p.value for pid, p in compute.parameters().items()} | dict(s.overrides)
    for pid, p in compute.parameters().items():
        st.session_state[widget_key(pid)] = widget_value(p.kind, values[pid])
    for k in VIEW:
        if s.get(k) is not None:
            st.session_state[k] = s.get(k)


def widget_value(kind: str, value: float) -> Any:
    """A parameter value as its widget holds it: bool for switches, int for counts, else float."""
    return bool(value) if kind == "switch" else int(value) if kind == "count" else float(value)


def sync_query_params() -> None:
    """Keep the URL's query parameters equal to the state's share link."""
    wanted = current().to_query()
    if st.query_params.to_dict() != wanted:
        st.query_params.clear()
        st.query_params.update(wanted)


# --- callbacks: one per widget, each builds a new state -----------------------------------------------------


def on_view(key: str) -> None:
    """A view widget (page, picker, threshold, switch) changed: keep its value in the state."""
    _store(current().with_view(**{key: st.session_state[key]}))


def on_param_change(pid: str) -> None:
    """A parameter widget moved: the scenario with the new value, validated; refused, the widget goes back."""
    s = current()
    commit(replace(s, name=edited_name(s.name), overrides=pairs({**dict(s.overrides),
                                                                    pid: float(st.session_state[widget_key(pid)])})))


def edited_name(name: str) -> str:
    """The name of a scenario after a hand edit: ``custom`` from the NPRM, else ``<name> (edited)``."""
    if name in (NPRM_NAME, CUSTOM) or name.endswith(" (edited)"):
        return CUSTOM if name == NPRM_NAME else name
    return f"{name} (edited)"


def on_reset() -> None:
    """Back to the NPRM's values (and the assumption files' distributions and correlations)."""
    s = current()
    _store(AppState(view=s.view, mc=s.mc, saved=s.saved))
    flash("success", "Reset to the NPRM's values.")


def on_load_scenario(choice_key: str) -> None:
    """Load the scenario file (or session-saved scenario) chosen in the picker."""
    choice = st.session_state[choice_key]
    saved = {name: ov for name, _, ov in current().saved}
    if choice in saved:
        if commit(replace(current(), name=choice, overrides=saved[choice], dists=(), correlations=()),
                  f"saved scenario {choice!r}"):
            flash("success", f"Loaded saved scenario {choice!r}.")
        return
    try:
        s = Scenario.load(choice)
    except ModelInputError as exc:
        flash("error", str(exc))
        return
    _store(_from_scenario(s))
    flash("success", f"Loaded scenario file {choice}.toml: {s.name}.")


def set_uncertainty(dists: Mapping[str, str], correlations: Mapping[str, float], origin: str) -> bool:
    """Replace the distributions and correlations the scenario sets (checked as --dist, the matrix positive
    definite); on error show it and keep the state. True when applied."""
    return commit(replace(current(), dists=pairs(dists), correlations=pairs(correlations)), origin)


def on_mc_submit() -> None:
    """The simulation form was submitted: keep its settings, or name what is wrong and keep the last ones."""
    draws, seed = st.session_state["mc_draws_input"], st.session_state["mc_seed_input"]
    problem = mc_problem(draws, seed)
    if problem:
        flash("error", f"Not run: {problem}. The last simulation is shown.")
    else:
        _store(replace(current(), mc=(int(draws), int(seed), st.session_state["mc_sampler_input"])))


def mc_problem(draws: float, seed: float) -> str | None:
    """What is wrong with the Monte Carlo settings, in one line, or None."""
    if draws != int(draws) or not MIN_DRAWS <= draws <= MAX_DRAWS:
        return (f"Draws: expected a whole number from {MIN_DRAWS:,} to {MAX_DRAWS:,} in the app "
                f"(sescdp simulate takes more), got {draws:,.10g}")
    if seed != int(seed) or not 0 <= seed <= max_seed():
        return f"Seed: expected a whole number from 0 to {max_seed():,}, got {seed:,.10g}"
    return None


def mc_settings() -> dict:
    """The simulation settings in force (draws, seed, sampler): the last submitted, else analysis.app_draws,
    analysis.seed and Latin hypercube, kept from the first visit of the Uncertainty page."""
    if current().mc is None:
        base = compute.primary()
        _store(replace(current(), mc=(int(base["analysis.app_draws"]), int(base["analysis.seed"]), "lhs")))
    return current().mc_settings


def upload_key() -> str:
    """The uploader's key: a new one after a rejected file, so the uploader is cleared."""
    return f"{UPLOAD_KEY}{st.session_state.get('upload_version', 0) or ''}"


def on_upload() -> None:
    """A scenario file was uploaded: apply it, or name the problem, clear the uploader and keep the state."""
    uploaded = st.session_state.get(upload_key())
    if uploaded is not None and not apply_scenario_file(uploaded.getvalue(), uploaded.name):
        st.session_state["upload_version"] = st.session_state.get("upload_version", 0) + 1


def apply_scenario_file(data: bytes | str, origin: str) -> bool:
    """Validate an uploaded scenario (TOML, or an exported workbook's Assumptions sheet when ``origin`` ends in
    .xlsx) and apply it; any error is shown in one message and leaves the state untouched."""
    try:
        s = editing.scenario_from_bytes(data, origin)
    except ModelInputError as exc:
        flash("error", f"Scenario not loaded: {exc}")
        return False
    _store(_from_scenario(s))
    flash("success", f"Loaded {origin}: {s.name}.")
    return True


def prepared(wanted: tuple) -> None:
    """The Downloads page built its files for ``wanted`` (scenario key, name, draws, seed)."""
    _store(replace(current(), exports_for=wanted))


def save_current(name: str) -> bool:
    """Save the scenario being edited under ``name`` for this session."""
    name, s = name.strip(), current()
    if not name:
        flash("error", "Save scenario: enter a name.")
        return False
    saved = tuple(x for x in s.saved if x[0] != name) + ((name, f"Saved in the app from {s.name}", s.overrides),)
    _store(replace(s, saved=saved))
    flash("success", f"Saved the current scenario as {name!r} for this session.")
    return True
