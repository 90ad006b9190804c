"""Load test: concurrent sessions against the app and the one-chart baseline page, in the same run, in waves.

Two clients, both measuring "page ready" per view:
  chromium  real browsers: Debian chromium through Playwright, one context per session, each view a
            fresh page load; ready = the page's Plotly charts are drawn and Streamlit is idle.
            Eight Chromium sessions already saturate a 2-core client, so this stays small.
  light     Streamlit's own WebSocket protocol (the protobuf messages ship with streamlit): each view
            opens /_stcore/stream, sends the rerun BackMsg a browser sends on load (page name, query
            string, locale) and waits for script_finished. No HTML, JS or drawing: the server alone.

Each wave runs N concurrent sessions of V views against the baseline, then against the app (the order
alternates between waves so neither always runs on a warmer machine). After each wave it reads the
servers' resident memory (VmRSS in /proc/<pid>/status); memory must level off, not keep growing.

Run (ports 8640-8659; the servers use the project's .streamlit/config.toml):
  .venv/bin/python bench/load.py chromium --sessions 8
  .venv/bin/python bench/load.py light --sessions 50 100
Against servers already running (bench/scale_out.sh, through nginx), no baseline:
  .venv/bin/python bench/load.py light --app-url http://127.0.0.1:8650 --no-baseline --rss-pids 1,2
Prints a report; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
# Pages as app.py names them in the URL ("" is the default page) and the Plotly charts each draws at
# 1280 px (only the wide variant renders; the phone variant is hidden by CSS).
APP_PAGES = {"": 1, "compare": 1, "timeline": 1, "goals": 2, "outcomes": 1, "sources": 0}
# Chromium readiness is "charts drawn", so it uses the pages that draw charts.
CHROMIUM_PAGES = [name for name, charts in APP_PAGES.items() if charts]
ROUTE_COOKIE = "st_route"  # deploy/nginx.conf hashes this cookie to pick a replica
VIEW_TIMEOUT_S = 300


@dataclass
class Target:
    name: str
    url: str
    pages: dict[str, int]  # page name -> charts to wait for
    pids: list[int] = field(default_factory=list)


@dataclass
class WaveResult:
    target: str
    times_ms: list[float]
    failures: list[str]
    wall_s: float
    cpu_s: float | None = None  # server CPU seconds used during the wave (None: pids unknown)

    @property
    def views(self) -> int:
        return len(self.times_ms) + len(self.failures)


# --- servers -----------------------------------------------------------------------------------


def start_server(script: str, port: int) -> subprocess.Popen:
    """`streamlit run` one script on 127.0.0.1 with the project's config (cwd = project root)."""
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_healthy(f"http://127.0.0.1:{port}")
    return process


def wait_healthy(url: str, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy")


def rss_mb(pid: int) -> float:
    """Resident memory of one process, from the kernel's own accounting."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used (fields 14 and 15 of /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- light client: Streamlit's WebSocket protocol ---------------------------------------------


async def light_view(url: str, page: str, cookie: str) -> tuple[float | None, str]:
    """One page view over /_stcore/stream; returns (ms until script_finished, failure reason)."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ws_url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_name = page  # the URL path; the server resolves it like a browser's load
    back.rerun_script.context_info.locale = "en-US"
    back.rerun_script.context_info.timezone = "UTC"
    start = time.perf_counter()
    # The first subprotocol is the one the server selects; a browser adds its XSRF token second,
    # which only matters for logged-in users (this app has none).
    async with websockets.connect(
        ws_url,
        subprotocols=["streamlit"],
        additional_headers={"Cookie": f"{ROUTE_COOKIE}={cookie}"},
        max_size=None,
        open_timeout=VIEW_TIMEOUT_S,
    ) as ws:
        await ws.send(back.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await ws.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.new_element.HasField("exception"):
                return None, "exception on page"
            if kind == "page_not_found":
                return None, "page not found"
            if kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    continue  # the script asked for a rerun; the view is ready after that one
                if status != "FINISHED_SUCCESSFULLY":
                    return None, status
                return (time.perf_counter() - start) * 1000, ""


async def light_session(target: Target, index: int, views: int, result: WaveResult) -> None:
    """One visitor: a route cookie of its own (like a browser after its first response), V views."""
    cookie = uuid.uuid4().hex
    pages = list(target.pages)
    for view in range(views):
        page = pages[(index + view) % len(pages)]
        try:
            elapsed, failure = await asyncio.wait_for(light_view(target.url, page, cookie), VIEW_TIMEOUT_S)
        except Exception as error:  # a refused or dropped connection is a failed view, not a crash
            elapsed, failure = None, f"{type(error).__name__}: {error}".splitlines()[0][:120]
        if elapsed is None:
            result.failures.append(f"{page or 'overview'}: {failure}")
        else:
            result.times_ms.append(elapsed)


async def light_wave(target: Target, sessions: int, views: int) -> WaveResult:
    result = WaveResult(target.name, [], [], 0.0)
    start = time.perf_counter()
    await asyncio.gather(*(light_session(target, i, views, result) for i in range(sessions)))
    result.wall_s = time.perf_counter() - start
    return result


# --- chromium client --------------------------------------------------------------------------


async def chromium_view(browser, url: str, page_name: str, charts: int) -> tuple[float | None, str]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(f"{url}/{page_name}", timeout=VIEW_TIMEOUT_S * 1000)
        await page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}"
            " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
            timeout=VIEW_TIMEOUT_S * 1000,
        )
        elapsed = (time.perf_counter() - start) * 1000
        if await page.locator('[data-testid="stException"]').count():
            return None, "exception on page"
        return elapsed, ""
    except Exception as error:
        return None, f"{type(error).__name__}: {error}".splitlines()[0][:80] + await page_state(page)
    finally:
        await context.close()


