"""Shared pytest fixtures for the test suite.

Data fixtures:
    minimal_dir  -- path to tests/fixtures/minimal, a tiny, fully valid data directory (read-only).
    make_broken  -- copy minimal/ into tmp_path and overwrite (or delete) one file in the copy.

Add new fixtures below, grouped by topic, each with a one-line docstring.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FIXTURES_DIR = PROJECT_ROOT / "tests" / "fixtures"
MINIMAL_DIR = FIXTURES_DIR / "minimal"

# `.venv/bin/pytest` does not put the project root on sys.path; `components` must import from here.
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

# make_broken(relative, content) -> data directory; content None deletes the file.
MakeBroken = Callable[[str, "bytes | None"], Path]


# --- data directories -------------------------------------------------------


@pytest.fixture
def minimal_dir() -> Path:
    """The valid minimal data directory; do not write into it (use make_broken for a copy)."""
    return MINIMAL_DIR


@pytest.fixture
def make_broken(tmp_path: Path) -> MakeBroken:
    """Return a helper that copies minimal/ to tmp_path/minimal and replaces one file's bytes.

    `make_broken("themes.yaml", b"...")` writes those exact bytes; `make_broken("crosswalk.yaml", None)`
    deletes the file. Problems in the copy are labelled `minimal/<relative path>`, as in the original.
    """

    def _make(relative: str, content: bytes | None) -> Path:
        root = tmp_path / "minimal"
        if not root.exists():
            shutil.copytree(MINIMAL_DIR, root)
        target = root / relative
        if content is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return root

    return _make
