"""Benchmark: time to load and validate the shipped data in-process (and to build all frames).

Run: .venv/bin/python bench/load_data.py [--repeat N]
Prints the median and best of N runs; never used as a test assertion.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components.data.frames import build_frames  # noqa: E402
from components.data.loader import DATA_DIR, load_dataset  # noqa: E402


def measure(repeat: int) -> None:
    load_times, frame_times = [], []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = load_dataset(DATA_DIR)
        load_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        build_frames(result.dataset)
        frame_times.append(time.perf_counter() - start)
    assert result is not None
    size = sum(p.stat().st_size for p in DATA_DIR.rglob("*.yaml"))
    print(
        f"data: {len(list(DATA_DIR.rglob('*.yaml')))} YAML files, {size / 1024:.0f} KiB, problems: {len(result.problems)}"
    )
    print(f"counts: {result.dataset.counts()}")
    print(
        f"load + validate: median {statistics.median(load_times) * 1000:.1f} ms, best {min(load_times) * 1000:.1f} ms ({repeat} runs)"
    )
    print(
        f"build all frames: median {statistics.median(frame_times) * 1000:.1f} ms, best {min(frame_times) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    measure(parser.parse_args().repeat)
