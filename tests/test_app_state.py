"""The app's one state object (``ui.appstate.AppState``, held by ``ui.state``): a share link round-trips it, a
refused edit leaves it exactly as it was, and the app reaches the model only through the public ``model``
package (the import-linter contract, and app.py read here)."""

from __future__ import annotations

import ast
import doctest
import sys
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui import state  # noqa: E402
from ui.appstate import AppState  # noqa: E402

APP = str(ROOT / "app.py")
RATE = "coaching.external_rate"
PAIR = "cohort.participants ~ cohort.applicants_assessed"
PAGES = ("Results", "Accounting", "Uncertainty")


def test_a_scenario_with_overrides_a_distribution_and_a_correlation_round_trips_through_a_link():
    s = AppState(name="shared link", overrides=(("agencies.count", 15.0), (RATE, 2500.0)),  # sorted by id
                 dists=((RATE, "uniform:900:1100"),), correlations=((PAIR, 0.25),),
                 view=(("accounting_framing", "incremental"), ("mc_coaching", "mixed"), ("page", "Accounting")),
                 mc=(2000, 7, "sobol"))
    query = s.to_query()
    assert query == {"agencies.count": "15", RATE: "2500", f"dist:{RATE}": "uniform:900:1100", f"corr:{PAIR}": "0.25",
                     "accounting_framing": "incremental", "mc_coaching": "mixed", "page": "Accounting",
                     "mc_draws": "2000", "mc_seed": "7", "mc_sampler": "sobol"}
    back, problems = AppState.from_query(query, PAGES)
    assert problems == [] and back == s
    assert back.to_query() == query


def test_a_link_keeps_what_it_can_and_names_the_rest():
    back, problems = AppState.from_query({"page": "Nowhere", "mc_draws": "5000000", RATE: "1500"}, PAGES)
    assert len(problems) == 2 and problems[0].startswith("page:") and "mc_draws" in problems[1]
    assert back.overrides == ((RATE, 1500.0),) and back.view == () and back.mc is None
    refused, problems = AppState.from_query({RATE: ["1500", "1600"]}, PAGES)
    assert refused == AppState() and "given 2 times" in problems[0]


@pytest.fixture
def bare_session():
    """``ui.state`` run bare (no app): st.session_state is a plain store, cleared around the test."""
    import streamlit as st
    st.session_state.clear()
    yield st.session_state
    st.session_state.clear()


@pytest.mark.parametrize("edit, named", [
    ({"overrides": ((RATE, 1500.0), ("agencies.count", 5.0))}, "agencies.count"),
    ({"dists": ((RATE, "uniform:3000:200"),)}, "low 3000 > high 200"),
    ({"correlations": ((PAIR, 1.5),)}, PAIR),
])
def test_a_refused_edit_leaves_the_state_unchanged(bare_session, edit, named):
    from dataclasses import replace
    assert state.commit(AppState(overrides=((RATE, 1500.0),), view=(("page", "Results"),)), "test")
    before = state.current()
    assert before.name == "NPRM primary" and before.overrides == ((RATE, 1500.0),)
    bare_session["flash"] = []
    assert not state.commit(replace(before, **edit), "app input")
    assert state.current() is before
    (message,) = bare_session["flash"]
    assert message[0] == "error" and named in message[1] and "\n" not in message[1]


@pytest.mark.slow  # runs the app in Streamlit's test runner
def test_a_refused_widget_edit_keeps_the_state_and_the_widget():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.toggle(key="use_sliders").set_value(False).run()
    at.number_input(key=f"w:{RATE}").set_value(1500).run()
    before = at.session_state["app"]
    at.number_input(key="w:labor.hours_per_year").set_value(0).run()
    (msg,) = [e.value for e in at.error]
    assert "labor.hours_per_year" in msg
    assert at.session_state["app"] == before
    with (ROOT / "assumptions" / "labor.toml").open("rb") as fh:
        assert at.number_input(key="w:labor.hours_per_year").value == tomllib.load(fh)["hours_per_year"]["value"]
    assert at.number_input(key=f"w:{RATE}").value == 1500  # nothing the user entered before is lost


def test_the_app_imports_only_the_public_model_package():
    """ui/ by the import-linter contract (pyproject.toml, run by tests/test_layers.py and .ci/run); app.py, a module
    import-linter cannot root, read here: it imports streamlit and ui, nothing of model."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c.get("source_modules") == ["ui"]]
    assert {"model.core", "model.engines", "model.outputs", "model.cli", "model.api"} <= set(contract["forbidden_modules"])
    tree = ast.parse((ROOT / "app.py").read_text())
    imported = {n.module if isinstance(n, ast.ImportFrom) else a.name for n in ast.walk(tree)
                if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    assert {m.split(".")[0] for m in imported} <= {"streamlit", "ui"}


def test_every_app_module_is_short():
    for path in [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]:
        assert len(path.read_text().splitlines()) < 300, path.name


def test_the_front_end_api_docstrings_run():
    import model
    for module in (model.view, model.editing):
        failed, tried = doctest.testmod(module, verbose=False)
        assert tried >= 1 and failed == 0, module.__name__


@pytest.mark.slow  # runs the app in Streamlit's test runner
def test_a_link_with_a_distribution_and_a_correlation_opens_them():
    """(as tests/test_scenario_uncertainty.py checks through the old session keys)"""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({f"dist:{RATE}": "uniform:200:3000", f"corr:{PAIR}": "0.2", "page": "Uncertainty"})
    at.run()
    assert not at.exception and not [e.value for e in at.error]
    s = at.session_state["app"]
    assert dict(s.dists) == {RATE: "uniform:200:3000"} and dict(s.correlations) == {PAIR: 0.2}
    assert at.query_params[f"dist:{RATE}"] == "uniform:200:3000" and at.radio(key="page").value == "Uncertainty"
    bad = AppTest.from_file(APP, default_timeout=120)
    bad.query_params.update({f"dist:{RATE}": "uniform:3000:200"})
    bad.run()
    assert any("low 3000 > high 200" in e.value for e in bad.error) and bad.session_state["app"].dists == ()
