"""Regulatory alternatives and comment responses, checked by hand: every figure incremental, government-wide, USD."""

import json

import numpy as np
import pytest

import model
from model.cli.main import main
from model.core.alternatives import load_alternatives, load_comments
from model.core.parameters import load_assumptions
from model.engines.plan import uncertainty_spec

ANNUITY_3 = sum(1.03 ** -t for t in range(1, 11))


@pytest.fixture(scope="module")
def table():
    return model.alternatives(method="ranges")


def row(t, alt, coaching="internal", rate=0.07):
    r = t[(t.alternative == alt) & (t.coaching == coaching) & np.isclose(t.discount_rate, rate)]
    assert len(r) == 1
    return r.iloc[0]


def test_the_proposal_comes_first_and_differs_from_itself_by_nothing(table):
    assert table.alternative.iloc[0] == "proposal"
    p = table[table.alternative == "proposal"]
    assert (p.difference_year1 == 0).all() and (p.difference_annualized == 0).all()


@pytest.mark.parametrize("coaching", ["internal", "external", "mixed"])
@pytest.mark.parametrize("rate", [0.03, 0.07])
def test_dropping_the_applicant_assessment(table, coaching, rate):
    """40 applicants x $350 = $14,000 per agency a year, x 13 agencies = $182,000 in every year of the incremental
    stream, so the year-1 and the annualized change are both -$182,000 at either rate."""
    r = row(table, "assess_in_program_only", coaching, rate)
    assert r.difference_year1 == pytest.approx(-40 * 350 * 13, abs=1e-6)
    assert r.difference_annualized == pytest.approx(-40 * 350 * 13, abs=1e-6)


def test_guidance_only_scales_by_the_adopting_share(table):
    """One agency in five adopts (0.2 x 13 = 2.6 agencies): every figure is a fifth of the proposal's."""
    for coaching in ("internal", "external"):
        g, p = row(table, "guidance_only", coaching), row(table, "proposal", coaching)
        assert g.year1 == pytest.approx(0.2 * p.year1, rel=1e-12)
        assert g.annualized == pytest.approx(0.2 * p.annualized, rel=1e-12)
        assert g.low == 0  # the range's low end: no agency adopts, guidance has no effect


def test_more_stringent_hours_and_accredited_coaches(table):
    """20 more training hours: 25 participants x 20 h x $150 x 13 = $975,000 a year; accredited coaches only: the
    internal mode buys its coaching too, 25 x 10 h x $1,000 x 13 = $3,250,000 a year more."""
    ext, internal = row(table, "more_training_certified_coaches", "external"), row(table, "more_training_certified_coaches")
    assert ext.difference_annualized == pytest.approx(25 * 20 * 150 * 13, abs=1e-6)
    assert internal.difference_annualized == pytest.approx(25 * 20 * 150 * 13 + 25 * 10 * 1000 * 13, abs=1e-6)


def test_the_five_year_cycle_moves_only_the_policy_rewrites(table):
    """Year 1 is the same (the first approval falls in year 1 either way); the annualized cost falls."""
    r = row(table, "keep_five_year_cycle")
    assert r.difference_year1 == 0 and r.difference_annualized < 0


def test_threshold_margin_is_the_threshold_minus_year_one(table):
    r = row(table, "proposal", "external")
    assert r.threshold_margin == pytest.approx(100_000_000 - r.year1, abs=1e-6)


def test_the_adoption_share_is_drawn_only_under_guidance():
    a = load_assumptions()
    assert "alternative.voluntary_adoption_share" not in uncertainty_spec(a).ids
    assert "alternative.voluntary_adoption_share" in uncertainty_spec(
        a.with_overrides({"alternative.guidance_only": 1}, "t")).ids


@pytest.mark.slow  # builds a whole report or prices every comment: seconds
def test_a_higher_external_rate_in_a_comment():
    """$1,500 instead of $1,000: 25 x 10 h x $500 x 13 = $1,625,000 a year more with external coaching, nothing with
    internal coaching, at both rates, year 1 and annualized."""
    r = model.comments("examples/comments.toml")
    t = r.table[r.table.id == "EXAMPLE-0002"].set_index(["coaching", "discount_rate"])
    for rate in (0.03, 0.07):
        assert t.loc[("external", rate), "year1_change"] == pytest.approx(25 * 10 * 500 * 13, abs=1e-6)
        assert t.loc[("external", rate), "annualized_change"] == pytest.approx(25 * 10 * 500 * 13, abs=1e-6)
        assert t.loc[("internal", rate), "annualized_change"] == pytest.approx(0, abs=1e-6)
    finding = t.finding.iloc[0]
    assert "rises by $1,625,000" in finding and "unchanged with internal coaching" in finding
    assert "from $1,000/h (stated in the NPRM or the current rule) to $1,500/h (from an external source)" in finding


