"""Responsiveness of the app in a real browser, beside a minimal Streamlit app: prints figures, asserts nothing.

``streamlit run`` headless on 127.0.0.1 (a free port each) for ``benchmarks/minimal_app.py`` (one slider,
one metric) and ``app.py``, each opened in Debian's Chromium through Playwright. Measures:

1. Input change to visible figure change, median and p90 of --reps changes (default 15, after one untimed
   warm-up), timed in the page: keydown that commits the change -> DOM mutation showing the metric's new
   text. Minimal app: ArrowRight/ArrowLeft on slider 'x'. App (Results page, metric "External coaching,
   per agency"): a new coaching.external_rate typed into its number box (sliders toggled off) + Enter,
   and, for comparison, ArrowRight on the default slider. App values are all new (no cache hit).
   Target: app / minimal <= 2.
2. A 10^6-draw run on the Uncertainty page: Draws = 1000000, "Run simulation" clicked, timed until
   "Done: 1,000,000 draws" shows (and until the app is idle, charts drawn). Target: under 2 s.

Run: ``python benchmarks/bench_browser.py [--reps 15]`` (venv active; about a minute). Exit 0 whatever
the figures; exit 2 if Chromium or Playwright is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from appserver import CHROMIUM, CHROMIUM_ARGS, LABEL, open_page as _open, served  # noqa: E402 (the browser helpers the tests use)
UI_TIMEOUT_MS = 60_000
RATE_LABEL = "external rate (USD/hour)"
DRAWS = 1_000_000

# Before an action: remember the metric's text, stamp the first keydown, resolve when the text changes.
ARM = """([label, timeoutMs]) => {
  const read = () => { for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
      const l = m.querySelector('[data-testid="stMetricLabel"]');
      if (l && l.innerText.includes(label)) return m.querySelector('[data-testid="stMetricValue"]').innerText; }
    return null; };
  const b = window.__bench = {t0: null, t1: null, before: read()};
  const keys = ['Enter', 'ArrowRight', 'ArrowLeft', 'Home'];
  const onKey = e => { if (b.t0 === null && keys.includes(e.key)) b.t0 = performance.now(); };
  document.addEventListener('keydown', onKey, {capture: true});
  b.done = new Promise((resolve, reject) => {
    const obs = new MutationObserver(() => { const now = read();
      if (now !== null && now !== b.before) { b.t1 = performance.now(); b.after = now; stop(); resolve(); } });
    const stop = () => { obs.disconnect(); document.removeEventListener('keydown', onKey, {capture: true}); };
    obs.observe(document.body, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { stop(); reject(new Error('metric ' + label + ' did not change')); }, timeoutMs); });
  return b.before; }"""
ELAPSED = "async () => { const b = window.__bench; await b.done; return [b.t1 - b.t0, b.before, b.after]; }"


def open_page(browser, url: str, wait_text: str):
    return _open(browser, url, wait_text, UI_TIMEOUT_MS)


def server(script: str, logdir: Path):
    """``streamlit run script`` (``appserver.served``), logging to ``logdir``; yields its URL."""
    return served(script, logdir / f"{Path(script).stem}.log")


def timed_change(page, label: str, act) -> float:
    """ms from the keydown of ``act()`` to the metric ``label`` showing a new text."""
    page.evaluate(ARM, [label, UI_TIMEOUT_MS])
    act()
    ms, before, after = page.evaluate(ELAPSED)
    assert before != after, (before, after)
    return ms


def series(page, label: str, reps: int, act) -> list[float]:
    timed_change(page, label, lambda: act(-1))  # warm-up: first rerun of the session, not timed
    return [timed_change(page, label, lambda i=i: act(i)) for i in range(reps)]


def slider_step(page, slider, i: int) -> None:
    """ArrowRight on a slider, or Home when it is at its top (still a change, to a seen value)."""
    at_top = float(slider.input_value()) >= float(slider.get_attribute("max"))
    slider.press("Home" if at_top else "ArrowRight")


def bench_minimal(browser, url: str, reps: int) -> list[float]:
    page = open_page(browser, url, "Figure")
    slider = page.locator("input[type=range]").first
    slider.focus()
    times = series(page, "Figure", reps, lambda i: slider.press("ArrowRight" if i % 2 else "ArrowLeft"))
    page.close()
    return times


def bench_app(browser, url: str, reps: int) -> tuple[list[float], list[float]]:
    page = open_page(browser, url, LABEL)
    slider = page.locator(f'input[type=range][aria-label*="{RATE_LABEL}"]').first  # the default widget
    slider.focus()
    if float(slider.input_value()) > float(slider.get_attribute("min")):  # start low, so ArrowRight gives
        timed_change(page, LABEL, lambda: slider.press("Home"))  # new values (not timed)
    slider_times = series(page, LABEL, reps, lambda i: slider_step(page, slider, i))
    page.get_by_text("Sliders (off: exact number boxes)", exact=True).click()
    box = page.locator(f'input[type=number][aria-label*="{RATE_LABEL}"]').first
    box.wait_for()
    rate = float(box.input_value())
    typed = lambda i: (box.fill(f"{rate + 7.0 * (i + 2):g}"), box.press("Enter"))  # noqa: E731  new values
    box_times = series(page, LABEL, reps, typed)
    page.close()
    return box_times, slider_times


def bench_montecarlo(browser, url: str) -> tuple[float, float]:
    """Seconds from clicking Run simulation with Draws = 10^6 to the Done text, and to an idle page."""
    page = open_page(browser, url, LABEL)
    page.locator('[data-testid="stRadio"] label').filter(has_text=re.compile(r"^Uncertainty$")).click()
    page.get_by_text("Done:", exact=False).first.wait_for()  # the default-size run on arrival
    page.get_by_label("Draws", exact=True).fill(str(DRAWS))
    t0 = time.perf_counter()
    page.get_by_role("button", name="Run simulation").click()
    page.get_by_text(f"Done: {DRAWS:,} draws", exact=False).first.wait_for()
    done = time.perf_counter() - t0
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')
        && document.querySelectorAll('[data-testid="stVegaLiteChart"]').length >= 2
        && !document.querySelector('[data-stale="true"]')""", polling=20)
    idle = time.perf_counter() - t0
    page.close()
    return done, idle


