"""The app's Alternatives page under ``streamlit.testing.v1.AppTest``: the alternatives table for the scenario being
edited, with reader labels and money with $, and the comments upload (five findings for the shipped example; a bad
file gives one error and leaves the page and the scenario as they were)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.slow  # the app run in Streamlit's test runner (seconds a test)

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
EXAMPLE = ROOT / "examples" / "comments.toml"
TIMEOUT = 120
PAGE = "Alternatives"
FINDING = "the incremental annualized cost at"  # every generated finding says this
# Dropping the applicant-stage assessment: 40 assessments x $350 per agency a year, 13 agencies, every year of the
# incremental stream, so the same change annualized at either rate (issue 24's hand-arithmetic case).
IN_PROGRAM_ONLY_CHANGE = -(40 * 350 * 13)  # -$182,000


def opened() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.radio(key="page").set_value(PAGE).run()
    assert not at.exception, at.exception
    return at


def alternatives_frame(at: AppTest):
    (df,) = [d.value for d in at.dataframe if "Alternative" in d.value.columns]
    return df.set_index("Alternative")


def findings(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if FINDING in m.value]


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="comments_upload").set_value((name, data, "application/toml")).run()
    return at


def test_page_shows_the_proposal_and_the_commenter_alternative_with_its_difference():
    at = opened()
    assert not [e.value for e in at.error]
    assert at.radio(key="alternatives_coaching").value == "internal"
    df = alternatives_frame(at)
    assert "The proposed rule" in df.index and "Assess during the program only" in df.index
    assert IN_PROGRAM_ONLY_CHANGE == -182_000
    row = df.loc["Assess during the program only"]
    assert row["Difference from the proposal, annualized"] == f"-${-IN_PROGRAM_ONLY_CHANGE:,}"
    assert row["Difference from the proposal, year 1"] == f"-${-IN_PROGRAM_ONLY_CHANGE:,}"
    assert df.loc["The proposed rule", "Difference from the proposal, annualized"] == "$0"
    # money with $, no raw floats and no ids
    for col in ("Year-1 cost", "Present value", "Annualized", "A-4 low (annualized)", "A-4 high (annualized)"):
        assert all(v.lstrip("-").startswith("$") and "." not in v for v in df[col]), col
    assert "assess_in_program_only" not in " ".join(map(str, df.reset_index().to_numpy().ravel()))
    assert len(at.get("vega_lite_chart")) == 1
    # the same difference with external coaching
    at.radio(key="alternatives_coaching").set_value("external").run()
    assert alternatives_frame(at).loc["Assess during the program only",
                                      "Difference from the proposal, annualized"] == "-$182,000"


def test_uploading_the_example_comments_shows_five_findings_and_a_bad_file_one_error():
    at = opened()
    before = alternatives_frame(at)
    scenario = at.session_state["app"].overrides
    upload(at, "comments.toml", EXAMPLE.read_bytes())
    assert not at.exception and not [e.value for e in at.error]
    got = findings(at)
    assert len(got) == 5, got
    assert any("falls by $182,000" in f for f in got)
    (resp,) = [d.value for d in at.dataframe if "Comment" in d.value.columns]
    assert len(resp) == 5 * 2  # five comments at the two A-4 rates, internal coaching
    assert set(resp["Annualized change"][resp.Comment == "EXAMPLE-0001"]) == {"-$182,000"}

    upload(at, "bad.toml", b'[[comment]]\nid = "X-1"\ncommenter = "a"\nclaim = "b"\n'
                           b'[comment.overrides]\n"coaching.external_rate" = "abc"\n')
    assert not at.exception
    errs = [e.value for e in at.error]
    assert len(errs) == 1 and "bad.toml" in errs[0] and "X-1" in errs[0], errs
    assert "comments-" not in errs[0]  # the upload's name, not the temporary file's
    assert not findings(at)
    assert alternatives_frame(at).equals(before)
    assert at.session_state["app"].overrides == scenario
