"""End-to-end tests of `python -m components.validate`, run as a subprocess from the project root."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PROBLEM_LINE = re.compile(r"^\S+:\d+:\d+  \S+  \[[a-z0-9-]+\]  .+ \(expected .+, got .+\)$")
RECORD_FIELDS = {"file", "line", "column", "path", "code", "message", "expected", "got"}

# Several kinds of problem in one copy: schema errors, a duplicate id, a YAML 1.1 surprise (whose
# file is then skipped, so references into it dangle), a missing file.
BROKEN_THEMES = (
    b"themes:\n"
    b"  - id: Organized_Crime\n"
    b'    label: {en: "", es: ""}\n'
    b'    description: {en: "D", es: "D"}\n'
    b'    color: "red"\n'
    b"    colour: blue\n"
    b"  - id: rule-of-law\n"
    b'    label: {en: "L", es: "L"}\n'
    b'    description: {en: "D", es: "D"}\n'
    b'    color: "#117733"\n'
    b"  - id: rule-of-law\n"
    b'    label: {en: "L", es: "L"}\n'
    b'    description: {en: "D", es: "D"}\n'
    b'    color: "#117733"\n'
)
BROKEN_COMMITMENTS = (
    b"commitments:\n"
    b"  - id: c-shared\n"
    b"    framework: bicentennial\n"
    b"    party: both\n"
    b'    text: {en: "T", es: "T"}\n'
    b"    verbatim: NO\n"
    b"    themes: [organized-crime]\n"
    b"    sources: [s2]\n"
)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "components.validate", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def broken_copy(make_broken) -> Path:
    make_broken("themes.yaml", BROKEN_THEMES)
    make_broken("commitments.yaml", BROKEN_COMMITMENTS)
    return make_broken("crosswalk.yaml", None)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def test_valid_directory_prints_one_ok_line(minimal_dir: Path):
    result = run_cli(str(minimal_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ok: ")
    assert "2 sources" in lines[0] and "2 frameworks" in lines[0]
    assert_no_traceback(result)


def test_broken_directory_prints_one_formatted_line_per_problem(make_broken):
    result = run_cli(str(broken_copy(make_broken)))
    assert result.returncode == 1
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) >= 6
    bad = [line for line in lines if not PROBLEM_LINE.match(line)]
    assert bad == []
    codes = {re.search(r"  \[([a-z0-9-]+)\]  ", line).group(1) for line in lines}
    assert {"bad-id", "empty-text", "bad-color", "unknown-key", "duplicate-id"} <= codes
    assert {"yaml11-boolean", "missing-file"} <= codes
    assert "minimal/themes.yaml:6:5  themes[0].colour  [unknown-key]  " in result.stdout


def test_json_output_on_broken_directory(make_broken):
    result = run_cli(str(broken_copy(make_broken)), "--json")
    assert result.returncode == 1
    assert_no_traceback(result)
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert isinstance(payload["counts"], dict) and "sources" in payload["counts"]
    assert payload["problems"], "expected problems"
    for record in payload["problems"]:
        assert set(record) == RECORD_FIELDS
        assert isinstance(record["line"], int) and isinstance(record["column"], int)
    assert {
        "file": "minimal/crosswalk.yaml",
        "line": 1,
        "column": 1,
        "path": "",
        "code": "missing-file",
        "message": "required data file is missing",
        "expected": "crosswalk.yaml",
        "got": "no file",
    } in payload["problems"]


def test_json_output_on_valid_directory(minimal_dir: Path):
    result = run_cli(str(minimal_dir), "--json")
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert payload["ok"] is True
    assert payload["problems"] == []
    assert payload["counts"]["events"] == 2 and payload["counts"]["indicators"] == 1


def test_missing_directory_exits_1_cleanly(tmp_path: Path):
    result = run_cli(str(tmp_path / "no-such-dir"))
    assert result.returncode == 1
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert PROBLEM_LINE.match(lines[0])
    assert "[missing-dir]" in lines[0]
