"""The appendix's summary of findings is generated from the model; its figures are checked here against
hand arithmetic (literals from the assumption files, not the code that writes them)."""

import tomllib

import pytest

from model.core.accounting import complete_vs_published
from model.core.parameters import assumptions_dir, load_assumptions
from model.core.standard import complete_of
from model.outputs.export import build_report
from model.outputs.present import findings


@pytest.fixture(scope="module")
def report():
    return build_report(load_assumptions(), scenarios=[], date="2025-12-18")


def millions(x: float) -> str:
    return f"${x / 1e6:,.2f} million"


@pytest.mark.slow  # builds a whole report: seconds
def test_scope_finding_by_hand(report):
    """Government-wide (13 agencies), the mentor reading: year 1 as published 15,476 + 75,000 + 65 x 350 +
    25 x 10 x 216.30 = 167,301 a agency; incremental 15,476 + 75,000 + 22,750 = 113,226 (no current-rule
    re-approval in year 1, mentor time netted by today's 10 hours); complete as published adds participants'
    time (training 25 x 20, coaching 25 x 10, mentoring 25 x 10 h), internal coaches' 25 x 10 x 1.5 h,
    evaluation (25 x 1 + 16 + 40 h) and assessment time (165 h), all at $154.76, less the shorter
    cohorts' administration. Present values at 7% over ten years, the policy in years 1, 4, 7, 10 and
    the current rule's 15 policies in years 5 and 10."""
    a = report.assumptions
    text = findings.scope_findings(report, complete_vs_published(a, complete_of(a)), 0.07)[0]
    annuity = sum(1.07 ** -t for t in range(1, 11))
    rule = sum(1.07 ** -t for t in (1, 4, 7, 10))
    current = 1.07 ** -5 + 1.07 ** -10
    program = 75_000 + 65 * 350 + 25 * 10 * 216.30                       # 151,825 a year
    published = 15_476 + program                                          # 167,301
    incremental = 15_476 + 75_000 + 65 * 350                              # 113,226
    complete = (published + (25 * 20 + 25 * 10 + 25 * 10 + 25 * 10 * 1.5 + 25 * 1 + 16 + 40 + 165) * 154.76
                - 1 * 2087 * 154.76 * 0.5 * (1 - 12 / 18))               # 364,336.27
    assert (published, incremental) == (pytest.approx(167_301), pytest.approx(113_226))
    assert complete == pytest.approx(364_336.27, abs=0.01)
    pv_pub = program * annuity + 15_476 * rule
    pv_inc = (program - 25 * 10 * 216.30) * annuity + 15_476 * rule - 15_476 * 15 / 13 * current
    for mode, fees in (("internal", 0.0), ("external", 25 * 10 * 1_000)):
        part = text.split(f"{mode} coaching: ")[1]
        assert part.startswith(f"year 1 {millions((published + fees) * 13)} as published, "
                               f"{millions((incremental + fees) * 13)} incremental"), part
        assert f"present value at 7% {millions((pv_pub + fees * annuity) * 13)}, " \
               f"{millions((pv_inc + fees * annuity) * 13)} and " in part, part
    assert text.startswith("Government-wide cost, internal coaching: year 1 $2.17 million as published, "
                           "$1.47 million incremental, $4.74 million complete; present value at 7% $14.43 million, "
                           "$9.21 million and ")
    assert f"{millions(complete * 13)} complete" in text.split("external coaching: ")[0]


@pytest.mark.slow  # builds a whole report: seconds
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


@pytest.mark.slow  # builds a report with a Monte Carlo
def test_no_draw_above_the_threshold_reads_as_none():
    """The style guide's "None of 20,000 draws", not "at most 0.0%": with 200 draws none reaches $100 million."""
    from model.core.parameters import load_assumptions
    from model.outputs.export import build_report
    from model.outputs.present.findings import uncertainty_findings
    r = build_report(load_assumptions(), draws=200, seed=1, sobol_n=0)
    text = " ".join(uncertainty_findings(r, 0.07))
    assert "none of 200 draws in any coaching mode" in text and "0.0%" not in text
