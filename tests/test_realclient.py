"""The comment appendix and the workbook opened in a real client (issue 10): LibreOffice converts them to
PDF, poppler reads the text and the word boxes back. Every figure of the A-4 statement and of the summary of
findings must appear whole (not split across lines or cells), and no word may lie outside the page.

A page of the appendix is rendered into the test's tmp folder (``tools/refresh_docs_images.py`` refreshes the
README's ``docs/appendix.png``; a test never writes a tracked file). Without LibreOffice and poppler the tests skip locally and fail under
CI=true (``realclient.require``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import realclient as rc
from model.api import Scenario
from model.core.accounting import complete_vs_published
from model.core.standard import complete_of
from model.outputs.present import findings, layouts

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # a real client (LibreOffice, Chromium): `pytest -m "not slow"` skips it
MARGIN_PT = 30  # a word closer than this to the paper's edge has run off the printable page
MAX_APPENDIX_PAGES = 45  # 39 measured with the assumptions annex (every analyst's reasoning in full)
DRAWS, SEED = 2_000, 1


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The appendix (.docx) and the workbook of one report with Monte Carlo, and their PDFs."""
    rc.require()
    folder = tmp_path_factory.mktemp("realclient")
    report = Scenario.load().report(draws=DRAWS, seed=SEED, sobol_n=64, date="2025-12-18")
    docx_path, xlsx_path = report.write(folder / "appendix.docx"), report.write(folder / "workbook.xlsx")
    return report.report, rc.to_pdf(docx_path, folder), rc.to_pdf(xlsx_path, folder)


def statement_figures(report) -> set[str]:
    """Every number of both A-4 statements as displayed ('$2.06', '7%', '2025', '2026-2035' split)."""
    out: set[str] = set()
    for framing in ("as_published", "incremental"):
        for row in layouts.accounting_statement_table(report, framing).text_rows():
            for cell in row[2:8]:
                out |= set(rc.number_tokens(cell))
    return out


def summary_figures(report) -> set[str]:
    """The money figures of the summary of findings ('$2.18' of '$2.18 million')."""
    a = report.assumptions
    high = max(report.provenance["discount_rates"])
    cv = complete_vs_published(a, complete_of(a), years=report.provenance["horizon_years"])
    text = " ".join(findings.scope_findings(report, cv, high) + findings.accounting_findings(report, high)
                    + findings.uncertainty_findings(report, high) + findings.omitted_findings(report))
    return set(re.findall(r"\$\d[\d,]*\.\d\d(?= million)", text))


def test_appendix_figures_whole_and_on_the_page(written, tmp_path):
    report, pdf, _ = written
    tokens = rc.number_tokens(rc.pdf_text(pdf))
    wanted = statement_figures(report) | summary_figures(report)
    assert len(wanted) > 20
    assert not wanted - tokens, f"split or missing in the appendix PDF: {sorted(wanted - tokens)}"
    assert not rc.off_page(rc.pdf_words(pdf), MARGIN_PT)
    pages = rc.pdf_pages(pdf)
    assert 5 <= pages <= MAX_APPENDIX_PAGES
    first = rc.pdf_text(pdf).split("\f")[0]
    assert "1. Summary of findings" in first and "Page 1 of" in first  # the findings open; pages numbered
    assert rc.png_of_page(pdf, 1, tmp_path / "appendix.png", dpi=70).stat().st_size > 10_000


def test_workbook_figures_whole_and_on_the_page(written):
    report, _, pdf = written
    text = rc.pdf_text(pdf)
    tokens = rc.number_tokens(text)
    wanted = statement_figures(report) | summary_figures(report)
    assert not wanted - tokens, f"split or missing in the workbook PDF: {sorted(wanted - tokens)}"
    assert "######" not in text  # no number too wide for its column
    assert not rc.off_page(rc.pdf_words(pdf), MARGIN_PT)


def alternatives_figures(report) -> set[str]:
    """Every money figure of the regulatory-alternatives table as displayed ('$1.31', '-$0.18')."""
    from model.outputs.present.appendix import alternatives_table_pub
    out: set[str] = set()
    for row in alternatives_table_pub(report).text_rows():
        for cell in row[3:]:
            out |= set(rc.number_tokens(cell))
    return out


def test_the_alternatives_table_is_whole_in_the_appendix(written):
    report, pdf, _ = written
    wanted = alternatives_figures(report)
    assert len(wanted) > 20
    missing = wanted - rc.number_tokens(rc.pdf_text(pdf))
    assert not missing, f"split or missing in the appendix PDF: {sorted(missing)}"


def test_the_complete_scenario_appendix_is_whole_and_on_the_page(tmp_path):
    """The appendix of the complete accounting: its A-4 statements' figures whole, no word off the page."""
    rc.require()
    report = Scenario.load("complete").report(date="2025-12-18")
    pdf = rc.to_pdf(report.write(tmp_path / "complete.docx"), tmp_path)
    missing = statement_figures(report.report) - rc.number_tokens(rc.pdf_text(pdf))
    assert not missing, f"split or missing in the complete appendix PDF: {sorted(missing)}"
    assert not rc.off_page(rc.pdf_words(pdf), MARGIN_PT)
    assert 5 <= rc.pdf_pages(pdf) <= MAX_APPENDIX_PAGES


def test_the_comment_responses_are_whole_and_on_the_page(tmp_path):
    """The response document of examples/comments.toml: every change in dollars whole, no word off the page."""
    rc.require()
    from model import comments
    r = comments(ROOT / "examples" / "comments.toml")
    out = tmp_path / "responses.docx"
    out.write_bytes(r.to_bytes("docx"))
    pdf = rc.to_pdf(out, tmp_path)
    text = rc.pdf_text(pdf)
    wanted = {f"${abs(v):,.0f}" for v in r.table.annualized_change if abs(v) >= 0.5}  # tokens carry no sign
    missing = wanted - set(rc.number_tokens(text))
    assert len(wanted) >= 5 and not missing, f"split or missing in the responses PDF: {sorted(missing)}"
    assert not rc.off_page(rc.pdf_words(pdf), MARGIN_PT)
    assert text.count("Finding.") == 5
