"""Load a data directory into one immutable Dataset, collecting every problem with its file and line.

Layout of a data directory (the shipped one is data/):
    about.yaml, sources.yaml, themes.yaml, commitments.yaml, assessments.yaml, crosswalk.yaml,
    timeline.yaml, frameworks/<id>.yaml, indicators/<id>.yaml

`load_dataset` never raises for bad data: it returns what is valid plus the problems, so the app
keeps working. `load_dataset_strict` raises DataError instead, for tests and the CLI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from components.data import schema
from components.data.problems import DataError, Problem, dotted, short_repr
from components.data.safe_yaml import ReadResult, read_yaml_file
from components.data.schema import COLOR_PATTERN, PARTIAL_DATE_PATTERN, SLUG_PATTERN

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
    located: dict[str, ReadResult] = {}
    loaded: dict[str, object] = {}
    index_maps: dict[str, list[int]] = {}  # salvaged list files: kept position -> position in the file

    def label(path: Path) -> str:
        return f"{root.name}/{path.relative_to(root).as_posix()}"

    if not root.is_dir():
        problem = Problem(
            str(root), 1, 1, "", "missing-dir", "data directory not found", "a directory", "nothing"
        )
        return LoadResult(_empty_dataset(), [problem])

    for relative, (model, list_field) in SINGLE_FILES.items():
        path = root / relative
        if not path.is_file():
            problems.append(
                Problem(
                    label(path),
                    1,
                    1,
                    "",
                    "missing-file",
                    "required data file is missing",
                    relative,
                    "no file",
                )
            )
            continue
        read = read_yaml_file(path, label(path))
        located[relative] = read
        problems.extend(read.problems)
        if read.data is not None and not read.problems:
            loaded[relative], kept = _validate(model, list_field, read, label(path), problems)
            if kept is not None:
                index_maps[relative] = kept

    folder_items: dict[str, list[tuple[str, BaseModel]]] = {name: [] for name in FOLDERS}
    for folder, model in FOLDERS.items():
        paths = sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []
        if not paths:
            problems.append(
                Problem(
                    label(root / folder),
                    1,
                    1,
                    "",
                    "missing-file",
                    "folder has no .yaml files",
                    f"{folder}/*.yaml",
                    "none",
                )
            )
        for path in paths:
            relative = path.relative_to(root).as_posix()
            read = read_yaml_file(path, label(path))
            located[relative] = read
            problems.extend(read.problems)
            if read.data is not None and not read.problems:
                item, _ = _validate(model, None, read, label(path), problems)
                if item is not None:
                    folder_items[folder].append((relative, item))

    timeline = loaded.get("timeline.yaml")
    dataset = Dataset(
        about=loaded.get("about.yaml"),
        sources=tuple(_items(loaded.get("sources.yaml"), "sources")),
        themes=tuple(_items(loaded.get("themes.yaml"), "themes")),
        # Frameworks are ordered by start date everywhere (ties by id), never by file or by name.
        frameworks=tuple(
            sorted((item for _, item in folder_items["frameworks"]), key=lambda f: (f.start, f.id))
        ),
        commitments=tuple(_items(loaded.get("commitments.yaml"), "commitments")),
        assessments=tuple(_items(loaded.get("assessments.yaml"), "assessments")),
        crosswalk=tuple(_items(loaded.get("crosswalk.yaml"), "links")),
        events=tuple(timeline.events) if timeline else (),
        spans=tuple(timeline.spans) if timeline else (),
        indicators=tuple(item for _, item in folder_items["indicators"]),
    )
    checker = _SemanticChecker(root.name, located, index_maps)
    problems.extend(checker.check(dataset, folder_items))
    return LoadResult(dataset, problems)


def _empty_dataset() -> Dataset:
    return Dataset(None, (), (), (), (), (), (), (), (), ())


def _items(file_model: object, list_field: str) -> list:
    return list(getattr(file_model, list_field)) if file_model is not None else []


def _validate(
    model: type[BaseModel], list_field: str | None, read: ReadResult, file_label: str, problems: list[Problem]
) -> tuple[BaseModel | None, list[int] | None]:
    """Validate a whole file; on failure report every error and keep the items that are valid.

    Returns the model and, when items were salvaged, the file position of each kept item.
    """
    try:
        return model.model_validate(read.data), None
    except ValidationError as exc:
        problems.extend(_problems_from_validation(exc, read, file_label))
    items = read.data.get(list_field) if list_field and isinstance(read.data, dict) else None
    if not isinstance(items, list):
        return None, None
    item_model = model.model_fields[list_field].annotation.__args__[0]  # list[Item] -> Item
    kept, positions = [], []
    for position, raw in enumerate(items):
        try:
            kept.append(item_model.model_validate(raw))
            positions.append(position)
        except ValidationError:
            continue  # already reported by the whole-file validation above
    return model.model_construct(**{list_field: kept}), positions


_PATTERN_CODES = {
    SLUG_PATTERN: ("bad-id", "a lowercase slug (letters, digits, hyphens)"),
    PARTIAL_DATE_PATTERN: ("bad-date", "a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    COLOR_PATTERN: ("bad-color", "a colour as #RRGGBB"),
}


def _problems_from_validation(exc: ValidationError, read: ReadResult, file_label: str) -> list[Problem]:
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        message = error["msg"]
        code, expected = "wrong-type", message.removeprefix("Input should be ").removeprefix("Value error, ")
        got = short_repr(error.get("input"))
        if kind == "extra_forbidden":
            code, message, expected = (
                "unknown-key",
                f"unknown key '{loc[-1]}'",
                "only the keys the schema defines",
            )
        elif kind == "missing":
            code, message, expected, got = (
                "missing-field",
                f"required field '{loc[-1]}' is missing",
                f"a value for '{loc[-1]}'",
                "nothing",
            )
        elif kind == "string_pattern_mismatch":
            code, expected = _PATTERN_CODES.get(error.get("ctx", {}).get("pattern"), ("bad-value", message))
            message = "value does not have the expected form"
        elif kind.startswith("date") or kind.startswith("datetime"):
            code, message, expected = "bad-date", "not a valid date", "a real day as YYYY-MM-DD"
        elif kind == "literal_error":
            code, message = "bad-value", "value is not one of the allowed words"
        elif kind == "too_short" and len(loc) > 1 and loc[-1] == "sources":
            code, message, expected = "unsourced", "item cites no source", "at least one source id"
        elif kind == "string_too_long":
            code, message, expected = (
                "too-long",
                "text is too long",
                message.removeprefix("String should have "),
            )
        elif kind == "string_too_short":
            code, message, expected = "empty-text", "text is empty", "non-empty text"
        elif kind in ("too_short", "too_long"):
            code, message = "bad-length", "list has the wrong number of items"
        elif kind == "value_error":
            text = str(error.get("ctx", {}).get("error", message))
            if "end-before-start" in text:
                code, message, expected = (
                    "end-before-start",
                    text.split(": ", 1)[-1],
                    "an end on or after the start",
                )
            elif "http" in text:
                code, message, expected = "bad-url", "not a web address", "an http:// or https:// URL"
            elif loc and loc[-1] == "date":
                code, message, expected = "bad-date", "not a real calendar day", "a real day as YYYY-MM-DD"
            else:
                code, message, expected = "bad-value", text, text
        line, column = _position(loc, kind, read)
        out.append(Problem(file_label, line, column, dotted(loc), code, message, expected, got))
    return out


def _position(loc: tuple[object, ...], kind: str, read: ReadResult) -> tuple[int, int]:
    if kind == "extra_forbidden" and loc in read.key_marks:
        return read.key_marks[loc]
    for end in range(len(loc), -1, -1):
        if loc[:end] in read.marks:
            return read.marks[loc[:end]]
    return (1, 1)


class _SemanticChecker:
    """Checks meaning across files: unique ids, references that resolve, ordered dates."""

    def __init__(self, root_name: str, located: dict[str, ReadResult], index_maps: dict[str, list[int]]):
        self.root_name = root_name
        self.located = located
        self.index_maps = index_maps
        self.problems: list[Problem] = []

    def report(
        self, relative: str, path: tuple[object, ...], code: str, message: str, expected: str, got: object
    ):
        positions = self.index_maps.get(relative)
        if positions is not None and len(path) > 1 and isinstance(path[1], int):
            path = (path[0], positions[path[1]], *path[2:])  # back to the item's place in the file
        read = self.located.get(relative)
        line, column = _position(path, "", read) if read else (1, 1)
        file_label = f"{self.root_name}/{relative}"
        self.problems.append(
            Problem(file_label, line, column, dotted(path), code, message, expected, short_repr(got))
        )

    def check(self, dataset: Dataset, folder_items: dict[str, list[tuple[str, BaseModel]]]) -> list[Problem]:
        source_ids = self._unique("sources.yaml", ("sources",), [s.id for s in dataset.sources], "source")
        theme_ids = self._unique("themes.yaml", ("themes",), [t.id for t in dataset.themes], "theme")
        framework_ids = {f.id for f in dataset.frameworks}
        self._unique_across([(rel, (), item.id) for rel, item in folder_items["frameworks"]], "framework")
        self._unique_across([(rel, (), item.id) for rel, item in folder_items["indicators"]], "indicator")

        pillar_owner: dict[str, str] = {}  # pillar/objective id -> framework id
        entries = []
        for relative, framework in folder_items["frameworks"]:
            expected_name = Path(relative).stem
            if framework.id != expected_name:
                self.report(
                    relative,
                    ("id",),
                    "id-file-mismatch",
                    "framework id must equal the file name",
                    expected_name,
                    framework.id,
                )
            self._refs(relative, ("sources",), framework.sources, source_ids, "source")
            for i, principle in enumerate(framework.principles):
                self._refs(relative, ("principles", i, "sources"), principle.sources, source_ids, "source")
            for i, note in enumerate(framework.notes):
                self._refs(relative, ("notes", i, "sources"), note.sources, source_ids, "source")
            for i, person in enumerate(framework.leaders):
                self._refs(relative, ("leaders", i, "sources"), person.sources, source_ids, "source")
            if framework.launch:
                self._refs(relative, ("launch", "sources"), framework.launch.sources, source_ids, "source")
                for i, person in enumerate(framework.launch.participants):
                    self._refs(
                        relative,
                        ("launch", "participants", i, "sources"),
                        person.sources,
                        source_ids,
                        "source",
                    )
            if framework.action_plan:
                plan = framework.action_plan
                self._refs(relative, ("action_plan", "sources"), plan.sources, source_ids, "source")
                for i, conflict in enumerate(plan.conflicts):
                    self._refs(
                        relative,
                        ("action_plan", "conflicts", i, "sources"),
                        conflict.sources,
                        source_ids,
                        "source",
                    )
            previous_end = None
            for p, phase in enumerate(framework.phases):
                base = ("phases", p)
                self._refs(relative, base + ("sources",), phase.sources, source_ids, "source")
                if phase.start < framework.start:
                    self.report(
                        relative,
                        base + ("start",),
                        "date-order",
                        "phase starts before its framework",
                        f"on or after {framework.start}",
                        phase.start,
                    )
                if previous_end is not None and phase.start < previous_end:
                    self.report(
                        relative,
                        base + ("start",),
                        "date-order",
                        "phases overlap or are out of order",
                        f"on or after {previous_end}",
                        phase.start,
                    )
                previous_end = phase.end or phase.start
                for q, pillar in enumerate(phase.pillars):
                    pbase = base + ("pillars", q)
                    entries.append((relative, pbase + ("id",), pillar.id))
                    pillar_owner[pillar.id] = framework.id
                    self._refs(relative, pbase + ("sources",), pillar.sources, source_ids, "source")
                    for a, alternate in enumerate(pillar.alternate_titles):
                        self._refs(
                            relative,
                            pbase + ("alternate_titles", a, "sources"),
                            alternate.sources,
                            source_ids,
                            "source",
                        )
                    if pillar.number != q + 1:
                        self.report(
                            relative,
                            pbase + ("number",),
                            "bad-order",
                            "pillar numbers must follow their order",
                            q + 1,
                            pillar.number,
                        )
                    for o, objective in enumerate(pillar.objectives):
                        obase = pbase + ("objectives", o)
                        entries.append((relative, obase + ("id",), objective.id))
                        pillar_owner[objective.id] = framework.id
                        self._refs(relative, obase + ("themes",), objective.themes, theme_ids, "theme")
                        self._refs(relative, obase + ("sources",), objective.sources, source_ids, "source")
        self._unique_across(entries, "pillar or objective")

        for kind, relative, list_field, items in (
            ("commitment", "commitments.yaml", "commitments", dataset.commitments),
            ("assessment", "assessments.yaml", "assessments", dataset.assessments),
        ):
            self._unique(relative, (list_field,), [item.id for item in items], kind)
            for i, item in enumerate(items):
                self._refs(
                    relative, (list_field, i, "framework"), [item.framework], framework_ids, "framework"
                )
                self._refs(relative, (list_field, i, "themes"), item.themes, theme_ids, "theme")
                self._refs(relative, (list_field, i, "sources"), item.sources, source_ids, "source")

        self._unique("crosswalk.yaml", ("links",), [link.id for link in dataset.crosswalk], "crosswalk link")
        # A link joins a framework to the next one by start date (dataset.frameworks is in that order).
        order = [f.id for f in dataset.frameworks]
        successor = dict(zip(order, order[1:], strict=False))
        predecessor = {after: before for before, after in successor.items()}
        for i, link in enumerate(dataset.crosswalk):
            base = ("links", i)
            self._refs("crosswalk.yaml", base + ("sources",), link.sources, source_ids, "source")
            owners = {}
            for end in ("from_id", "to_id"):
                value = getattr(link, end)
                if value is None:
                    continue
                if value not in pillar_owner:
                    self.report(
                        "crosswalk.yaml",
                        base + (end,),
                        "unknown-pillar",
                        "no pillar or objective has this id",
                        "an id from frameworks/*.yaml",
                        value,
                    )
                else:
                    owners[end] = pillar_owner[value]
            if "from_id" in owners and "to_id" in owners:
                wanted = successor.get(owners["from_id"])
                if owners["to_id"] != wanted:
                    self.report(
                        "crosswalk.yaml",
                        base + ("to_id",),
                        "wrong-framework",
                        "to_id must point into the framework that follows from_id's (by start date)",
                        wanted or "no later framework",
                        owners["to_id"],
                    )
            elif link.to_id is None and "from_id" in owners and owners["from_id"] not in successor:
                self.report(
                    "crosswalk.yaml",
                    base + ("from_id",),
                    "wrong-framework",
                    "a 'dropped' link needs a later framework to be dropped from",
                    "an item of a framework that has a successor",
                    owners["from_id"],
                )
            elif link.from_id is None and "to_id" in owners and owners["to_id"] not in predecessor:
                self.report(
                    "crosswalk.yaml",
                    base + ("to_id",),
                    "wrong-framework",
                    "a 'new' link needs an earlier framework to be new against",
                    "an item of a framework that has a predecessor",
                    owners["to_id"],
                )

        self._unique("timeline.yaml", ("events",), [e.id for e in dataset.events], "event")
        for i, event in enumerate(dataset.events):
            base = ("events", i)
            self._refs("timeline.yaml", base + ("frameworks",), event.frameworks, framework_ids, "framework")
            self._refs("timeline.yaml", base + ("themes",), event.themes, theme_ids, "theme")
            self._refs("timeline.yaml", base + ("sources",), event.sources, source_ids, "source")
        self._unique("timeline.yaml", ("spans",), [s.id for s in dataset.spans], "span")
        for i, span in enumerate(dataset.spans):
            base = ("spans", i)
            self._refs("timeline.yaml", base + ("sources",), span.sources, source_ids, "source")
            if span.framework is not None:
                self._refs(
                    "timeline.yaml", base + ("framework",), [span.framework], framework_ids, "framework"
                )

        for relative, indicator in folder_items["indicators"]:
            if indicator.id != Path(relative).stem:
                self.report(
                    relative,
                    ("id",),
                    "id-file-mismatch",
                    "indicator id must equal the file name",
                    Path(relative).stem,
                    indicator.id,
                )
            self._refs(relative, ("sources",), indicator.sources, source_ids, "source")
            for n, note in enumerate(indicator.notes):
                self._refs(relative, ("notes", n, "sources"), note.sources, source_ids, "source")
            seen: set[tuple[int, dt.date | None]] = set()
            previous: tuple[int, dt.date] | None = None
            for v, value in enumerate(indicator.values):
                base = ("values", v)
                self._refs(relative, base + ("sources",), value.sources, source_ids, "source")
                key = (value.year, value.as_of)
                if key in seen:
                    self.report(
                        relative,
                        base + ("year",),
                        "duplicate-id",
                        "two values for the same year",
                        "one value per year",
                        value.year,
                    )
                seen.add(key)
                order_key = (value.year, value.as_of or dt.date(value.year, 1, 1))
                if previous is not None and order_key < previous:
                    self.report(
                        relative,
                        base + ("year",),
                        "date-order",
                        "values must be in time order",
                        f"after {previous[0]}",
                        value.year,
                    )
                previous = order_key
                if value.as_of is not None and value.as_of.year != value.year:
                    self.report(
                        relative,
                        base + ("as_of",),
                        "date-order",
                        "as_of must fall in the value's year",
                        value.year,
                        value.as_of,
                    )
        return self.problems

    def _unique(self, relative: str, base: tuple[object, ...], ids: Iterable[str], kind: str) -> set[str]:
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                self.report(
                    relative,
                    base + (i, "id"),
                    "duplicate-id",
                    f"{kind} id is used twice",
                    f"a unique {kind} id",
                    item_id,
                )
            seen.add(item_id)
        return seen

    def _unique_across(self, entries: list[tuple[str, tuple[object, ...], str]], kind: str) -> None:
        seen: set[str] = set()
        for relative, path, item_id in entries:
            if item_id in seen:
                self.report(
                    relative, path, "duplicate-id", f"{kind} id is used twice", f"a unique {kind} id", item_id
                )
            seen.add(item_id)

    def _refs(
        self, relative: str, path: tuple[object, ...], values: Iterable[str], known: set[str], kind: str
    ) -> None:
        for i, value in enumerate(values):
            if value not in known:
                where = path + (i,) if path[-1] in ("sources", "themes", "frameworks") else path
                self.report(
                    relative,
                    where,
                    f"unknown-{kind}",
                    f"no {kind} has this id",
                    f"a {kind} id that exists",
                    value,
                )


__all__ = ["DATA_DIR", "Dataset", "LoadResult", "load_dataset", "load_dataset_strict"]
