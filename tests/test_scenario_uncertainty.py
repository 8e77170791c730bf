"""A scenario's own distributions and rank correlations (issue 11): set in the API, the app or a link,
checked as --dist is, used by every Monte Carlo, and kept in scenario files, exports and links."""

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from model.api import Scenario
from model.cli.main import main
from model.core.errors import ModelInputError

APP = str(Path(__file__).resolve().parent.parent / "app.py")
RATE = "coaching.external_rate"
PAIR = "cohort.participants ~ cohort.applicants_assessed"


@pytest.mark.slow
def test_round_trip_through_a_scenario_file(tmp_path):
    s = Scenario.load().with_uncertainty({RATE: "uniform:200:3000"}, {PAIR: 0.2})
    path = s.export(tmp_path / "s.toml")
    back = Scenario.load(path)
    assert dict(back.assumptions.dists) == {RATE: "uniform:200:3000"}
    assert dict(back.assumptions.correlations) == {PAIR: 0.2}
    assert back.digest == s.digest != Scenario.load().digest
    res = back.simulate(4000, 1)
    assert res.meta["dists"][RATE] == "uniform:200:3000" and res.meta["correlations"][PAIR] == 0.2
    # with every other parameter fixed, the external fee follows the uniform: mean 25 x 10 h x (200 + 3000) / 2
    held = back.simulate(4000, 1, fixed=True)
    fees = held.outputs("external", "agency", "year1_total") - held.outputs("internal", "agency", "year1_total")
    assert np.mean(fees) == pytest.approx(25 * 10 * 1600, rel=0.01)
    assert fees.min() >= 25 * 10 * 200 - 1e-6 and fees.max() <= 25 * 10 * 3000 + 1e-6
    prov = json.loads(back.report(date="2025").to_bytes("json"))["provenance"]
    assert prov["scenario_distributions"] == {RATE: "uniform:200:3000"}


def test_cli_reads_them_from_a_scenario_file(tmp_path, capsys):
    (tmp_path / "u.toml").write_text('[scenario]\nname = "u"\ndescription = "d"\n[overrides]\n'
                                     f'[distributions]\n"{RATE}" = "uniform:500:600"\n')
    assert main(["simulate", "--scenario", str(tmp_path / "u.toml"), "--draws", "200", "--seed", "1",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["dists"][RATE] == "uniform:500:600"
    (tmp_path / "bad.toml").write_text('[scenario]\nname = "u"\ndescription = "d"\n[overrides]\n'
                                       f'[distributions]\n"{RATE}" = "uniform:600:500"\n')
    assert main(["run", "--scenario", str(tmp_path / "bad.toml")]) == 2
    assert "low 600 > high 500" in capsys.readouterr().err


def test_bad_uncertainty_is_refused():
    with pytest.raises(ModelInputError, match="low 3000 > high 200"):
        Scenario.load().with_uncertainty({RATE: "uniform:3000:200"})
    with pytest.raises(ModelInputError, match="not positive definite"):
        Scenario.load().with_uncertainty({}, {"labor.annual_salary ~ labor.participant_loaded_hourly": 0.99,
                                              "labor.annual_salary ~ coaching.coach_loaded_hourly": -0.99})


@pytest.mark.slow
def test_app_link_and_download_keep_them():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({f"dist:{RATE}": "uniform:200:3000", f"corr:{PAIR}": "0.2", "page": "Uncertainty"})
    at.run()
    assert not at.exception and not [e.value for e in at.error]
    assert dict(at.session_state["app"].dists) == {RATE: "uniform:200:3000"}
    assert dict(at.session_state["app"].correlations) == {PAIR: 0.2}
    assert at.query_params[f"dist:{RATE}"] == "uniform:200:3000"
    bad = AppTest.from_file(APP, default_timeout=120)
    bad.query_params.update({f"dist:{RATE}": "uniform:3000:200"})
    bad.run()
    assert any("low 3000 > high 200" in e.value for e in bad.error) and bad.session_state["app"].dists == ()
