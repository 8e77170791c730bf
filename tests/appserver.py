"""A Streamlit app served headless on 127.0.0.1 and Debian's Chromium, shared by the browser test
(``tests/test_browser.py``), the browser benchmark (``benchmarks/bench_browser.py``) and
``tools/refresh_docs_images.py``."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# As the machine's probe starts it: no sandbox as root, no GPU, and none of the background connections that a
# closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT_S = 60
LABEL = "External coaching, per agency"  # a metric the app's first page draws once it has computed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(script: str, log_path: Path) -> Iterator[str]:
    """``streamlit run script`` (from the repository root) in its own process group, output to ``log_path``;
    yields its URL once the health endpoint answers; kills the group on exit. RuntimeError (with the log's
    tail) if it exits or does not answer within START_TIMEOUT_S."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(log_path).open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                tail = Path(log_path).read_text()[-2000:]
                raise RuntimeError(f"{script}: streamlit exited with status {proc.returncode}:\n{tail}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{script}: no answer on {url} within {START_TIMEOUT_S} s")
            time.sleep(0.3)
        yield url
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left in the group
        proc.wait(timeout=10)
        log.close()


def open_page(browser, url: str, wait_text: str = LABEL, timeout_ms: int = 60_000):
    """A new page (1500 x 1150) of ``browser`` at ``url``, every request off 127.0.0.1 refused, once
    ``wait_text`` shows; actions on it time out after ``timeout_ms``."""
    page = browser.new_page(viewport={"width": 1500, "height": 1150})
    page.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page.set_default_timeout(timeout_ms)
    page.goto(url)
    page.get_by_text(wait_text, exact=True).first.wait_for()
    return page
