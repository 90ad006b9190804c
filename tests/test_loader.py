"""Loader tests: the minimal data loads, links join consecutive frameworks, hostile input is cut short.

Each broken-data case is a file under tests/fixtures/broken/, checked by tests/test_fixtures.py; the
tests here cover what a fixture file cannot: whole-dataset results, in-memory reads, zero bytes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import ValidationError

from components.data import schema
from components.data.loader import load_dataset, load_dataset_strict
from components.data.safe_yaml import read_yaml_bytes

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# --- building blocks (line numbers in the comments are those of the bytes) -------------------


def source(
    source_id: bytes = b"s1", url: bytes = b'"https://example.org/a"', date: bytes = b'"2008"'
) -> bytes:
    """Seven lines of one source item; `date` value at 5:11 and `url` value at 6:10 of the item."""
    return (
        b"  - id: " + source_id + b"\n"
        b'    short: "S"\n'
        b'    title: "T"\n'
        b'    publisher: "P"\n'
        b"    date: " + date + b"\n"
        b"    url: " + url + b"\n"
        b"    kind: official\n"
    )


S2 = source(b"s2", b'"https://example.org/b"')

BILLION_LAUGHS = (
    b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"  # the 11th alias is the second *b, at 3:11
    b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    b"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    b"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)
DEEP_FLOW = b"[" * 1000 + b"]" * 1000  # the 33rd '[' (column 33) is one level too deep
DEEP_BLOCK = b"- " * 1000 + b"x\n"  # the 33rd '- ' starts at column 65


def twenty_megabytes() -> bytes:
    return b"# " + b"x" * 20_000_000 + b"\n"


# A file of zero bytes cannot carry a fixture header, so this one case is built here.
def test_zero_byte_file_is_empty(make_broken):
    problems = load_dataset(make_broken("about.yaml", b"")).problems
    assert [(p.file, p.line, p.column, p.code, p.path) for p in problems] == [
        ("minimal/about.yaml", 1, 1, "empty-file", "")
    ]


# --- whole-file behaviour ----------------------------------------------------------------------


def test_minimal_fixture_is_valid(minimal_dir: Path):
    dataset = load_dataset_strict(minimal_dir)
    counts = dataset.counts()
    assert counts["sources"] == 2 and counts["themes"] == 2 and counts["frameworks"] == 2
    assert counts["events"] == 2 and counts["spans"] == 1 and counts["indicators"] == 1
    # Frameworks come in start-date order (merida 2008, bicentennial 2021), not in file-name order.
    assert [f.id for f in dataset.frameworks] == ["merida", "bicentennial"]
    assert [f.color for f in dataset.frameworks] == ["#004488", "#BB5566"]


def test_pillar_themes_are_the_union_of_its_objectives_themes():
    objective = {"text": {"en": "T", "es": "T"}, "sources": ["s1"]}
    pillar = schema.Pillar(
        id="p",
        number=1,
        title={"en": "P", "es": "P"},
        sources=["s1"],
        objectives=[
            {"id": "o1", "themes": ["rule-of-law", "organized-crime"], **objective},
            {"id": "o2", "themes": ["organized-crime", "human-rights"], **objective},
        ],
    )
    assert pillar.themes == ("rule-of-law", "organized-crime", "human-rights")
    assert schema.Pillar(id="q", number=1, title={"en": "Q", "es": "Q"}, sources=["s1"]).themes == ()
    with pytest.raises(ValidationError, match="themes"):
        schema.Pillar(id="r", number=1, title={"en": "R", "es": "R"}, sources=["s1"], themes=["rule-of-law"])


# A third framework that starts last although its file name sorts first, and links between all three.
AFTER_FRAMEWORK = (
    b"id: after\n"
    b'name: {en: "After (fixture)", es: "After (fixture)"}\n'
    b'short_name: {en: "After", es: "After"}\n'
    b'color: "#DDAA33"\n'
    b'start: "2025-01-20"\n'
    b"leaders_kind: presidents-over-period\n"
    b"leaders:\n"
    b'  - {name: "L", role: {en: "R", es: "R"}, country: us, sources: [s2]}\n'
    b"principles:\n"
    b'  - {text: {en: "P", es: "P"}, sources: [s2]}\n'
    b'summary: {en: "S", es: "S"}\n'
    b"sources: [s2]\n"
    b"phases:\n"
    b"  - id: after-phase-one\n"
    b'    label: {en: "Phase one", es: "Phase one"}\n'
    b'    start: "2025-01-20"\n'
    b'    summary: {en: "S", es: "S"}\n'
    b'    pillar_word: {en: "goal", es: "goal"}\n'
    b'    pillar_words: {en: "goal", es: "goal"}\n'
    b"    sources: [s2]\n"
    b"    pillars:\n"
    b"      - id: a-goal-1\n"
    b"        number: 1\n"
    b'        title: {en: "A", es: "A"}\n'
    b"        sources: [s2]\n"
)
THREE_FRAMEWORK_LINKS = (
    b"links:\n"  # 1
    b"  - {id: l-ok, from_id: b-goal-1, to_id: a-goal-1, relation: continued, rationale: {en: R, es: R}, sources: [s1]}\n"
    b"  - {id: l-skip, from_id: m-pillar-1, to_id: a-goal-1, relation: continued, rationale: {en: R, es: R}, sources: [s1]}\n"
    b"  - {id: l-new, from_id: null, to_id: b-goal-1, relation: new, rationale: {en: R, es: R}, sources: [s1]}\n"
    b"  - {id: l-new-first, from_id: null, to_id: m-pillar-1, relation: new, rationale: {en: R, es: R}, sources: [s1]}\n"
    b"  - {id: l-drop, from_id: b-objective-1, to_id: null, relation: dropped, rationale: {en: R, es: R}, sources: [s1]}\n"
    b"  - {id: l-drop-last, from_id: a-goal-1, to_id: null, relation: dropped, rationale: {en: R, es: R}, sources: [s1]}\n"
)


def test_crosswalk_links_join_consecutive_frameworks_by_start_date(make_broken):
    make_broken("frameworks/after.yaml", AFTER_FRAMEWORK)
    root = make_broken("crosswalk.yaml", THREE_FRAMEWORK_LINKS)
    result = load_dataset(root)
    assert [f.id for f in result.dataset.frameworks] == ["merida", "bicentennial", "after"]
    found = {(p.line, p.code, p.path, p.expected) for p in result.problems}
    assert found == {
        (3, "wrong-framework", "links[1].to_id", "bicentennial"),  # merida -> after skips bicentennial
        (5, "wrong-framework", "links[3].to_id", "an item of a framework that has a predecessor"),
        (7, "wrong-framework", "links[5].from_id", "an item of a framework that has a successor"),
    }, "\n".join(p.format() for p in result.problems)


def test_bad_source_is_reported_and_valid_sources_are_kept(make_broken):
    content = b"sources:\n" + source() + source(b"s-bad", b'"ftp://example.org/x"') + S2
    result = load_dataset(make_broken("sources.yaml", content))
    assert [(p.file, p.line, p.column, p.code, p.path) for p in result.problems] == [
        ("minimal/sources.yaml", 14, 10, "bad-url", "sources[1].url")
    ]
    assert [s.id for s in result.dataset.sources] == ["s1", "s2"]
    assert not result.ok


# --- hostile input: each must be rejected without expanding, recursing or reading it all -------
# No timing assertions: these simply have to finish (an alias bomb or a recursion would not).


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param(BILLION_LAUGHS, "alias-limit", id="alias-bomb"),
        pytest.param(DEEP_FLOW, "too-deep", id="nesting-1000-flow"),
        pytest.param(DEEP_BLOCK, "too-deep", id="nesting-1000-block"),
        pytest.param(twenty_megabytes, "too-large", id="comment-20mb"),
    ],
)
def test_hostile_input_is_rejected(content, code, make_broken):
    raw = content() if callable(content) else content
    in_memory = read_yaml_bytes(raw, "upload.yaml")
    assert in_memory.data is None
    assert [p.code for p in in_memory.problems] == [code]
    on_disk = [
        p for p in load_dataset(make_broken("about.yaml", raw)).problems if p.file == "minimal/about.yaml"
    ]
    assert [p.code for p in on_disk] == [code]


# --- the project never uses an unsafe YAML entry point -----------------------------------------

UNSAFE_YAML_FUNCTIONS = {"load", "full_load", "unsafe_load", "load_all", "full_load_all", "unsafe_load_all"}
SKIPPED_DIRS = {".venv", ".git", "__pycache__", ".ruff_cache", "node_modules"}


def _unsafe_yaml_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    yaml_names = {"yaml"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yaml_names |= {alias.asname or alias.name for alias in node.names if alias.name == "yaml"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            found += [
                f"{path}:{node.lineno} from yaml import {a.name}"
                for a in node.names
                if a.name in UNSAFE_YAML_FUNCTIONS
            ]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in UNSAFE_YAML_FUNCTIONS
            and isinstance(node.value, ast.Name)
            and node.value.id in yaml_names
        ):
            found.append(f"{path}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_no_unsafe_yaml_load_in_project_code():
    files = [
        p
        for p in PROJECT_ROOT.rglob("*.py")
        if not SKIPPED_DIRS.intersection(p.relative_to(PROJECT_ROOT).parts)
    ]
    assert PROJECT_ROOT / "components" / "data" / "safe_yaml.py" in files
    offenders = [hit for path in files for hit in _unsafe_yaml_calls(path)]
    assert offenders == []
