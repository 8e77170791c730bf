"""The CLI as a user runs it: JSON interface, exit codes, one-line errors.

The commands run in process (``main(argv)``, output captured); the smoke tests at the end run the real
console entry points (``python -m model`` and the installed ``sescdp`` script) in a subprocess."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args):
    """Run ``sescdp <args>`` in process: (exit status, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_run_json_interface(capsys):
    code, out, err = run(capsys, "run", "--set", "coaching.external_rate=2000", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["parameters"]["coaching.external_rate"] == 2000
    recs = [r for r in d["results"] if r["framing"] == "as_published" and r["level"] == "agency" and r["year"] == 1]
    ext = {r["component"]: r["usd"] for r in recs if r["coaching"] == "external"}
    assert ext["coaching"] == 500_000
    base = json.loads(run(capsys, "run", "--format", "json")[1])
    ext0 = {r["component"]: r["usd"] for r in base["results"] if r["framing"] == "as_published"
            and r["level"] == "agency" and r["year"] == 1 and r["coaching"] == "external"}
    assert {k for k in ext if ext[k] != ext0[k]} == {"coaching", "total"}
    for key in ("coaching", "level", "component", "year", "usd"):
        assert key in recs[0]
    assert {"coaching", "level", "framing", "discount_rate", "present_value", "annualized"} <= set(d["accounting"][0])


@pytest.mark.slow  # the CLI end to end (a subprocess, or every scenario): seconds
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
def test_bad_input_exits_2_with_one_line(capsys, args, needle):
    code, _, err = run(capsys, *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in err


def test_malformed_scenario_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\n[scenario]\nname = "y"\n')
    code, _, err = run(capsys, "run", "--scenario", str(bad))
    assert code == 2 and len(err.strip().splitlines()) == 1 and str(bad) in err


@pytest.mark.slow  # the CLI end to end (a subprocess, or every scenario): seconds
def test_reproduce_exits_0_and_lists_every_figure(capsys):
    code, out, _ = run(capsys, "reproduce", "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert d["ok"] and len(d["figures"]) >= 15


@pytest.mark.slow  # the CLI end to end (a subprocess, or every scenario): seconds
def test_compare_runs_over_all_scenarios(capsys):
    code, out, err = run(capsys, "compare", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)["comparison"]
    assert {"year1", "pv_3", "pv_7", "annualized_3", "annualized_7"} <= set(rows[0])
    assert len({r["scenario"] for r in rows}) >= 9


@pytest.mark.slow  # the CLI end to end (a subprocess, or every scenario): seconds
def test_accounting_command(capsys):
    code, out, err = run(capsys, "accounting", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["accounting_statement"] and d["eo14192"] and d["break_even"]


# ----------------------------------------------------------------- smoke: the real entry points


def test_smoke_python_m_model_help():
    done = subprocess.run([sys.executable, "-m", "model", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: sescdp")
    for command in ("run", "reproduce", "compare", "accounting", "simulate", "sensitivity", "export"):
        assert command in done.stdout


@pytest.mark.slow  # the CLI end to end (a subprocess, or every scenario): seconds
def test_smoke_sescdp_script_run_equals_in_process(capsys):
    """The installed console script gives byte for byte what ``main`` gives in process."""
    script = Path(sys.executable).with_name("sescdp")
    if not script.exists():
        script = shutil.which("sescdp")
    assert script, "the sescdp console script is not installed (pip install -e .)"
    argv = ["run", "--set", "coaching.external_rate=2000", "--years", "7", "--format", "json"]
    done = subprocess.run([str(script), *argv], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    code, out, _ = run(capsys, *argv)
    assert code == 0 and done.stdout == out
    assert json.loads(done.stdout)["parameters"]["coaching.external_rate"] == 2000


@pytest.mark.parametrize("argv, allowed", [
    (["--help"], ()),
    (["run"], ("pandas",)),
    (["reproduce"], ("pandas",)),
    (["simulate", "--draws", "100", "--seed", "1"], ("pandas", "scipy")),  # scipy.special, not scipy.stats
])
@pytest.mark.slow  # the CLI end to end (a subprocess, or every scenario): seconds
def test_start_up_imports_only_what_the_command_needs(argv, allowed):
    """``sescdp --help`` loads no numerical library; ``run`` and ``reproduce`` load no scipy.stats, SALib, openpyxl,
    python-docx, matplotlib or streamlit (issue 14: start-up within 2x of ``import numpy``); ``simulate`` (Latin
    hypercube) loads scipy.special but not scipy.stats."""
    heavy = ("pandas", "scipy", "scipy.stats", "SALib", "openpyxl", "docx", "matplotlib", "streamlit")
    code = ("import sys, io, contextlib\nfrom model.cli.main import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    try:\n        main({argv!r})\n"
            "    except SystemExit:\n        pass\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(sorted(allowed))
