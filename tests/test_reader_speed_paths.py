"""The reader's shortcuts (components/data/safe_yaml.py) decide exactly what the slow paths decide.

Each shortcut exists only to make a large data folder load faster; none may change a result.
"""

from __future__ import annotations

import pytest

from components.data import safe_yaml
from components.data.safe_yaml import read_yaml_bytes

# Every character YAML forbids (see safe_yaml._NOT_ALLOWED), written out by hand, by class.
FORBIDDEN = [
    *(chr(c) for c in range(0x00, 0x09)),
    "\x0b",
    "\x0c",
    *(chr(c) for c in range(0x0E, 0x20)),
    "\x7f",
    *(chr(c) for c in range(0x80, 0x85)),
    *(chr(c) for c in range(0x86, 0xA0)),
    "\ufffe",
    "\uffff",
]
# Allowed characters next to the forbidden ones, and ones that share their UTF-8 lead bytes.
ALLOWED = ["\t", "\n", "\r", " ", "~", "\x85", "\xa0", "\xbf", "é", "\ufeff", "\ufffd", "\uefff", "😀"]


@pytest.mark.parametrize("character", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_forbidden_character_is_not_ruled_out_by_the_byte_check(character: str):
    raw = f"a: 'é {character} x'\n".encode("utf-8", "surrogatepass")
    assert safe_yaml._may_hold_not_allowed(raw)
    (problem,) = read_yaml_bytes(raw, "x.yaml").problems
    assert (problem.code, problem.line, problem.column) == ("control-character", 1, 7)
    assert problem.got == f"U+{ord(character):04X}"


@pytest.mark.parametrize("character", ALLOWED, ids=lambda c: f"U+{ord(c):04X}")
def test_allowed_character_passes_the_byte_check(character: str):
    assert not safe_yaml._may_hold_not_allowed(f"a: 'x {character}'\n".encode())


def test_byte_check_agrees_with_the_search_on_every_character_of_the_basic_plane():
    # Surrogates cannot be UTF-8 text, so the reader never sees them.
    for start in range(0, 0x10000, 0x400):
        characters = [chr(c) for c in range(start, start + 0x400) if not 0xD800 <= c <= 0xDFFF]
        for character in characters:
            found = safe_yaml._NOT_ALLOWED.search(character) is not None
            assert safe_yaml._may_hold_not_allowed(character.encode()) == found, f"U+{ord(character):04X}"


def test_the_search_still_finds_the_first_forbidden_character_after_allowed_lead_bytes():
    # ¿ and U+FFFD share their lead bytes with C1 controls and U+FFFE: the exact place comes from the search.
    raw = "a: ¿\nb: \ufffd\nc: 'x\x9fy\ufffe'\n".encode()
    (problem,) = read_yaml_bytes(raw, "x.yaml").problems
    assert (problem.code, problem.line, problem.column, problem.got) == ("control-character", 3, 6, "U+009F")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain words", "plain words"),  # no resolver for 'p': a string without the cache
        ("yes-man", "yes-man"),  # 'y' starts a YAML 1.1 boolean: resolved, and found to be a string
        ("2021", 2021),
        ("~", None),
        ("true", True),
        ("-x", "-x"),
        ("'007'", "007"),
    ],
)
def test_plain_and_quoted_scalars_resolve_as_before(value: str, expected: object):
    result = read_yaml_bytes(f"a: [{value}]\n".encode(), "x.yaml")
    assert result.problems == []
    assert result.data == {"a": [expected]}
