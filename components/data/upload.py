"""A framework file uploaded in the app, validated like a shipped one and never written anywhere.

The upload is exactly a framework file (the model of data/frameworks/<id>.yaml) plus one optional
top-level key, `declared_sources`: entries in the sources.yaml format for sources the file cites that
the shipped sources.yaml lacks. It goes through the same reader, the same model and the same checks,
against the base dataset's themes and sources plus the declared ones. Its ids must not collide with
the base dataset's. An upload is all or nothing: with any problem, no framework is returned.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from components.data import schema
from components.data.checks import (
    CheckedFile,
    Reporter,
    check_framework,
    check_references,
    frame_problems,
    pillar_ids,
)
from components.data.loader import Dataset, ordered_frameworks
from components.data.problems import Problem
from components.data.safe_yaml import DEFAULT_LIMITS, read_yaml_bytes
from components.data.validation import validate_file


@dataclass(frozen=True)
class UploadResult:
    """The uploaded framework and its declared sources, or the problems that refused it."""

    framework: schema.Framework | None  # None when anything is wrong: an upload is all-or-nothing
    declared_sources: tuple[schema.Source, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.framework is not None and not self.problems


def _refused(problems: list[Problem]) -> UploadResult:
    return UploadResult(None, (), tuple(problems))


def load_framework_upload(raw: bytes, filename: str, base: Dataset) -> UploadResult:
    """Validate an uploaded framework file against `base`; nothing is written and `base` is unchanged.

    `filename` names the file in problems, as the CLI names a data file. The reader refuses bytes over
    its size limit before parsing anything.
    """
    label = filename or "upload"
    # Always the default limits (1 MB…): they guard against hostile files, and an upload is one.
    read = read_yaml_bytes(raw, label, limits=DEFAULT_LIMITS)
    if read.problems or read.data is None:
        return _refused(read.problems)
    validated = validate_file(schema.FrameworkUpload, None, read, label)
    if validated.problems or validated.model is None:
        return _refused(validated.problems)
    upload: schema.FrameworkUpload = validated.model
    file = CheckedFile(label, upload, read)
    reporter = Reporter()
    _check_collisions(reporter, file, base)
    check_framework(reporter, file)
    own_pillars = {item_id for _, item_id in pillar_ids(upload)}
    known = {
        "source": {s.id for s in base.sources} | {s.id for s in upload.declared_sources},
        "theme": {t.id for t in base.themes},
        "framework": {f.id for f in base.frameworks} | {upload.id},
        "pillar": _base_pillar_ids(base) | own_pillars,
    }
    check_references(reporter, [file], known, failed={})
    if reporter.problems:
        return _refused(reporter.problems)
    fields = {name: getattr(upload, name) for name in schema.Framework.model_fields}
    result = UploadResult(schema.Framework.model_validate(fields), tuple(upload.declared_sources), ())
    # Valid must mean the app runs with it: build every table once with the upload in place.
    failures = frame_problems(with_upload(base, result), label)
    return _refused(failures) if failures else result


def with_upload(base: Dataset, upload: UploadResult) -> Dataset:
    """`base` plus the uploaded framework (frameworks stay ordered by start date) and its declared sources."""
    if not upload.ok:
        return base
    added = {upload.framework.id} | {source.id for source in upload.declared_sources}
    return dataclasses.replace(
        base,
        frameworks=ordered_frameworks((*base.frameworks, upload.framework)),
        sources=(*base.sources, *upload.declared_sources),
        uploaded=base.uploaded | added,
    )


def _base_pillar_ids(base: Dataset) -> set[str]:
    return {item_id for framework in base.frameworks for _, item_id in pillar_ids(framework)}


def _check_collisions(reporter: Reporter, file: CheckedFile, base: Dataset) -> None:
    """The upload's framework, phase, pillar, objective and declared source ids are new and unique."""
    upload: schema.FrameworkUpload = file.model

    def claim(path: tuple[object, ...], item_id: str, kind: str, taken: set[str], seen: set[str]) -> None:
        if item_id in taken:
            reporter.report(
                file,
                path,
                "duplicate-id",
                f"{kind} id is already used by the shipped data",
                f"a {kind} id the shipped data does not use",
                item_id,
            )
        elif item_id in seen:
            reporter.report(
                file, path, "duplicate-id", f"{kind} id is used twice", f"a unique {kind} id", item_id
            )
        seen.add(item_id)

    claim(("id",), upload.id, "framework", {f.id for f in base.frameworks}, set())
    base_phases = {phase.id for framework in base.frameworks for phase in framework.phases}
    seen_phases: set[str] = set()
    for p, phase in enumerate(upload.phases):
        claim(("phases", p, "id"), phase.id, "phase", base_phases, seen_phases)
    base_pillars, seen_pillars = _base_pillar_ids(base), set()
    for path, item_id in pillar_ids(upload):
        claim(path, item_id, "pillar or objective", base_pillars, seen_pillars)
    base_sources, seen_sources = {s.id for s in base.sources}, set()
    for s, source in enumerate(upload.declared_sources):
        claim(("declared_sources", s, "id"), source.id, "source", base_sources, seen_sources)