def stats(ms: list[float]) -> tuple[float, float]:
    s = sorted(ms)  # median and p90 (nearest rank)
    return statistics.median(s), s[min(len(s) - 1, round(0.9 * (len(s) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=15, help="input changes timed per app (default 15)")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"bench_browser: Chromium not found at {CHROMIUM}", file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        print(f"bench_browser: Playwright is not installed ({exc})", file=sys.stderr)
        return 2
    load = os.getloadavg()[0]  # before our own servers and browser add to it
    with tempfile.TemporaryDirectory(prefix="bench_browser_") as tmp, \
            server("benchmarks/minimal_app.py", Path(tmp)) as minimal_url, server("app.py", Path(tmp)) as app_url, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            minimal = bench_minimal(browser, minimal_url, args.reps)
            box, slider = bench_app(browser, app_url, args.reps)
            mc_done, mc_idle = bench_montecarlo(browser, app_url)
        finally:
            browser.close()
    (m50, m90), (a50, a90), (s50, s90) = stats(minimal), stats(box), stats(slider)
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    print(f"\nBrowser responsiveness (Chromium headless, {args.reps} changes each; machine: nproc {len(os.sched_getaffinity(0))}, "
          f"1-min load before start {load:.2f})")
    print(f"{'':44}{'median':>10}{'p90':>10}")
    print(f"{'minimal app, slider key -> metric':44}{m50:8.0f}ms{m90:8.0f}ms")
    print(f"{'app, rate number box + Enter -> metric':44}{a50:8.0f}ms{a90:8.0f}ms")
    print(f"{'app, rate slider key -> metric':44}{s50:8.0f}ms{s90:8.0f}ms")
    print(f"{'ratio app (number box) / minimal':44}{a50 / m50:9.2f}x{'':10}   target <= 2: {ok(a50 / m50 <= 2)}")
    print(f"{'ratio app (slider) / minimal':44}{s50 / m50:9.2f}x")
    print(f"{'10^6-draw run, click -> Done text':44}{mc_done:9.2f}s{'':10}   target < 2 s: {ok(mc_done < 2)}")
    print(f"{'10^6-draw run, click -> idle, charts drawn':44}{mc_idle:9.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
