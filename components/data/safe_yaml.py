"""Read one YAML file defensively: size, encoding, depth, alias, tag and YAML 1.1 checks, with positions.

This is the only place in the project that parses YAML. It never calls yaml.load/full_load and
never constructs anything but plain scalars, lists and dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from components.data.problems import Problem, dotted, short_repr

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_ALIASES = 10
ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}
CANONICAL_BOOLS = {"true", "True", "TRUE", "false", "False", "FALSE"}

# (line, column), both 1-based, for every path in the document.
Marks = dict[tuple[object, ...], tuple[int, int]]


class LimitExceeded(Exception):
    """Raised while composing when a safety limit is hit; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


class ProjectSafeLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings and flags YAML 1.1 surprises instead of silently converting.

    Dates stay strings so the schema, not the YAML resolver, decides what a date is. `NO`, `on`,
    `1:10` and `010` are recorded as problems: a contributor who wrote them almost never meant
    False, True, 70 or 8.
    """

    def __init__(self, stream: str, file_label: str = "<string>"):
        super().__init__(stream)
        self.file_label = file_label
        self.problems: list[Problem] = []
        self.alias_count = 0
        self.depth = 0

    def _flag(self, node: ScalarNode, code: str, message: str, expected: str) -> None:
        self.problems.append(
            Problem(
                file=self.file_label,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                path="",
                code=code,
                message=message,
                expected=expected,
                got=short_repr(node.value),
            )
        )

    def compose_node(self, parent: Node | None, index: object) -> Node:
        """Compose one node, enforcing the alias budget, the depth limit and the allowed tags as we go.

        Checking while composing (rather than after) means an alias bomb or 1,000 levels of nesting
        are refused after reading a few hundred bytes, before anything is built or expanded.
        """
        event = self.peek_event()
        line, column = _position_of(event)
        if isinstance(event, AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise LimitExceeded(
                    _problem(
                        self.file_label,
                        line,
                        column,
                        "alias-limit",
                        "too many YAML aliases (possible alias bomb)",
                        f"at most {MAX_ALIASES} aliases",
                        f"more than {MAX_ALIASES}",
                    )
                )
            return super().compose_node(parent, index)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in ALLOWED_TAGS:
            raise LimitExceeded(
                _problem(
                    self.file_label,
                    line,
                    column,
                    "unsafe-tag",
                    "custom or language-specific YAML tags are not allowed",
                    "plain YAML values",
                    short_repr(tag),
                )
            )
        is_collection = isinstance(event, (MappingStartEvent, SequenceStartEvent))
        if is_collection:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise LimitExceeded(
                    _problem(
                        self.file_label,
                        line,
                        column,
                        "too-deep",
                        "data is nested too deeply",
                        f"at most {MAX_DEPTH} levels",
                        f"more than {MAX_DEPTH}",
                    )
                )
        try:
            return super().compose_node(parent, index)
        finally:
            if is_collection:
                self.depth -= 1

    def _flag_sexagesimal(self, node: ScalarNode) -> str:
        self._flag(
            node,
            "yaml11-sexagesimal",
            "YAML 1.1 would read this as a base-60 number",
            "a plain number or a quoted string",
        )
        return node.value

    def construct_yaml_bool(self, node: ScalarNode) -> object:
        if node.value in CANONICAL_BOOLS:
            return node.value.lower() == "true"
        self._flag(
            node,
            "yaml11-boolean",
            "YAML 1.1 would read this word as a boolean",
            "true/false, or a quoted string",
        )
        return node.value

    def construct_yaml_int(self, node: ScalarNode) -> object:
        digits = node.value.lstrip("+-")
        if ":" in digits:
            return self._flag_sexagesimal(node)
        if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
            self._flag(
                node,
                "yaml11-octal",
                "YAML 1.1 would read this as an octal number",
                "a number without a leading zero, or a quoted string",
            )
            return node.value
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            self._flag(node, "bad-number", "not a whole number", "digits only")
            return node.value

    def construct_yaml_float(self, node: ScalarNode) -> object:
        if ":" in node.value:
            return self._flag_sexagesimal(node)
        try:
            return super().construct_yaml_float(node)
        except ValueError:
            self._flag(node, "bad-number", "not a number", "a decimal number")
            return node.value


ProjectSafeLoader.add_constructor("tag:yaml.org,2002:bool", ProjectSafeLoader.construct_yaml_bool)
ProjectSafeLoader.add_constructor("tag:yaml.org,2002:int", ProjectSafeLoader.construct_yaml_int)
ProjectSafeLoader.add_constructor("tag:yaml.org,2002:float", ProjectSafeLoader.construct_yaml_float)
# Drop the implicit timestamp resolver: `2007-10-22` stays the string the schema parses.
ProjectSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class ReadResult:
    """What reading one file produced: the data (None if unusable), the marks, and the problems."""

    data: object = None
    marks: Marks = field(default_factory=dict)
    key_marks: Marks = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _position_of(item: Node | object) -> tuple[int, int]:
    """1-based (line, column) where a node or event starts; PyYAML marks count from 0."""
    mark = item.start_mark  # type: ignore[attr-defined]
    return mark.line + 1, mark.column + 1


def _problem(
    label: str, line: int, column: int, code: str, message: str, expected: str, got: str, path: str = ""
) -> Problem:
    return Problem(label, line, column, path, code, message, expected, got)


def _too_large(label: str, size: int) -> ReadResult:
    return ReadResult(
        problems=[
            _problem(
                label,
                1,
                1,
                "too-large",
                "file is too large to be a data file",
                f"at most {MAX_FILE_BYTES:,} bytes",
                f"{size:,} bytes",
            )
        ]
    )


def read_yaml_file(path: Path, label: str) -> ReadResult:
    """Read `path` safely; `label` is how the file is named in problems (e.g. 'data/timeline.yaml')."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _too_large(label, size)
    return read_yaml_bytes(path.read_bytes(), label)


