"""What a page costs the browser: Chromium's performance metrics, DOM size and lazily loaded bundles.

For each page (and the one-chart baseline) a fresh browser context opens the page at 1280×900 (or the
width given by --width), waits until its charts are drawn and Streamlit is idle, then reads through the
Chrome DevTools Protocol (Performance.getMetrics): Nodes, LayoutCount, LayoutDuration, RecalcStyleDuration,
ScriptDuration, TaskDuration and JSHeapUsedSize. It also counts DOM elements, Plotly charts, and the
JavaScript chunks fetched after the first one (Streamlit loads an element's code, e.g. the data grid or
Plotly, the first time a page shows such an element).

Run: .venv/bin/python bench/browser_metrics.py [--app URL --baseline URL] [--width 390]
Without URLs it starts both servers itself (ports 8620 and 8621). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.servers import CHROMIUM_ARGS, PAGES, running_servers, wait_condition  # noqa: E402

METRICS = ("Nodes", "LayoutCount", "LayoutDuration", "RecalcStyleDuration", "ScriptDuration", "TaskDuration",
           "JSHeapUsedSize")  # fmt: skip


def page_metrics(browser, url: str, charts: int, width: int, titled: bool = True) -> dict[str, float]:
    """Open `url` in a fresh context; return Chromium's metrics, element count and JS chunks fetched."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    scripts: list[str] = []
    page.on("response", lambda r: scripts.append(r.url) if r.url.split("?")[0].endswith(".js") else None)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url)
    page.wait_for_function(wait_condition(charts, titled), timeout=60_000)
    page.wait_for_timeout(1000)  # let Plotly's responsive relayout and late chunks finish
    raw = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    out = {name: raw.get(name, 0.0) for name in METRICS}
    out["elements"] = page.evaluate("document.getElementsByTagName('*').length")
    out["plotly charts"] = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
    out["visible charts"] = page.evaluate(
        "[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.getBoundingClientRect().width > 0)"
        ".length"
    )
    out["js chunks"] = len(scripts)
    context.close()
    return out


def measure(app_url: str, base_url: str, width: int, rounds: int) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        targets = {"baseline": (base_url, 1)} | {n: (f"{app_url}/{p}", c) for n, (p, c) in PAGES.items()}
        for name, (url, charts) in targets.items():
            titled = name != "baseline"
            page_metrics(browser, url, charts, width, titled)  # warm-up: server caches
            samples = [page_metrics(browser, url, charts, width, titled) for _ in range(rounds)]
            results[name] = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
        browser.close()
    return results


def table(results: dict[str, dict[str, float]], width: int) -> str:
    lines = [
        f"Viewport {width}×900; medians of fresh-context loads.",
        "",
        "| page | elements | Nodes | charts (visible) | JS chunks | Layout ms | Style ms | Script ms | Task ms "
        "| JS heap MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in results.items():
        lines.append(
            f"| {name} | {m['elements']:.0f} | {m['Nodes']:.0f} | {m['plotly charts']:.0f} "
            f"({m['visible charts']:.0f}) | {m['js chunks']:.0f} | {m['LayoutDuration'] * 1000:.0f} "
            f"| {m['RecalcStyleDuration'] * 1000:.0f} | {m['ScriptDuration'] * 1000:.0f} "
            f"| {m['TaskDuration'] * 1000:.0f} | {m['JSHeapUsedSize'] / 2**20:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", help="URL of a running app (default: start one)")
    parser.add_argument("--baseline", help="URL of a running baseline page (default: start one)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.app and args.baseline:
        print(table(measure(args.app, args.baseline, args.width, args.rounds), args.width))
        return
    with running_servers() as (app, base):
        print(table(measure(app.url, base.url, args.width, args.rounds), args.width))


if __name__ == "__main__":
    main()
