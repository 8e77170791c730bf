"""The scenario being edited, held in ``st.session_state``.

Keys: ``overrides`` (dict id -> value set, held fixed in the Monte Carlo), ``scenario_name``,
``saved`` (name -> (description, overrides) saved in this session), ``flash`` (messages shown once),
and one widget key per parameter (``widget_key(id)``). Every change goes through ``try_set``, which
validates the candidate with ``Assumptions.with_overrides`` and leaves the state untouched on error.
"""

from __future__ import annotations

from typing import Any, Mapping

import streamlit as st

from model.core.errors import ModelInputError
from model.core.numbers import parse_number
from model.outputs.export import read_workbook_scenario
from model.core.parameters import apply_scenario, load_scenario, parse_scenario_text

from . import compute

WIDGET_PREFIX = "w:"
UPLOAD_KEY = "upload"
LINK_ORIGIN = "link"
CUSTOM = "custom"


def widget_key(pid: str) -> str:
    """Session-state key of the input widget for parameter ``pid``."""
    return WIDGET_PREFIX + pid


def widget_value(pid: str, value: float) -> Any:
    """A parameter value as its widget holds it: bool for switches, int for counts, else float."""
    kind = compute.base().specs[pid].kind
    if kind == "switch":
        return bool(value)
    if kind == "count":
        return int(value)
    return float(value)


def overrides() -> dict[str, float]:
    """The scenario being edited: values that differ from the NPRM primary."""
    return dict(st.session_state["overrides"])


def current_key() -> compute.Key:
    return compute.key_of(st.session_state["overrides"], st.session_state.get("dists"),
                          st.session_state.get("correlations"))


def set_uncertainty(dists: Mapping[str, str], correlations: Mapping[str, float], origin: str) -> bool:
    """Replace the distributions and correlations the scenario sets (checked as --dist, and the matrix
    positive definite); on error show it and keep the state. Returns True when applied."""
    try:
        compute.primary().with_uncertainty(dict(dists), dict(correlations), origin=origin)
    except ModelInputError as exc:
        flash("error", str(exc))
        return False
    st.session_state["dists"] = dict(dists)
    st.session_state["correlations"] = dict(correlations)
    return True


def current_name() -> str:
    return st.session_state["scenario_name"]


def flash(kind: str, message: str) -> None:
    """Queue a message (``error``, ``success`` or ``info``) for the next render."""
    st.session_state.setdefault("flash", []).append((kind, message))


def _commit(values: Mapping[str, float], name: str, dists: Mapping[str, str] | None = None,
            correlations: Mapping[str, float] | None = None) -> None:
    """Store a validated scenario and move every widget to its value (``dists``/``correlations``: those of a
    loaded file, which replace the session's; None keeps them)."""
    if dists is not None or correlations is not None:
        st.session_state["dists"] = dict(dists or {})
        st.session_state["correlations"] = dict(correlations or {})
    base = compute.base()
    a = base.with_overrides(values, "app", scenario=name)
    st.session_state["overrides"] = dict(a.overrides)
    st.session_state["scenario_name"] = name if a.overrides or name != CUSTOM else compute.NPRM_NAME
    for pid in base.specs:
        st.session_state[widget_key(pid)] = widget_value(pid, a.values[pid])


def try_set(values: Mapping[str, Any], origin: str, name: str) -> bool:
    """Replace the scenario by the primary plus ``values``; on a ModelInputError show it and keep
    the state exactly as it was. Returns True when applied."""
    try:
        a = compute.base().with_overrides(values, origin, scenario=name)
    except ModelInputError as exc:
        flash("error", str(exc))
        return False
    _commit(a.overrides, name)
    return True


def view_options(pages) -> dict[str, tuple]:
    """The view a link restores besides the values: each key (a page widget's, or a Monte Carlo setting) and
    the values it may take."""
    from model.core.vocabulary import FRAMINGS, LEVELS, MODES
    from model.engines.fastpv import quantities
    from model.engines.montecarlo import SAMPLERS
    q = tuple(quantities(compute.base()))
    return {"page": tuple(pages), "results_framing": FRAMINGS, "results_level": LEVELS,
            "accounting_framing": FRAMINGS, "compare_framing": FRAMINGS, "omitted_level": LEVELS,
            "mc_quantity": q, "mc_coaching": MODES, "mc_level": LEVELS, "mc_framing": FRAMINGS,
            "sa_quantity": q, "sa_coaching": MODES, "sa_level": LEVELS, "sa_framing": FRAMINGS,
            MC_DRAWS: None, MC_SEED: None, MC_SAMPLER: SAMPLERS}


MC_DRAWS, MC_SEED, MC_SAMPLER = "mc_draws", "mc_seed", "mc_sampler"