async def page_state(page) -> str:
    """What a page that never became ready shows: charts drawn, status widget, exception, h1."""
    try:
        return " | " + await page.evaluate(
            "() => `charts ${document.querySelectorAll('.js-plotly-plot .main-svg').length}, `"
            " + `status ${!!document.querySelector('[data-testid=\"stStatusWidget\"]')}, `"
            " + `exception ${!!document.querySelector('[data-testid=\"stException\"]')}, `"
            " + `h1 ${JSON.stringify((document.querySelector('h1') || {}).innerText || '')}`"
        )
    except Exception:  # the page itself may be gone
        return ""


async def chromium_session(browser, target: Target, index: int, views: int, result: WaveResult) -> None:
    pages = list(target.pages.items())
    for view in range(views):
        name, charts = pages[(index + view) % len(pages)]
        elapsed, failure = await chromium_view(browser, target.url, name, charts)
        if elapsed is None:
            result.failures.append(f"{name or 'overview'}: {failure}")
        else:
            result.times_ms.append(elapsed)


async def chromium_wave(browser, target: Target, sessions: int, views: int) -> WaveResult:
    result = WaveResult(target.name, [], [], 0.0)
    start = time.perf_counter()
    await asyncio.gather(*(chromium_session(browser, target, i, views, result) for i in range(sessions)))
    result.wall_s = time.perf_counter() - start
    return result


# --- report -----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def describe(result: WaveResult) -> str:
    ok = len(result.times_ms)
    cpu = f"  CPU {result.cpu_s / result.views:.2f} s/view" if result.cpu_s is not None else ""
    return (
        f"{result.target:<9} {ok:>4}/{result.views:<4} ok ({100 * ok / result.views:5.1f} %)  "
        f"p50 {percentile(result.times_ms, 50):7.0f} ms  p95 {percentile(result.times_ms, 95):7.0f} ms  "
        f"{ok / result.wall_s:6.2f} views/s  wall {result.wall_s:6.1f} s{cpu}"
    )


def memory_line(targets: list[Target]) -> str:
    parts = []
    for target in targets:
        if target.pids:
            parts.append(f"{target.name} " + " + ".join(f"{rss_mb(pid):.0f}" for pid in target.pids) + " MB")
    return "RSS " + ", ".join(parts) if parts else "RSS not measured (no pids)"


def print_ratio(app: WaveResult, baseline: WaveResult) -> None:
    for q in (50, 95):
        ratio = percentile(app.times_ms, q) / percentile(baseline.times_ms, q)
        print(f"  p{q} app / baseline = {ratio:.2f}×")


# --- main -------------------------------------------------------------------------------------


