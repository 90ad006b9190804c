"""Read one YAML file defensively: only regular files, bounded bytes, nodes, depth and aliases, with positions.

This is the only place in the project that parses YAML. It never calls yaml.load/full_load and never
constructs anything but plain scalars, lists and dicts: it builds the data itself from the parser's
events, checking every limit as each event arrives, so hostile input is refused after a bounded amount
of work. libyaml's C parser produces the events when PyYAML ships it (the pure Python scanner is
several times slower); the pure Python parser produces the same events otherwise.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import functools
import gc
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import yaml
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from components.data.codes import code
from components.data.problems import Problem, dotted, short_repr

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_ALIASES = 10
# Nodes built (keys, values, lists, mappings), counting every alias as the whole value it repeats.
# The largest shipped file (sources.yaml, 190 KB) has 4,714, so 20x growth still fits; a 1 MB file of
# one-character items can hold ~500,000, and aliases could repeat those a million times more.
MAX_NODES = 100_000


@dataclass(frozen=True)
class Limits:
    """The bounds one read enforces. The defaults guard against hostile files, not against growth."""

    max_bytes: int = MAX_FILE_BYTES
    max_depth: int = MAX_DEPTH
    max_aliases: int = MAX_ALIASES
    max_nodes: int = MAX_NODES


DEFAULT_LIMITS = Limits()
_current_limits: contextvars.ContextVar[Limits] = contextvars.ContextVar(
    "yaml_limits", default=DEFAULT_LIMITS
)


@contextlib.contextmanager
def using_limits(limits: Limits) -> Iterator[None]:
    """Read with other limits inside this block (bench/load_data.py scales the data 100x with it).

    Callers that read through a loader which does not pass `limits=` use this; nothing in the app does.
    """
    token = _current_limits.set(limits)
    try:
        yield
    finally:
        _current_limits.reset(token)


# The only tags allowed, each on its kind of node ('!' is the non-specific tag: "a string", for a scalar).
SCALAR_TAGS = (None, "!", *(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")))
MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")
CANONICAL_BOOLS = {"true", "True", "TRUE", "false", "False", "FALSE"}
# Larger whole numbers cannot be stored exactly in the float and int64 columns the frames use.
MAX_WHOLE_NUMBER = 2**53
_DECIMAL = re.compile(r"[-+]?[0-9]+")
_YAML_INT = re.compile(r"[-+]?(?:0b[0-1_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)")

STR = "tag:yaml.org,2002:str"
# Plain-scalar resolution as PyYAML's SafeLoader does it (YAML 1.1), minus timestamps: `2007-10-22`
# stays the string the schema parses. The YAML 1.1 surprises are then flagged, not silently converted.
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# Everything YAML forbids in a stream (PyYAML's Reader.NON_PRINTABLE): C0 controls but tab and line
# breaks, DEL, C1 controls but NEL, surrogates, U+FFFE and U+FFFF.
_NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The same characters as UTF-8 bytes, to rule them out cheaply before that search (a tenth of its time
# on a large corpus): C0 controls and DEL are single bytes, C1 controls are C2 80..9F, U+FFFE and
# U+FFFF are EF BF BE/BF, and surrogates cannot occur in text that decoded as UTF-8.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_ALWAYS_ALLOWED_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES and b not in b"\xc2\xef")
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x84\x86-\x9f]")  # U+0080..U+009F but NEL (U+0085)
_NONCHARACTER = re.compile(rb"\xef\xbf[\xbe\xbf]")  # U+FFFE, U+FFFF

# libyaml (C) when this PyYAML build ships it; the pure Python parser gives the same events, slower.
USE_LIBYAML = yaml.__with_libyaml__

# (line, column), both 1-based, for every path in the document.
Marks = dict[tuple[object, ...], tuple[int, int]]


class ReadResult:
    """What reading one file produced: the data (None if unusable), the marks, and the problems.

    `marks` and `key_marks` give the (line, column) of every value and key by path. They are only
    needed to place a problem, which valid data never has, so they are worked out on first use by
    reading the text once more; building them on every read would cost a third of the reading time.
    """

    def __init__(
        self,
        data: object = None,
        marks: Marks | None = None,
        key_marks: Marks | None = None,
        problems: list[Problem] | None = None,
        nodes: int = 0,
        *,
        locate: Callable[[], tuple[Marks, Marks]] | None = None,
    ):
        self.data = data
        self.problems = problems if problems is not None else []
        self.nodes = nodes  # nodes built, aliases counted as the values they repeat
        self._marks = marks
        self._key_marks = key_marks
        self._locate = locate

    @property
    def marks(self) -> Marks:
        if self._marks is None:
            self._find_marks()
        return self._marks  # type: ignore[return-value]

    @property
    def key_marks(self) -> Marks:
        if self._key_marks is None:
            self._find_marks()
        return self._key_marks  # type: ignore[return-value]

    def _find_marks(self) -> None:
        marks, key_marks = self._locate() if self._locate else ({}, {})
        self._marks = marks if self._marks is None else self._marks
        self._key_marks = key_marks if self._key_marks is None else self._key_marks
        self._locate = None


def _problem(
    label: str, line: int, column: int, name: str, message: str, expected: str, got: str, path: str = ""
) -> Problem:
    return Problem(label, line, column, path, code(name), message, expected, got)


def _only(problem: Problem) -> ReadResult:
    return ReadResult(problems=[problem])


# --- the file ---------------------------------------------------------------------------------


def read_yaml_file(
    path: Path, label: str, *, root: Path | None = None, limits: Limits | None = None
) -> ReadResult:
    """Read `path` safely; `label` is how the file is named in problems (e.g. 'data/timeline.yaml').

    Only a regular file is read, and only if it lies inside `root` once every symbolic link is
    resolved (`root` defaults to the file's own folder). At most the byte limit + 1 bytes are read,
    whatever size the file claims, and opening never blocks (a FIFO is refused, not waited on).
    """
    limits = limits or _current_limits.get()
    raw_or_problem = _read_regular_file(Path(path), label, Path(root) if root else Path(path).parent, limits)
    if isinstance(raw_or_problem, Problem):
        return _only(raw_or_problem)
    return read_yaml_bytes(raw_or_problem, label, limits=limits)


def _read_regular_file(path: Path, label: str, root: Path, limits: Limits) -> bytes | Problem:
    try:
        resolved = os.path.realpath(path)
        inside = os.path.realpath(root)
        if os.path.commonpath([resolved, inside]) != inside:
            return _problem(
                label,
                1,
                1,
                "outside-data-dir",
                "file is a link to a place outside the data folder",
                "a file inside the data folder",
                # Only the target's name: problems are shown to visitors, absolute paths are not.
                f"a link to {short_repr(os.path.basename(resolved))}",
            )
        # O_NOFOLLOW: if the resolved path is swapped for a link after the check, opening fails.
        # O_NONBLOCK: opening a FIFO does not wait for a writer; fstat below refuses it.
        fd = os.open(resolved, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return _problem(
                    label,
                    1,
                    1,
                    "not-a-file",
                    "only regular files can be data files",
                    "a regular file",
                    _kind_of(info.st_mode),
                )
            if info.st_size > limits.max_bytes:
                return _too_large(label, limits, f"{info.st_size:,} bytes")
            # Read up to the limit + 1 whatever st_size says: /proc-like files report 0 and may be endless.
            chunks, total = [], 0
            while total <= limits.max_bytes:
                chunk = os.read(fd, min(1 << 20, limits.max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(fd)
    except (OSError, ValueError) as exc:  # ValueError: a path holding a NUL byte
        return _problem(
            label,
            1,
            1,
            "unreadable",
            f"file cannot be read: {getattr(exc, 'strerror', None) or exc}",
            "a readable file",
            exc.__class__.__name__,
        )
    if total > limits.max_bytes:
        return _too_large(label, limits, f"more than {limits.max_bytes:,} bytes")
    return b"".join(chunks)


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _too_large(label: str, limits: Limits, got: str) -> Problem:
    return _problem(
        label,
        1,
        1,
        "too-large",
        "file is too large to be a data file",
        f"at most {limits.max_bytes:,} bytes",
        got,
    )


# --- the bytes --------------------------------------------------------------------------------


def read_yaml_bytes(raw: bytes, label: str, *, limits: Limits | None = None) -> ReadResult:
    """Read YAML from bytes (an uploaded file or a file's contents)."""
    limits = limits or _current_limits.get()
    if len(raw) > limits.max_bytes:
        return _only(_too_large(label, limits, f"{len(raw):,} bytes"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return _only(
            _problem(
                label,
                line,
                column,
                "not-utf8",
                "file is not valid UTF-8",
                "UTF-8 text",
                f"byte 0x{raw[exc.start]:02x}",
            )
        )
    text = text.removeprefix("\ufeff")
    bad = _NOT_ALLOWED.search(text) if _may_hold_not_allowed(raw) else None
    if bad:
        line, column = _position_in(text, bad.start())
        return _only(
            _problem(
                label,
                line,
                column,
                "control-character",
                "file contains a control character that YAML does not allow",
                "printable text",
                f"U+{ord(bad.group()):04X}",
            )
        )
    builder = _Builder(label, limits, locate=False)
    # The data holds no reference cycles, so the cyclic collector has nothing to find while it is built;
    # pausing it saves its repeated passes over the growing heap (a fifth of a large corpus's read time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _events(text, raw) as events:
            result = builder.build(events)
        # The bytes, not the text: half the memory or less, and they pickle as they are.
        result._locate = functools.partial(_marks_of, raw, label, limits)  # picklable, unlike a lambda
        return result
    except _Refused as exc:
        return ReadResult(problems=[exc.problem], nodes=builder.nodes)
    except yaml.MarkedYAMLError as exc:
        return _only(_syntax_problem(exc, label, text))
    except yaml.reader.ReaderError as exc:  # the check above should make this unreachable
        line, column = _position_in(text, min(exc.position, len(text)))
        return _only(
            _problem(label, line, column, "control-character", str(exc.reason), "printable text", "-")
        )
    except yaml.YAMLError as exc:
        return _only(_problem(label, 1, 1, "yaml-syntax", f"YAML error: {exc}", "valid YAML", "-"))
    finally:
        if collecting:
            gc.enable()


def _may_hold_not_allowed(raw: bytes) -> bool:
    """Whether UTF-8 `raw` may hold a character _NOT_ALLOWED matches; False means it holds none.

    Deleting every byte that never starts such a character leaves, in almost every file, nothing to
    look at; the search for the character's exact place then runs only on the rare file that needs it.
    """
    rest = raw.translate(None, _ALWAYS_ALLOWED_BYTES)  # control bytes and the lead bytes C2, EF
    if not rest:
        return False
    if rest.translate(None, b"\xc2\xef"):
        return True  # a C0 control character or DEL
    return bool(
        (b"\xc2" in rest and _C1_CONTROL.search(raw)) or (b"\xef" in rest and _NONCHARACTER.search(raw))
    )


def _marks_of(raw: bytes, label: str, limits: Limits) -> tuple[Marks, Marks]:
    """Read `raw` again, this time recording where every value and key is (see ReadResult).

    Only called for bytes that decoded and parsed the first time, so they do again.
    """
    text = raw.decode("utf-8").removeprefix("\ufeff")
    builder = _Builder(label, limits, locate=True)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _events(text, raw) as events:
            builder.build(events)
    except yaml.YAMLError:  # the first reading of the same text succeeded; kept for safety
        pass
    finally:
        if collecting:
            gc.enable()
    return dict(builder.marks), dict(builder.key_marks)


def _position_in(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


@contextlib.contextmanager
def _events(text: str, raw: bytes) -> Iterator[Iterator[object]]:
    """The parser's events for `text`, decoded from UTF-8 `raw`; the parser is disposed of when the block ends.

    `iter(get_event, None)` asks the parser for each event directly: a generator in between would
    cost a frame switch per event, and a large corpus has millions. libyaml is given the bytes the
    text was decoded from (it would encode a str to UTF-8 again: a twentieth of a large corpus's read).
    """
    if USE_LIBYAML:
        parser = yaml.CSafeLoader(raw.removeprefix(codecs.BOM_UTF8))
    else:
        parser = yaml.SafeLoader(text)
    try:
        yield iter(parser.get_event, None)
    finally:
        parser.dispose()


@dataclass(frozen=True)
class _Anchored:
    """A finished anchored value, its size in nodes, and where its marks lie, so an alias can repeat them."""

    value: object
    nodes: int
    mark_start: int
    mark_end: int
    key_start: int
    key_end: int
    path: tuple[object, ...]


class _Refused(Exception):
    """A limit was hit: stop reading at once and report this one problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


@dataclass(slots=True)  # slots: its fields are read for nearly every event
class _Open:
    """A mapping or sequence being built."""

    value: dict | list
    path: tuple[object, ...]
    anchor: str | None
    first_node: int  # _Builder.nodes before this collection was counted
    first_mark: int  # index in _Builder.marks of this collection's own mark
    first_key_mark: int
    is_key: bool  # this collection is itself used as a mapping key (reported, then dropped)
    expect_key: bool = True  # mapping: the next value placed is a key
    key: object = None  # mapping: the key of the value that comes next
    key_text: str = ""
    drop: bool = False  # mapping: the next value belongs to a refused key
    seen: dict[str, Mark] = field(default_factory=dict)  # key text -> where it was first used


class _Builder:
    """Turn parser events into plain data and marks, checking each limit as the events arrive."""

    def __init__(self, label: str, limits: Limits, *, locate: bool):
        self.label = label
        self.limits = limits
        self.locate = locate  # record marks (the second reading, see ReadResult) or build data only
        self.root_position = (1, 1)
        self.marks: list[tuple[tuple[object, ...], tuple[int, int]]] = []
        self.key_marks: list[tuple[tuple[object, ...], tuple[int, int]]] = []
        self.problems: list[Problem] = []
        self.structural = False  # duplicate or non-scalar keys: the data would silently lose values
        self.aliases = 0
        self.nodes = 0
        self.stack: list[_Open] = []
        self.root: list[object] = []
        # anchor -> (value, marks slice, key_marks slice, anchored path); None while it is still open.
        self.anchors: dict[str, _Anchored | None] = {}

    def build(self, events: Iterator[object]) -> ReadResult:
        # The loop handles the common event inline (a string in a list or mapping, with no tag or
        # anchor): a method call per event would double the reading time of a large corpus.
        stack = self.stack
        marks, key_marks = self.marks, self.key_marks
        add_mark = marks.append
        add_key_mark = key_marks.append
        max_nodes = self.limits.max_nodes
        max_depth = self.limits.max_depth
        locate = self.locate
        plain_string = _PLAIN_STRING.get  # True/False for plain scalars already resolved, else None
        resolvers = _RESOLVERS  # read for nearly every scalar, as plain_string is
        for event in events:
            kind = type(event)
            if kind is ScalarEvent and event.tag is None and event.anchor is None and stack:
                value = event.value
                # Quoted, or plain with a first character no resolver looks at (most ids and words): a
                # string, decided without the cache, which is bounded and fills up on a large corpus.
                is_string = not event.implicit[0] or value[:1] not in resolvers or plain_string(value)
                if is_string is None:
                    is_string = value != "" and _is_plain_string(value)
                if is_string:
                    self.nodes += 1
                    if self.nodes > max_nodes:
                        self._count(event, 0)
                    top = stack[-1]
                    container = top.value
                    if type(container) is list:
                        if locate:
                            add_mark((top.path + (len(container),), _at(event)))
                        container.append(value)
                    elif not top.expect_key:
                        if locate:
                            add_mark((top.path + (top.key_text,), _at(event)))
                        if not top.drop:
                            container[top.key] = value
                        top.expect_key, top.drop = True, False
                    elif value in top.seen:
                        self._key(value, value, event.start_mark)
                    else:
                        top.seen[value] = event.start_mark
                        top.expect_key, top.key, top.key_text = False, value, value
                        if locate:
                            add_key_mark((top.path + (value,), _at(event)))
                    continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = stack[-1]
                if done.anchor is None and not done.is_key and len(stack) > 1:
                    # A collection ends inside another: place it (what _end and _place do, inline).
                    stack.pop()
                    top = stack[-1]
                    container = top.value
                    if type(container) is list:
                        container.append(done.value)
                    else:
                        if not top.drop:
                            container[top.key] = done.value
                        top.expect_key, top.drop = True, False
                    continue
                self._end()
                continue
            elif (
                (kind is MappingStartEvent or kind is SequenceStartEvent)
                and stack
                and event.tag is None
                and event.anchor is None
                and len(stack) < max_depth
            ):
                # A collection starts as a list item or a mapping value: what _start does, inline.
                top = stack[-1]
                container = top.value
                if type(container) is list:
                    path = top.path + (len(container),)
                elif not top.expect_key:
                    path = top.path + (top.key_text,)
                else:
                    self._start(event)  # used as a mapping key: reported there
                    continue
                self.nodes += 1
                if self.nodes > max_nodes:
                    self._count(event, 0)
                value = {} if kind is MappingStartEvent else []
                stack.append(_Open(value, path, None, self.nodes - 1, len(marks), len(key_marks), False))
                if locate:
                    add_mark((path, _at(event)))
                continue
            if kind is ScalarEvent:
                self._scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._start(event)
            elif kind is AliasEvent:
                self._alias(event)
            elif kind is DocumentStartEvent and self.root:
                raise _Refused(
                    _problem(
                        self.label,
                        *_at(event),
                        "multiple-documents",
                        "a data file holds exactly one YAML document",
                        "one document",
                        "a second '---' document",
                    )
                )
        return self._result()

    def _result(self) -> ReadResult:
        if not self.root:
            return _only(
                _problem(
                    self.label,
                    1,
                    1,
                    "empty-file",
                    "file holds no data",
                    "a YAML mapping",
                    "an empty document",
                )
            )
        result = ReadResult(problems=self.problems, nodes=self.nodes)
        data = self.root[0]
        if self.structural:
            return result
        if not isinstance(data, dict):
            result.problems.append(
                _problem(
                    self.label,
                    *self.root_position,
                    "root-not-mapping",
                    "the top level of a data file must be a mapping of keys",
                    "a mapping",
                    type(data).__name__,
                )
            )
            return result
        result.data = data
        return result

    # --- where the next value goes ------------------------------------------------------------

    def _slot(self) -> tuple[tuple[object, ...], bool]:
        """The path of the value about to be placed, and whether it is a mapping key."""
        if not self.stack:
            return (), False
        top = self.stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),), False
        if top.expect_key:
            return top.path, True
        return top.path + (top.key_text,), False

    def _place(self, value: object) -> None:
        if not self.stack:
            self.root.append(value)
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if not top.drop:
            top.value[top.key] = value
        top.expect_key, top.drop = True, False

    def _key(self, text: str | None, value: object, mark: Mark) -> None:
        """Record a mapping key: refuse a collection used as a key, or a key used twice."""
        position = (mark.line + 1, mark.column + 1)
        top = self.stack[-1]
        top.expect_key, top.key, top.key_text, top.drop = False, value, text or "", False
        if text is None:
            self.structural = top.drop = True
            self.problems.append(
                _problem(
                    self.label,
                    *position,
                    "bad-key",
                    "mapping keys must be plain words",
                    "a scalar key",
                    "a collection",
                    dotted(top.path),
                )
            )
        elif text in top.seen:
            self.structural = top.drop = True
            self.problems.append(
                _problem(
                    self.label,
                    *position,
                    "duplicate-key",
                    f"key {short_repr(text)} appears twice in the same mapping (first on line {top.seen[text].line + 1})",
                    "each key once",
                    f"{short_repr(text)} again",
                    dotted(top.path + (text,)),
                )
            )
        else:
            top.seen[text] = mark
            if self.locate:
                self.key_marks.append((top.path + (text,), position))

    def _refuse_over_limit(self, event: object, name: str, message: str, limit: str) -> NoReturn:
        """Stop reading at `event`: a safety limit ("10 aliases", "32 levels") was passed."""
        number = limit.split(" ", 1)[0]
        raise _Refused(
            _problem(self.label, *_at(event), name, message, f"at most {limit}", f"more than {number}")
        )

    def _count(self, event: object, many: int = 1) -> None:
        self.nodes += many
        if self.nodes > self.limits.max_nodes:
            self._refuse_over_limit(
                event,
                "too-many-nodes",
                "the file expands to too many values (an alias counts as the values it repeats)",
                f"{self.limits.max_nodes:,} values",
            )

    def _check_tag(self, event: object, allowed: tuple[str | None, ...]) -> None:
        tag = event.tag  # type: ignore[attr-defined]
        if tag not in allowed:
            raise _Refused(
                _problem(
                    self.label,
                    *_at(event),
                    "unsafe-tag",
                    "custom or language-specific YAML tags are not allowed",
                    "plain YAML values",
                    short_repr(tag),
                )
            )

    # --- events ---------------------------------------------------------------------------------

    def _scalar(self, event: ScalarEvent) -> None:
        self._count(event)
        if event.tag is not None:
            self._check_tag(event, SCALAR_TAGS)
        position = _at(event)
        path, is_key = self._slot()
        value = self._construct(event, position, path)
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchored(value, 1, len(self.marks), len(self.marks), 0, 0, path)
        if is_key:
            self._key(event.value, value, event.start_mark)
            return
        if self.locate:
            self.marks.append((path, position))
        if not self.stack:
            self.root_position = position
        self._place(value)

    def _start(self, event: MappingStartEvent | SequenceStartEvent) -> None:
        self._count(event)
        is_mapping = isinstance(event, MappingStartEvent)
        if event.tag is not None:
            self._check_tag(event, MAP_TAGS if is_mapping else SEQ_TAGS)
        if len(self.stack) >= self.limits.max_depth:
            self._refuse_over_limit(
                event, "too-deep", "data is nested too deeply", f"{self.limits.max_depth} levels"
            )
        position = _at(event)
        path, is_key = self._slot()
        if is_key:
            self._key(None, None, event.start_mark)
            path = self.stack[-1].path + ("<key>",)
        if event.anchor is not None:
            self.anchors[event.anchor] = None  # still open: an alias to it now would be a cycle
        if not self.stack:
            self.root_position = position
        self.stack.append(
            _Open(
                {} if is_mapping else [],
                path,
                event.anchor,
                self.nodes - 1,
                len(self.marks),
                len(self.key_marks),
                is_key,
            )
        )
        if self.locate:
            self.marks.append((path, position))

    def _end(self) -> None:
        done = self.stack.pop()
        if done.anchor is not None:
            self.anchors[done.anchor] = _Anchored(
                done.value,
                self.nodes - done.first_node,
                done.first_mark,
                len(self.marks),
                done.first_key_mark,
                len(self.key_marks),
                done.path,
            )
        if not done.is_key:  # a collection used as a key was reported when it started
            self._place(done.value)

    def _alias(self, event: AliasEvent) -> None:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            self._refuse_over_limit(
                event,
                "alias-limit",
                "too many YAML aliases (possible alias bomb)",
                f"{self.limits.max_aliases} aliases",
            )
        position = _at(event)
        path, is_key = self._slot()
        if event.anchor not in self.anchors:
            raise _Refused(
                _problem(
                    self.label,
                    *position,
                    "yaml-syntax",
                    "YAML syntax error: found undefined alias",
                    "an alias to an anchor defined above",
                    short_repr(event.anchor),
                )
            )
        anchored = self.anchors[event.anchor]
        if anchored is None:
            raise _Refused(
                _problem(
                    self.label,
                    *position,
                    "alias-cycle",
                    "an alias refers to a collection that contains it",
                    "aliases to finished values only",
                    "a self-referencing alias",
                    dotted(path),
                )
            )
        # The alias costs as many nodes as the value it repeats: this bounds alias amplification.
        self._count(event, anchored.nodes)
        value = anchored.value
        if is_key:
            self._key(None if isinstance(value, (dict, list)) else str(value), value, event.start_mark)
            return
        if self.locate:
            # Repeat the value's marks under the alias's path, so problems inside it have positions.
            cut = len(anchored.path)
            self.marks.append((path, position))
            self.marks.extend(
                (path + p[cut:], at) for p, at in self.marks[anchored.mark_start + 1 : anchored.mark_end]
            )
            self.key_marks.extend(
                (path + p[cut:], at) for p, at in self.key_marks[anchored.key_start : anchored.key_end]
            )
        self._place(value)

    # --- scalars ----------------------------------------------------------------------------------

    def _flag(
        self,
        position: tuple[int, int],
        path: tuple[object, ...],
        name: str,
        message: str,
        expected: str,
        got: str,
    ) -> None:
        self.problems.append(
            _problem(self.label, *position, name, message, expected, short_repr(got), dotted(path))
        )

    def _construct(self, event: ScalarEvent, position: tuple[int, int], path: tuple[object, ...]) -> object:
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            # Quoted, block and '!'-tagged scalars are strings; only plain ones are resolved.
            if not event.implicit[0] or tag == "!":
                return value
            tag = _resolve(value)
        if tag == STR:
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            if value in CANONICAL_BOOLS:
                return value.lower() == "true"
            self._flag(
                position,
                path,
                "yaml11-boolean",
                "YAML 1.1 would read this word as a boolean",
                "true/false, or a quoted string",
                value,
            )
            return value
        if tag == "tag:yaml.org,2002:int":
            return self._int(value, position, path)
        if tag == "tag:yaml.org,2002:float":
            return self._float(value, position, path)
        return value  # seq/map tags on a scalar, or `=`/`<<` words: kept as the text written

    def _int(self, value: str, position: tuple[int, int], path: tuple[object, ...]) -> object:
        if ":" in value:
            return self._sexagesimal(value, position, path)
        if not _DECIMAL.fullmatch(value):
            if not _YAML_INT.fullmatch(value):
                self._flag(position, path, "bad-number", "not a whole number", "digits only", value)
            else:  # 0x7E5, 0b101, 1_000: legal YAML, never what a hand-edited data file means
                self._flag(
                    position,
                    path,
                    "non-decimal-number",
                    "numbers are written in plain decimal digits",
                    "a decimal number such as 2021, or a quoted string",
                    value,
                )
            return value
        digits = value.lstrip("+-")
        if len(digits) > 1 and digits.startswith("0"):
            self._flag(
                position,
                path,
                "yaml11-octal",
                "YAML 1.1 would read this as an octal number",
                "a number without a leading zero, or a quoted string",
                value,
            )
            return value
        # Compare lengths first: int() of a 1 MB digit string would be slow, and Python refuses it.
        if len(digits) > 16 or int(digits) > MAX_WHOLE_NUMBER:
            self._flag(
                position,
                path,
                "number-too-large",
                "this whole number is too large to store exactly",
                f"at most {MAX_WHOLE_NUMBER:,}",
                value,
            )
            return value
        return int(value)

    def _float(self, value: str, position: tuple[int, int], path: tuple[object, ...]) -> object:
        if ":" in value:
            return self._sexagesimal(value, position, path)
        text = value.replace("_", "").lower()
        if text.lstrip("+-") in (".inf", ".nan"):
            number = math.inf
        else:
            try:
                number = float(text)
            except ValueError:
                self._flag(position, path, "bad-number", "not a number", "a decimal number", value)
                return value
        if not math.isfinite(number):
            self._flag(
                position,
                path,
                "not-finite",
                "numbers must be finite (not infinity or NaN)",
                "a finite decimal number",
                value,
            )
            return value
        return number

    def _sexagesimal(self, value: str, position: tuple[int, int], path: tuple[object, ...]) -> str:
        self._flag(
            position,
            path,
            "yaml11-sexagesimal",
            "YAML 1.1 would read this as a base-60 number",
            "a plain number or a quoted string",
            value,
        )
        return value


def _is_plain_string(value: str) -> bool:
    """Whether a non-empty plain scalar resolves to a string (no resolver for its first character matches)."""
    known = _PLAIN_STRING.get(value)
    if known is not None:
        return known
    resolvers = _RESOLVERS.get(value[0])
    answer = resolvers is None or not any(regexp.match(value) for _, regexp in resolvers)
    if len(value) <= 40 and len(_PLAIN_STRING) < 10_000:  # keys and ids repeat; bounded for hostile files
        _PLAIN_STRING[value] = answer
    return answer


_PLAIN_STRING: dict[str, bool] = {}


def _resolve(value: str) -> str:
    """The tag PyYAML's SafeLoader gives a plain scalar (timestamps excepted)."""
    for tag, regexp in _RESOLVERS.get(value[:1] if value else "", ()):
        if regexp.match(value):
            return tag
    return STR


def _at(event: object) -> tuple[int, int]:
    """1-based (line, column) where an event starts; parser marks count from 0."""
    mark = event.start_mark  # type: ignore[attr-defined]
    return mark.line + 1, mark.column + 1


def _syntax_problem(exc: yaml.MarkedYAMLError, label: str, text: str) -> Problem:
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and mark.line >= len(lines) and exc.context_mark is not None:
        mark = exc.context_mark  # "unexpected end of stream": point where the open quote or bracket began
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    problem_text = exc.problem or "invalid YAML"
    indented_by_tab = "\t" in source[: len(source) - len(source.lstrip(" \t"))]
    if (
        "maximum nesting depth" in problem_text
    ):  # libyaml's own bound (1,000 levels), met while scanning ahead
        return _problem(
            label,
            line,
            column,
            "too-deep",
            "data is nested too deeply",
            f"at most {MAX_DEPTH} levels",
            "more",
        )
    if indented_by_tab or "'\\t'" in problem_text or "tab" in problem_text.lower():
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
        short_repr(source.strip() if source else "the end of the file"),
    )
