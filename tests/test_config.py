"""Production configuration: .streamlit/config.toml holds the hardened values, and a crash shows no details."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

# A script that fails the way a bug would: the message names a path and a secret-looking value.
CRASHING_SCRIPT = """
import streamlit as st
st.title("About to fail")
def load_secret_table():
    raise ValueError("cannot open /srv/private/credentials.yaml (token=abc123)")
load_secret_table()
"""
# Text that would only reach the browser if details leaked.
LEAKS = ["/srv/private", "credentials.yaml", "abc123", "ValueError", "load_secret_table", "Traceback", ".py"]


def read_config() -> dict:
    with CONFIG.open("rb") as file:
        return tomllib.load(file)


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("client", "showErrorDetails", "none"),
        ("server", "enableXsrfProtection", True),
        ("server", "maxUploadSize", 1),
        ("server", "maxMessageSize", 2),
        ("server", "fileWatcherType", "none"),
        ("server", "address", "127.0.0.1"),
        ("server", "headless", True),
        ("server", "runOnSave", False),
        ("browser", "gatherUsageStats", False),
    ],
)
def test_config_value(section, key, expected):
    """Each production setting has the value docs/deploy.md explains."""
    assert read_config()[section][key] == expected


def test_config_names_known_options():
    """Every key in config.toml is an option Streamlit knows (a typo would be silently ignored)."""
    from streamlit import config

    known = set(config.get_config_options())
    unknown = [f"{s}.{k}" for s, table in read_config().items() for k in table if f"{s}.{k}" not in known]
    assert unknown == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def crashing_server(tmp_path_factory):
    """`streamlit run` a crashing script with the project's config (the cwd's .streamlit/config.toml)."""
    script = tmp_path_factory.mktemp("crash") / "crash_app.py"
    script.write_text(CRASHING_SCRIPT)
    port = _free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    env = {k: v for k, v in env.items() if k != "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError("crash app did not start: " + process.stdout.read().decode(errors="replace"))
    yield url, process
    process.terminate()
    process.wait(timeout=10)


def _in_own_thread(function, *args):
    """Run `function` in a fresh thread: the browser tests' session-wide Playwright keeps an asyncio
    loop running in the main thread, where asyncio.run and Playwright's sync API both refuse to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


async def _exception_messages(url: str) -> list:
    """Run the script once over Streamlit's WebSocket protocol; return the exception elements sent."""
    found = []
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"]) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        await ws.send(back.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=30))
            if message.WhichOneof("type") == "delta" and message.delta.new_element.HasField("exception"):
                found.append(message.delta.new_element.exception)
            if message.WhichOneof("type") == "script_finished":
                return found


def test_crash_sends_no_details_over_the_wire(crashing_server):
    """The exception element a browser receives has no type, no stack trace and a generic message."""
    url, _ = crashing_server
    exceptions = _in_own_thread(asyncio.run, _exception_messages(url))
    assert len(exceptions) == 1
    exception = exceptions[0]
    assert exception.type == ""
    assert list(exception.stack_trace) == []
    assert exception.message.startswith("This app has encountered an error.")
    for leak in LEAKS:
        assert leak not in str(exception)


@pytest.mark.browser
def test_crash_page_shows_no_traceback_in_chromium(crashing_server):
    """In Chromium the crashed page shows the generic notice and none of the exception's details."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium is required at {CHROMIUM}: apt-get install -y chromium")
    url, _ = crashing_server

    def crashed_page_text() -> str:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector('[data-testid="stException"]', timeout=45_000)
            text = page.inner_text("body")
            browser.close()
            return text

    text = _in_own_thread(crashed_page_text)
    assert "This app has encountered an error." in text
    assert "About to fail" in text  # the page itself did render up to the crash
    for leak in LEAKS:
        assert leak not in text


def test_crash_details_reach_the_server_log(crashing_server):
    """The operator still gets the full traceback on the server's console."""
    url, process = crashing_server
    _in_own_thread(asyncio.run, _exception_messages(url))
    process.terminate()
    output = process.communicate(timeout=15)[0].decode(errors="replace")
    assert "ValueError" in output
    assert "load_secret_table" in output


# --- deployment files: the settings docs/deploy.md describes are really in them ---------------------

NGINX = (ROOT / "deploy" / "nginx.conf").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()


@pytest.mark.parametrize(
    "directive",
    [
        "hash $st_route consistent;",  # sticky sessions by the route cookie
        "server app:8501",  # the line bench/scale_out.sh rewrites
        "listen 8080;",  # the other line it rewrites
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;",
        "proxy_set_header Host $http_host;",
        "proxy_read_timeout 1h;",
        "location /_stcore/stream {",
        "location = /_stcore/health {",
        "add_header Content-Security-Policy \"frame-ancestors 'self'\" always;",
        'add_header X-Frame-Options "SAMEORIGIN" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        "client_max_body_size 2m;",  # maxUploadSize (1 MiB) + Streamlit's 1 MiB multipart margin
    ],
)
def test_nginx_config_has(directive):
    """deploy/nginx.conf keeps each directive the deployment relies on."""
    assert directive in NGINX


def test_nginx_body_limit_follows_the_upload_limit():
    """If maxUploadSize changes, the proxy's body limit must change with it (1 MiB margin)."""
    assert f"client_max_body_size {read_config()['server']['maxUploadSize'] + 1}m;" in NGINX


@pytest.mark.parametrize(
    "line",
    [
        "FROM python:3.12-slim",
        "RUN pip install -r requirements.txt -c constraints.txt",
        "USER app",
        "http://127.0.0.1:8501/_stcore/health",
        'CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]',
    ],
)
def test_dockerfile_has(line):
    """The image installs runtime pins only, runs unprivileged, checks its health and serves on 8501."""
    assert line in DOCKERFILE


def test_dockerfile_installs_no_dev_requirements():
    """Test and lint tools stay out of the image."""
    assert "requirements-dev.txt" not in DOCKERFILE
