"""Which files make a data folder: list the ones to read, report the missing and the unexpected.

Layout of a data folder (the shipped one is data/):
    about.yaml, sources.yaml, themes.yaml, commitments.yaml, assessments.yaml, crosswalk.yaml,
    timeline.yaml                      required, one each
    frameworks/<id>.yaml               at least one
    indicators/<id>.yaml               at least one
    schema/<kind>.schema.json          optional: JSON Schemas for editors (components/data/json_schema.py)

Anything else (`themes.yml`, `timeline.yaml.bak`, `frameworks/notes.txt`) is reported: a file the
loader silently ignored would hide a typo. This module only looks at names; reading a file (and
refusing a directory, a FIFO or a link that leaves the folder) is the reader's job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from components.data import schema
from components.data.codes import code
from components.data.problems import Problem, short_repr

# File -> model of its whole content, and the list field that holds its items (None for single-object
# files). Items of list files are salvaged one by one.
SINGLE_FILES: dict[str, tuple[type[BaseModel], str | None]] = {
    "about.yaml": (schema.About, None),
    "sources.yaml": (schema.SourcesFile, "sources"),
    "themes.yaml": (schema.ThemesFile, "themes"),
    "commitments.yaml": (schema.CommitmentsFile, "commitments"),
    "assessments.yaml": (schema.AssessmentsFile, "assessments"),
    "crosswalk.yaml": (schema.CrosswalkFile, "links"),
    "timeline.yaml": (schema.TimelineFile, None),
}
# Folder -> model of each <id>.yaml file in it.
FOLDERS: dict[str, type[BaseModel]] = {
    "frameworks": schema.Framework,
    "indicators": schema.Indicator,
}
SCHEMA_FOLDER = "schema"
SCHEMA_SUFFIX = ".schema.json"


@dataclass(frozen=True)
class DataFile:
    """One file of the layout that is present and must be read."""

    relative: str  # e.g. 'frameworks/merida.yaml'
    path: Path
    label: str  # how problems name it, e.g. 'data/frameworks/merida.yaml'
    model: type[BaseModel]
    list_field: str | None


@dataclass
class Survey:
    """What a data folder holds: the files to read, and what is missing or should not be there."""

    files: list[DataFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)  # labels of required files or folders not found


def label_of(root: Path, path: Path) -> str:
    return f"{root.name}/{path.relative_to(root).as_posix()}"


def survey(root: Path) -> Survey:
    """List the data files under `root` in a fixed order: single files, then each folder's, by name."""
    result = Survey()
    if not root.is_dir():
        result.problems.append(
            Problem(
                str(root), 1, 1, "", code("missing-dir"), "data directory not found", "a directory", "nothing"
            )
        )
        return result
    entries = _names(root)
    for relative, (model, list_field) in SINGLE_FILES.items():
        path = root / relative
        if relative in entries:
            result.files.append(DataFile(relative, path, label_of(root, path), model, list_field))
        else:
            result.missing.add(label_of(root, path))
            result.problems.append(
                Problem(
                    label_of(root, path),
                    1,
                    1,
                    "",
                    code("missing-file"),
                    "required data file is missing",
                    relative,
                    "no file",
                )
            )
    for folder, model in FOLDERS.items():
        folder_path = root / folder
        names = _names(folder_path) if folder in entries and _is_real_dir(folder_path) else []
        yaml_names = [name for name in names if name.endswith(".yaml")]
        for name in names:
            if name not in yaml_names:
                result.problems.append(_unexpected(root, folder_path / name))
        for name in yaml_names:
            path = folder_path / name
            result.files.append(DataFile(f"{folder}/{name}", path, label_of(root, path), model, None))
        if not yaml_names:
            result.missing.add(label_of(root, folder_path))
            result.problems.append(
                Problem(
                    label_of(root, folder_path),
                    1,
                    1,
                    "",
                    code("missing-file"),
                    "folder has no .yaml files",
                    f"{folder}/*.yaml",
                    "none",
                )
            )
    if SCHEMA_FOLDER in entries and _is_real_dir(root / SCHEMA_FOLDER):
        for name in _names(root / SCHEMA_FOLDER):
            path = root / SCHEMA_FOLDER / name
            if not (name.endswith(SCHEMA_SUFFIX) and path.is_file() and not path.is_symlink()):
                result.problems.append(_unexpected(root, path))
    known = {*SINGLE_FILES, *FOLDERS, SCHEMA_FOLDER}
    for name in entries:
        path = root / name
        if name not in known or (name in (*FOLDERS, SCHEMA_FOLDER) and not _is_real_dir(path)):
            result.problems.append(_unexpected(root, path))
    return result


def _names(folder: Path) -> list[str]:
    """Entry names of a folder, sorted; an unreadable folder counts as empty (its files are then missing)."""
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def _is_real_dir(path: Path) -> bool:
    """A directory that is not a symbolic link (a linked folder could lead out of the data folder)."""
    return path.is_dir() and not path.is_symlink()


def _unexpected(root: Path, path: Path) -> Problem:
    kind = "folder" if path.is_dir() else "file"
    return Problem(
        label_of(root, path),
        1,
        1,
        "",
        code("unexpected-file"),
        f"this {kind} is not part of the data layout (a typo, a backup or a leftover?)",
        "only the files of the data layout (see the schema docs)",
        short_repr(path.name),
    )
