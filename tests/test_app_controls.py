"""The app's controls respect the user (issue 11): slider grids hold the NPRM value, an out-of-range input is
named rather than clamped, a link restores the whole view, the picker shows scenario names, a rejected upload
clears the uploader, downloads are off until prepared for the scenario on screen, and inputs that would divide
by zero are refused with one message."""

from pathlib import Path

import pytest

from streamlit.testing.v1 import AppTest

from model.core.parameters import list_scenarios, load_assumptions, load_scenario

pytestmark = pytest.mark.slow  # the app run in Streamlit's test runner (seconds a test)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
RATE = "coaching.external_rate"


def fresh(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if query:
        at.query_params.update(query)
    return at.run()



def overrides(at: AppTest) -> dict:
    """The values the scenario being edited sets (the app's one state object, ``ui.state.AppState``)."""
    return dict(at.session_state["app"].overrides)

def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_every_slider_grid_holds_the_nprm_value():
    at = fresh()
    a = load_assumptions()
    assert at.slider, "sliders are the default"
    for s in at.slider:
        pid = s.key.removeprefix("w:")
        primary = a.specs[pid].value
        step = s.proto.step
        assert s.min <= primary <= s.max, pid
        k = (primary - s.min) / step
        assert abs(k - round(k)) < 1e-6, f"{pid}: {primary} is not on the grid {s.min} + k x {step}"


def test_out_of_range_inputs_are_named_not_clamped():
    at = fresh()
    at.toggle(key="use_sliders").set_value(False).run()
    at.number_input(key="w:labor.hours_per_year").set_value(0).run()
    (msg,) = errors(at)
    assert "labor.hours_per_year" in msg and "at least 1" in msg
    assert overrides(at) == {}
    for page in ("Results", "Accounting", "Uncertainty"):
        at.radio(key="page").set_value(page).run()
        assert not at.exception, page
    at.number_input(key="w:context.significance_threshold").set_value(0).run()
    assert any("context.significance_threshold" in e for e in errors(at))
    at.radio(key="page").set_value("Uncertainty").run()
    at.number_input(key="mc_draws_input").set_value(5_000_000)
    at.button(key="mc_run").click().run()
    assert any("Draws: expected a whole number from 100 to 1,000,000" in e for e in errors(at))
    assert not at.exception


def test_a_link_restores_the_page_pickers_and_monte_carlo_settings():
    at = fresh({"page": "Accounting", "accounting_framing": "incremental", "mc_draws": "2000", "mc_seed": "7",
                "mc_sampler": "sobol", RATE: "1500"})
    assert not at.exception and not errors(at)
    assert at.radio(key="page").value == "Accounting"
    assert at.radio(key="accounting_framing").value == "incremental"
    assert at.session_state["app"].mc_settings == {"draws": 2000, "seed": 7, "sampler": "sobol"}
    assert overrides(at) == {RATE: 1500.0}
    assert at.query_params["page"] == "Accounting" and at.query_params["mc_draws"] == "2000"
    bad = fresh({"page": "Nowhere", "mc_draws": "5000000"})
    assert not bad.exception and len(errors(bad)) == 2


def test_scenario_picker_shows_names():
    at = fresh()
    picker = at.selectbox(key="scenario_choice")
    base = load_assumptions()
    assert set(picker.options) >= {load_scenario(s, base).name for s in list_scenarios()}


def test_rejected_upload_clears_the_uploader():
    at = fresh()
    at.file_uploader(key="upload").set_value(("bad.toml", b"[scenario\n", "application/toml")).run()
    assert errors(at) and overrides(at) == {}
    assert [u.key for u in at.file_uploader] == ["upload1"] and not at.file_uploader[0].value


def test_downloads_go_stale_when_the_scenario_changes():
    at = fresh()
    at.radio(key="page").set_value("Downloads").run()
    at.button(key="prepare_exports").click().run()
    json_button = lambda: next(b for b in at.download_button if b.key == "download_json")  # noqa: E731
    assert not json_button().proto.disabled
    at.toggle(key="use_sliders").set_value(False).run()
    at.number_input(key=f"w:{RATE}").set_value(1500).run()
    assert json_button().proto.disabled


def test_every_table_on_every_page_reads_as_published():
    """The cells of every table (the browser draws st.dataframe on a canvas, so the browser test cannot read
    them): no internal id, no number with more than two decimals."""
    import re

    ids = set(load_assumptions().specs) | {"as_published", "year1_total", "pv_3", "pv_7"}
    long_number = re.compile(r"(?<![\d.])(?!41[0-2]\.\d{3}\b)\d[\d,]*\.\d{3,}(?![\d.])")
    at = fresh()
    for page in ("Results", "Accounting", "Published vs complete", "Uncertainty", "Sensitivity", "Scenarios",
                 "Sources"):
        at.radio(key="page").set_value(page).run()
        assert not at.exception, page
        frames = [d.value for d in at.dataframe] + [t.value for t in at.table]
        for df in frames:
            cells = [str(c) for c in df.columns] + [str(v) for v in df.reset_index().to_numpy().ravel()]
            for cell in cells:
                assert not any(re.search(rf"(?<![\w.]){re.escape(i)}(?![\w])", cell) for i in ids), (page, cell)
                if len(cell) < 60:  # a figure, not prose (a reasoning may quote $77.377 to show a rounding)
                    assert not long_number.search(cell), (page, cell)


def test_sensitivity_shows_spearman_by_parameter_name():
    from model.api import Scenario

    at = fresh()
    at.radio(key="page").set_value("Sensitivity").run()
    (spe,) = [d.value for d in at.dataframe if "Spearman rho" in d.value.columns]
    pick = {k: at.selectbox(key=f"sa_{k}").value for k in ("quantity", "coaching", "level", "framing")}
    expected = Scenario.load().spearman(pick["quantity"], pick["coaching"], pick["level"], pick["framing"],
                                        seed=int(at.number_input(key="sobol_seed").value))
    first = load_assumptions().specs[expected.parameter.iloc[0]]
    assert spe["Input"].iloc[0].startswith(first.description.split(" (")[0].split(";")[0].rstrip("."))
    assert spe["Spearman rho"].iloc[0] == f"{expected.rho.iloc[0]:,.2f}".rstrip("0").rstrip(".")
