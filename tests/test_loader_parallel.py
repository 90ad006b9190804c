"""A large data folder is read in two processes (components/data/loader.py): the result must be exactly
what reading it in one process gives, for valid data and for every broken fixture.

The size threshold is lowered here so small folders take the two-process path; CHILD_SHARE = 1 sends
every file through the child and back, the default splits the files between the two processes.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from components.data import loader
from components.data.loader import DATA_DIR, LoadResult, load_dataset
from tests.test_fixtures import FIXTURES, MINIMAL_DIR, Fixture

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FOLDER_FIXTURES = [f for f in FIXTURES if f.target != "upload"]


class CountingPool(ProcessPoolExecutor):
    """The loader's pool, counting the files handed to the child (in this process, where submit runs)."""

    submitted = 0

    def submit(self, fn, /, *args, **kwargs):
        CountingPool.submitted += 1
        return super().submit(fn, *args, **kwargs)


def load_both_ways(root: Path, monkeypatch, share: float) -> tuple[LoadResult, LoadResult, int]:
    """(one-process result, two-process result, files the child read)."""
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 10**15)
    serial = load_dataset(root)
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(loader, "CHILD_SHARE", share)
    monkeypatch.setattr(loader, "ProcessPoolExecutor", CountingPool)
    CountingPool.submitted = 0
    parallel = load_dataset(root)
    return serial, parallel, CountingPool.submitted


def _file_count(root: Path) -> int:
    return len(list(root.rglob("*.yaml")))


@pytest.mark.parametrize("share", [0.65, 1.0])
def test_shipped_data_reads_the_same_in_two_processes(share: float, monkeypatch):
    serial, parallel, in_child = load_both_ways(DATA_DIR, monkeypatch, share)
    assert parallel.dataset == serial.dataset
    assert parallel.problems == serial.problems == []
    files = _file_count(DATA_DIR)
    assert (0 < in_child < files) if share < 1 else (in_child == files)


def _scaled_corpus(target: Path, scale: int) -> None:
    """The benchmark's generated corpus (bench/load_data.py), here at a small scale."""
    spec = importlib.util.spec_from_file_location("bench_load_data", PROJECT_ROOT / "bench" / "load_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.scaled_corpus(DATA_DIR, target, scale)


def test_a_scaled_corpus_reads_the_same_in_two_processes(tmp_path: Path, monkeypatch):
    root = tmp_path / "data"
    _scaled_corpus(root, 3)
    serial, parallel, in_child = load_both_ways(root, monkeypatch, 0.65)
    assert len(serial.dataset.sources) == 3 * len(load_dataset(DATA_DIR).dataset.sources)
    assert len(serial.dataset.frameworks) == 9
    assert parallel.dataset == serial.dataset
    assert parallel.problems == serial.problems == []
    assert 0 < in_child < _file_count(root)


def _apply(fixture: Fixture, tmp_path: Path) -> Path:
    """A copy of minimal/ with the fixture applied (as tests/test_fixtures.py does)."""
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL_DIR, root)
    if fixture.target != "none":
        target = root / fixture.target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(fixture.raw)
    for relative in fixture.deletes:
        victim = root / relative
        if victim.is_dir():
            shutil.rmtree(victim)
        else:
            victim.unlink()
    return root


@pytest.mark.parametrize("share", [0.65, 1.0])
@pytest.mark.parametrize("fixture", FOLDER_FIXTURES, ids=[f.name for f in FOLDER_FIXTURES])
def test_broken_fixture_reports_the_same_problems_in_two_processes(
    fixture: Fixture, share: float, tmp_path: Path, monkeypatch
):
    root = _apply(fixture, tmp_path)
    serial, parallel, in_child = load_both_ways(root, monkeypatch, share)
    assert serial.problems, f"{fixture.name} should report problems"
    # Problems compare field by field: code, file, line, column, path, message, expected, got.
    assert parallel.problems == serial.problems
    assert parallel.dataset == serial.dataset
    assert in_child > 0


def test_a_folder_below_the_threshold_starts_no_process(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a small data folder must be read in this process")

    monkeypatch.setattr(loader, "ProcessPoolExecutor", no_pool)
    shipped = sum(path.stat().st_size for path in DATA_DIR.rglob("*.yaml"))
    assert shipped * 4 < loader.PARALLEL_MIN_BYTES  # the app's own data stays far below it
    result = load_dataset(DATA_DIR)
    assert result.ok and len(result.dataset.frameworks) == 3


def _die_in_child(*args, **kwargs):
    os._exit(3)  # as if the child were killed (out of memory): no exception, no result


def test_files_are_read_here_when_the_child_dies(monkeypatch):
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 10**15)
    serial = load_dataset(DATA_DIR)
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(loader, "_read_for_parent", _die_in_child)
    parallel = load_dataset(DATA_DIR)
    assert parallel.dataset == serial.dataset
    assert parallel.problems == serial.problems == []


def _no_temporary_folder(*args, **kwargs):
    raise PermissionError(13, "Permission denied")  # e.g. a read-only file system


def test_files_are_read_here_without_a_temporary_folder(monkeypatch):
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 10**15)
    serial = load_dataset(DATA_DIR)
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(loader.tempfile, "TemporaryDirectory", _no_temporary_folder)
    monkeypatch.setattr(loader, "ProcessPoolExecutor", CountingPool)
    CountingPool.submitted = 0
    parallel = load_dataset(DATA_DIR)
    assert CountingPool.submitted == 0
    assert parallel.dataset == serial.dataset
    assert parallel.problems == serial.problems == []


@pytest.mark.parametrize(
    ("sizes", "share", "expected"),
    [
        ([10, 50, 20, 20], 0.65, [0, 1]),  # budget 65: 50, not 20 (70), then 10 (60)
        ([10, 50, 5, 20], 0.8, [0, 1, 2]),  # budget 68: 50, not 20 (70), then 10 (60) and 5 (65)
        ([1, 1, 1, 1], 1.0, [0, 1, 2, 3]),
        ([0, 0, 0], 0.65, [0, 1, 2]),
    ],
)
def test_child_share_takes_the_largest_files_that_fit(sizes, share, expected):
    assert loader._child_share(sizes, share) == expected