def _apply_view(view: dict[str, str], options: dict[str, tuple]) -> list[str]:
    """Put a link's view into the session; returns the problems (one line each), applying the rest."""
    problems = []
    mc = {}
    for k, v in view.items():
        allowed = options[k]
        if allowed is not None:
            if v in allowed:
                st.session_state[k] = v
            else:
                problems.append(f"{k}: expected one of {', '.join(map(str, allowed))}, got {v!r}")
            continue
        try:
            n = int(v)
        except ValueError:
            n = -1
        lo, hi = (MIN_DRAWS, MAX_DRAWS) if k == MC_DRAWS else (0, max_seed())
        if not lo <= n <= hi:
            problems.append(f"{k}: expected a whole number from {lo:,} to {hi:,}, got {v[:40]!r}")
        else:
            mc[k] = n
    if MC_SAMPLER in st.session_state and st.session_state.get(MC_SAMPLER):
        mc[MC_SAMPLER] = st.session_state.pop(MC_SAMPLER)
    if mc:
        a = compute.base()
        st.session_state["mc_settings"] = {"draws": mc.get(MC_DRAWS, int(a["analysis.app_draws"])),
                                           "seed": mc.get(MC_SEED, int(a["analysis.seed"])),
                                           "sampler": mc.get(MC_SAMPLER, "lhs")}
    return problems


MIN_DRAWS, MAX_DRAWS = 100, 1_000_000  # the app's Monte Carlo: the CLI takes more


def max_seed() -> int:
    """The largest seed (analysis.seed's bound in its assumption file)."""
    return int(compute.base().specs["analysis.seed"].max)


def init(pages=()) -> None:
    """First run of a session: the NPRM primary, or the scenario and view in the link's query parameters
    (parameter ids with a dot are values; the other keys are the view: page, framing, level, coaching mode,
    output and Monte Carlo settings)."""
    if "overrides" in st.session_state:
        return
    st.session_state["overrides"] = {}
    st.session_state["scenario_name"] = compute.NPRM_NAME
    st.session_state["saved"] = {}
    _commit({}, compute.NPRM_NAME, {}, {})
    params = st.query_params.to_dict()  # keeps the last of a repeated key: refuse those first
    repeated = [k for k in st.query_params if len(st.query_params.get_all(k)) > 1]
    if repeated:
        flash("error", f"Link: {repeated[0][:80]!r}: given {len(st.query_params.get_all(repeated[0]))} times; "
                       "expected each parameter once. The link was not applied; showing the NPRM defaults.")
        return
    options = view_options(pages)
    view = {k: v for k, v in params.items() if k in options}
    unc = {k: v for k, v in params.items() if k.startswith((compute.DIST, compute.CORR))}
    params = {k: v for k, v in params.items() if k not in options and k not in unc}
    for problem in _apply_view(view, options):
        flash("error", f"Link: {problem}; that part of the view was not restored.")
    if unc:
        dists = {k.removeprefix(compute.DIST): v for k, v in unc.items() if k.startswith(compute.DIST)}
        corr = {}
        for k, v in unc.items():
            if k.startswith(compute.CORR):
                try:
                    corr[k.removeprefix(compute.CORR)] = parse_number(v)
                except ValueError:
                    flash("error", f"Link: {k}: expected a rank correlation between -1 and 1, got {v!r}")
        set_uncertainty(dists, corr, LINK_ORIGIN)
    if params and try_set(params, LINK_ORIGIN, "shared link"):
        flash("info", f"Opened a shared link: {len(st.session_state['overrides'])} value(s) differ from the NPRM.")
    elif params:
        flash("error", "The link's values were not applied; showing the NPRM defaults.")


def sync_query_params(pages=()) -> None:
    """Keep the URL's query parameters equal to ``link_params``, so that a copied link restores the scenario
    and the view."""
    wanted = link_params(pages)
    if st.query_params.to_dict() != wanted:
        st.query_params.clear()
        st.query_params.update(wanted)


def link_params(pages=()) -> dict[str, str]:
    """The query parameters of a link to this scenario and view: the values set, the distributions and
    correlations set, the page and pickers, and the Monte Carlo settings."""
    wanted = {pid: format_value(v) for pid, v in sorted(st.session_state["overrides"].items())}
    for k in view_options(pages):
        if k in st.session_state and isinstance(st.session_state[k], str):
            wanted[k] = st.session_state[k]
    mc = st.session_state.get("mc_settings")
    if mc:
        wanted.update({MC_DRAWS: str(mc["draws"]), MC_SEED: str(mc["seed"]), MC_SAMPLER: mc["sampler"]})
    wanted.update({compute.DIST + k: v for k, v in sorted(st.session_state.get("dists", {}).items())})
    wanted.update({compute.CORR + k: format_value(v) for k, v in sorted(st.session_state.get("correlations", {}).items())})
    return wanted


