"""Load a data directory into one immutable Dataset, collecting every problem with its file and line.

The public entry point; each step has its own module: layout.py (which files make a data folder),
safe_yaml.py (reading one file), validation.py (one file against its model) and checks.py (meaning
across files).

`load_dataset` never raises for bad data: it returns what is valid plus the problems, so the app
keeps working. `load_dataset_strict` raises DataError instead, for tests and the CLI.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from components.data import schema
from components.data.checks import CheckedFile, check_data
from components.data.layout import FOLDERS, DataFile, label_of, survey
from components.data.problems import DataError, Problem
from components.data.safe_yaml import Limits, ReadResult, current_limits, read_yaml_file
from components.data.validation import validate_file

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Dataset:
    """Everything under data/, validated. Tuples keep it immutable and hashable for caching."""

    about: schema.About | None
    sources: tuple[schema.Source, ...]
    themes: tuple[schema.Theme, ...]
    frameworks: tuple[schema.Framework, ...]
    commitments: tuple[schema.Commitment, ...]
    assessments: tuple[schema.Assessment, ...]
    crosswalk: tuple[schema.CrosswalkLink, ...]
    events: tuple[schema.Event, ...]
    spans: tuple[schema.Span, ...]
    indicators: tuple[schema.Indicator, ...]
    # Ids of frameworks uploaded in this session and of the sources they declared (see upload.py).
    uploaded: frozenset[str] = frozenset()

    def counts(self) -> dict[str, int]:
        """Counts per kind, in the order the CLI prints them."""
        phases = [phase for framework in self.frameworks for phase in framework.phases]
        pillars = [pillar for phase in phases for pillar in phase.pillars]
        return {
            "sources": len(self.sources),
            "themes": len(self.themes),
            "frameworks": len(self.frameworks),
            "phases": len(phases),
            "pillars": len(pillars),
            "objectives": sum(len(pillar.objectives) for pillar in pillars),
            "commitments": len(self.commitments),
            "assessments": len(self.assessments),
            "crosswalk_links": len(self.crosswalk),
            "events": len(self.events),
            "spans": len(self.spans),
            "indicators": len(self.indicators),
            "indicator_values": sum(len(indicator.values) for indicator in self.indicators),
        }


@dataclass
class LoadResult:
    """The valid part of the data and every problem found."""

    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_dataset_strict(root: Path = DATA_DIR) -> Dataset:
    """Load and raise DataError listing every problem if anything is wrong."""
    result = load_dataset(root)
    if result.problems:
        raise DataError(result.problems)
    return result.dataset


def load_dataset(root: Path = DATA_DIR) -> LoadResult:
    """Load what is valid from `root` and report all problems (never raises for bad data)."""
    with _no_gc_pauses():
        return _load(Path(root))


@contextlib.contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Loading builds hundreds of thousands of small objects that all stay alive, and the collector
    would scan them again and again as they accumulate (2 of 7 CPU seconds at 100 times the shipped
    data). Nothing built here needs it; it runs again, as before, once the load is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(root: Path) -> LoadResult:
    found = survey(root)
    problems = list(found.problems)
    if not root.is_dir():
        return LoadResult(_empty_dataset(), problems)
    # Each file is read and validated on its own, in whatever order the reading delivers it (see
    # _read_files); the results are then taken in the survey's order, so problems keep a fixed order.
    outcomes: list[_Outcome | None] = [None] * len(found.files)
    for index, read in _read_files(found.files, root):
        outcomes[index] = _validate(found.files[index], read)
    failed_labels = set(found.missing)  # files that define ids but did not load cleanly
    checked: dict[str, CheckedFile] = {}
    folder_files: dict[str, list[CheckedFile]] = {name: [] for name in FOLDERS}
    for data_file, outcome in zip(found.files, outcomes, strict=True):
        file_problems, failed, file = outcome  # type: ignore[misc]  # every index was read
        problems.extend(file_problems)
        if failed:
            failed_labels.add(data_file.label)
        if file is None:
            continue
        folder = data_file.relative.split("/")[0]
        if folder in folder_files:
            folder_files[folder].append(file)
        else:
            checked[data_file.relative] = file

    def model_of(relative: str) -> BaseModel | None:
        return checked[relative].model if relative in checked else None

    timeline = model_of("timeline.yaml")
    dataset = Dataset(
        about=model_of("about.yaml"),
        sources=tuple(_items(model_of("sources.yaml"), "sources")),
        themes=tuple(_items(model_of("themes.yaml"), "themes")),
        frameworks=ordered_frameworks(file.model for file in folder_files["frameworks"]),
        commitments=tuple(_items(model_of("commitments.yaml"), "commitments")),
        assessments=tuple(_items(model_of("assessments.yaml"), "assessments")),
        crosswalk=tuple(_items(model_of("crosswalk.yaml"), "links")),
        events=tuple(timeline.events) if timeline else (),
        spans=tuple(timeline.spans) if timeline else (),
        indicators=tuple(file.model for file in folder_files["indicators"]),
    )
    # Which failed files could have defined an id that a reference names.
    framework_labels = sorted(name for name in failed_labels if name.startswith(f"{root.name}/frameworks"))
    failed = {
        "source": sorted(failed_labels & {label_of(root, root / "sources.yaml")}),
        "theme": sorted(failed_labels & {label_of(root, root / "themes.yaml")}),
        "framework": framework_labels,
        "pillar": framework_labels,
    }
    problems.extend(check_data(checked, folder_files["frameworks"], folder_files["indicators"], failed))
    return LoadResult(dataset, problems)


# One file's problems (reading, then validation), whether it failed, and what of it validated.
_Outcome = tuple[list[Problem], bool, CheckedFile | None]


def _validate(data_file: DataFile, read: ReadResult) -> _Outcome:
    if read.data is None or read.problems:
        return list(read.problems), True, None
    validated = validate_file(data_file.model, data_file.list_field, read, data_file.label)
    failed = bool(validated.problems)
    if validated.model is None:
        return validated.problems, failed, None
    file = CheckedFile(data_file.label, validated.model, read, validated.positions, data_file.list_field)
    return validated.problems, failed, file


# --- reading a large data folder in two processes -------------------------------------------------

# A data folder of at least this many bytes is read by the loading process and one child process
# together (where the platform can fork). The shipped data is 0.5 MB and is read in-process, so the
# app's usual load never starts a process; the benchmark's 100x corpus (51 MB) is read in two.
PARALLEL_MIN_BYTES = 5_000_000
# Share of the bytes the child reads. Well over half: the loading process also validates every file,
# unpickles what the child read and runs the checks, while the child only reads. On the 100x corpus
# 0.8 gives the two processes about equal CPU time (0.65 left this process a second more than the child).
CHILD_SHARE = 0.8


def _read_files(files: list[DataFile], root: Path) -> Iterator[tuple[int, ReadResult]]:
    """(index in `files`, what reading it produced) for every file, each once; not in file order.

    A large folder is read in two processes: a forked child reads its share file by file (the largest
    files, about CHILD_SHARE of the bytes) while this process reads the rest, and hands each file back
    as soon as it is read, so this process validates one file while the child reads the next. Each
    file is read by the same `read_yaml_file` either way, so the results and problems are the same.
    """
    limits = current_limits()  # passed on explicitly: the child must use the limits this load uses

    def read(index: int) -> ReadResult:
        return read_yaml_file(files[index].path, files[index].label, root=root, limits=limits)

    sizes = [_size(data_file.path) for data_file in files]
    if sum(sizes) < PARALLEL_MIN_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        for index in range(len(files)):
            yield index, read(index)
        return
    theirs = _child_share(sizes, CHILD_SHARE)
    with contextlib.ExitStack() as stack:
        try:
            handover = stack.enter_context(tempfile.TemporaryDirectory(prefix="data-load-"))
            # fork: the child starts at once from this process's memory (imports and schema included);
            # the pool forks before it starts its own thread, and the child runs nothing but the reader.
            context = multiprocessing.get_context("fork")
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=1, mp_context=context))
            futures = {
                index: pool.submit(_read_for_parent, files[index], root, limits, f"{handover}/{index}.pickle")
                for index in theirs
            }
        except OSError:  # no writable temporary folder, or no process could start: read it all here
            futures = {}
        for index in range(len(files)):
            if index not in futures:
                yield index, read(index)
        for index, future in futures.items():
            try:
                handed_over = Path(future.result()).read_bytes()
            except (BrokenProcessPool, OSError):  # the child died (killed, out of memory): read it here
                yield index, read(index)
                continue
            yield index, pickle.loads(handed_over)


def _read_for_parent(data_file: DataFile, root: Path, limits: Limits, out: str) -> str:
    """In the child: read one file and leave what reading produced, pickled, at `out` (a private folder).

    Not through the pool's pipe: the pool's thread receives it in pieces of 64 KiB, each waiting for
    the interpreter lock that the loading process holds while it validates: 10 MB then takes seconds.
    """
    result = read_yaml_file(data_file.path, data_file.label, root=root, limits=limits)
    Path(out).write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def _child_share(sizes: list[int], share: float) -> list[int]:
    """Indexes of the files the child reads, in file order: the largest first while they fit in `share`."""
    budget = share * sum(sizes)
    chosen, taken = [], 0
    for index in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        if taken + sizes[index] <= budget:
            chosen.append(index)
            taken += sizes[index]
    return sorted(chosen)


def _size(path: Path) -> int:
    """Bytes a file claims, only to share the work out; the reader checks and reports everything."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def ordered_frameworks(frameworks: Iterable[schema.Framework]) -> tuple[schema.Framework, ...]:
    """Frameworks are ordered by start date everywhere (ties by id), never by file or by name."""
    return tuple(sorted(frameworks, key=lambda f: (f.start, f.id)))


def _empty_dataset() -> Dataset:
    return Dataset(None, (), (), (), (), (), (), (), (), ())


def _items(file_model: object, list_field: str) -> list:
    return list(getattr(file_model, list_field)) if file_model is not None else []


__all__ = ["DATA_DIR", "Dataset", "LoadResult", "load_dataset", "load_dataset_strict"]
