"""Benchmark every page against the one-chart baseline page, measured interleaved in the same run.

Per page, each as a ratio to bench/baseline_app.py served by a second Streamlit server:
  * cold load: a fresh browser context (empty cache) opens the page until its Plotly charts are drawn,
    its title is shown and Streamlit is idle; page and baseline loads alternate, round after round;
  * theme-change redraw: from picking "Human rights" in the sidebar's theme filter until the redrawn
    figure names it and Streamlit is idle (the baseline: the same multiselect above its one chart,
    served only with ?redraw=1 so that the cold-load baseline stays a bare chart);
  * server CPU per page view: user+system CPU time of the server process (/proc/<pid>/stat) spent
    from opening the page until its context is closed and the session has gone, app and baseline each;
  * Plotly JSON: bytes of figure JSON the page sends (AppTest, after a warm-up run), and its limit.
Medians over --rounds rounds (CPU: the mean, as ticks are 10 ms). Prints a Markdown table with the
machine (CPU model, cores, RAM) and date, and the machine's load average before and after.

Run: .venv/bin/python bench/pages.py [--rounds 7] [--pages overview,goals]   (needs /usr/bin/chromium)
     .venv/bin/python bench/pages.py --profile   # pyinstrument profile of a warm view of each page
Asserts nothing: targets are printed next to the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.servers import (  # noqa: E402
    APP_DIR,
    APP_PORT,
    BASELINE_PORT,
    BEFORE_DIR,
    BEFORE_PORT,
    CHROMIUM_ARGS,
    PAGES,
    serving,
    wait_condition,
)

sys.path.insert(0, str(APP_DIR))  # AppTest imports the measured checkout's components

TARGETS = {"load": 1.2, "redraw": 1.6, "cpu": 2.0, "json_kb": 500}
TIMEOUT_MS = 120_000
SETTLE_S = 0.3  # after a context closes: the server notices the closed socket and drops the session


def load(browser, url: str, charts: int, titled: bool) -> float:
    """Milliseconds from navigation to charts drawn and Streamlit idle, in a fresh context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(wait_condition(charts, titled), timeout=TIMEOUT_MS)
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def viewed(server, browser, url: str, charts: int, titled: bool) -> tuple[float, float]:
    """(load ms, server CPU seconds) for one page view, the CPU read after the session has gone.

    A view that times out (the machine is shared and can stall) is retried once, and said so.
    """
    for attempt in range(2):
        before = server.cpu_seconds()
        try:
            ms = load(browser, url, charts, titled)
        except PlaywrightTimeout:
            print(f"  timed out: {url} (attempt {attempt + 1})", file=sys.stderr)
            continue
        time.sleep(SETTLE_S)
        return ms, server.cpu_seconds() - before
    raise RuntimeError(f"{url} did not load twice in a row")