def format_value(value: float) -> str:
    """Shortest text that parses back to the same float (whole numbers without '.0')."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --- callbacks ------------------------------------------------------------------------------------


def on_param_change(pid: str) -> None:
    """A parameter widget moved: validate the new scenario; on error restore the widget."""
    raw = st.session_state[widget_key(pid)]
    values = overrides()
    values[pid] = float(raw)
    name = edited_name(current_name())
    if not try_set(values, "app input", name):
        old = compute.base().primary_values()[pid] if pid not in st.session_state["overrides"] \
            else st.session_state["overrides"][pid]
        st.session_state[widget_key(pid)] = widget_value(pid, old)


def edited_name(name: str) -> str:
    """The name of a scenario after a hand edit: ``custom`` from the NPRM, else ``<name> (edited)``."""
    if name in (compute.NPRM_NAME, CUSTOM) or name.endswith(" (edited)"):
        return CUSTOM if name == compute.NPRM_NAME else name
    return f"{name} (edited)"


def on_input_style_change() -> None:
    """Sliders switched on or off: the widgets are new, so give each the value in force."""
    values = compute.base().with_overrides(st.session_state["overrides"], "app").values
    for pid in compute.base().specs:
        st.session_state[widget_key(pid)] = widget_value(pid, values[pid])


def on_reset() -> None:
    """Back to the NPRM's values (and the assumption files' distributions and correlations)."""
    _commit({}, compute.NPRM_NAME, {}, {})
    flash("success", "Reset to the NPRM's values.")


def on_load_scenario(choice_key: str) -> None:
    """Load the scenario file (or session-saved scenario) chosen in the picker."""
    choice = st.session_state[choice_key]
    saved = st.session_state["saved"]
    if choice in saved:
        _, values = saved[choice]
        if try_set(values, f"saved scenario {choice!r}", choice):
            flash("success", f"Loaded saved scenario {choice!r}.")
        return
    try:
        sc = load_scenario(choice, compute.base())
        a = apply_scenario(compute.base(), sc)
    except ModelInputError as exc:
        flash("error", str(exc))
        return
    _commit(a.overrides, sc.name, a.dists, a.correlations)
    flash("success", f"Loaded scenario file {choice}.toml: {sc.name}.")


def upload_key() -> str:
    """The uploader's key: a new one after a rejected file, so the uploader is cleared."""
    return f"{UPLOAD_KEY}{st.session_state.get('upload_version', 0) or ''}"


def on_upload() -> None:
    """A scenario file was uploaded: apply it, or name the problem, clear the uploader and leave the
    scenario as it was."""
    uploaded = st.session_state.get(upload_key())
    if uploaded is None:
        return
    if not apply_scenario_file(uploaded.getvalue(), uploaded.name):
        st.session_state["upload_version"] = st.session_state.get("upload_version", 0) + 1


def apply_scenario_file(data: bytes | str, origin: str) -> bool:
    """Validate an uploaded scenario (TOML, or an exported workbook's Assumptions sheet when ``origin``
    ends in .xlsx) and apply it; any error is shown and leaves the state untouched."""
    try:
        if origin.lower().endswith(".xlsx"):
            sc = read_workbook_scenario(data if isinstance(data, bytes) else data.encode(), compute.base())
        else:
            sc = parse_scenario_text(data, origin, compute.base())
        a = apply_scenario(compute.base(), sc)
        if a.dists or a.correlations:
            compute.primary().with_uncertainty(dict(a.dists), dict(a.correlations), origin=origin)
    except ModelInputError as exc:
        where = "" if str(exc).startswith(origin) else f"{origin}: "
        flash("error", f"Scenario not loaded: {where}{exc}")
        return False
    _commit(a.overrides, sc.name, a.dists, a.correlations)
    flash("success", f"Loaded {origin}: {sc.name}.")
    return True


def save_current(name: str) -> bool:
    """Save the scenario being edited under ``name`` for this session."""
    name = name.strip()
    if not name:
        flash("error", "Save scenario: enter a name.")
        return False
    st.session_state["saved"][name] = (f"Saved in the app from {current_name()}", overrides())
    flash("success", f"Saved the current scenario as {name!r} for this session.")
    return True


# --- page widgets that keep their value while another page is shown -------------------------------

PERSISTENT_WIDGETS = ("results_framing", "results_level", "accounting_framing", "omitted_level", "compare_choice",
                      "compare_framing", "mc_quantity", "mc_coaching", "mc_level", "mc_framing", "mc_threshold",
                      "sa_quantity", "sa_coaching", "sa_level", "sa_framing", "sobol_n", "export_mc")


def keep_page_widgets() -> None:
    """Streamlit forgets a widget's value when its page is not drawn; re-assigning the key keeps it."""
    for k in PERSISTENT_WIDGETS:
        if k in st.session_state:
            st.session_state[k] = st.session_state[k]


def default(key: str, value: Any) -> None:
    """A page widget's initial value (set through the session, so the widget takes no default)."""
    st.session_state.setdefault(key, value)
