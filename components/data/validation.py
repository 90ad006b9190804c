"""Validate one file's YAML against its model and turn pydantic's errors into Problems.

A list file (sources.yaml, themes.yaml…) that fails is salvaged item by item: every error is
reported, and the items that are valid on their own are kept so the app can still show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from components.data.codes import CODES, code
from components.data.problems import Problem, dotted, short_repr
from components.data.safe_yaml import ReadResult


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


# pydantic's own error types -> (registry code, message, expected). The checks in schema.py raise
# PydanticCustomError whose type is already a registry code, with its message and expected value.
# Anything not listed is reported as bad-value with pydantic's message.
BUILTIN_ERRORS: dict[str, tuple[str, str, str]] = {
    "extra_forbidden": ("unknown-key", "unknown key '{key}'", "only the keys the schema defines"),
    "missing": ("missing-field", "required field '{key}' is missing", "a value for '{key}'"),
    "string_type": ("wrong-type", "value is not text", "text"),
    "int_type": ("wrong-type", "value is not a whole number", "a whole number"),
    "float_type": ("wrong-type", "value is not a number", "a number"),
    "bool_type": ("wrong-type", "value is not true or false", "true or false, unquoted"),
    "list_type": ("wrong-type", "value is not a list", "a list"),
    "model_type": ("wrong-type", "value is not a mapping of keys", "a mapping of keys"),
    "dict_type": ("wrong-type", "value is not a mapping of keys", "a mapping of keys"),
    "literal_error": ("bad-value", "value is not one of the allowed words", "{expected}"),
    "too_short": ("bad-length", "list has too few items", "at least {min_length} item(s)"),
    "too_long": ("bad-length", "list has too many items", "at most {max_length} item(s)"),
    "string_too_short": ("empty-text", "text is empty", "non-empty text"),
    "string_too_long": ("too-long", "text is too long", "at most {max_length} characters"),
    "finite_number": ("not-finite", "number is infinite or not a number", "a finite number"),
    "greater_than_equal": ("out-of-range", "number is too small", "at least {ge}"),
    "greater_than": ("out-of-range", "number is too small", "more than {gt}"),
    "less_than_equal": ("out-of-range", "number is too large", "at most {le}"),
    "less_than": ("out-of-range", "number is too large", "less than {lt}"),
}


def problems_from_validation(exc: ValidationError, read: ReadResult, file_label: str) -> list[Problem]:
    """One Problem per pydantic error, with the line and column of the field it names."""
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
        got = context.pop("got", None) or short_repr(error.get("input"))
        if kind in CODES:  # a PydanticCustomError raised by a check in schema.py
            name, message, expected = kind, error["msg"], context.get("expected", "")
        elif kind in BUILTIN_ERRORS:
            name, message, expected = BUILTIN_ERRORS[kind]
            fields = {"key": str(loc[-1]) if loc else "", **context}
            message, expected = message.format(**fields), expected.format(**fields)
        else:
            name, message, expected = "bad-value", error["msg"], "a valid value"
        if kind == "missing":
            got = "nothing"
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
