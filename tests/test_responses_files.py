"""The comment responses as files (.xlsx, .docx, .md): each written for examples/comments.toml, read back, and its
figures agree with ``model.comments(...).table`` to the dollar; any other suffix is refused in one line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

import model
from model.core.errors import ModelInputError
from model.outputs.responses import Responses
from model.outputs.responses_files import responses_bytes, write_responses

ROOT = Path(__file__).resolve().parents[1]
COMMENTS = ROOT / "examples" / "comments.toml"
MONEY = ["year1_before", "year1", "year1_change", "annualized_before", "annualized", "annualized_change"]
MODE = {"Internal": "internal", "External": "external", "Mixed": "mixed"}


@pytest.fixture(scope="module")
def responses():
    return model.comments(COMMENTS)


@pytest.fixture(scope="module")
def assumptions():
    return model.Scenario.load(None).assumptions


def dollars(text: str) -> int:
    """'-$1,625,000' -> -1625000."""
    m = re.fullmatch(r"(-?)\$([0-9,]+)", text.strip())
    assert m, f"not whole dollars with thousands separators: {text!r}"
    return int(m.group(2).replace(",", "")) * (-1 if m.group(1) else 1)


def expected(responses) -> dict:
    """(id, coaching, rate in %) -> {money column: whole dollars} from the model's table."""
    return {(r["id"], r["coaching"], round(r["discount_rate"] * 100)): {c: round(r[c]) for c in MONEY}
            for r in responses.table.to_dict("records")}


def check_rows(got: dict, responses) -> None:
    want = expected(responses)
    assert set(got) == set(want)
    assert got == want
    # the hand arithmetic, read from the file: no applicant-stage assessment removes 40 x $350 per agency
    # in each of 13 agencies every year; $1,500 instead of $1,000 an hour adds 25 x 10 x $500 x 13 with external coaching
    assert got[("EXAMPLE-0001", "internal", 7)]["annualized_change"] == -(40 * 350 * 13)
    assert got[("EXAMPLE-0002", "external", 3)]["year1_change"] == 25 * 10 * 500 * 13


def text_tables(rows_by_table, ids) -> dict:
    """Read back per-comment tables (header row first) into (id, coaching, rate) -> money dict."""
    labels = {"Year-1 cost, proposal": "year1_before", "Year-1 cost, with the comment": "year1",
              "Change in year-1 cost": "year1_change", "Annualized cost, proposal": "annualized_before",
              "Annualized cost, with the comment": "annualized", "Change in annualized cost": "annualized_change"}
    got = {}
    for cid, rows in zip(ids, rows_by_table):
        header = [" ".join(h.split()) for h in rows[0]]
        assert "year1_change" not in header and "annualized_change" not in header  # labels, not column ids
        for row in rows[1:]:
            cells = dict(zip(header, row))
            key = (cid, MODE[cells["Coaching"].strip()], int(cells["Discount rate"].strip().rstrip("%")))
            got[key] = {col: dollars(cells[lab]) for lab, col in labels.items()}
    return got


@pytest.mark.slow
def test_markdown_agrees_to_the_dollar(responses, assumptions, tmp_path):
    out = write_responses(responses, tmp_path / "responses.md", assumptions)
    text = out.read_text(encoding="utf-8")
    ids = list(dict.fromkeys(responses.table["id"]))
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            if not set(line) <= set("|-: "):
                current.append([c.replace("\\", "") for c in line.strip("|").split(" | ")])
        else:
            current = None
    assert len(tables) == len(ids)
    check_rows(text_tables(tables, ids), responses)
    assert assumptions.digest() in text and model.__version__ in text
    for cid in ids:
        assert f"## {cid.replace('_', chr(92) + '_')}" in text


@pytest.mark.slow
def test_docx_agrees_to_the_dollar(responses, assumptions, tmp_path):
    import docx
    out = write_responses(responses, tmp_path / "responses.docx", assumptions)
    doc = docx.Document(str(out))
    ids = list(dict.fromkeys(responses.table["id"]))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    assert len(tables) == len(ids)
    check_rows(text_tables(tables, ids), responses)
    paras = [p.text for p in doc.paragraphs]
    findings = list(responses.table.drop_duplicates("id")["finding"])
    assert [p.removeprefix("Finding. ") for p in paras if p.startswith("Finding. ")] == findings  # one paragraph each
    assert any(assumptions.digest() in p for p in paras) and any(model.__version__ in p for p in paras)
    assert out.read_bytes()[:2] == responses_bytes(responses, "docx", assumptions)[:2] == b"PK"


@pytest.mark.slow
def test_xlsx_agrees_to_the_dollar(responses, assumptions, tmp_path):
    from openpyxl import load_workbook
    out = write_responses(responses, tmp_path / "responses.xlsx", assumptions)
    wb = load_workbook(out)
    ws = wb["Responses"]
    header = [c.value for c in ws[2]]
    labels = {"Year-1 cost, proposal": "year1_before", "Year-1 cost, with the comment": "year1",
              "Change in year-1 cost": "year1_change", "Annualized cost, proposal": "annualized_before",
              "Annualized cost, with the comment": "annualized", "Change in annualized cost": "annualized_change"}
    assert "year1_change" not in header and "Finding" in header  # labels, not column ids
    col = {h: j for j, h in enumerate(header)}
    got = {}
    for row in ws.iter_rows(min_row=3, max_row=2 + len(responses.table)):
        v = [c.value for c in row]
        key = (v[col["Comment"]], MODE[v[col["Coaching"]]], round(v[col["Discount rate"]] * 100))
        got[key] = {name: round(v[col[lab]]) for lab, name in labels.items()}
        for lab in labels:
            assert "$" in row[col[lab]].number_format and "#,##0" in row[col[lab]].number_format
        assert row[col["Finding"]].alignment.wrap_text
    check_rows(got, responses)
    prov = " ".join(str(c.value) for c in wb["Provenance"]["A"] if c.value)
    assert assumptions.digest() in prov and model.__version__ in prov


@pytest.mark.parametrize("name", ["responses.pdf", "responses.csv", "responses"])
def test_other_suffix_refused_in_one_line(tmp_path, name):
    responses, assumptions = Responses(pd.DataFrame()), None  # refused before anything is read or computed
    with pytest.raises(ModelInputError) as err:
        write_responses(responses, tmp_path / name, assumptions)
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith("--out ") and ".xlsx, .docx, .md" in msg
    assert not (tmp_path / name).exists()
    with pytest.raises(ModelInputError):
        responses_bytes(responses, "pdf", assumptions)
