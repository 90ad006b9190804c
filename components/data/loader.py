"""Load a data directory into one immutable Dataset, collecting every problem with its file and line.

Layout of a data directory (the shipped one is data/):
    about.yaml, sources.yaml, themes.yaml, commitments.yaml, assessments.yaml, crosswalk.yaml,
    timeline.yaml, frameworks/<id>.yaml, indicators/<id>.yaml

`load_dataset` never raises for bad data: it returns what is valid plus the problems, so the app
keeps working. `load_dataset_strict` raises DataError instead, for tests and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from components.data import schema
from components.data.checks import CheckedFile, check_data
from components.data.codes import code
from components.data.problems import DataError, Problem
from components.data.safe_yaml import read_yaml_file
from components.data.validation import validate_file

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# File (relative to the data directory) -> model of its whole content, and the list field that
# holds its items (None for single-object files). Items of list files are salvaged one by one.
SINGLE_FILES: dict[str, tuple[type[BaseModel], str | None]] = {
    "about.yaml": (schema.About, None),
    "sources.yaml": (schema.SourcesFile, "sources"),
    "themes.yaml": (schema.ThemesFile, "themes"),
    "commitments.yaml": (schema.CommitmentsFile, "commitments"),
    "assessments.yaml": (schema.AssessmentsFile, "assessments"),
    "crosswalk.yaml": (schema.CrosswalkFile, "links"),
    "timeline.yaml": (schema.TimelineFile, None),
}
FOLDERS: dict[str, type[BaseModel]] = {
    "frameworks": schema.Framework,
    "indicators": schema.Indicator,
}


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
    root = Path(root)
    problems: list[Problem] = []
    checked: dict[str, CheckedFile] = {}
    folder_files: dict[str, list[CheckedFile]] = {name: [] for name in FOLDERS}
    failed_labels: set[str] = set()

    def label(path: Path) -> str:
        return f"{root.name}/{path.relative_to(root).as_posix()}"

    if not root.is_dir():
        problem = Problem(
            str(root), 1, 1, "", code("missing-dir"), "data directory not found", "a directory", "nothing"
        )
        return LoadResult(_empty_dataset(), [problem])

    def load(path: Path, model: type[BaseModel], list_field: str | None) -> CheckedFile | None:
        file_label = label(path)
        read = read_yaml_file(path, file_label)
        problems.extend(read.problems)
        if read.data is None or read.problems:
            failed_labels.add(file_label)
            return None
        validated = validate_file(model, list_field, read, file_label)
        problems.extend(validated.problems)
        if validated.problems:
            failed_labels.add(file_label)
        if validated.model is None:
            return None
        return CheckedFile(file_label, validated.model, read, validated.positions, list_field)

    for relative, (model, list_field) in SINGLE_FILES.items():
        path = root / relative
        if not path.is_file():
            failed_labels.add(label(path))
            problems.append(
                Problem(
                    label(path),
                    1,
                    1,
                    "",
                    code("missing-file"),
                    "required data file is missing",
                    relative,
                    "no file",
                )
            )
            continue
        file = load(path, model, list_field)
        if file is not None:
            checked[relative] = file

    for folder, model in FOLDERS.items():
        paths = sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []
        if not paths:
            failed_labels.add(label(root / folder))
            problems.append(
                Problem(
                    label(root / folder),
                    1,
                    1,
                    "",
                    code("missing-file"),
                    "folder has no .yaml files",
                    f"{folder}/*.yaml",
                    "none",
                )
            )
        for path in paths:
            file = load(path, model, None)
            if file is not None:
                folder_files[folder].append(file)

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
        "source": sorted(failed_labels & {label(root / "sources.yaml")}),
        "theme": sorted(failed_labels & {label(root / "themes.yaml")}),
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
