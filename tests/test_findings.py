"""The appendix's summary of findings is generated from the model; its figures are checked here against
hand arithmetic from the assumption files (not against the code that writes them)."""

import tomllib

import pytest

from model.core.accounting import complete_vs_published
from model.core.parameters import assumptions_dir, load_assumptions
from model.core.standard import complete_of
from model.outputs.export import build_report
from model.outputs.present import findings
from test_incremental import ASSESSMENT, COACH_FEES, K_BASE, N, POLICY, STAFF, TRAINING


@pytest.fixture(scope="module")
def report():
    return build_report(load_assumptions(), scenarios=[], date="2025-12-18")


def test_scope_finding_by_hand(report):
    a = report.assumptions
    text = findings.scope_findings(report, complete_vs_published(a, complete_of(a)), 0.07)[0]
    published = POLICY + TRAINING + ASSESSMENT + STAFF + POLICY  # Reading A counts the policy hours twice
    incremental = POLICY * (1 - 1 / K_BASE) + TRAINING + ASSESSMENT + STAFF  # 148,820.80 a agency
    for mode, fees in (("internal", 0.0), ("external", COACH_FEES)):
        part = text.split(f"{mode} coaching: ")[1]
        assert part.startswith(f"year 1 ${(published + fees) * N / 1e6:,.2f} million as published, "
                               f"${(incremental + fees) * N / 1e6:,.2f} million incremental"), part


def test_reproduction_and_omitted_counts_from_the_files(report):
    with (assumptions_dir() / "published" / "figures.toml").open("rb") as fh:
        figures = tomllib.load(fh)["figure"]
    with (assumptions_dir() / "published" / "unquantified.toml").open("rb") as fh:
        unquantified = tomllib.load(fh)["unquantified"]
    lines = findings.reproduction_findings(report.tables["Reconciliation"])
    assert lines[0].startswith(f"{len(figures)} readings of the cost figures the NPRM prints (1 of them read two ways)")
    inputs = [f for f in figures if f.get("kind") == "input"]
    assert any(x.startswith(f"{len(inputs)} restate an input and match it") for x in lines)
    not_repro = [f for f in figures if f["expect"] == "not_reproducible"]
    assert sum(x.startswith("Not reproducible:") for x in lines) == len(not_repro)
    omitted = findings.omitted_findings(report)[0]
    assert f"the other {len(unquantified)} cannot be priced" in omitted
