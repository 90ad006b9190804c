"""The Problem record every validation step reports, and the DataError that carries them."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
        path = self.path or "-"
        return (
            f"{self.file}:{self.line}:{self.column}  {path}  [{self.code}]  "
            f"{self.message} (expected {self.expected}, got {self.got})"
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class DataError(Exception):
    """Raised when data does not validate; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def short_repr(value: object, limit: int = 60) -> str:
    """A bounded, single-line rendering of a bad value for messages."""
    text = repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dotted(path: tuple[object, ...]) -> str:
    """('phases', 0, 'pillars', 2, 'id') -> 'phases[0].pillars[2].id'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
