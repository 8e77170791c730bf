"""Fuzzing the input boundary (issue 12): hypothesis generates scenario files (valid and broken TOML, wrong
types, huge and tiny numbers, deep nesting, random bytes) and --set / --dist values. Every case either exits 0
with finite outputs or exits 2 with one line and no traceback; the same scenario files go through the app's
upload function, which either applies them or shows one message and keeps the scenario.

The examples are bounded (``EXAMPLES``) so that the file runs in well under a minute; each test prints how
many cases it ran (``pytest -s``), and ``CASES`` counts them for the closing note."""

from __future__ import annotations

import io
import json
import math
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from model.cli.main import main
from model.core.parameters import load_assumptions

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # fuzz: hundreds of generated cases; `pytest -m "not slow"` leaves it out
EXAMPLES = 60
SPECS = load_assumptions().specs
IDS = sorted(SPECS)
CASES = {"files": 0, "set": 0, "dist": 0, "upload": 0}
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-10 ** 400, max_value=10 ** 400),
                    st.sampled_from([0, -1, 1e-300, 1e300, 13.5, 2 ** 63, 0.5]))
values = st.one_of(numbers, st.text(max_size=20), st.booleans(), st.lists(st.integers(), max_size=3))
ids = st.one_of(st.sampled_from(IDS), st.text(min_size=1, max_size=30))


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, (int, list)):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


@st.composite
def scenario_files(draw) -> bytes:
    kind = draw(st.sampled_from(["valid", "valid", "broken", "bytes", "deep", "types"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "deep":
        n = draw(st.integers(min_value=5, max_value=5000))
        return ("a = " + "[" * n + "]" * n + "\n").encode()
    name = draw(st.text(min_size=0, max_size=40))
    overrides = draw(st.dictionaries(ids, values, max_size=4))
    body = "[scenario]\nname = " + json.dumps(name, ensure_ascii=False) + '\ndescription = "fuzz"\n'
    if kind == "types":
        body += f"coaching = {toml_value(draw(values))}\n"
    body += "[overrides]\n" + "".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}\n"
                                      for k, v in overrides.items())
    if kind == "broken":
        cut = draw(st.integers(min_value=0, max_value=len(body)))
        body = body[:cut] + draw(st.text(max_size=10))
    return body.encode("utf-8", errors="surrogatepass")


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def strict(text: str):
    def refuse(token):
        raise AssertionError(f"not JSON: {token}")
    return json.loads(text, parse_constant=refuse)


def finite_numbers(doc) -> bool:
    if isinstance(doc, float):
        return math.isfinite(doc)
    if isinstance(doc, dict):
        return all(finite_numbers(v) for v in doc.values())
    if isinstance(doc, list):
        return all(finite_numbers(v) for v in doc)
    return True


def check(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and "Traceback" not in out
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("sescdp: error: "), err
    elif out.strip().startswith("{"):
        assert finite_numbers(strict(out))


@FUZZ
@given(data=scenario_files())
@pytest.mark.slow  # fuzz: hundreds of CLI runs
def test_scenario_files_exit_0_or_2(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "s.toml"
    path.write_bytes(data)
    check(*run(["run", "--scenario", str(path), "--format", "json"]))
    CASES["files"] += 1
    upload(data)


def in_range(pid: str):
    """Values a user might plausibly type for ``pid``: within and around its bounds."""
    spec = SPECS[pid]
    top = spec.max if spec.max is not None else 10 * max(abs(spec.value), 1)
    return st.one_of(st.floats(min_value=0, max_value=float(top)), st.integers(min_value=0, max_value=int(top)),
                     st.just(spec.value)).map(str)


plausible = st.sampled_from(IDS).flatmap(lambda pid: st.tuples(st.just(pid), in_range(pid)))


@FUZZ
@given(pair=st.one_of(st.tuples(ids, st.one_of(st.text(max_size=30), numbers.map(str))), plausible, plausible))
@pytest.mark.slow  # fuzz: hundreds of CLI runs
def test_set_values_exit_0_or_2(pair):
    pid, value = pair
    if "=" in pid or pid.startswith("-"):
        pid = pid.replace("=", "").lstrip("-") or "x"
    check(*run(["run", "--set", f"{pid}={value}", "--format", "json"]))
    CASES["set"] += 1


dist_specs = st.one_of(
    st.text(max_size=30),
    st.builds(lambda k, xs: k + ":" + ":".join(map(str, xs)),
              st.sampled_from(["fixed", "uniform", "triangular", "pert", "normal", "lognormal", "beta"]),
              st.lists(numbers, min_size=0, max_size=4)))


@FUZZ
@given(pid=ids, spec=dist_specs)
@pytest.mark.slow  # fuzz: hundreds of CLI runs
def test_dist_values_exit_0_or_2(pid, spec):
    pid = pid.replace("=", "").lstrip("-") or "x"
    check(*run(["simulate", "--draws", "64", "--seed", "1", "--dist", f"{pid}={spec}", "--format", "json"]))
    CASES["dist"] += 1


def upload(data: bytes) -> None:
    """The app's upload function (ui.state.apply_scenario_file, run bare): applied, or one message with the
    scenario unchanged."""
    sys.path.insert(0, str(ROOT))
    import streamlit as stl
    from ui import state
    from ui.appstate import AppState
    stl.session_state.clear()
    before = AppState(name="before", overrides=(("coaching.hours", 12.0),))
    stl.session_state[state.KEY] = before
    ok = state.apply_scenario_file(data, "fuzz.toml")
    flash = stl.session_state.get("flash", [])
    if not ok:
        assert stl.session_state[state.KEY] == before  # the whole state, scenario and view
        assert len(flash) == 1 and flash[0][0] == "error" and "\n" not in flash[0][1].strip()
    CASES["upload"] += 1


# ---------------------------------------------------------------------- the Python API (issue 22, item 7)
# Hypothesis draws arguments of every type for the public methods: each call raises ModelInputError with one
# line, or returns a result whose numbers are finite. The draws are kept small (64) so the file stays fast.

API_EXAMPLES = 150
API_FUZZ = settings(max_examples=API_EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CASES["api"] = 0

anything = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=12), st.binary(max_size=6),
                     st.lists(st.one_of(st.none(), numbers, st.text(max_size=8)), max_size=3),
                     st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), numbers, max_size=2),
                     st.sampled_from([0, 1, 2, 10, 64, 1e8, 10 ** 400, "10", "primary", "out.md", "a\0b.csv", "x.md/",
                                      {12: 5}, [None], {"coaching.hours": None}]))