def redraw(browser, url: str, charts: int, has_figure_title: bool) -> float:
    """Milliseconds from picking a theme in the sidebar to the redrawn page, idle."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(wait_condition(charts, False), timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    option = page.get_by_role("option", name="Human rights")
    start = time.perf_counter()
    option.click()
    # Outcomes' figure shows national totals, which no theme narrows: there the cards are redrawn and the
    # address bar, written at the end of the run, says when the run is over.
    done = (
        "[...document.querySelectorAll('.js-plotly-plot .gtitle-subtitle, .js-plotly-plot .gtitle')]"
        ".some(n => n.textContent.includes('Human rights'))"
        if has_figure_title
        else "location.search.includes('theme=human-rights')"
    )
    page.wait_for_function(
        f"() => ({done}) && !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS
    )
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def _app_test(script: str, page_file: str = "", root: Path = APP_DIR):
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__

    def init(self, *args, **kwargs):  # run app.py as the live server does (see tests/test_pages.py)
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    at = AppTest.from_file(str(root / script), default_timeout=120)
    if page_file:
        at.switch_page(page_file)
    return at, lambda: setattr(PagesManager, "__init__", original)


def plotly_json_bytes(script: str, page_file: str = "", root: Path = APP_DIR) -> int:
    """Bytes of Plotly figure JSON in one run of the page (after a warm-up run)."""
    at, restore = _app_test(script, page_file, root)
    try:
        at.run()
        at.run()
        return sum(len(element.proto.spec) for element in at.get("plotly_chart"))
    finally:
        restore()


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
        "?",
    )
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    day = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{cpu}, {os.cpu_count()} cores, {mem_kb / 2**20:.1f} GiB RAM; {day}"


def load_average() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base else "—"


def measure_page(name: str, rounds: int, base, apps: dict) -> dict[str, dict[str, float]]:
    """Per checkout label: medians for one page, each round viewing the baseline then every checkout."""
    path, charts = PAGES[name]
    ms = {label: [] for label in ["baseline", *apps]}
    cpu = {label: [] for label in ms}
    for _ in range(rounds):  # baseline and page alternate: both see the same machine state
        for label, (server, url, n, titled) in {
            "baseline": (base, base.url, 1, False),
            **{label: (app, f"{app.url}/{path}", charts, True) for label, app in apps.items()},
        }.items():
            view_ms, view_cpu = viewed(server, BROWSER[0], url, n, titled)
            ms[label].append(view_ms)
            cpu[label].append(view_cpu)
    redraws = {label: [] for label in ms}
    if name != "sources":  # the sources page has no theme filter
        for _ in range(max(3, rounds // 2)):
            redraws["baseline"].append(redraw(BROWSER[0], f"{base.url}/?redraw=1", 1, True))
            for label, app in apps.items():
                redraws[label].append(redraw(BROWSER[0], f"{app.url}/{path}", charts, name != "outcomes"))
    return {
        label: {
            "load": statistics.median(ms[label]),
            "cpu": statistics.mean(cpu[label]),
            "redraw": statistics.median(redraws[label]) if redraws[label] else 0.0,
        }
        for label in ms
    }


BROWSER: list = []  # the one Chromium of a run


def json_sizes(names: list[str], checkout: Path) -> dict[str, int]:
    """Plotly JSON bytes per page of `checkout`, measured in a child process (its own imports)."""
    env = {**os.environ, "BENCH_APP_DIR": str(checkout)}
    out = subprocess.run(
        [sys.executable, __file__, "--json", "--pages", ",".join(names)],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    return {line.split()[0]: int(line.split()[1]) for line in out.splitlines() if line.strip()}


def benchmark(names: list[str], rounds: int) -> str:
    results: dict[str, dict[str, dict[str, float]]] = {}
    load_before = load_average()
    checkouts = {"after": APP_DIR} if BEFORE_DIR else {"app": APP_DIR}
    if BEFORE_DIR:
        checkouts = {"before": BEFORE_DIR, **checkouts}
    ports = {"before": BEFORE_PORT}
    with contextlib.ExitStack() as stack, sync_playwright() as playwright:
        base = stack.enter_context(serving("bench/baseline_app.py", BASELINE_PORT))
        apps = {
            label: stack.enter_context(serving("app.py", ports.get(label, APP_PORT), path))
            for label, path in checkouts.items()
        }
        BROWSER[:] = [playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)]
        viewed(base, BROWSER[0], base.url, 1, False)  # warm-up: Streamlit and the data caches
        for app in apps.values():
            for name in names:
                viewed(app, BROWSER[0], f"{app.url}/{PAGES[name][0]}", PAGES[name][1], True)
        for name in names:
            results[name] = measure_page(name, rounds, base, apps)
            print(f"  measured {name}", file=sys.stderr)
        BROWSER[0].close()
    load_after = load_average()
    sizes = {label: json_sizes(names, path) for label, path in checkouts.items()}
    base_json = plotly_json_bytes("bench/baseline_app.py", root=ROOT)

    lines = [
        f"Machine: {machine()}. Load average {load_before} before, {load_after} after "
        f"(other work was running on the machine). {rounds} rounds; in each, the baseline and then "
        f"{' and '.join(checkouts)} were loaded in turn.",
    ]
    for label in checkouts:
        lines += [
            "",
            f"**{label}**" if len(checkouts) > 1 else "",
            "",
            "| page | cold load ms (baseline) | × baseline | redraw ms (baseline) | × baseline "
            "| server CPU ms/view (baseline) | × baseline | Plotly JSON KB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name in names:
            r, b = results[name][label], results[name]["baseline"]
            redraw_cells = (
                f"{r['redraw']:.0f} ({b['redraw']:.0f}) | {ratio(r['redraw'], b['redraw'])}"
                if r["redraw"]
                else "— | —"
            )
            lines.append(
                f"| {name} | {r['load']:.0f} ({b['load']:.0f}) | {ratio(r['load'], b['load'])} "
                f"| {redraw_cells} | {r['cpu'] * 1000:.0f} ({b['cpu'] * 1000:.0f}) "
                f"| {ratio(r['cpu'], b['cpu'])} | {sizes[label].get(name, 0) / 1024:.0f} |"
            )
    lines.append(
        f"\nTargets: cold load ≤ {TARGETS['load']}×, redraw ≤ {TARGETS['redraw']}×, server CPU ≤ "
        f"{TARGETS['cpu']}× the baseline's, Plotly JSON ≤ {TARGETS['json_kb']} KB per page "
        f"(baseline page: {base_json / 1024:.1f} KB)."
    )
    return "\n".join(lines)


def profile(names: list[str], runs: int = 5) -> None:
    """pyinstrument over `runs` warm AppTest runs of each page; text reports in artifacts/profiles/.

    AppTest runs the script in its own thread, and pyinstrument profiles the thread it starts in, so the
    profiler is started and stopped inside that thread, around Streamlit's call of the script.
    """
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    out = ROOT / "artifacts" / "profiles"
    out.mkdir(parents=True, exist_ok=True)
    original = script_runner.exec_func_with_error_handling
    sessions = []

    def profiled(func, ctx):
        profiler = Profiler(interval=0.0005)
        profiler.start()
        try:
            return original(func, ctx)
        finally:
            profiler.stop()
            sessions.append(profiler.last_session)

    for name in names:
        page_file = f"pages/{name}.py" if PAGES[name][0] else ""
        at, restore = _app_test("app.py", page_file)
        try:
            at.run()  # warm-up: data load and caches
            sessions.clear()
            script_runner.exec_func_with_error_handling = profiled
            for _ in range(runs):
                at.run()
        finally:
            script_runner.exec_func_with_error_handling = original
            restore()
        from pyinstrument.session import Session

        session = sessions[0]
        for other in sessions[1:]:
            session = Session.combine(session, other)
        profiler = Profiler()
        profiler._last_session = session
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        (out / f"{name}.txt").write_text(text)
        print(f"## {name}: {session.duration / runs * 1000:.0f} ms per warm run (script only)\n")
        print("\n".join(text.splitlines()[:60]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--profile", action="store_true", help="profile the server side with pyinstrument")
    parser.add_argument("--json", action="store_true", help="only print Plotly JSON bytes per page")
    args = parser.parse_args()
    names = [name for name in args.pages.split(",") if name in PAGES]
    if args.profile:
        profile(names)
    elif args.json:
        for name in names:
            print(name, plotly_json_bytes("app.py", f"pages/{name}.py" if PAGES[name][0] else ""))
    else:
        print(benchmark(names, args.rounds))


if __name__ == "__main__":
    main()