def read_yaml_bytes(raw: bytes, label: str) -> ReadResult:
    """Read YAML from bytes (an uploaded file or a file's contents)."""
    if len(raw) > MAX_FILE_BYTES:
        return _too_large(label, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return ReadResult(
            problems=[
                _problem(
                    label,
                    line,
                    column,
                    "not-utf8",
                    "file is not valid UTF-8",
                    "UTF-8 text",
                    f"byte 0x{raw[exc.start]:02x}",
                )
            ]
        )
    text = text.removeprefix("\ufeff")

    loader = ProjectSafeLoader(text, label)
    try:
        node = loader.get_single_node()
        if node is None:
            return ReadResult(
                problems=[
                    _problem(
                        label, 1, 1, "empty-file", "file holds no data", "a YAML mapping", "an empty document"
                    )
                ]
            )
        result = ReadResult()
        _walk(node, (), result, label)
        if result.problems:  # duplicate or non-scalar keys: constructing would silently drop data
            return result
        data = loader.construct_document(node)
    except LimitExceeded as exc:
        return ReadResult(problems=[exc.problem])
    except yaml.composer.ComposerError as exc:
        if "single document" in f"{exc.context} {exc.problem}":
            mark = exc.problem_mark
            return ReadResult(
                problems=[
                    _problem(
                        label,
                        mark.line + 1,
                        mark.column + 1,
                        "multiple-documents",
                        "a data file holds exactly one YAML document",
                        "one document",
                        "a second '---' document",
                    )
                ]
            )
        return ReadResult(problems=[_syntax_problem(exc, label)])
    except yaml.MarkedYAMLError as exc:
        return ReadResult(problems=[_syntax_problem(exc, label)])
    finally:
        loader.dispose()
    result.data = data
    # YAML 1.1 problems were recorded by position; attach their field path now that the tree is known.
    result.problems.extend(_with_path(p, result.marks) for p in loader.problems)
    if not isinstance(data, dict):
        result.problems.append(
            _problem(
                label,
                *_position_of(node),
                "root-not-mapping",
                "the top level of a data file must be a mapping of keys",
                "a mapping",
                type(data).__name__,
            )
        )
        result.data = None
    return result


def _with_path(problem: Problem, marks: Marks) -> Problem:
    if problem.path:
        return problem
    for path, position in marks.items():
        if position == (problem.line, problem.column) and path:
            return Problem(
                problem.file,
                problem.line,
                problem.column,
                dotted(path),
                problem.code,
                problem.message,
                problem.expected,
                problem.got,
            )
    return problem


def _syntax_problem(exc: yaml.MarkedYAMLError, label: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    buffer = getattr(mark, "buffer", None) or ""
    past_end = mark is not None and mark.line >= len(buffer.rstrip("\0").splitlines())
    if past_end and exc.context_mark is not None:
        mark = exc.context_mark  # "unexpected end of stream": point where the open quote or bracket began
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem_text = exc.problem or "invalid YAML"
    if "'\\t'" in problem_text or "tab" in problem_text.lower():
        return _problem(
            label,
            line,
            column,
            "tab-indent",
            "tabs cannot indent YAML",
            "spaces for indentation",
            "a tab character",
        )
    return _problem(
        label,
        line,
        column,
        "yaml-syntax",
        f"YAML syntax error: {problem_text}",
        "valid YAML",
        short_repr(_line_of(exc, mark)),
    )


def _line_of(exc: yaml.MarkedYAMLError, mark: object) -> str:
    buffer = getattr(mark, "buffer", None)
    if not buffer:
        return str(exc.problem)
    lines = buffer.rstrip("\0").splitlines()
    index = getattr(mark, "line", 0)
    return lines[index].strip() if 0 <= index < len(lines) else "the end of the file"


def _walk(
    node: Node,
    path: tuple[object, ...],
    result: ReadResult,
    label: str,
    ancestors: frozenset[int] = frozenset(),
) -> None:
    """Record the position of every path; report duplicate and non-scalar keys, and aliases that loop."""
    result.marks[path] = _position_of(node)
    if id(node) in ancestors:
        result.problems.append(
            _problem(
                label,
                *_position_of(node),
                "alias-cycle",
                "an alias refers to a collection that contains it",
                "aliases to finished values only",
                "a self-referencing alias",
                dotted(path),
            )
        )
        return
    ancestors = ancestors | {id(node)}
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line, key_column = _position_of(key_node)
            if not isinstance(key_node, ScalarNode):
                result.problems.append(
                    _problem(
                        label,
                        key_line,
                        key_column,
                        "bad-key",
                        "mapping keys must be plain words",
                        "a scalar key",
                        "a collection",
                    )
                )
                continue
            key = key_node.value
            if key in seen:
                result.problems.append(
                    _problem(
                        label,
                        key_line,
                        key_column,
                        "duplicate-key",
                        f"key '{key}' appears twice in the same mapping (first on line {seen[key]})",
                        "each key once",
                        f"'{key}' again",
                        dotted(path + (key,)),
                    )
                )
                continue
            seen[key] = key_line
            result.key_marks[path + (key,)] = (key_line, key_column)
            _walk(value_node, path + (key,), result, label, ancestors)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), result, label, ancestors)
