"""The CLI as a user runs it: JSON interface, exit codes, one-line errors."""

import json
import subprocess
import sys

import pytest

from model.cli.main import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "model", *args], capture_output=True, text=True, timeout=120)


def test_run_json_interface():
    out = run("run", "--set", "coaching.external_rate=2000", "--format", "json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["parameters"]["coaching.external_rate"] == 2000
    recs = [r for r in d["results"] if r["framing"] == "as_published" and r["level"] == "agency" and r["year"] == 1]
    ext = {r["component"]: r["usd"] for r in recs if r["coaching"] == "external"}
    assert ext["coaching"] == 500_000
    base = json.loads(run("run", "--format", "json").stdout)
    ext0 = {r["component"]: r["usd"] for r in base["results"] if r["framing"] == "as_published"
            and r["level"] == "agency" and r["year"] == 1 and r["coaching"] == "external"}
    assert {k for k in ext if ext[k] != ext0[k]} == {"coaching", "total"}
    for key in ("coaching", "level", "component", "year", "usd"):
        assert key in recs[0]
    assert {"coaching", "level", "framing", "discount_rate", "present_value", "annualized"} <= set(d["accounting"][0])


def test_run_years_moves_policy(capsys):
    for interval, years in (("3", [1, 4, 7, 10]), ("5", [1, 6])):
        assert main(["run", "--years", "10", "--set", f"policy.reapproval_years={interval}", "--format", "json"]) == 0
        d = json.loads(capsys.readouterr().out)
        got = sorted(r["year"] for r in d["results"] if r["component"] == "policy" and r["usd"] != 0
                     and r["framing"] == "as_published" and r["coaching"] == "internal" and r["level"] == "agency")
        assert got == years


@pytest.mark.parametrize("args, needle", [
    (["run", "--set", "cohort.participants=-3"], "cohort.participants"),
    (["run", "--set", "no.such=1"], "no.such: unknown parameter id"),
    (["run", "--set", "coaching.hours"], "expected ID=VALUE"),
    (["run", "--set", "coaching.hours=abc"], "expected a number"),
    (["run", "--years", "99"], "--years"),
    (["run", "--scenario", "no_such_scenario"], "scenario file not found"),
    (["run", "--bogus"], "unrecognized arguments"),
])
def test_bad_input_exits_2_with_one_line(args, needle):
    out = run(*args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in out.stderr


def test_malformed_scenario_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\n[scenario]\nname = "y"\n')
    out = run("run", "--scenario", str(bad))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1 and str(bad) in out.stderr


def test_reproduce_exits_0_and_lists_every_figure():
    out = run("reproduce", "--format", "json")
    assert out.returncode == 0
    d = json.loads(out.stdout)
    assert d["ok"] and len(d["figures"]) >= 15


def test_compare_runs_over_all_scenarios():
    out = run("compare", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["comparison"]
    assert {"year1", "pv_3", "pv_7", "annualized_3", "annualized_7"} <= set(rows[0])
    assert len({r["scenario"] for r in rows}) >= 9


def test_accounting_command():
    out = run("accounting", "--format", "json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["accounting_statement"] and d["eo14192"] and d["break_even"]