@pytest.mark.slow  # builds a whole report or prices every comment: seconds
def test_comments_json_records(capsys):
    assert main(["comments", "examples/comments.toml", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    recs = [x for x in doc["responses"] if x["id"] == "EXAMPLE-0001" and x["coaching"] == "internal"]
    assert {x["discount_rate"] for x in recs} == {0.03, 0.07}
    for x in recs:
        assert set(x) == {"id", "coaching", "discount_rate", "year1_change", "annualized_change", "overrides"}
        assert x["annualized_change"] == pytest.approx(-182_000, abs=1e-6)
        assert x["overrides"] == {"assessment.count_applicants": 0}


@pytest.mark.parametrize("text,needle", [
    ('[[comment]]\nid = "X-1"\ncommenter = "c"\nclaim = "k"\nsurprise = 1\n', "comment X-1: surprise: Extra inputs"),
    ('[[comment]]\nid = "X-2"\ncommenter = "c"\nclaim = "k"\n[comment.overrides]\n"coaching.extrnal_rate" = 5\n',
     "comment X-2: overrides: coaching.extrnal_rate: unknown parameter id"),
    ('[[comment]]\nid = "X-3"\ncommenter = "c"\nclaim = "k"\nalternative = "nope"\n', "comment X-3: alternative: expected one of"),
    ('[[comment]]\nid = "X-4"\ncommenter = "c"\nclaim = "k"\n[comment.overrides]\n"coaching.external_rate" = -5\n',
     "comment X-4: overrides: coaching.external_rate: expected"),
    ('[[comment]]\nid = "X-5"\ncommenter = "c"\nclaim = "k"\n[[comment]]\nid = "X-5"\ncommenter = "d"\nclaim = "k"\n',
     "comment X-5: id: the same id is used twice"),
    ('[other]\nx = 1\n', "expected one or more [[comment]] tables"),
])
def test_a_bad_comment_is_refused_in_one_line(tmp_path, capsys, text, needle):
    f = tmp_path / "c.toml"
    f.write_text(text)
    with pytest.raises(model.ModelInputError, match=needle.replace("[", r"\[").replace("]", r"\]")):
        model.comments(f)
    assert main(["comments", str(f)]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


def test_every_shipped_alternative_loads_and_cites_its_source():
    a = load_assumptions()
    alts = load_alternatives(a)
    assert [x.kind for x in alts].count("proposal") == 1
    assert {"guidance_only", "less_stringent", "more_stringent", "commenter"} <= {x.kind for x in alts}
    assert all(x.source.who and x.source.citation for x in alts)
    assert load_comments("examples/comments.toml", a, {x.id: x for x in alts})


@pytest.mark.slow  # builds a whole report or prices every comment: seconds
def test_monte_carlo_low_and_high_bracket_each_alternative():
    t = model.alternatives(method="montecarlo")
    assert (t.low <= t.annualized + 1e-6).all() and (t.annualized <= t.high + 1e-6).all()


@pytest.mark.slow
def test_the_documents_carry_the_alternatives(tmp_path):
    """The workbook's Alternatives sheet, the appendix's table (with who proposed each) and the A-4 statement's note
    naming the alternatives considered: -$182,000 a year without the applicant assessment, in each."""
    import openpyxl
    book, md = tmp_path / "book.xlsx", tmp_path / "appendix.md"
    assert main(["export", "--out", str(book)]) == 0 and main(["report", "--out", str(md)]) == 0
    ws = openpyxl.load_workbook(book)["Alternatives"]
    head = [c.value for c in ws[4]]
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=5)]
    hit = [r for r in rows if r["Alternative (file)"] == "assess_in_program_only" and r["Coaching"] in ("internal", "Internal")]
    assert len(hit) == 2 and all(r["Change in annualized cost from the proposal"] == pytest.approx(-40 * 350 * 13, abs=1)
                                 for r in hit)
    text = md.read_text()
    assert "Regulatory alternatives at 7%" in text and "| Assess during the program only | A commenter's | Internal |" in text
    assert "-$0.18" in text and "Partnership for Public Service" in text
    assert "Alternatives considered: Assess during the program only; Guidance instead of regulation" in text
