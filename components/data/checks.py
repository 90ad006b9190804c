"""Check meaning across files: unique ids, references that resolve, dates in order, crosswalk joins.

References are declared on the schema fields (`Annotated[..., Ref("source")]`); `references` walks any
validated model and yields every (path, kind, id), so one generic pass checks them all. When the file
that defines a kind failed (sources.yaml, themes.yaml, a framework file), an unresolved reference may
just point into what failed: those are counted into one `skipped-references` problem instead of one
follow-on problem each.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from pydantic import BaseModel

from components.data import schema
from components.data.codes import code
from components.data.problems import Problem, dotted, short_repr
from components.data.safe_yaml import ReadResult
from components.data.validation import position

Path = tuple[object, ...]

# How each kind of reference is named in messages.
KIND_NAMES = {"source": "source", "theme": "theme", "framework": "framework", "pillar": "pillar or objective"}
KIND_HOMES = {
    "source": "an id from sources.yaml",
    "theme": "an id from themes.yaml",
    "framework": "an id of a frameworks/*.yaml file",
    "pillar": "an id from frameworks/*.yaml",
}


@dataclass(frozen=True)
class CheckedFile:
    """One validated file (or the part of it that validated), with what is needed to point into it."""

    label: str  # how problems name the file, e.g. 'data/frameworks/merida.yaml'
    model: BaseModel
    read: ReadResult  # for the line and column of a field path
    positions: list[int] | None = None  # salvaged list file: kept item -> its position in the file
    list_field: str | None = None


class Reporter:
    """Collects problems about validated models, placing each at its field's line and column."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, file: CheckedFile, path: Path, name: str, message: str, expected: object, got: object):
        if file.positions is not None and len(path) > 1 and path[0] == file.list_field:
            path = (path[0], file.positions[path[1]], *path[2:])  # back to the item's place in the file
        line, column = position(path, "", file.read)
        self.problems.append(
            Problem(
                file.label, line, column, dotted(path), code(name), message, str(expected), short_repr(got)
            )
        )


# --- references -------------------------------------------------------------------------------


def references(model: BaseModel, path: Path = ()) -> Iterator[tuple[Path, str, str]]:
    """Every (field path, kind, id) that `model` refers to, found through the fields' Ref markers."""
    found: list[tuple[Path, str, str]] = []
    _collect_references(model, path, {}, found)
    return iter(found)


_NOTHING: frozenset[str] = frozenset()


def _collect_references(
    model: BaseModel, path: Path, known: dict[str, set[str]], found: list[tuple[Path, str, str]]
) -> None:
    """Append to `found` every reference of `model`, in field order, that names no id in `known`.

    The path of a reference is built only for those appended: at 100 times the shipped data there
    are about 350,000 references, nearly all of which resolve.
    """
    for name, kind in _plan(type(model)):
        value = getattr(model, name, None)
        if value is None:
            continue
        if kind is not None:
            ids = known.get(kind, _NOTHING)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if item not in ids:
                        found.append((path + (name, index), kind, item))
            elif value not in ids:
                found.append((path + (name,), kind, value))
        elif isinstance(value, BaseModel):
            _collect_references(value, path + (name,), known, found)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _collect_references(item, path + (name, index), known, found)


@functools.cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """The fields of `model` worth visiting: (name, kind) for a reference, (name, None) for a field that
    can hold models. Plain values (text, numbers, dates) are skipped; computed once per model."""
    plan = []
    for name, info in model.model_fields.items():
        ref = next((item for item in info.metadata if isinstance(item, schema.Ref)), None)
        if ref is not None:
            plan.append((name, ref.kind))
        elif _holds_models(info.annotation):
            plan.append((name, None))
    return tuple(plan)


def _holds_models(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in typing.get_args(annotation))


def check_references(
    reporter: Reporter,
    files: Iterable[CheckedFile],
    known: dict[str, set[str]],
    failed: dict[str, list[str]],
) -> None:
    """Report every reference to an id that does not exist.

    `failed` maps a kind to the files defining it that failed to load; unresolved references of that
    kind are then counted into one skipped-references problem, since they may point into that file.
    """
    skipped: Counter[str] = Counter()
    first: dict[str, tuple[CheckedFile, Path]] = {}  # kind -> where its first unchecked reference is
    for file in files:
        unresolved: list[tuple[Path, str, str]] = []
        _collect_references(file.model, (), known, unresolved)
        for path, kind, value in unresolved:
            if failed.get(kind):
                skipped[kind] += 1
                first.setdefault(kind, (file, path))
                continue
            name = KIND_NAMES[kind]
            reporter.report(file, path, f"unknown-{kind}", f"no {name} has this id", KIND_HOMES[kind], value)
    for kind, count in skipped.items():
        # One problem, placed at the first reference that could not be checked.
        file, path = first[kind]
        reporter.report(
            file,
            path,
            "skipped-references",
            f"{count} {KIND_NAMES[kind]} reference(s) not checked because {', '.join(failed[kind])} failed",
            f"{failed[kind][0]} without problems",
            f"{count} unchecked",
        )


