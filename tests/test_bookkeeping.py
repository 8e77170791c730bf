"""The labels and bookkeeping of the exported numbers (issue 10, defects 1-6), each checked through the
files a user gets (`sescdp export ... --out x.json`), with the arithmetic written out by hand from the
assumption files. Each test failed before its fix (commit 7217629)."""

import io
import json
from contextlib import redirect_stderr

import pandas as pd
import pytest

from model.cli.main import main
from test_incremental import raw


def export_json(tmp_path, *args: str) -> dict:
    out = tmp_path / "x.json"
    with redirect_stderr(io.StringIO()):
        assert main(["export", *args, "--out", str(out)]) == 0
    return json.loads(out.read_text())


@pytest.mark.slow  # the CLI end to end over the shipped scenarios: seconds
def test_set_on_a_shipped_scenario_is_a_new_case(tmp_path):
    """Defect 1: the changed scenario and the unchanged file never share a name, and a name has one cost."""
    doc = export_json(tmp_path, "--scenario", "year1_sunk", "--set", "coaching.external_rate=2000", "--compare",
                      "year1_sunk")
    sc = pd.DataFrame(doc["tables"]["Scenarios"])
    keys = ["scenario", "framing", "coaching", "level"]
    assert not sc.duplicated(keys).any()
    names = list(dict.fromkeys(sc.scenario))
    assert names == ["Year-1 policy update already sunk (with coaching.external_rate = 2000)",
                     "Year-1 policy update already sunk"]
    assert doc["provenance"]["scenario"] == names[0]
    g = sc[(sc.framing == "as_published") & (sc.level == "government")].set_index(["scenario", "coaching"])
    # only the external coaching fee moves: agencies x participants x hours x ($2,000 - $1,000)
    fee = raw("agencies.count") * raw("cohort.participants") * raw("cohort.per_year") * raw("coaching.hours")
    delta = fee * (2000 - raw("coaching.external_rate"))
    assert g.loc[(names[0], "external"), "year1"] - g.loc[(names[1], "external"), "year1"] == pytest.approx(delta)
    assert g.loc[(names[0], "internal"), "year1"] == pytest.approx(g.loc[(names[1], "internal"), "year1"])
    desc = sc.drop_duplicates("scenario").set_index("scenario").description
    assert "(with --set coaching.external_rate=2000)" in desc[names[0]]
    assert "--set" not in desc[names[1]]


@pytest.mark.slow  # the CLI end to end over the shipped scenarios: seconds
def test_unchanged_shipped_scenario_listed_once(tmp_path):
    doc = export_json(tmp_path, "--scenario", "year1_sunk")
    sc = pd.DataFrame(doc["tables"]["Scenarios"])
    assert not sc.duplicated(["scenario", "framing", "coaching", "level"]).any()


@pytest.mark.slow  # the CLI end to end over the shipped scenarios: seconds
def test_set_equal_to_the_nprm_value_is_kept_and_held(tmp_path):
    """Defect 2: `--set` at the NPRM value is recorded and held fixed in the Monte Carlo and sensitivity."""
    rate = raw("coaching.external_rate")
    doc = export_json(tmp_path, "--set", f"coaching.external_rate={rate:g}", "--draws", "64", "--seed", "1",
                      "--sobol-n", "8")
    assert doc["provenance"]["values_set"] == [{"id": "coaching.external_rate", "primary": rate, "value": rate,
                                                "unit": "USD/hour", "differs": False}]
    assert "coaching.external_rate" not in doc["provenance"]["monte_carlo"]["distributions"]
    for sheet in ("Sensitivity", "Sobol indices"):
        assert "coaching.external_rate" not in {r["parameter"] for r in doc["tables"][sheet]}, sheet
    # without the --set it is drawn and in the tornado
    free = export_json(tmp_path, "--draws", "64", "--seed", "1", "--sobol-n", "8")
    assert "coaching.external_rate" in free["provenance"]["monte_carlo"]["distributions"]
    assert "coaching.external_rate" in {r["parameter"] for r in free["tables"]["Sensitivity"]}


@pytest.mark.slow  # the CLI end to end over the shipped scenarios: seconds
def test_outputs_named_by_role_not_by_a_literal_rate(tmp_path):
    """Defect 3: with the higher A-4 rate at 5%, the export and the app's uncertainty pages use pv_5."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    doc = export_json(tmp_path, "--set", "analysis.discount_rate_high=0.05", "--draws", "64", "--seed", "1",
                      "--sobol-n", "8")
    assert {r["quantity"] for r in doc["tables"]["Sensitivity"]} == {"pv_5"}
    assert {r["quantity"] for r in doc["tables"]["Distribution"]} == {"pv_5"}
    assert {r["quantity"] for r in doc["tables"]["Monte Carlo summary"]} == {"year1_total", "pv_3", "pv_5"}
    assert sorted({r["discount_rate"] for r in doc["tables"]["Accounting"]}) == [0.03, 0.05]
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.query_params["analysis.discount_rate_high"] = "0.05"
    at.run()
    for page in ("Accounting", "Uncertainty", "Sensitivity", "Downloads"):
        at.radio(key="page").set_value(page).run()
        assert not at.exception, (page, at.exception)
        assert not [e.value for e in at.error], page
