"""Issue 22, items 2 and 6: the Python API's one input boundary (``model/api/_common.py``) and the remaining
command-line crashes. Each case is written by hand: the call, and the fragment of the one-line message it must
give (``ModelInputError`` in the API; exit 2 and one ``sescdp: error:`` line in the CLI)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from model import ModelInputError, Scenario, compare, explain
from model.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
PAIR = "cohort.participants ~ cohort.applicants_assessed"
NAN = float("nan")


@pytest.fixture(scope="module")
def nprm() -> Scenario:
    return Scenario.load()


# ------------------------------------------------------------------ the API: every case one line, before any work

CASES = [
    # the list
    (lambda s: s.with_overrides({12: 5}), "overrides: expected parameter ids as text, got 12"),
    (lambda s: s.with_overrides([None]), "overrides: expected 'ID=VALUE' strings, got None"),
    (lambda s: s.with_overrides({"coaching.hours": None}), "coaching.hours: expected a number or text, got None"),
    (lambda s: s.with_overrides({"coaching.hours": [15]}), "coaching.hours: expected a number or text, got [15]"),
    (lambda s: s.with_uncertainty(correlations={PAIR: 10 ** 400}), "expected rho strictly between -1 and 1"),
    (lambda s: s.with_uncertainty(correlations={PAIR: "0.4"}), "expected rho strictly between -1 and 1, got '0.4'"),
    (lambda s: s.with_uncertainty(correlations={(1, 2): 0.4}), "correlations: expected pairs as text"),
    (lambda s: s.with_uncertainty(correlations=[PAIR]), "correlations: expected a mapping of 'ID ~ ID' to rho"),
    (lambda s: s.with_uncertainty(dists=5), "dists: expected a mapping of parameter id to distribution"),
    (lambda s: s.simulate(64, 1, dists={"coaching.external_rate": 5}),
     "dists: expected parameter id -> text such as 'uniform:200:3000'"),
    (lambda s: s.simulate(64, 1, thresholds="5"), "thresholds: expected a list of positive amounts in USD"),
    (lambda s: s.simulate(64, 1, thresholds=[NAN]), "thresholds: expected a positive amount in USD"),
    (lambda s: s.simulate(64, 1, thresholds=[-1e8]), "thresholds: expected a positive amount in USD"),
    (lambda s: s.simulate(64, 1, thresholds=[0]), "thresholds: expected a positive amount in USD"),
    (lambda s: s.simulate(64, 1, thresholds=[]), "thresholds: expected at least one positive amount"),
    (lambda s: s.switching_values(threshold=NAN), "threshold: expected a positive amount in USD"),
    (lambda s: s.switching_values(threshold=-5), "threshold: expected a positive amount in USD such as 100000000, got -5"),
    (lambda s: s.sensitivity(threshold="1e8"), "threshold: expected a positive amount in USD such as 100000000, got '1e8'"),
    (lambda s: explain(None), "figure: expected a figure id as text"),
    (lambda s: s.explain(5), "figure: expected a figure id as text"),
    (lambda s: Scenario.load(123), "scenario: expected a file path, got 123"),
    (lambda s: Scenario.load("a\0b"), "scenario: the path contains a NUL byte"),
    (lambda s: Scenario.load("x" * 5000), "scenario: the path has 5,000 characters; expected at most 4,096"),
    (lambda s: Scenario.load(""), "scenario: expected a file path, got an empty string"),
    (lambda s: s.export(None), "path: expected a file path, got None"),
    (lambda s: s.export("out.csv", draws=NAN, seed=1), "draws: expected a whole number of at least 2, got nan"),
    (lambda s: s.export("out.csv", draws=100, seed=1.5), "seed: expected a non-negative whole number, got 1.5"),
    (lambda s: s.export("a\0b.csv"), "path: the path contains a NUL byte"),
    (lambda s: s.export("/tmp/" + "a" * 5000 + ".csv"), "path: the path has 5,009 characters"),
    (lambda s: s.export("/tmp/" + "a" * 297 + ".md"), "a file or folder name in the path has more than 255 bytes"),
    (lambda s: s.export("x.md/"), "ends with a separator; expected a file name"),
    (lambda s: s.export("out.csv", years=0), "years: expected a whole number from 1 to 50, got 0"),
    (lambda s: s.report(years=0), "years: expected a whole number from 1 to 50, got 0"),
    (lambda s: s.report(years="10"), "years: expected a whole number from 1 to 50, got '10'"),
    (lambda s: s.report(compare="primary"), "compare: expected a list of scenario names or files"),
    (lambda s: s.report(description=5), "description: expected text, got 5"),
    (lambda s: s.report(date=20260101), "date: expected text, got 20260101"),
    (lambda s: s.simulate(64, 1, years=0), "years: expected a whole number from 1 to 50, got 0"),
    (lambda s: s.simulate(64, 1, years="10"), "years: expected a whole number from 1 to 50, got '10'"),
    (lambda s: s.simulate(NAN, 1), "draws: expected a whole number of at least 2, got nan"),
    (lambda s: s.simulate(64, float("inf")), "seed: expected a non-negative whole number, got inf"),
    (lambda s: s.simulate(64, 1, fixed="yes"), "fixed: expected True or False, got 'yes'"),
    (lambda s: s.simulate(64, 1, chunk_size=0), "chunk_size: expected a whole number of at least 1, got 0"),
    (lambda s: s.tornado(years=0), "years: expected a whole number from 1 to 50, got 0"),
    (lambda s: s.tornado(quantity=5), "quantity: expected text, got 5"),
    (lambda s: s.sobol(n=NAN), "n: expected a non-negative whole number, got nan"),
    (lambda s: s.spearman(draws=-1), "draws: expected a whole number of at least 2, got -1"),
    (lambda s: s.accounting(draws=NAN), "draws: expected a whole number of at least 2, got nan"),
    (lambda s: s.accounting(method=5), "method: expected text, got 5"),
    (lambda s: s.horizon(0), "years: expected a whole number from 1 to 50, got 0"),
    (lambda s: s.basis("x"), "years: expected a whole number from 1 to 50, got 'x'"),
    (lambda s: s.present_values(extra_rates=5), "discount rate: expected a rate from 0 to 0.99 (0.02 = 2%), got 5"),
    (lambda s: s.present_values(extra_rates="0.05"), "extra_rates: expected a list of rates from 0 to 0.99"),
    (lambda s: s.record(extra_rates=[NAN]), "discount rate: expected a rate from 0 to 0.99 (0.02 = 2%), got nan"),
    (lambda s: s.with_overrides({}, name=5), "name: expected text, got 5"),
    (lambda s: s[5], "5: unknown parameter id"),
    (lambda s: compare(extra_rates=5), "discount rate: expected a rate from 0 to 0.99"),
    (lambda s: compare("primary", years=0), "years: expected a whole number from 1 to 50, got 0"),
    (lambda s: compare("a\0b"), "scenario: the path contains a NUL byte"),
]


@pytest.mark.parametrize("call, needle", CASES)
def test_bad_api_argument_is_one_line_model_input_error(nprm, call, needle, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # an export that wrongly went ahead would write here
    with pytest.raises(ModelInputError) as err:
        call(nprm)
    message = str(err.value)
    assert needle in message, message
    assert "\n" not in message and len(message) < 700
    assert not any(tmp_path.iterdir())  # nothing written


def test_checks_come_before_the_work(nprm, monkeypatch):
    """A path with a NUL byte is refused before the report is built (the issue: raised after the whole
    computation)."""
    from model.outputs import export

    def boom(*args, **kwargs):
        raise AssertionError("the report was built before the path was checked")
    monkeypatch.setattr(export, "build_report", boom)
    with pytest.raises(ModelInputError, match="NUL byte"):
        nprm.export("a\0b.xlsx", draws=100, seed=1)
    with pytest.raises(ModelInputError, match="years: expected a whole number"):
        nprm.export("ok.xlsx", years=0)


def test_good_arguments_still_work(nprm):
    """The checks take what the API documents: numpy and whole floats for counts, one threshold as a number,
    text or numbers as override values, and a list of ID=VALUE strings."""
    import numpy as np
    r = nprm.simulate(np.int64(64), 1.0, thresholds=1e8, quantities="pv_7", coaching="external")
    assert len(r.summary) and np.isfinite(r.summary["mean"]).all()
    s = nprm.with_overrides({"coaching.hours": "15"}).with_overrides(["coaching.external_rate=1500"])
    assert s["coaching.hours"] == 15 and s["coaching.external_rate"] == 1500
    assert nprm.horizon(np.int32(5)) == 5


# ------------------------------------------------------------------ the remaining crashes of the command line

def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def one_line_error(result: tuple[int, str, str], needle: str) -> None:
    code, _, err = result
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("sescdp: error: "), (code, err)
    assert needle in lines[0], lines[0]


@pytest.mark.parametrize("out, needle", [
    ("a" * 294 + ".md", "File name too long"),  # 297 characters
    ("/tmp/" + "a" * 4992 + ".md", "File name too long"),  # 5,000 characters
    ("x.md/", "ends with a separator; expected a file name"),
])
def test_bad_out_path_is_one_line(tmp_path, monkeypatch, out, needle):
    monkeypatch.chdir(tmp_path)
    assert len(out) in (297, 5000, 5)
    for command in ("export", "report"):
        one_line_error(run([command, "--out", out]), needle)
    assert not any(tmp_path.iterdir())  # x.md/ did not write x.md


@pytest.mark.parametrize("budget", ["1e308", "inf", "2e6"])
def test_huge_memory_budget_is_one_line(budget):
    one_line_error(run(["--memory-budget", budget, "run"]), "expected a positive number of gigabytes up to 1,048,576")


def test_explain_list_as_json():
    code, out, err = run(["explain", "--list", "--format", "json"])
    doc = json.loads(out)
    assert code == 0 and doc["scenario"] == "NPRM primary"
    assert "total_per_agency_external" in doc["figures"] and "year1.as_published.external.agency" in doc["figures"]


def test_a_folder_named_like_a_shipped_scenario_does_not_shadow_it(tmp_path, monkeypatch):
    """A bare name is a shipped scenario; a path needs a suffix or a separator."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "complete").mkdir()
    assert Scenario.load("complete").name == "Complete accounting"
    code, out, err = run(["run", "--scenario", "complete", "--format", "json"])
    assert code == 0 and json.loads(out)["scenario"] == "Complete accounting"
    (tmp_path / "mine").write_text('[scenario]\nname = "mine"\ndescription = "d"\n[overrides]\n"coaching.hours" = 12\n')
    assert Scenario.load("./mine")["coaching.hours"] == 12  # a separator: the path
    one_line_error(run(["run", "--scenario", "mine"]), "scenario file not found")  # bare: a shipped name


def test_ctrl_c_while_the_command_loads_is_one_line_exit_130():
    """A KeyboardInterrupt while ``model.cli.main`` is imported (the first milliseconds of ``sescdp`` and
    ``python -m model``): one line and exit 130, not a traceback and exit -2."""
    code = ("import builtins, runpy, sys\n"
            "real = builtins.__import__\n"
            "def interrupted(name, *args, **kwargs):\n"
            "    if name == 'model.cli.main':\n"
            "        raise KeyboardInterrupt\n"
            "    return real(name, *args, **kwargs)\n"
            "builtins.__import__ = interrupted\n"
            "sys.argv = ['sescdp', 'run']\n"
            "runpy.run_module('model', run_name='__main__')\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 130 and p.stderr.strip() == "sescdp: interrupted", (p.returncode, p.stderr)



def test_costs_none_years_is_year_one(nprm):
    """Found by the fuzz: ``costs(None)`` raised TypeError; None is the default, year 1 alone."""
    assert set(nprm.costs(None).year) == {1}