# --- rules on one kind of item ------------------------------------------------------------------


def unique(reporter: Reporter, file: CheckedFile, list_field: str, items: Iterable[BaseModel], kind: str):
    """Ids of the items of one list are unique; returns the set of ids."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            reporter.report(
                file,
                (list_field, index, "id"),
                "duplicate-id",
                f"{kind} id is used twice",
                f"a unique {kind} id",
                item.id,
            )
        seen.add(item.id)
    return seen


def pillar_ids(framework: schema.Framework) -> Iterator[tuple[Path, str]]:
    """(path, id) of every pillar and objective of a framework, in file order."""
    for p, phase in enumerate(framework.phases):
        for q, pillar in enumerate(phase.pillars):
            base = ("phases", p, "pillars", q)
            yield base + ("id",), pillar.id
            for o, objective in enumerate(pillar.objectives):
                yield base + ("objectives", o, "id"), objective.id


def check_framework(reporter: Reporter, file: CheckedFile) -> None:
    """Phases start within the framework and in order; pillar numbers follow their order."""
    framework = file.model
    previous_end = None
    for p, phase in enumerate(framework.phases):
        base = ("phases", p)
        if phase.start < framework.start:
            reporter.report(
                file,
                base + ("start",),
                "date-order",
                "phase starts before its framework",
                f"on or after {framework.start}",
                phase.start,
            )
        if previous_end is not None and phase.start < previous_end:
            reporter.report(
                file,
                base + ("start",),
                "date-order",
                "phases overlap or are out of order",
                f"on or after {previous_end}",
                phase.start,
            )
        previous_end = phase.end or phase.start
        for q, pillar in enumerate(phase.pillars):
            if pillar.number != q + 1:
                reporter.report(
                    file,
                    base + ("pillars", q, "number"),
                    "bad-order",
                    "pillar numbers must follow their order",
                    q + 1,
                    pillar.number,
                )


def check_id_matches_file(reporter: Reporter, file: CheckedFile, kind: str) -> None:
    expected = PurePosixPath(file.label).stem
    if file.model.id != expected:
        reporter.report(
            file, ("id",), "id-file-mismatch", f"{kind} id must equal the file name", expected, file.model.id
        )


def check_indicator_values(reporter: Reporter, file: CheckedFile) -> None:
    """One value per year (and report date), in time order; as_of within the value's year."""
    seen: set[tuple[int, dt.date | None]] = set()
    previous: tuple[int, dt.date] | None = None
    for v, value in enumerate(file.model.values):
        base = ("values", v)
        key = (value.year, value.as_of)
        if key in seen:
            reporter.report(
                file,
                base + ("year",),
                "duplicate-id",
                "two values for the same year",
                "one value per year",
                value.year,
            )
        seen.add(key)
        order_key = (value.year, value.as_of or dt.date(value.year, 1, 1))
        if previous is not None and order_key < previous:
            reporter.report(
                file,
                base + ("year",),
                "date-order",
                "values must be in time order",
                f"after {previous[0]}",
                value.year,
            )
        previous = order_key
        if value.as_of is not None and value.as_of.year != value.year:
            reporter.report(
                file,
                base + ("as_of",),
                "date-order",
                "as_of must fall in the value's year",
                value.year,
                value.as_of,
            )


def check_crosswalk(reporter: Reporter, file: CheckedFile, order: list[str], owner: dict[str, str]) -> None:
    """A link joins a framework to the next one by start date (`order`); `owner`: pillar id -> framework id.

    Ends that name no pillar are left to the reference check.
    """
    successor = dict(zip(order, order[1:], strict=False))
    predecessor = {after: before for before, after in successor.items()}
    for i, link in enumerate(file.model.links):
        base = ("links", i)
        owners = {
            end: owner[getattr(link, end)] for end in ("from_id", "to_id") if getattr(link, end) in owner
        }
        if "from_id" in owners and "to_id" in owners:
            wanted = successor.get(owners["from_id"])
            if owners["to_id"] != wanted:
                reporter.report(
                    file,
                    base + ("to_id",),
                    "wrong-framework",
                    "to_id must point into the framework that follows from_id's (by start date)",
                    wanted or "no later framework",
                    owners["to_id"],
                )
        elif link.to_id is None and "from_id" in owners and owners["from_id"] not in successor:
            reporter.report(
                file,
                base + ("from_id",),
                "wrong-framework",
                "a 'dropped' link needs a later framework to be dropped from",
                "an item of a framework that has a successor",
                owners["from_id"],
            )
        elif link.from_id is None and "to_id" in owners and owners["to_id"] not in predecessor:
            reporter.report(
                file,
                base + ("to_id",),
                "wrong-framework",
                "a 'new' link needs an earlier framework to be new against",
                "an item of a framework that has a predecessor",
                owners["to_id"],
            )


