"""What a reader sees carries no internal id (issue 25, item 1): the appendix as Markdown and as Word text, default
and complete scenario, has no parameter id, no component id and no snake_case word outside a file link."""

import re

import pytest

from model.cli.main import main
from model.core.catalog import PARAMETER_IDS
from model.core.components import COMPONENTS

pytestmark = pytest.mark.slow  # builds two whole appendices

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
LINK = re.compile(r"\]\([^)]*\)")  # a Markdown link target: a file name, not a word a reader reads


def words(text: str) -> str:
    return LINK.sub("]", text.replace("\\_", "_"))


def problems(text: str) -> list[str]:
    t = words(text)
    found = [pid for pid in PARAMETER_IDS if pid in t]
    found += [c.name for c in COMPONENTS if "_" in c.name and re.search(rf"\b{c.name}\b", t)]
    found += sorted(set(SNAKE.findall(t)))
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("scenario", [None, "complete"])
def test_the_appendix_reads_without_an_id(tmp_path, scenario):
    out = tmp_path / "appendix.md"
    args = ["report", "--out", str(out)] + (["--scenario", scenario] if scenario else [])
    assert main(args) == 0
    assert problems(out.read_text()) == []


def test_the_word_appendix_reads_without_an_id(tmp_path):
    import docx
    out = tmp_path / "appendix.docx"
    assert main(["report", "--out", str(out)]) == 0
    d = docx.Document(out)
    text = "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    assert problems(text) == []


def test_the_scanner_finds_an_id():
    assert problems("the rate (coaching.external_rate) and baseline_reapproval_offset") == [
        "coaching.external_rate", "baseline_reapproval_offset", "external_rate"]
    assert problems("see [the figure](x_files/figure-1.png) and labor\\_rate") == ["labor_rate"]
