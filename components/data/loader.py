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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from components.data import schema
from components.data.checks import CheckedFile, check_data
from components.data.layout import FOLDERS, label_of, survey
from components.data.problems import DataError, Problem
from components.data.safe_yaml import read_yaml_file
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
    failed_labels = set(found.missing)  # files that define ids but did not load cleanly
    checked: dict[str, CheckedFile] = {}
    folder_files: dict[str, list[CheckedFile]] = {name: [] for name in FOLDERS}
    for data_file in found.files:
        read = read_yaml_file(data_file.path, data_file.label, root=root)
        problems.extend(read.problems)
        if read.data is None or read.problems:
            failed_labels.add(data_file.label)
            continue
        validated = validate_file(data_file.model, data_file.list_field, read, data_file.label)
        problems.extend(validated.problems)
        if validated.problems:
            failed_labels.add(data_file.label)
        if validated.model is None:
            continue
        file = CheckedFile(data_file.label, validated.model, read, validated.positions, data_file.list_field)
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


def ordered_frameworks(frameworks: Iterable[schema.Framework]) -> tuple[schema.Framework, ...]:
    """Frameworks are ordered by start date everywhere (ties by id), never by file or by name."""
    return tuple(sorted(frameworks, key=lambda f: (f.start, f.id)))


def _empty_dataset() -> Dataset:
    return Dataset(None, (), (), (), (), (), (), (), (), ())


def _items(file_model: object, list_field: str) -> list:
    return list(getattr(file_model, list_field)) if file_model is not None else []


__all__ = ["DATA_DIR", "Dataset", "LoadResult", "load_dataset", "load_dataset_strict"]
