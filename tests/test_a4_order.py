"""The A-4 accounting statement in OMB's order (issue 25, item 3 and the reader's mark 1): Benefits, Costs,
Transfers (with a from/to row), Effects; one coaching mode named the primary estimate (the total the NPRM states
first), the others sensitivity rows; under ``--scenario complete`` the statement says "complete accounting",
never "as published" or "from the inputs of NPRM", and its unquantified row counts only what the monetized rows
leave out. Counts and orders here are written by hand from the assumption files, not recomputed."""

import re
from pathlib import Path

import pytest

from model.api import Scenario
from model.outputs import export as ex

FRAMINGS = ("as_published", "incremental")
SCENARIOS = ("primary", "complete")
NPRM_TEXT = " ".join((Path(__file__).resolve().parents[1] / "sources" / "nprm-2025-23289-sescdp.txt").read_text()
                     .replace("\\$", "$").split())  # the source escapes its dollar signs

# OMB's template, by hand: 2 benefit rows, 6 cost rows (3 coaching modes x 2 rates) and the unquantified costs,
# 2 transfer rows (amount, from whom to whom), 2 effects rows.
CATEGORIES = ["Benefits"] * 2 + ["Costs"] * 7 + ["Transfers"] * 2 + ["Effects"] * 2
# The cost rows, by hand: internal coaching (the primary estimate) at 7% then 3%, then the sensitivity rows.
COST_ITEMS = [("Annualized monetized costs, internal coaching (primary)", 0.07),
              ("Annualized monetized costs, internal coaching (primary)", 0.03),
              ("Annualized monetized costs, external coaching (sensitivity)", 0.07),
              ("Annualized monetized costs, external coaching (sensitivity)", 0.03),
              ("Annualized monetized costs, mixed coaching (sensitivity)", 0.07),
              ("Annualized monetized costs, mixed coaching (sensitivity)", 0.03)]
# Hand-counted from assumptions/published/unquantified.toml: placement rate, assignment continuity, QRB timing,
# coach certification, training topics.
CANNOT_BE_PRICED = 5
# Hand-counted from the omitted-costs table (the components scenarios/complete.toml switches on that the NPRM
# leaves off): added training time, coaching time, mentoring time, internal coaches' time, cohort evaluation
# templates, annual program evaluation, shorter cohorts, developmental-assignment days, time of those assessed,
# template re-approvals, EDP template.
PRICED = 11


@pytest.fixture(scope="module")
def statements():
    return {(n, f): (Scenario.load() if n == "primary" else Scenario.load(n)).statement(f, method="ranges")
            for n in SCENARIOS for f in FRAMINGS}


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("framing", FRAMINGS)
def test_rows_in_omb_order_with_one_primary(statements, name, framing):
    t = statements[(name, framing)]
    assert [r[0] for r in t.rows] == CATEGORIES
    costs = [r for r in t.rows if r[0] == "Costs"][:6]
    assert [(r[1], r[6]) for r in costs] == COST_ITEMS
    assert [r[1] for r in t.rows if r[0] == "Transfers"] == ["Annualized monetized transfers", "From whom to whom"]
    assert "Primary estimate: internal coaching, the total the NPRM's cost section states first" in t.note
    assert "external coaching and mixed coaching are sensitivity rows" in t.note


def test_the_primary_mode_is_the_total_the_nprm_states_first():
    """The primary estimate is internal coaching because the NPRM's total for internal coaching comes before the
    external one; the sentence quoted in statement.toml is the NPRM's."""
    from model.core.reconcile import load_figures
    from model.core.statement import primary_estimate
    p = primary_estimate()
    assert p.coaching == "internal" and " ".join(p.quote.split()) in NPRM_TEXT
    figures = {f.id: f for f in load_figures()}
    assert figures[p.figure].quote in p.quote and figures[p.figure].quantity.endswith("_internal")
    assert NPRM_TEXT.index(figures[p.figure].quote) < NPRM_TEXT.index(figures["total_government_external"].quote)


def test_complete_scenario_says_complete_accounting(statements):
    for f in FRAMINGS:
        t = statements[("complete", f)]
        text = " ".join([t.title, t.note] + [c for row in t.text_rows() for c in row])
        assert "complete accounting" in t.title
        assert "as published" not in text.lower() and "from the inputs of NPRM" not in text
        assert "11 values set by the scenario Complete accounting, the rest the inputs of NPRM" in t.note
    for f in FRAMINGS:  # and the NPRM's scope still says so
        t = statements[("primary", f)]
        assert "complete accounting" not in (t.title + t.note).lower() and "from the inputs of NPRM" in t.note
    assert "as published" in statements[("primary", "as_published")].title


def test_unquantified_row_counts_what_the_monetized_rows_leave_out(statements):
    for f in FRAMINGS:
        unq = next(r[2] for r in statements[("complete", f)].rows if r[1] == "Unquantified costs")
        assert unq.startswith(f"{CANNOT_BE_PRICED} requirements of the rule text add costs that cannot be priced, "
                              "so are not in the monetized rows above")
        assert f"The {PRICED} requirements this model prices and counts are in the monetized rows" in unq
        costs, saves, nothing = map(int, re.search(r"(\d+) add costs, (\d+) save money and (\d+) add nothing",
                                                   unq).groups())
        assert costs + saves + nothing == PRICED
        unq = next(r[2] for r in statements[("primary", f)].rows if r[1] == "Unquantified costs")
        n, priced, unpriced = map(int, re.match(r"(\d+) requirements of the rule text add costs that are not in the "
                                                r"NPRM's estimate: (\d+) priced separately by this model and (\d+) "
                                                "that cannot be priced", unq).groups())
        assert unpriced == CANNOT_BE_PRICED and n == priced + CANNOT_BE_PRICED and priced <= PRICED


def test_incremental_note_names_current_practice(statements):
    for name in SCENARIOS:
        note = statements[(name, "incremental")].note
        assert "the rule minus the current rule and current practice" in note
        for f in FRAMINGS:
            assert "rule minus current rule" not in statements[(name, f)].note


@pytest.mark.slow  # builds the complete scenario's report and its Markdown appendix: seconds
def test_complete_appendix_shows_the_order_and_wording():
    report = Scenario.load("complete").report(accounting_method="ranges", compare=["primary"])
    md = ex.export_bytes(report.report, "md").decode()
    for f in ("the NPRM's framing", "incremental"):
        head = f"Accounting statement (OMB Circular A-4), complete accounting, {f}"
        section = md[md.index(head):]
        section = section[:section.index("\n\n*")]
        cats = [line.split(" | ")[0].removeprefix("| ") for line in section.splitlines()
                if line.startswith("| ") and not line.startswith(("| Category", "|---"))]
        assert cats == CATEGORIES, f
    assert "as published: $ millions" not in md.lower()
