"""Explain a figure (issue 11): the breakdown is the model's own formulas run on symbolic values. Every
year-1 and A-4 figure's parts add up to the figure, the figure equals the model's, every value named has
its citation, and the arithmetic of one figure is checked by hand from the assumption files."""

import json
import re

import pytest

from model.api import Scenario
from model.cli.main import main
from model.core.parameters import load_assumptions
from model.core.results import accounting_table, year_one_totals
from test_incremental import raw

AMOUNT = re.compile(r"= (−?)\$([\d,]+(?:\.\d+)?)(?: a year)?$")


def amount(line: str) -> float:
    sign, digits = AMOUNT.search(line).groups()
    return (-1 if sign else 1) * float(digits.replace(",", ""))


@pytest.fixture(scope="module")
def nprm():
    return Scenario.load()


def test_every_year1_figure_adds_up_to_the_model(nprm):
    a = load_assumptions()
    for framing in ("as_published", "incremental"):
        totals = year_one_totals(a, framing)
        for mode in ("internal", "external", "mixed"):
            for level in ("agency", "government"):
                e = nprm.explain(f"year1.{framing}.{mode}.{level}")
                assert e.value == pytest.approx(totals.loc[mode, level], abs=1e-6)
                # the arithmetic, then one line on the evidence the figure rests on (no amount of its own)
                assert e.lines[-1].startswith("evidence: Of the gross dollars in this figure")
                sums = e.lines[:-1]
                parts = [amount(x) for x in sums if not x.startswith(("year-1 cost", "government-wide"))]
                agency_line = next(x for x in sums if x.startswith("year-1 cost per agency"))
                assert sum(parts) == pytest.approx(amount(agency_line), abs=0.5 * len(parts))  # shown to the dollar
                assert sums[-1].startswith("government-wide" if level == "government" else "year-1 cost per agency")
                assert amount(sums[-1]) == pytest.approx(e.value, abs=0.5)


def test_a4_cells_match_the_accounting_table(nprm):
    acc = accounting_table(load_assumptions())
    for framing in ("as_published", "incremental"):
        for mode in ("internal", "external"):
            for rate in (0.03, 0.07):
                e = nprm.explain(f"annualized.{framing}.{mode}.{rate * 100:g}")
                row = acc[(acc.framing == framing) & (acc.coaching == mode) & (acc.level == "government")
                          & (acc.discount_rate == rate)].iloc[0]
                assert e.value == pytest.approx(row.annualized, rel=1e-12)
                assert any(x.startswith(f"present value at {rate:.0%}") and amount(x) == pytest.approx(
                    row.present_value, abs=0.5) for x in e.lines)
                assert any("P5/P95 of 20,000 Monte Carlo draws" in x for x in e.lines)


def test_external_coaching_by_hand(nprm):
    """Coaching fees = participants x cohorts x hours x external rate, from the files."""
    e = nprm.explain("year1.as_published.external.agency")
    line = next(x for x in e.lines if x.startswith("Coaching fees"))
    fees = raw("cohort.participants") * raw("cohort.per_year") * raw("coaching.hours") * raw("coaching.external_rate")
    assert line == (f"Coaching fees = {raw('cohort.participants'):,.0f} [cohort.participants] × "
                    f"{raw('cohort.per_year'):,.0f} [cohort.per_year] × {raw('coaching.hours'):,.0f} h [coaching.hours] "
                    f"× ${raw('coaching.external_rate'):,.0f}/h [coaching.external_rate] = ${fees:,.0f}")
    cited = {s["id"]: s for s in e.sources}
    for pid in re.findall(r"\[([a-z_]+\.[a-z0-9_]+)", "\n".join(e.lines)):
        assert pid in cited and cited[pid]["citation"], pid
    assert "C. Costs, paragraph 5" in cited["coaching.external_rate"]["citation"]


def test_mentor_time_by_hand(nprm):
    """The mentor reading's SES mentors' time = participants x cohorts x mentoring hours x SES loaded rate
    (25 x 1 x 10 x $216.30 = $54,075), from the files; in the incremental framing today's 10 mentoring hours
    are subtracted, so it is $0."""
    e = nprm.explain("year1.as_published.internal.agency")
    line = next(x for x in e.lines if x.startswith("SES mentors' time"))
    assert line.endswith(f"{raw('mentoring.hours'):,.0f} h [mentoring.hours] × ${raw('labor.ses_loaded_hourly'):g}/h "
                         "[labor.ses_loaded_hourly] = $54,075")
    assert amount(line) == pytest.approx(25 * 1 * 10 * 216.30)
    assert e.lines[-2] == "year-1 cost per agency = $15,476 + $75,000 + $22,750 + $54,075 = $167,301"
    inc = nprm.explain("year1.incremental.internal.agency")
    assert amount(next(x for x in inc.lines if x.startswith("SES mentors' time"))) == 0
    assert inc.lines[-2] == "year-1 cost per agency = $15,476 + $75,000 + $22,750 + $0 = $113,226"


def test_changed_value_flows_into_the_explanation(nprm):
    e = nprm.with_overrides({"coaching.external_rate": 2000}).explain("year1.as_published.external.agency")
    assert any(x.endswith("× $2,000/h [coaching.external_rate] = $500,000") for x in e.lines)


def test_cli_explain_json_and_errors(capsys):
    assert main(["explain", "annualized.incremental.internal.7", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["figure"] == "annualized.incremental.internal.7" and d["lines"] and d["sources"]
    assert main(["explain", "--list"]) == 0
    ids = capsys.readouterr().out.split()
    assert "total_government_external" in ids and "year1.incremental.mixed.government" in ids
    assert main(["explain", "year1.nope"]) == 2
    assert "sescdp explain --list" in capsys.readouterr().err
