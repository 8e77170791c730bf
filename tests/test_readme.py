"""The README's figures are the model's: every block between ``<!-- generated: NAME -->`` and
``<!-- /generated -->`` is what ``tools/refresh_readme.py`` writes from the model now; no money figure is typed
outside those blocks (benchmark measurements of one day excepted, inside ``<!-- measured: DATE -->`` blocks); and
the A-4 sample table agrees with what ``sescdp accounting`` prints, run as a separate process."""

from __future__ import annotations

import difflib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _tool():
    spec = importlib.util.spec_from_file_location("refresh_readme", ROOT / "tools" / "refresh_readme.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


tool = _tool()


@pytest.fixture(scope="module")
def text() -> str:
    return README.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def generated(text) -> dict[str, str]:
    """Every generated block, regenerated once from the model for the whole module."""
    _, blocks = tool.render(text)
    return blocks


def _committed(text: str) -> dict[str, str]:
    return {m.group("name"): m.group("body").removesuffix("\n") for m in tool.BLOCK.finditer(text)}


def test_blocks_exist(text):
    names = set(_committed(text))
    assert {"a4_sample", "reconciliation", "readings", "inconsistencies", "parameters", "api_example"} <= names
    assert text.count("<!-- generated:") == text.count("<!-- /generated -->"), "unbalanced generated markers"
    assert text.count("<!-- measured:") == text.count("<!-- /measured -->"), "unbalanced measured markers"


@pytest.mark.slow  # regenerates every README block / runs the CLI: seconds
def test_every_generated_block_matches_the_model(text, generated):
    """(a) The README equals what the model generates now, block by block; the failure names the block and
    shows the diff (``python tools/refresh_readme.py`` rewrites them)."""
    stale = []
    for name, body in _committed(text).items():
        new = generated[name]
        if body != new:
            stale.append(f"block {name!r} is stale:\n" + "".join(difflib.unified_diff(
                body.splitlines(True), new.splitlines(True), "README.md", "from the model")))
    assert not stale, "\n".join(stale) + "\nRun: python tools/refresh_readme.py"


def _outside_blocks(text: str) -> str:
    blank = lambda m: "\n" * m.group(0).count("\n")  # noqa: E731  (keeps the README's line numbers)
    return tool.MEASURED.sub(blank, tool.BLOCK.sub(blank, text))


def test_no_typed_money_figure(text):
    """(b) Outside generated and measured blocks no line carries a money figure ($ followed by a digit)."""
    hits = [f"line {i}: {line.strip()}" for i, line in enumerate(_outside_blocks(text).splitlines(), 1)
            if re.search(r"\$\s?\d", line)]
    assert not hits, "money typed outside a generated block:\n" + "\n".join(hits)


def test_money_scan_catches_a_typed_figure():
    """The scan itself: a typed figure outside a block is found, the same figure inside one is not."""
    inside = "<!-- generated: a4_sample -->\nabout $152,000\n<!-- /generated -->\n"
    measured = "<!-- measured: 2026-11-30 -->\n1.23 s, $0\n<!-- /measured -->\n"
    assert re.search(r"\$\s?\d", _outside_blocks("costs about $152,000 a year\n" + inside + measured))
    assert not re.search(r"\$\s?\d", _outside_blocks(inside + measured))


MONEY_ROW = re.compile(r"(\$-?[\d,]+\.\d\d)\s*\|?\s*(\$-?[\d,]+\.\d\d)\s*\|?\s*(\$-?[\d,]+\.\d\d)\s*\|?\s*(\d{4})"
                       r"\s*\|?\s*(\d+(?:\.\d+)?%)")


@pytest.mark.slow  # regenerates every README block / runs the CLI: seconds
def test_a4_sample_agrees_with_the_cli(text):
    """(c) The README's A-4 sample (incremental framing) against ``sescdp accounting`` run as a subprocess: the
    same primary, low and high, dollar year and rate, row by row, and the same unquantified-costs sentence."""
    out = subprocess.run([sys.executable, "-m", "model", "accounting"], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    incremental = out.stdout[out.stdout.index("Accounting statement (OMB Circular A-4), incremental"):]
    incremental = incremental[:incremental.index("E.O. 14192")]
    cli_rows = MONEY_ROW.findall(incremental)
    readme_rows = MONEY_ROW.findall(_committed(text)["a4_sample"])
    assert cli_rows, "no monetized row found in sescdp accounting's output"
    assert readme_rows == cli_rows, f"README A-4 sample {readme_rows} != sescdp accounting {cli_rows}"
    unq = re.search(r"\| Unquantified costs \| ([^|]+) \|", _committed(text)["a4_sample"]).group(1)
    cli_unq = incremental[incremental.index("Unquantified costs"):incremental.index("Transfers")]
    assert re.findall(r"\d+", unq) == re.findall(r"\d+", cli_unq), (unq, cli_unq)
