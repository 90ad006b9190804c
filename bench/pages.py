"""Benchmark the dashboard pages against a one-chart baseline page measured in the same run.

Measures, per page:
  * cold load: a fresh browser context opens the page until all its Plotly charts are drawn
    (first load after server start, then the median of 7 fresh-context loads, alternating with
    loads of the baseline page so both are measured under the same conditions);
  * theme change: time from picking a theme in the sidebar to the redrawn figure showing it;
  * warm script time: median AppTest run of the page after a warm-up (an upper bound on server time);
  * Plotly JSON: bytes of figure JSON the page sends.
Run: .venv/bin/python bench/pages.py   (needs /usr/bin/chromium). Prints a table; asserts nothing.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

ONLY = os.environ.get("BENCH_PAGES", "").split(",") if os.environ.get("BENCH_PAGES") else None
PAGES = {
    "overview": ("", 1),
    "compare": ("compare", 1),
    "timeline": ("timeline", 1),
    "goals": ("goals", 2),
    "outcomes": ("outcomes", 1),
}
RUNS = 7


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(script: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{script} did not start")


def load_ms(browser, url: str, charts: int) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start_time = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=60_000,
    )
    elapsed = (time.perf_counter() - start_time) * 1000
    context.close()
    return elapsed


def theme_change_ms(browser, url: str, charts: int) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}")
    page.wait_for_timeout(500)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    option = page.get_by_role("option", name="Human rights")
    start_time = time.perf_counter()
    option.click()
    # Outcomes' figure shows national totals, which no theme narrows: there the cards are redrawn instead.
    redrawn = (
        "[...document.querySelectorAll('.js-plotly-plot .gtitle-subtitle, .js-plotly-plot .gtitle')]"
        ".some(n => n.textContent.includes('Human rights'))"
        if "outcomes" not in url
        else "location.search.includes('theme=human-rights')"
    )
    page.wait_for_function(
        f"() => ({redrawn}) && !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    elapsed = (time.perf_counter() - start_time) * 1000
    context.close()
    return elapsed


def script_and_json(page_file: str) -> tuple[float, int]:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__

    def init(self, *args, **kwargs):  # run app.py as the live server does (see tests/test_pages.py)
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        times = []
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        if page_file:
            at.switch_page(page_file)
        at.run()  # warm-up: data load and caches
        for _ in range(RUNS):
            start_time = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start_time) * 1000)
        size = sum(len(element.proto.spec) for element in at.get("plotly_chart"))
        return statistics.median(times), size
    finally:
        PagesManager.__init__ = original


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        base_process, base_url = start("bench/baseline_app.py")
        process, url = start("app.py")
        try:
            base_first = load_ms(browser, base_url, 1)
            print(f"baseline one-chart page: first load {base_first:.0f} ms")
            print(
                f"{'page':10} {'first ms':>9} {'median ms':>10} {'base ms':>8} {'x base':>7} {'theme ms':>9} {'script ms':>10} {'JSON KB':>8}"
            )
            for name, (path, charts) in PAGES.items():
                if ONLY and name not in ONLY:
                    continue
                first = load_ms(browser, f"{url}/{path}", charts)
                # Baseline and page loads alternate, so both see the same machine and browser state.
                page_times, base_times = [], []
                for _ in range(RUNS):
                    base_times.append(load_ms(browser, base_url, 1))
                    page_times.append(load_ms(browser, f"{url}/{path}", charts))
                median, base_median = statistics.median(page_times), statistics.median(base_times)
                theme = statistics.median(theme_change_ms(browser, f"{url}/{path}", charts) for _ in range(3))
                script, size = script_and_json(f"pages/{name}.py" if path else "")
                print(
                    f"{name:10} {first:9.0f} {median:10.0f} {base_median:8.0f} {median / base_median:7.2f} "
                    f"{theme:9.0f} {script:10.0f} {size / 1024:8.0f}"
                )
        finally:
            process.terminate()
            base_process.terminate()
        browser.close()


if __name__ == "__main__":
    main()
