"""The Problem record every validation step reports, and the DataError that carries them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# What must never reach a terminal or a page raw: C0 and C1 controls, DEL, line and paragraph
# separators, and the bidirectional marks, embeddings, overrides and isolates that reorder text.
# Zero-width characters are escaped too, so that a problem shows what its reader cannot see.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """`text` on one line with every control, separator and bidi character written as an escape."""
    return _UNPRINTABLE.sub(_escape, text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one data file."""

    file: str
    line: int
    column: int
    path: str
    code: str
    message: str
    expected: str
    got: str

    def format(self) -> str:
        """The one-line form printed by the CLI: FILE:LINE:COL  field.path  [code]  message (expected …, got …)."""
        path = printable(self.path or "-")
        return (
            f"{printable(self.file)}:{self.line}:{self.column}  {path}  [{printable(self.code)}]  "
            f"{printable(self.message)} (expected {printable(self.expected)}, got {printable(self.got)})"
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class DataError(Exception):
    """Raised when data does not validate; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def short_repr(value: object, limit: int = 60) -> str:
    """A bounded, single-line, escaped rendering of a bad value for messages."""
    text = printable(repr(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dotted(path: tuple[object, ...]) -> str:
    """('phases', 0, 'pillars', 2, 'id') -> 'phases[0].pillars[2].id', with control characters escaped.

    Keys come from the data file, so a path is escaped when it is made: it is only ever shown.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return printable(out)
