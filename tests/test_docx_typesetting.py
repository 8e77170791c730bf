"""Typesetting of the Word appendix (issue 25, items 2 and 4): terms kept whole across lines, keep-with-next on
captions and last rows, tornado labels wrapped and never cut, captions naming framing, level and rate, and the
assumptions annex carrying every moving parameter's grade, source or reasoning, and range."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest

from model.core.parameters import load_assumptions
from model.outputs.present import charts
from model.outputs.present.layouts import assumptions_annex_pub, moving_parameters
from model.outputs.report import build_report
from model.outputs.to_docx import UNBROKEN, to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TERMS = ["Year-1", "2026-2035", "OPM-2025-0014", "412.303(a)(1)", "$2.2 million"]
SPLIT = re.compile(r"(?:Year|OPM|\b\d{4})-[ \t]*\n|\d\([a-z0-9]+\)[ \t]*\n[ \t]*\(")  # a line break inside a term
SPLIT_MONEY = re.compile(r"\$[\d.,]+\s*\n\s*(?:million|billion)\b")  # "$2.2" / "million"


@pytest.fixture(scope="module")
def report():
    return build_report(load_assumptions(), draws=200, seed=1)


@pytest.fixture(scope="module")
def document(report):
    import docx
    return docx.Document(io.BytesIO(to_docx(report)))


def test_every_listed_term_is_one_unbreakable_match():
    for term in TERMS:
        m = UNBROKEN.search(f"as in {term} here")
        assert m is not None and m.group(0) == term, term


def test_terms_are_written_with_non_breaking_hyphens_and_spaces():
    import docx
    from model.outputs.to_docx import _runs
    doc = docx.Document()
    para = doc.add_paragraph()
    _runs(para, "the Year-1 cost in 2026-2035, docket OPM-2025-0014, 412.303(a)(1), $2.2 million")
    xml = para._p.xml
    assert xml.count("<w:noBreakHyphen/>") == 1 + 1 + 2  # Year-1, 2026-2035, OPM-2025-0014
    text = "".join(t.text for t in para._p.iter(f"{W}t"))
    assert "$2.2\u00a0million" in text and "412.303(a)\u2060(1)" in text
    assert "Year-1" not in text and "OPM-2025" not in text  # every hyphen inside a term is Word's non-breaking one


@pytest.mark.slow  # builds a whole report or prices every comment: seconds
def test_captions_and_the_last_rows_keep_with_next(document):
    captions = [p for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Table")]
    assert captions and all(p.paragraph_format.keep_with_next for p in captions)
    for table in document.tables:
        if len(table.rows) > 2:  # the row before the last holds on to the last: no orphan row
            assert all(p.paragraph_format.keep_with_next for c in table.rows[-2].cells for p in c.paragraphs)


@pytest.mark.slow  # builds a whole report or prices every comment: seconds
def test_annex_has_a_row_for_every_parameter_that_moves_a_figure(report):
    a = report.assumptions
    annex = assumptions_annex_pub(report, a)
    moving = moving_parameters(a)
    assert len(annex.rows) == len(moving)
    assert {"analysis.seed", "analysis.accounting_draws", "context.significance_threshold"}.isdisjoint(moving)
    assert {"policy.hours", "policy.reapproval_years", "analysis.discount_rate_high",
            "analysis.horizon_years", "alternative.voluntary_adoption_share"} <= set(moving)
    by_label = {r[0]: r for r in annex.rows}
    from model.outputs.present.labels import parameter_label
    row = by_label[parameter_label(a, "policy.reapproval_hours")]
    assert row[2] == "Analyst assumption"
    assert row[3].startswith("No source gives hours for a re-approval.")  # the reasoning itself
    assert row[4] == "20 to 100"
    assert not any("workbook" in r[3] for r in annex.rows)
    assert not any(re.search(r"\b[a-z]+\.[a-z][a-z0-9_]*_[a-z0-9_]+\b", r[3]) for r in annex.rows)


@pytest.mark.slow  # builds a whole report or prices every comment: seconds
def test_annex_is_in_the_document(document, report):
    annex = assumptions_annex_pub(report, report.assumptions)
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells][3:4] == ["Source or reasoning"])
    assert len(table.rows) == 1 + len(annex.rows)


def test_tornado_labels_wrap_and_are_never_cut():
    text = "Fully loaded hourly cost of a participant's time in the program, by the proposed rule's hours"
    label = charts.tick_label(text)
    assert "\u2026" not in label and "..." not in label
    assert label.replace("\n", " ") == text
    assert max(len(line) for line in label.split("\n")) <= charts.LABEL_WIDTH


@pytest.mark.slow  # builds a whole report or prices every comment: seconds
def test_chart_captions_name_framing_level_and_rate(document):
    figs = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure")]
    tornados = [f for f in figs if "Tornado" in f]
    assert tornados
    for f in figs:
        assert "government-wide" in f and "%" in f
    for f in tornados:
        assert "as published" in f


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice")
def test_no_term_split_across_lines_in_the_pdf(report, tmp_path):
    path = tmp_path / "appendix.docx"
    path.write_bytes(to_docx(report))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", str(tmp_path / "appendix.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    split = [m.group(0) for m in SPLIT.finditer(text)]
    assert not split, split[:5]
    assert not SPLIT_MONEY.search(text)
