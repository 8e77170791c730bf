"""Issue 25, item 6 (mark 10): the CSV carries a key from each code in it to its reader label, and its header
mentions only columns the file has; the Markdown appendix writes its figures as PNG files beside it
(``<stem>_files/figure-N.png``), linked by relative path, never as data URIs, and its narrative A-4 cells
are left-aligned. Writing stays atomic and a bad --out is refused in one line."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd
import pytest

from model.core.components import COMPONENTS
from model.core.errors import ModelInputError
from model.outputs import export as ex
from model.outputs.to_csv import read_csv_key
from model.outputs.to_markdown import markdown_table

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")  # a snake_case code


@pytest.fixture(scope="module")
def csv_path(primary_report, tmp_path_factory):
    return ex.write_export(primary_report, tmp_path_factory.mktemp("csv") / "r.csv")


@pytest.fixture(scope="module")
def drawn_report(primary):
    """A report with a small Monte Carlo run, so the appendix has figures (a histogram and two tornados)."""
    return ex.build_report(primary, scenarios=[], draws=64, seed=7, sobol_n=0)


# ----------------------------------------------------------------------------------------------- CSV


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_csv_key_maps_every_code_to_its_label(csv_path):
    df, _ = ex.read_csv_export(csv_path)
    key = read_csv_key(csv_path)
    for col in df.columns:  # every column has a label
        assert key[(col, "")] and key[(col, "")] != col, col
    for col in ("framing", "coaching", "level", "component"):  # every code in the file has a label
        for code in set(df[col]):
            assert (col, code) in key, (col, code)
    assert {code for (col, code) in key if col == "component" and code} == {c.name for c in COMPONENTS} | {"total"}
    # the labels a reader sees, written out
    assert key[("framing", "as_published")] == "As published (the NPRM's framing)"
    assert key[("coaching", "mixed")] == "Mixed coaching"
    assert key[("level", "government")] == "government-wide"
    assert key[("component", "total")] == "Total"
    assert key[("usd", "")] == "Cost, USD of 2025, rounded to the cent, undiscounted"
    assert key[("year", "")] == "Analysis year (1 is 2026)"
    for (col, code), label in key.items():  # a label is words, never a code
        assert not SNAKE.search(label), (col, code, label)
        assert label != code


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_csv_header_mentions_only_columns_the_file_has(csv_path):
    df, comments = ex.read_csv_export(csv_path)
    header = [c for c in comments if not c.startswith("Key: ")]
    note = next(c for c in header if "component = total" in c)
    named = re.search(r"of the same (.*?): do not add", note).group(1).replace(" and ", ", ").split(", ")
    assert named == ["scenario", "framing", "coaching", "level", "year"] and set(named) <= set(df.columns)
    text = "\n".join(header)
    # results the file does not hold are not described in it (they are in the workbook)
    assert "--draws" not in text and "Monte Carlo and sensitivity" not in text
    assert "A-4 accounting statement" not in text and "accounting_draws" not in text
    assert "FR Doc. 2025-23289" in text and "Date (UTC): 2025-12-18" in text  # the provenance kept
    pd.testing.assert_frame_equal(pd.read_csv(csv_path, comment="#"), df)  # plain pandas still reads it


def test_stream_note_names_only_present_columns():
    from model.outputs.to_csv import stream_note
    assert stream_note(["framing", "component", "year", "usd"]) == (
        "Rows with component = total are the sum of the other components of the same framing and year: "
        "do not add them again.")
    assert stream_note(["framing", "usd"]) == ""  # no component column: no note about its total rows


# ------------------------------------------------------------------------------------------ Markdown


@pytest.mark.slow  # builds a report with a Monte Carlo run and writes it (seconds)
def test_markdown_figures_are_files_beside_it(tmp_path, primary, drawn_report):
    path = ex.write_export(drawn_report, tmp_path / "my appendix.md")
    text = path.read_text()
    assert "data:image" not in text
    links = re.findall(r"!\[Figure (\d+)\. [^\]]*\]\(([^)]+)\)", text)
    assert [n for n, _ in links] == ["1", "2", "3"]  # histogram and two tornados
    for n, target in links:
        assert unquote(target) == f"my appendix_files/figure-{n}.png"  # relative to the Markdown file
        png = (path.parent / unquote(target)).read_bytes()
        assert png.startswith(PNG_MAGIC)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my appendix.md", "my appendix_files"]
    assert sorted(p.name for p in (tmp_path / "my appendix_files").iterdir()) == [
        "figure-1.png", "figure-2.png", "figure-3.png"]

    # the same name again without draws: no figures, and the earlier run's figure files are gone
    again = ex.write_export(ex.build_report(primary, scenarios=[]), path)
    assert "figure-" not in again.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my appendix.md"]


@pytest.mark.slow  # builds a report with a Monte Carlo run (seconds)
def test_markdown_bytes_alone_embed_figures(drawn_report):
    """A download is one file: there the figures are data URIs, the only way it carries them."""
    md = ex.export_bytes(drawn_report, "md").decode()
    assert md.count("](data:image/png;base64,") == 3


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_markdown_figure_folder_that_is_a_file_is_refused_in_one_line(tmp_path, drawn_report):
    (tmp_path / "a_files").write_text("not a folder")
    with pytest.raises(ModelInputError) as err:
        ex.write_export(drawn_report, tmp_path / "a.md")
    assert "\n" not in str(err.value) and "a_files is a file" in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_files"]


@pytest.mark.slow  # builds a report with a Monte Carlo run and writes it (seconds)
def test_markdown_failed_figure_write_leaves_no_markdown(tmp_path, drawn_report, monkeypatch):
    from model.outputs import files

    target = tmp_path / "a.md"
    target.write_text("previous appendix")
    real = files.os.replace

    def fail(src, dst):
        if str(dst).endswith(".png"):
            raise OSError(28, "No space left on device")
        return real(src, dst)
    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(ModelInputError, match="cannot write: No space left on device"):
        ex.write_export(drawn_report, target)
    assert target.read_text() == "previous appendix"  # the Markdown is written last: the old one is intact
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.slow  # uses a whole report built for the test run (seconds)
def test_markdown_a4_narrative_cells_left_aligned(tmp_path, primary_report):
    text = ex.write_export(primary_report, tmp_path / "r.md").read_text().splitlines()
    start = next(i for i, line in enumerate(text) if line.startswith("**Table") and "Accounting statement" in line)
    header, rule = text[start + 2], text[start + 3]
    cols = [h.strip() for h in header.strip("|").split("|")]
    align = rule.strip("|").split("|")
    primary_col = cols.index("Primary estimate")
    rows = [r for r in text[start + 4:] if r.startswith("| ")]
    assert any("requirements of the rule text" in r.split(" | ")[primary_col] for r in rows)  # a narrative cell
    assert align[primary_col] == "---"  # left-aligned: the column holds sentences
    assert align[cols.index("Low")] == "---:"  # a column of numbers alone stays right-aligned


def test_markdown_table_alignment_by_cells():
    from model.outputs.present.formats import Kind
    from model.outputs.present.pubtable import Column, PubTable

    t = PubTable("t", "T", (Column("item", "Item"), Column("primary", "Primary", Kind.MUSD),
                            Column("low", "Low", Kind.MUSD)),
                 (("Costs", 2_050_000.0, 1_720_000.0), ("Costs", "11 requirements add costs", -1_200_000.0),
                  ("Benefits", None, float("inf"))))
    assert markdown_table(t).splitlines() == [
        "| Item | Primary | Low |",
        "|---|---|---:|",  # a sentence in 'Primary': the column reads left-aligned; 'Low' holds numbers only
        "| Costs | $2.05 | $1.72 |",
        "| Costs | 11 requirements add costs | -$1.20 |",
        "| Benefits |  | n/a (infinite) |"]
