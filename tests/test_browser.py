"""The app in a real browser: ``streamlit run app.py`` headless on 127.0.0.1, driven by Playwright with
Debian's Chromium. Change an input, read the new figure, take a screenshot into the test's tmp folder (a test
never writes a tracked file: ``tools/refresh_docs_images.py`` refreshes the README's); walk every page as a reader.

Without a browser the test skips locally and fails under CI (environment variable CI=true)."""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from appserver import CHROMIUM, CHROMIUM_ARGS, LABEL, ROOT, open_page, served

UI_TIMEOUT_MS = 30_000
pytestmark = pytest.mark.slow  # a real client (LibreOffice, Chromium): `pytest -m "not slow"` skips it


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser test cannot run under CI: {reason}")
    pytest.skip(reason)


def _value(stem: str, key: str) -> float:
    with (ROOT / "assumptions" / f"{stem}.toml").open("rb") as fh:
        return float(tomllib.load(fh)[key]["value"])


@pytest.fixture
def server(tmp_path):
    with served("app.py", tmp_path / "streamlit.log") as url:
        yield url


@pytest.fixture
def page(server):
    """The app opened in Debian's Chromium (Playwright), outside traffic blocked, the opening figures drawn."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        _missing(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright import sync_api
    except ImportError as exc:
        _missing(f"playwright is not installed ({exc})")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield open_page(browser, server, LABEL, UI_TIMEOUT_MS)
        finally:
            browser.close()


def _metric_text(page, label: str) -> str:
    m = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text(label, exact=True))
    return m.locator('[data-testid="stMetricValue"]').inner_text()


def test_change_an_input_and_read_the_new_figure(page, tmp_path):
    rate, hours = _value("coaching", "external_rate"), _value("coaching", "hours")
    per_year = _value("cohort", "participants") * _value("cohort", "per_year")
    before = int(re.sub(r"[^\d]", "", _metric_text(page, LABEL)))

    # Move the external-rate slider to the top of its range with the keyboard, as a user would.
    slider = page.locator('input[type=range][aria-label*="external rate (USD/hour)"]')
    new_rate = float(slider.get_attribute("max"))
    assert new_rate > rate
    slider.focus()
    slider.press("End")
    # Hand arithmetic: the added fee is the rate change x coaching hours x participants a year.
    expected = before + round((new_rate - rate) * hours * per_year)
    page.wait_for_function(
        """([label, want]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
             .some(m => m.innerText.includes(label) && m.innerText.includes(want))""",
        arg=[LABEL, f"${expected:,}"])
    assert _metric_text(page, LABEL) == f"${expected:,}"
    page.wait_for_function("() => location.search.includes('coaching.external_rate=')")
    assert f"coaching.external_rate={new_rate:g}" in page.url

    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    page.wait_for_timeout(1500)  # let the charts finish drawing
    shot = tmp_path / "screenshot.png"  # tools/refresh_docs_images.py refreshes the README's
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def _internal_ids() -> set[str]:
    """Every id a reader must never see: parameter ids, framing ids, quantity names."""
    from model.core.parameters import load_assumptions
    a = load_assumptions()
    return set(a.specs) | {"as_published", "year1_total", "pv_3", "pv_7", "annualized_3", "annualized_7"}


def _settled(page) -> None:
    """Wait for the app to finish running (no status widget) and the page's elements to stop changing."""
    page.wait_for_timeout(400)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=UI_TIMEOUT_MS * 4)
    page.wait_for_timeout(300)


def _open_page(page, name: str) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=re.compile(f"^{re.escape(name)}$")).first.click()
    _settled(page)


PAGES = ("Results", "Accounting", "Published vs complete", "Uncertainty", "Sensitivity", "Scenarios", "Alternatives",
         "Downloads", "Sources")
MORE_THAN_TWO_DECIMALS = re.compile(r"(?<![\d.])(?!41[0-2]\.\d{3}\b)\d[\d,]*\.\d{3,}(?![\d.])")  # not a CFR section


def test_walk_every_page_as_a_reader(page, server):
    """No internal id and no number with more than two decimals in the visible text of any page; a link restores
    the page, framing and Monte Carlo settings; 'explain' on a year-1 figure shows parts adding up to it."""
    ids = _internal_ids()
    _settled(page)
    for name in PAGES:
        _open_page(page, name)
        text = page.locator('[data-testid="stMain"]').inner_text()
        seen = sorted(i for i in ids if re.search(rf"(?<![\w.]){re.escape(i)}(?![\w])", text))
        assert not seen, f"{name}: internal ids on screen: {seen}"
        long = MORE_THAN_TWO_DECIMALS.findall(text)
        assert not long, f"{name}: numbers with more than two decimals: {long[:5]}"
        assert "Traceback" not in text, name

    # explain a year-1 figure: the parts add up to the metric
    _open_page(page, "Results")
    page.get_by_text("Explain a figure", exact=False).first.click()
    page.wait_for_timeout(500)
    box = page.locator('[data-testid="stExpander"]').filter(has_text="Explain a figure").first
    lines = [x for x in box.inner_text().splitlines() if x.rstrip().endswith(tuple("0123456789"))]
    amounts = [int(re.sub(r"[^\d]", "", x.rsplit("= $", 1)[1])) for x in lines if "= $" in x]
    agency = next(x for x in lines if x.startswith("year-1 cost per agency"))
    total = int(re.sub(r"[^\d]", "", agency.rsplit("= $", 1)[1]))
    parts = amounts[:len([x for x in lines if not x.startswith(("year-1 cost", "government-wide"))])]
    assert abs(sum(parts) - total) <= len(parts)  # each part shown to the dollar
    assert f"${total:,}" == _metric_text(page, "Internal coaching, per agency")

    # a link restores the page, the framing and the Monte Carlo settings
    page.goto(f"{server}/?page=Accounting&accounting_framing=incremental&mc_draws=2000&mc_seed=5")
    # the Accounting page, incremental framing: its statement's title says both
    page.get_by_text("Accounting statement (OMB Circular A-4), incremental", exact=False).first.wait_for()
    _open_page(page, "Uncertainty")
    assert page.get_by_label("Draws", exact=True).input_value() == "2000"