async def run(args, targets: list[Target]) -> None:
    browser = playwright = None
    if args.client == "chromium":
        from playwright.async_api import async_playwright

        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )

    async def wave(target: Target, sessions: int, views: int) -> WaveResult:
        cpu_before = sum(cpu_s(pid) for pid in target.pids)
        if browser is not None:
            result = await chromium_wave(browser, target, sessions, views)
        else:
            result = await light_wave(target, sessions, views)
        if target.pids:
            result.cpu_s = sum(cpu_s(pid) for pid in target.pids) - cpu_before
        return result

    # Warm-up: every page once per target, so the first wave does not pay for imports and data loading.
    app = next(target for target in targets if target.name == "app")
    for target in targets:
        warm = await wave(target, len(target.pages), 1)
        print(f"warm-up   {describe(warm)}")
    print(memory_line(targets), "(after warm-up)")

    for sessions in args.sessions if args.waves else []:
        print(
            f"\n== {args.client}: {sessions} concurrent sessions × {args.views} views, {args.waves} waves =="
        )
        ok = total = 0
        p95_ratios: list[float] = []
        app_rss: list[float] = []
        for number in range(1, args.waves + 1):
            order = targets if number % 2 else list(reversed(targets))
            results = {target.name: await wave(target, sessions, args.views) for target in order}
            print(f"wave {number}")
            for target in targets:
                print(f"  {describe(results[target.name])}")
                for failure in sorted(set(results[target.name].failures))[:5]:
                    print(f"    failed: {failure}")
            ok += len(results["app"].times_ms)
            total += results["app"].views
            if "baseline" in results:
                print_ratio(results["app"], results["baseline"])
                p95_ratios.append(
                    percentile(results["app"].times_ms, 95) / percentile(results["baseline"].times_ms, 95)
                )
            time.sleep(args.settle)
            print(f"  {memory_line(targets)} (after wave {number}, {args.settle:.0f} s settle)")
            if app.pids:
                app_rss.append(sum(rss_mb(pid) for pid in app.pids))
        print(f"summary: app success {100 * ok / total:.1f} % of {total} views", end="")
        print(f"; load client CPU so far {time.process_time():.1f} s", end="")
        if p95_ratios:
            target = " (target ≤ 1.5×)" if args.client == "chromium" else ""
            print("; p95 / baseline per wave " + ", ".join(f"{r:.2f}×" for r in p95_ratios) + target, end="")
        if len(app_rss) >= 2:
            print(
                f"; app RSS {' → '.join(f'{r:.0f}' for r in app_rss)} MB (last wave {app_rss[-1] - app_rss[-2]:+.0f} MB)",
                end="",
            )
        print()

    if browser is not None:
        await browser.close()
        await playwright.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("client", choices=["chromium", "light"])
    parser.add_argument("--sessions", type=int, nargs="+", help="concurrent sessions (default 8 / 50 100)")
    parser.add_argument("--views", type=int, help="page views per session per wave (default 3 / 1)")
    parser.add_argument("--waves", type=int, default=2)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds to wait before reading RSS")
    parser.add_argument("--app-url", help="use a running app (e.g. through nginx) instead of starting one")
    parser.add_argument("--rss-pids", default="", help="comma-separated server pids to report RSS for")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--app-port", type=int, default=8640)
    parser.add_argument("--baseline-port", type=int, default=8641)
    args = parser.parse_args()
    args.sessions = args.sessions or ([8] if args.client == "chromium" else [50, 100])
    args.views = args.views or (3 if args.client == "chromium" else 1)
    pages = {name: APP_PAGES[name] for name in CHROMIUM_PAGES} if args.client == "chromium" else APP_PAGES

    processes: list[subprocess.Popen] = []
    try:
        if args.app_url:
            pids = [int(pid) for pid in args.rss_pids.split(",") if pid]
            app = Target("app", args.app_url.rstrip("/"), pages, pids)
        else:
            processes.append(start_server("app.py", args.app_port))
            app = Target("app", f"http://127.0.0.1:{args.app_port}", pages, [processes[-1].pid])
        targets = [app]
        if not args.no_baseline:
            processes.append(start_server("bench/baseline_app.py", args.baseline_port))
            baseline_url = f"http://127.0.0.1:{args.baseline_port}"
            targets.insert(0, Target("baseline", baseline_url, {"": 1}, [processes[-1].pid]))
        print(f"machine: {os.cpu_count()} cores; client {args.client}; python {sys.version.split()[0]}")
        asyncio.run(run(args, targets))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
