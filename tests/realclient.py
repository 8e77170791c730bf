"""Check a written document "in a real client": convert a .docx or .xlsx to PDF with LibreOffice
(``soffice --headless``) and read the PDF back with poppler-utils (``pdfinfo``, ``pdftotext``,
``pdftoppm``). A helper module for tests, not a test file.

A test using it first calls ``available()``; when that returns a message, the test fails under CI
(environment variable CI=true) and skips otherwise — see ``require()``.

Each ``to_pdf`` call runs soffice with its own throwaway LibreOffice user profile, so conversions in
parallel pytest-xdist workers (or in one process) never share, or lock, a profile.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

SOFFICE = "soffice"
POPPLER = ("pdftotext", "pdfinfo", "pdftoppm")
CONVERT_TIMEOUT_S = 180
POPPLER_TIMEOUT_S = 60

# A money/number token: optional "$", optional "-", digits with thousands commas, optional decimals
# and an optional "%" ("$12.74", "$148,821", "1,934,670", "7%", "-3.5").
NUMBER_TOKEN = re.compile(r"\$?-?\d[\d,]*(?:\.\d+)?%?")


@dataclass(frozen=True)
class Word:
    """One word of a PDF page as ``pdftotext -bbox`` reports it: its text, its box in PDF points with
    the origin at the top-left of the page (y grows downwards), and the size of its page."""

    page: int  # 1-based
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    page_width: float
    page_height: float


def available() -> str | None:
    """None when soffice, pdftotext, pdfinfo and pdftoppm are all on PATH; otherwise a message naming
    the missing programs."""
    missing = [p for p in (SOFFICE, *POPPLER) if shutil.which(p) is None]
    if not missing:
        return None
    return ("real-client check needs " + ", ".join(missing) + " on PATH (Debian: libreoffice-writer-nogui, "
            "libreoffice-calc-nogui, poppler-utils)")


def require() -> None:
    """In a test: fail under CI=true, skip otherwise, when ``available()`` reports something missing."""
    import pytest

    reason = available()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"real-client test cannot run under CI: {reason}")
    pytest.skip(reason)


def _run(args: list[str], timeout: float = POPPLER_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def to_pdf(path: Path, outdir: Path) -> Path:
    """Convert the .docx or .xlsx ``path`` to ``outdir/<stem>.pdf`` with
    ``soffice --headless --convert-to pdf``, in a private LibreOffice user profile (deleted afterwards),
    within CONVERT_TIMEOUT_S seconds. Returns the PDF; raises AssertionError, with soffice's output,
    when no PDF appears."""
    path = Path(path).resolve()
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    pdf = outdir / (path.stem + ".pdf")
    pdf.unlink(missing_ok=True)  # so a stale PDF from an earlier call cannot pass for this one
    with tempfile.TemporaryDirectory(prefix="lo-profile-", ignore_cleanup_errors=True) as profile:
        args = [SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", str(outdir), str(path)]
        # its own process group: soffice is a script that starts soffice.bin, and a timeout must end both
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            raise AssertionError(f"soffice did not convert {path.name} within {CONVERT_TIMEOUT_S} s:\n"
                                 f"stderr: {stderr}\nstdout: {stdout}") from None
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise AssertionError(f"soffice made no PDF of {path.name} (exit {proc.returncode}):\n"
                             f"stderr: {stderr}\nstdout: {stdout}")
    return pdf


def pdf_pages(pdf: Path) -> int:
    """The number of pages of ``pdf``, from ``pdfinfo``."""
    out = _run(["pdfinfo", str(pdf)]).stdout
    m = re.search(r"^Pages:\s*(\d+)\s*$", out, re.MULTILINE)
    if m is None:
        raise AssertionError(f"pdfinfo reported no page count for {pdf}:\n{out}")
    return int(m.group(1))


def pdf_text(pdf: Path) -> str:
    """The text of ``pdf`` from ``pdftotext -layout`` (pages separated by form feeds)."""
    return _run(["pdftotext", "-layout", str(pdf), "-"]).stdout


def pdf_words(pdf: Path) -> list[Word]:
    """Every word of ``pdf`` with its box, parsed from ``pdftotext -bbox`` (XHTML: ``<page width height>``
    holding ``<word xMin yMin xMax yMax>text</word>``), in page order."""
    xhtml = _run(["pdftotext", "-bbox", str(pdf), "-"]).stdout
    root = ET.fromstring(xhtml)
    words: list[Word] = []
    # the elements are in the XHTML namespace; match on the local name so either spelling parses
    pages = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "page"]
    for number, page in enumerate(pages, start=1):
        width, height = float(page.attrib["width"]), float(page.attrib["height"])
        for w in page:
            if w.tag.rsplit("}", 1)[-1] != "word":
                continue
            words.append(Word(page=number, text=w.text or "",
                              x_min=float(w.attrib["xMin"]), y_min=float(w.attrib["yMin"]),
                              x_max=float(w.attrib["xMax"]), y_max=float(w.attrib["yMax"]),
                              page_width=width, page_height=height))
    return words


def off_page(words: Iterable[Word], margin: float = 0.0) -> list[Word]:
    """The words whose box reaches beyond the page, or into a ``margin`` (points) along any edge:
    how "a table runs off the page" shows in the PDF.

    Only part of the evidence survives: LibreOffice clips the PDF at the page edge, so a word that
    straddles the edge comes back cut short ("zeta" as "zet", its ``x_max`` a fraction of a point past
    ``page_width``) and a word wholly off the page is not in the PDF at all. With ``margin=0`` only the
    straddling words are caught; a margin such as 36 (half an inch, inside the usual page margins)
    catches text that runs into the edge of the page. Check also that the expected text is present."""
    return [w for w in words
            if w.x_min < margin or w.x_max > w.page_width - margin
            or w.y_min < margin or w.y_max > w.page_height - margin]


def png_of_page(pdf: Path, page: int, out_png: Path, dpi: int = 80) -> Path:
    """Render page ``page`` (1-based) of ``pdf`` to the PNG ``out_png`` at ``dpi`` with ``pdftoppm``.
    Returns ``out_png``."""
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    root = out_png.with_suffix("")  # pdftoppm -singlefile appends ".png" to the root it is given
    _run(["pdftoppm", "-f", str(page), "-l", str(page), "-png", "-r", str(dpi), "-singlefile",
          str(pdf), str(root)])
    made = root.with_suffix(".png")
    if made != out_png:
        made.replace(out_png)
    if not out_png.is_file():
        raise AssertionError(f"pdftoppm made no PNG of page {page} of {pdf}")
    return out_png


def number_tokens(text: str) -> set[str]:
    """The money/number tokens in ``text`` ("$12.74", "$148,821", "1,934,670", "7%"), each as written,
    so a test can check a figure appears whole (``"$1,934,670" in number_tokens(t)``, which fails when
    the PDF splits it as "$1,934," and "670"). A token's trailing comma (a sentence's, or a split
    figure's) is kept: "$1,934," is not "$1,934"."""
    return set(NUMBER_TOKEN.findall(text))
