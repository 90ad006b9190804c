"""Validate one file's YAML against its model and turn pydantic's errors into Problems.

A list file (sources.yaml, themes.yaml…) that fails is salvaged item by item: every error is
reported, and the items that are valid on their own are kept so the app can still show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from components.data.codes import code
from components.data.problems import Problem, dotted, short_repr
from components.data.safe_yaml import ReadResult
from components.data.schema import COLOR_PATTERN, PARTIAL_DATE_PATTERN, SLUG_PATTERN


@dataclass(frozen=True)
class Validated:
    """What validating one file produced."""

    model: BaseModel | None  # None when nothing in the file could be kept
    positions: list[int] | None  # salvaged list file: kept item -> its position in the file
    problems: list[Problem]


def validate_file(model: type[BaseModel], list_field: str | None, read: ReadResult, label: str) -> Validated:
    """Validate a whole file; on failure report every error and keep the items that are valid."""
    try:
        return Validated(model.model_validate(read.data), None, [])
    except ValidationError as exc:
        problems = problems_from_validation(exc, read, label)
    items = read.data.get(list_field) if list_field and isinstance(read.data, dict) else None
    if not isinstance(items, list):
        return Validated(None, None, problems)
    item_model = model.model_fields[list_field].annotation.__args__[0]  # list[Item] -> Item
    kept, positions = [], []
    for position, raw in enumerate(items):
        try:
            kept.append(item_model.model_validate(raw))
            positions.append(position)
        except ValidationError:
            continue  # already reported by the whole-file validation above
    return Validated(model.model_construct(**{list_field: kept}), positions, problems)


_PATTERN_CODES = {
    SLUG_PATTERN: ("bad-id", "a lowercase slug (letters, digits, hyphens)"),
    PARTIAL_DATE_PATTERN: ("bad-date", "a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    COLOR_PATTERN: ("bad-color", "a colour as #RRGGBB"),
}


def problems_from_validation(exc: ValidationError, read: ReadResult, file_label: str) -> list[Problem]:
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        message = error["msg"]
        name, expected = "wrong-type", message.removeprefix("Input should be ").removeprefix("Value error, ")
        got = short_repr(error.get("input"))
        if kind == "extra_forbidden":
            name, message, expected = (
                "unknown-key",
                f"unknown key '{loc[-1]}'",
                "only the keys the schema defines",
            )
        elif kind == "missing":
            name, message, expected, got = (
                "missing-field",
                f"required field '{loc[-1]}' is missing",
                f"a value for '{loc[-1]}'",
                "nothing",
            )
        elif kind == "string_pattern_mismatch":
            name, expected = _PATTERN_CODES.get(error.get("ctx", {}).get("pattern"), ("bad-value", message))
            message = "value does not have the expected form"
        elif kind.startswith("date") or kind.startswith("datetime"):
            name, message, expected = "bad-date", "not a valid date", "a real day as YYYY-MM-DD"
        elif kind == "literal_error":
            name, message = "bad-value", "value is not one of the allowed words"
        elif kind == "too_short" and len(loc) > 1 and loc[-1] == "sources":
            name, message, expected = "unsourced", "item cites no source", "at least one source id"
        elif kind == "string_too_long":
            name, message, expected = (
                "too-long",
                "text is too long",
                message.removeprefix("String should have "),
            )
        elif kind == "string_too_short":
            name, message, expected = "empty-text", "text is empty", "non-empty text"
        elif kind in ("too_short", "too_long"):
            name, message = "bad-length", "list has the wrong number of items"
        elif kind == "value_error":
            text = str(error.get("ctx", {}).get("error", message))
            if "end-before-start" in text:
                name, message, expected = (
                    "end-before-start",
                    text.split(": ", 1)[-1],
                    "an end on or after the start",
                )
            elif "http" in text:
                name, message, expected = "bad-url", "not a web address", "an http:// or https:// URL"
            elif loc and loc[-1] == "date":
                name, message, expected = "bad-date", "not a real calendar day", "a real day as YYYY-MM-DD"
            else:
                name, message, expected = "bad-value", text, text
        line, column = position(loc, kind, read)
        out.append(Problem(file_label, line, column, dotted(loc), code(name), message, expected, got))
    return out


def position(loc: tuple[object, ...], kind: str, read: ReadResult) -> tuple[int, int]:
    """Where a field path lies in the file: the key for an unknown key, else the nearest known value."""
    if kind == "extra_forbidden" and loc in read.key_marks:
        return read.key_marks[loc]
    for end in range(len(loc), -1, -1):
        if loc[:end] in read.marks:
            return read.marks[loc[:end]]
    return (1, 1)
