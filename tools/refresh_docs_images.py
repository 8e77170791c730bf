"""Refresh the README's images (the test suite never writes a tracked file):

- ``docs/screenshot.png``: the app in Debian's Chromium (Playwright), after moving the external coaching rate
  slider to the top of its range;
- ``docs/appendix.png``: page 1 of ``sescdp report --out appendix.docx`` rendered by LibreOffice.

Run from the repository root: ``python tools/refresh_docs_images.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "tests"))

from appserver import CHROMIUM, CHROMIUM_ARGS, open_page, served  # noqa: E402 (the browser helpers the tests use)


def app_screenshot(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, served("app.py", Path(tmp) / "streamlit.log") as url, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = open_page(browser, url)
        slider = page.locator('input[type=range][aria-label*="external rate (USD/hour)"]')
        slider.focus()
        slider.press("End")
        page.wait_for_function("() => location.search.includes('coaching.external_rate=')", timeout=60_000)
        page.wait_for_timeout(2500)
        page.screenshot(path=str(out))
        browser.close()


def appendix_page(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "appendix.docx"
        subprocess.run([sys.executable, "-m", "model", "report", "--out", str(docx)], check=True, cwd=ROOT)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "pdf", "--outdir", tmp, str(docx)], check=True, capture_output=True, timeout=180)
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-png", "-r", "70", "-singlefile", str(Path(tmp) / "appendix.pdf"),
                        str(Path(tmp) / "page")], check=True)
        shutil.copyfile(Path(tmp) / "page.png", out)


if __name__ == "__main__":
    DOCS.mkdir(exist_ok=True)
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    app_screenshot(DOCS / "screenshot.png")
    appendix_page(DOCS / "appendix.png")
    print(f"wrote {DOCS / 'screenshot.png'} and {DOCS / 'appendix.png'}")
