"""Start the app and the one-chart baseline as real Streamlit servers for the benchmarks, and read their CPU time."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The checkout whose app.py is measured (default: this one); e.g. a `git worktree` of an older commit.
APP_DIR = Path(os.environ.get("BENCH_APP_DIR", ROOT)).resolve()
# Optionally a second checkout measured in the same run, interleaved (e.g. the code before a change).
BEFORE_DIR = Path(os.environ["BENCH_BEFORE_DIR"]).resolve() if os.environ.get("BENCH_BEFORE_DIR") else None
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
APP_PORT, BASELINE_PORT, BEFORE_PORT = 8620, 8621, 8622  # the benchmarks' port range is 8620–8639

# Page name -> (URL path, Plotly charts the page draws at desktop width).
PAGES = {
    "overview": ("", 1),
    "compare": ("compare", 1),
    "timeline": ("timeline", 1),
    "goals": ("goals", 2),
    "outcomes": ("outcomes", 1),
    "sources": ("sources", 0),
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    process: subprocess.Popen
    url: str

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (/proc/<pid>/stat fields 14 and 15)."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "; fields[0] is field 3
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def start(script: str, port: int, cwd: Path = ROOT) -> Server:
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true"],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return Server(process, url)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{script} did not start on port {port}")


@contextlib.contextmanager
def serving(script: str, port: int, cwd: Path = ROOT):
    """A Streamlit server for `script` (run from `cwd`), stopped on exit."""
    server = start(script, port, cwd)
    try:
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()


@contextlib.contextmanager
def running_servers(app_port: int = APP_PORT, baseline_port: int = BASELINE_PORT):
    """(app, baseline) servers, stopped on exit."""
    with serving("app.py", app_port, APP_DIR) as app, serving("bench/baseline_app.py", baseline_port) as base:
        yield app, base


def wait_condition(charts: int, titled: bool) -> str:
    """JS: the page's charts are drawn, its title is shown (app pages) and Streamlit is idle."""
    title = " && document.querySelector('h1')" if titled else ""
    return (
        f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}{title}"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    )
