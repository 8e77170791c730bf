"""Shared fixtures. Expensive results (a report, a written workbook) are computed once per test run and
shared by every test that needs the same thing; the tests only read them (the writers never mutate a
Report, and a test that edits a workbook edits its own copy)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from model.core.parameters import load_assumptions

REPORT_DATE = "2025-12-18T00:00:00+00:00"  # a fixed stamp, so the provenance of the shared report is known


def pytest_configure(config):
    """The ``slow`` marker: tests that take seconds (a real browser or office suite, fuzzing, the notebook, long
    Monte Carlo runs, the CLI end to end). ``pytest`` runs every test; ``pytest -m "not slow"`` is the fast inner
    loop."""
    config.addinivalue_line("markers", "slow: takes seconds (real client, fuzz, notebook, long Monte Carlo, CLI "
                                       "end to end); deselect with -m \"not slow\"")


@pytest.fixture(scope="session")
def primary():
    """The NPRM primary assumptions, loaded once from assumptions/."""
    return load_assumptions()


@pytest.fixture(scope="session")
def primary_report(primary):
    """``build_report`` of the NPRM primary with every default (accounting low/high: the Monte Carlo
    P5/P95 of analysis.accounting_draws draws), dated REPORT_DATE: built once per test run."""
    from model.outputs.export import build_report

    return build_report(primary, date=REPORT_DATE)


@pytest.fixture(scope="session")
def primary_xlsx(primary_report, tmp_path_factory):
    """``primary_report`` written once by ``write_export`` to a .xlsx file. Read it freely; to edit it,
    use ``primary_xlsx_copy``."""
    from model.outputs.export import write_export

    return write_export(primary_report, tmp_path_factory.mktemp("primary_export") / "r.xlsx")


@pytest.fixture
def primary_xlsx_copy(primary_xlsx, tmp_path):
    """This test's own copy of ``primary_xlsx`` (tmp_path/r.xlsx), to edit."""
    return Path(shutil.copy(primary_xlsx, tmp_path / primary_xlsx.name))


@pytest.fixture
def reuse_identical_reports(monkeypatch):
    """Within one test, ``build_report`` called again with identical arguments returns the report it
    built the first time (the CLI's ``export`` builds the same report once per output file). The key is
    every argument, the parameter set by value (values, overrides, scenario name); a call that differs
    in anything is built afresh. Returns the reports actually built, by key."""
    from model.outputs import export as ex

    real = ex.build_report
    built: dict[str, object] = {}

    def build_report(a, *args, **kwargs):
        key = json.dumps([dict(a.values), dict(a.overrides), a.scenario, dict(a.files), list(a.specs),
                          args, kwargs], sort_keys=True, default=repr)
        if key not in built:
            built[key] = real(a, *args, **kwargs)
        return built[key]

    # wherever the CLI takes it from (model.outputs.export, or the module that defines it)
    for name, module in list(sys.modules.items()):
        if name.startswith("model.") and getattr(module, "build_report", None) is real:
            monkeypatch.setattr(module, "build_report", build_report)
    return built