def _finite(result) -> bool:
    """Every number in a result (a float, a DataFrame, a dict of them, a dataclass of them) is finite."""
    import numpy as np
    import pandas as pd
    if isinstance(result, (int, float, np.number)) and not isinstance(result, bool):
        return bool(np.isfinite(float(result)))
    if isinstance(result, pd.DataFrame):
        nums = result.select_dtypes("number")
        return bool(np.isfinite(nums.to_numpy(dtype=float)).all()) if nums.size else True
    if isinstance(result, dict):
        return all(_finite(v) for v in result.values())
    if hasattr(result, "summary"):
        return _finite(result.summary)
    return True


def _api_call(call) -> None:
    from model import ModelInputError
    try:
        result = call()
    except ModelInputError as exc:
        assert "\n" not in str(exc), str(exc)
    else:
        assert _finite(result), result
    CASES["api"] += 1


API_METHODS = {
    "with_overrides": lambda s, x, y: s.with_overrides(x),
    "with_overrides_pair": lambda s, x, y: s.with_overrides({"coaching.hours": x}),
    "with_uncertainty_dists": lambda s, x, y: s.with_uncertainty(dists=x),
    "with_uncertainty_corr": lambda s, x, y: s.with_uncertainty(
        correlations={"cohort.participants ~ cohort.applicants_assessed": x}),
    "year1": lambda s, x, y: s.year1(x, y),
    "costs": lambda s, x, y: s.costs(x),
    "present_values": lambda s, x, y: s.present_values(x, extra_rates=y if y is not None else ()),
    "evidence": lambda s, x, y: s.evidence(x),
    "getitem": lambda s, x, y: s[x],
    "horizon": lambda s, x, y: s.horizon(x),
    "simulate": lambda s, x, y: s.simulate(64, 1, years=x, thresholds=y, quantities="pv_7", coaching="external"),
    "simulate_counts": lambda s, x, y: s.simulate(x, y, quantities="pv_7", coaching="external"),
    "simulate_dists": lambda s, x, y: s.simulate(64, 1, dists=x, quantities="pv_7", coaching="external"),
    "switching_values": lambda s, x, y: s.switching_values(threshold=x, years=y),
    "tornado": lambda s, x, y: s.tornado(x, fixed=y if isinstance(y, bool) else False),
    "explain": lambda s, x, y: s.explain(x),
    "load": lambda s, x, y: Scenario.load(x),
    "export": lambda s, x, y: s.export(x, draws=y, seed=1) if x is not None else s.export(x),
    "report_years": lambda s, x, y: s.report(years=x, compare=["primary"]) if x is not None else None,
    "compare": lambda s, x, y: compare(x, years=y) if x is not None else None,
}


@API_FUZZ
@given(method=st.sampled_from(sorted(API_METHODS)), x=anything, y=anything)
@example(method="with_overrides", x={12: 5}, y=None)  # the cases, always run
@example(method="with_overrides", x=[None], y=None)
@example(method="with_uncertainty_corr", x=10 ** 400, y=None)
@example(method="simulate_dists", x={"coaching.external_rate": 5}, y=None)
@example(method="explain", x=None, y=None)
@example(method="load", x=123, y=None)
@example(method="export", x="out.csv", y=float("nan"))
def test_api_raises_model_input_error_or_returns_finite(tmp_path_factory, method, x, y):
    import os
    s = _NPRM()
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("api"))  # an export the fuzz lets through is written in a scratch folder
    try:
        _api_call(lambda: API_METHODS[method](s, x, y))
    finally:
        os.chdir(here)


def _NPRM():
    global _nprm
    try:
        return _nprm
    except NameError:
        _nprm = Scenario.load()
        return _nprm


from model import Scenario, compare  # noqa: E402  (the API, after the CLI's imports above)


# ---------------------------------------------------------------- workbooks: crafted archives
BASE = load_assumptions()
MEMBERS = ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
           "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/styles.xml"]


def _archive(members) -> bytes:
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(MEMBERS), st.binary(max_size=400)
                          | st.sampled_from([b"<worksheet/>", b'<dimension ref="A1:XFD150000"/>', b"<sst/>"])),
                max_size=6, unique_by=lambda m: m[0]))
@example([("xl/worksheets/sheet1.xml", b'<worksheet><dimension ref="A1:XFD150000"/></worksheet>')])
def test_crafted_workbook_archives_are_refused_in_one_line(members):
    """Any archive of workbook parts (random bytes, claimed dimensions, empty string tables) read as a scenario
    workbook: one ModelInputError line, never a raw exception."""
    from model.core.errors import ModelInputError
    from model.outputs.scenario_file import read_workbook_scenario
    try:
        read_workbook_scenario(_archive(members), BASE)
    except ModelInputError as exc:
        assert "\n" not in str(exc)