# --- the app's own tables ---------------------------------------------------------------------------

LANGUAGES = ("en", "es")


def frame_problems(dataset: object, label: str) -> list[Problem]:
    """Build every table the pages draw from, in each language; a failure is a problem, not a traceback.

    "The data is valid" must mean "the app runs on it". `label` names the data folder or upload.
    """
    # Imported here: frames.py imports the loader, which imports this module.
    from components.data.frames import build_frames

    problems = []
    for lang in LANGUAGES:
        try:
            build_frames(dataset, lang)
        except Exception as exc:  # noqa: BLE001 - any failure here means the app would not run on this data
            problems.append(
                Problem(
                    label,
                    1,
                    1,
                    "",
                    code("frames-failed"),
                    f"the app could not build its tables in '{lang}' from this data",
                    "data every page can show",
                    short_repr(f"{type(exc).__name__}: {exc}", 200),
                )
            )
    return problems


# --- the whole data folder ------------------------------------------------------------------------


def check_data(
    files: dict[str, CheckedFile],
    frameworks: list[CheckedFile],
    indicators: list[CheckedFile],
    failed: dict[str, list[str]],
) -> list[Problem]:
    """Every rule across the files of a data folder.

    `files`: single files that (at least partly) validated, by name ('sources.yaml'…); `frameworks`
    and `indicators`: the folder files that validated; `failed`: kind -> labels of files that define
    that kind and failed.
    """
    reporter = Reporter()
    known: dict[str, set[str]] = {"source": set(), "theme": set()}
    for name, list_field, kind in (("sources.yaml", "sources", "source"), ("themes.yaml", "themes", "theme")):
        if name in files:
            known[kind] = unique(
                reporter, files[name], list_field, getattr(files[name].model, list_field), kind
            )

    known["framework"] = _unique_across(reporter, [(f, ("id",), f.model.id) for f in frameworks], "framework")
    _unique_across(reporter, [(f, ("id",), f.model.id) for f in indicators], "indicator")
    owner: dict[str, str] = {}
    entries = []
    for file in frameworks:
        check_id_matches_file(reporter, file, "framework")
        check_framework(reporter, file)
        for path, item_id in pillar_ids(file.model):
            entries.append((file, path, item_id))
            owner[item_id] = file.model.id
    known["pillar"] = _unique_across(reporter, entries, "pillar or objective")

    for name, list_field, kind in (
        ("commitments.yaml", "commitments", "commitment"),
        ("assessments.yaml", "assessments", "assessment"),
        ("crosswalk.yaml", "links", "crosswalk link"),
    ):
        if name in files:
            unique(reporter, files[name], list_field, getattr(files[name].model, list_field), kind)
    if "crosswalk.yaml" in files:
        # Frameworks are ordered by start date everywhere (ties by id).
        order = [f.id for f in sorted((f.model for f in frameworks), key=lambda f: (f.start, f.id))]
        check_crosswalk(reporter, files["crosswalk.yaml"], order, owner)
    if "timeline.yaml" in files:
        timeline = files["timeline.yaml"]
        unique(reporter, timeline, "events", timeline.model.events, "event")
        unique(reporter, timeline, "spans", timeline.model.spans, "span")
    for file in indicators:
        check_id_matches_file(reporter, file, "indicator")
        check_indicator_values(reporter, file)

    check_references(reporter, [*files.values(), *frameworks, *indicators], known, failed)
    return reporter.problems


def _unique_across(reporter: Reporter, entries: list[tuple[CheckedFile, Path, str]], kind: str) -> set[str]:
    seen: set[str] = set()
    for file, path, item_id in entries:
        if item_id in seen:
            reporter.report(
                file, path, "duplicate-id", f"{kind} id is used twice", f"a unique {kind} id", item_id
            )
        seen.add(item_id)
    return seen
