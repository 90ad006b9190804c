"""Loader tests: every kind of broken data file is reported with the exact code, file, line and column.

Each case copies tests/fixtures/minimal/ into a temporary directory, replaces one file with the bytes
in the table below (or a file under tests/fixtures/broken/), and checks the Problem the loader reports.
Line and column are 1-based and refer to the replacement bytes.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import ValidationError

from components.data import schema
from components.data.loader import load_dataset, load_dataset_strict
from components.data.problems import Problem
from components.data.safe_yaml import read_yaml_bytes

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BROKEN_DIR = PROJECT_ROOT / "tests" / "fixtures" / "broken"

Content = bytes | Path | Callable[[], bytes] | None


@dataclass(frozen=True)
class Case:
    """One broken file and the problem it must produce."""

    id: str
    file: str  # path inside the data directory that the case overwrites (None content deletes it)
    content: Content
    code: str
    line: int
    column: int
    path: str | None = None  # dotted field path; None when not meaningful (not checked)
    reported_in: str | None = None  # data-relative file the problem is reported in, if not `file`
    only: bool = True  # the expected problem is the only one reported for that file
    xfail: str | None = None  # reason, for a known loader bug

    def bytes(self) -> bytes | None:
        if isinstance(self.content, Path):
            return self.content.read_bytes()
        if callable(self.content):
            return self.content()
        return self.content


# --- building blocks (line numbers in the comments are those of the bytes) -------------------

ABOUT_HEAD = (
    b'title: {en: "T", es: "T"}\n'  # 1
    b'data_date: "2024-01-15"\n'  # 2
    b'version: "0.0.1"\n'  # 3
)
ABOUT_TAIL = b'license: "L"\n'


def about(maintainer_line: bytes) -> bytes:
    """about.yaml whose line 4 is `maintainer_line` (column 13 is the start of the value)."""
    return ABOUT_HEAD + maintainer_line + b"\n" + ABOUT_TAIL


def theme(
    theme_id: bytes = b"organized-crime", color: bytes = b'"#332288"', label: bytes = b'{en: "L", es: "L"}'
) -> bytes:
    """Four lines of one theme item; `id` is at column 9 of its first line."""
    return (
        b"  - id: " + theme_id + b"\n"
        b"    label: " + label + b"\n"
        b'    description: {en: "D", es: "D"}\n'
        b"    color: " + color + b"\n"
    )


RULE_OF_LAW = theme(b"rule-of-law", b'"#117733"')


def commitment(
    framework: bytes = b"bicentennial",
    party: bytes = b"both",
    themes: bytes = b"[organized-crime]",
    sources: bytes = b"[s2]",
    verbatim: bytes = b"false",
) -> bytes:
    """commitments.yaml with one commitment (id c-shared); the comments give line numbers and columns."""
    return (
        b"commitments:\n"  # 1
        b"  - id: c-shared\n"  # 2
        b"    framework: " + framework + b"\n"  # 3
        b"    party: " + party + b"\n"  # 4
        b'    text: {en: "T", es: "T"}\n'  # 5
        b"    verbatim: " + verbatim + b"\n"  # 6, value at column 15
        b"    themes: " + themes + b"\n"  # 7, value at column 13
        b"    sources: " + sources + b"\n"  # 8, value at column 14
    )


def event(
    event_id: bytes = b"e-one", date: bytes = b'"2021-10"', theme_ids: bytes = b"[rule-of-law]"
) -> bytes:
    """Eight lines of one event item; `date` value at column 11 of its second line."""
    return (
        b"  - id: " + event_id + b"\n"
        b"    date: " + date + b"\n"
        b'    title: {en: "T", es: "T"}\n'
        b'    description: {en: "D", es: "D"}\n'
        b"    category: dialogue\n"
        b"    country: bilateral\n"
        b"    themes: " + theme_ids + b"\n"
        b"    sources: [s2]\n"
    )


def span(start: bytes = b'"2008-06-30"', end: bytes = b'"2021-10-08"') -> bytes:
    """Seven lines of one span item; the item mapping starts at column 5 of its first line."""
    return (
        b"  - id: span-one\n"
        b"    kind: framework\n"
        b'    label: {en: "L", es: "L"}\n'
        b"    country: bilateral\n"
        b"    start: " + start + b"\n"
        b"    end: " + end + b"\n"
        b"    sources: [s1]\n"
    )


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


def link(from_id: bytes = b"m-pillar-1", to_id: bytes = b"b-goal-1", relation: bytes = b"continued") -> bytes:
    """crosswalk.yaml with one link; from_id value at 3:14, to_id value at 4:12."""
    return (
        b"links:\n"  # 1
        b"  - id: l-one\n"  # 2
        b"    from_id: " + from_id + b"\n"  # 3
        b"    to_id: " + to_id + b"\n"  # 4
        b"    relation: " + relation + b"\n"  # 5
        b'    rationale: {en: "R", es: "R"}\n'  # 6
        b"    sources: [s1]\n"  # 7
    )


def indicator(indicator_id: bytes = b"one-indicator", value: bytes = b"10") -> bytes:
    """indicators/one-indicator.yaml; `id` value at 1:5, the value at 9:12."""
    return (
        b"id: " + indicator_id + b"\n"  # 1
        b'label: {en: "L", es: "L"}\n'  # 2
        b'unit: {en: "U", es: "U"}\n'  # 3
        b"country: mx\n"  # 4
        b'definition: {en: "D", es: "D"}\n'  # 5
        b"sources: [s1]\n"  # 6
        b"values:\n"  # 7
        b"  - year: 2019\n"  # 8
        b"    value: " + value + b"\n"  # 9
        b"    status: final\n"  # 10
        b"    sources: [s1]\n"  # 11
    )


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


CASES = [
    # --- reading the bytes -----------------------------------------------------------------
    Case("yaml-syntax", "about.yaml", ABOUT_HEAD + b'  maintainer: "M"\n', "yaml-syntax", 4, 3),
    Case("tab-indentation", "about.yaml", b'title:\n\ten: "T"\n', "tab-indent", 2, 1),
    Case("not-utf8", "about.yaml", about(b'maintainer: "Caf\xe9"'), "not-utf8", 4, 17),
    Case("empty-file", "about.yaml", b"", "empty-file", 1, 1),
    Case("comment-only", "about.yaml", b"# only a comment\n# and another one\n", "empty-file", 1, 1),
    Case("list-root", "about.yaml", b"# header\n- title: {en: T, es: T}\n- version: 0.0.1\n", "root-not-mapping", 2, 1),
    Case("two-documents", "about.yaml", about(b'maintainer: "M"') + b"---\n" + ABOUT_HEAD, "multiple-documents", 6, 1),
    Case("duplicate-yaml-key", "themes.yaml",
         b"themes:\n" + theme() + b'    color: "#88CCEE"\n' + RULE_OF_LAW,
         "duplicate-key", 6, 5, "themes[0].color"),
    # --- hostile input ---------------------------------------------------------------------
    Case("alias-bomb", "about.yaml", BILLION_LAUGHS, "alias-limit", 3, 11),
    Case("deep-nesting-1000", "about.yaml", DEEP_FLOW, "too-deep", 1, 33),
    Case("oversize-20mb", "about.yaml", twenty_megabytes, "too-large", 1, 1, ""),
    Case("python-tag", "about.yaml", about(b'maintainer: !!python/object/apply:os.system ["echo pwned"]'), "unsafe-tag", 4, 13),
    Case("custom-tag", "about.yaml", about(b'maintainer: !foo "M"'), "unsafe-tag", 4, 13),
    # --- YAML 1.1 surprises ----------------------------------------------------------------
    Case("yaml11-boolean-NO", "commitments.yaml", commitment(verbatim=b"NO"), "yaml11-boolean", 6, 15, "commitments[0].verbatim"),
    Case("yaml11-sexagesimal", "indicators/one-indicator.yaml", indicator(value=b"1:10"), "yaml11-sexagesimal", 9, 12, "values[0].value"),
    Case("yaml11-octal", "indicators/one-indicator.yaml", indicator(value=b"010"), "yaml11-octal", 9, 12, "values[0].value"),
    # --- schema ----------------------------------------------------------------------------
    Case("unknown-key", "about.yaml", about(b'maintainer: "M"') + b'licence: "L"\n', "unknown-key", 6, 1, "licence"),
    Case("missing-field", "about.yaml", b"# header\n" + ABOUT_HEAD + ABOUT_TAIL, "missing-field", 2, 1, "maintainer"),
    Case("wrong-type-list-for-string", "about.yaml", about(b"maintainer: [Ann, Bob]"), "wrong-type", 4, 13, "maintainer"),
    Case("bad-date-feb-30-partial", "timeline.yaml", b"events:\n" + event(date=b'"2021-02-30"'), "bad-date", 3, 11, "events[0].date"),
    Case("bad-date-feb-30-date", "timeline.yaml",
         b"events:\n" + event() + b"spans:\n" + span(start=b"2021-02-30"),
         "bad-date", 15, 12, "spans[0].start"),
    Case("bad-date-month-name", "sources.yaml",
         b"sources:\n" + source(date=b'"March 2021"') + S2, "bad-date", 6, 11, "sources[0].date"),
    Case("empty-bilingual-text", "themes.yaml",
         b"themes:\n" + theme(label=b'{en: "", es: "E"}') + RULE_OF_LAW, "empty-text", 3, 17, "themes[0].label.en"),
    Case("missing-spanish", "themes.yaml",
         b"themes:\n" + theme(label=b'{en: "Crime"}') + RULE_OF_LAW, "missing-field", 3, 12, "themes[0].label.es"),
    Case("url-ftp", "sources.yaml",
         b"sources:\n" + source(url=b'"ftp://example.org/a"') + S2, "bad-url", 7, 10, "sources[0].url"),
    Case("url-javascript", "sources.yaml",
         b"sources:\n" + source(url=b'"javascript:alert(1)"') + S2, "bad-url", 7, 10, "sources[0].url"),
    Case("bad-colour", "themes.yaml",
         b"themes:\n" + theme(color=b'"#33228"') + RULE_OF_LAW, "bad-color", 5, 12, "themes[0].color"),
    Case("bad-slug-id", "themes.yaml",
         b"themes:\n" + theme(theme_id=b"Organized_Crime") + RULE_OF_LAW, "bad-id", 2, 9, "themes[0].id"),
    Case("unsourced", "commitments.yaml", commitment(sources=b"[]"), "unsourced", 8, 14, "commitments[0].sources"),
    Case("end-before-start-span", "timeline.yaml",
         b"events:\n" + event() + b"spans:\n" + span(end=b'"2001-01-01"'),
         "end-before-start", 11, 5, "spans[0]"),
    Case("end-before-start-phase", "frameworks/merida.yaml", BROKEN_DIR / "phase-end-before-start.yaml",
         "end-before-start", 21, 5, "phases[0]"),
    Case("end-before-start-framework", "frameworks/merida.yaml", BROKEN_DIR / "framework-end-before-start.yaml",
         "end-before-start", 3, 1, ""),
    # --- meaning across files --------------------------------------------------------------
    Case("duplicate-theme-id", "themes.yaml",
         b"themes:\n" + theme() + RULE_OF_LAW + theme(), "duplicate-id", 10, 9, "themes[2].id"),
    Case("duplicate-event-id", "timeline.yaml",
         b"events:\n" + event() + event(), "duplicate-id", 10, 9, "events[1].id"),
    Case("duplicate-pillar-id-across-frameworks", "frameworks/merida.yaml",
         BROKEN_DIR / "pillar-id-in-both-frameworks.yaml", "duplicate-id", 30, 13, "phases[0].pillars[0].id"),
    Case("dangling-theme", "commitments.yaml", commitment(themes=b"[organised-crime]"),
         "unknown-theme", 7, 14, "commitments[0].themes[0]"),
    Case("dangling-source", "commitments.yaml", commitment(sources=b"[s2, s3]"),
         "unknown-source", 8, 19, "commitments[0].sources[1]"),
    Case("dangling-pillar", "crosswalk.yaml", link(to_id=b"b-goal-9"), "unknown-pillar", 4, 12, "links[0].to_id"),
    Case("dangling-framework", "commitments.yaml", commitment(framework=b"tres-amigos"),
         "unknown-framework", 3, 16, "commitments[0].framework"),
    # Links join a framework to the next one by start date (minimal: merida, then bicentennial). A link
    # whose ends are not in consecutive frameworks is reported at to_id, where the expected framework is.
    Case("crosswalk-from-wrong-framework", "crosswalk.yaml", link(from_id=b"b-objective-1"),
         "wrong-framework", 4, 12, "links[0].to_id"),
    Case("crosswalk-backwards", "crosswalk.yaml", link(from_id=b"b-goal-1", to_id=b"m-pillar-1"),
         "wrong-framework", 4, 12, "links[0].to_id"),
    Case("crosswalk-new-in-the-first-framework", "crosswalk.yaml",
         link(from_id=b"null", to_id=b"m-objective-1", relation=b"new"), "wrong-framework", 4, 12, "links[0].to_id"),
    Case("crosswalk-dropped-from-the-last-framework", "crosswalk.yaml",
         link(from_id=b"b-objective-1", to_id=b"null", relation=b"dropped"),
         "wrong-framework", 3, 14, "links[0].from_id"),
    Case("indicator-id-not-file-name", "indicators/one-indicator.yaml", indicator(b"another-indicator"),
         "id-file-mismatch", 1, 5, "id"),
    Case("missing-required-file", "crosswalk.yaml", None, "missing-file", 1, 1, ""),
    Case("missing-indicator-folder-files", "indicators/one-indicator.yaml", None, "missing-file", 1, 1, "",
         reported_in="indicators"),
    # --- regressions: these were loader bugs, fixed -------------------------------------------
    Case("yaml11-sexagesimal-float", "indicators/one-indicator.yaml", indicator(value=b"1:10.5"),
         "yaml11-sexagesimal", 9, 12, "values[0].value"),
    Case("not-utf8-column-after-multibyte", "about.yaml", about(b'maintainer: "\xc3\xa9 \xe9"'), "not-utf8", 4, 16),
    Case("unterminated-quote", "about.yaml", ABOUT_HEAD + b'maintainer: "M\n', "yaml-syntax", 4, 13),
    Case("salvage-shifts-reference-positions", "commitments.yaml",
         commitment(party=b"nobody")
         + commitment(themes=b"[no-such-theme]")[len(b"commitments:\n"):].replace(b"c-shared", b"c-second"),
         "unknown-theme", 14, 14, "commitments[1].themes[0]", only=False),
    Case("salvage-shifts-duplicate-positions", "themes.yaml",
         b"themes:\n" + theme(b"bad", b"red") + theme() + RULE_OF_LAW + RULE_OF_LAW,
         "duplicate-id", 14, 9, "themes[3].id", only=False),
    # merida.yaml fails validation, so the crosswalk's m-pillar-1 is unknown: that is the one problem in
    # crosswalk.yaml (no second, 'new'-link message about the 'continued' link's to_id).
    Case("invalid-framework-leaves-only-unknown-ids-in-the-crosswalk", "frameworks/merida.yaml",
         BROKEN_DIR / "phase-end-before-start.yaml", "unknown-pillar", 4, 14, "links[0].from_id",
         reported_in="crosswalk.yaml"),
]  # fmt: skip


def _key(problem: Problem, with_path: bool) -> tuple:
    fields = (problem.file, problem.line, problem.column, problem.code)
    return fields + (problem.path,) if with_path else fields


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            c,
            id=c.id,
            marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=c.xfail)] if c.xfail else [],
        )
        for c in CASES
    ],
)
def test_broken_file_is_reported_exactly(case: Case, make_broken):
    root = make_broken(case.file, case.bytes())
    problems = load_dataset(root).problems
    label = f"minimal/{case.reported_in or case.file}"
    expected = (label, case.line, case.column, case.code) + ((case.path,) if case.path is not None else ())
    found = [_key(p, case.path is not None) for p in problems]
    listing = "\n".join(p.format() for p in problems)
    assert expected in found, f"expected {expected}; got:\n{listing}"
    if case.only:
        in_file = [p for p in problems if p.file == label]
        assert len(in_file) == 1, f"expected one problem in {label}; got:\n{listing}"


def test_there_are_at_least_28_broken_cases():
    assert len([c for c in CASES if not c.xfail]) >= 28


# --- malformed scalars and graphs that once made the loader raise ---------------------------


# Regressions: these used to raise. The loader must report a problem on that line instead.


@pytest.mark.parametrize(
    ("content", "line"),
    [
        pytest.param(
            b"title: &t [*t]\n",
            1,
            id="recursive-alias",
        ),
        pytest.param(
            ABOUT_HEAD + b"maintainer: !!int abc\n",
            4,
            id="explicit-int-tag",
        ),
        pytest.param(
            ABOUT_HEAD + b"maintainer: !!float abc\n",
            4,
            id="explicit-float-tag",
        ),
    ],
)
def test_malformed_input_is_a_problem_not_a_traceback(content: bytes, line: int, make_broken):
    root = make_broken("about.yaml", content)
    problems = load_dataset(root).problems  # must not raise
    assert any(p.file == "minimal/about.yaml" and p.line == line for p in problems)


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


SEVERAL_SCHEMA_ERRORS = (
    b"themes:\n"  # 1
    b"  - id: Organized_Crime\n"  # 2  bad-id 2:9
    b'    label: {en: "", es: "E"}\n'  # 3  empty-text 3:17
    b'    description: {en: "D", es: "D"}\n'  # 4
    b'    color: "red"\n'  # 5  bad-color 5:12
    b"    colour: blue\n"  # 6  unknown-key 6:5
    b"  - id: rule-of-law\n"  # 7  missing-field (label) at the item, 7:5
    b'    description: {en: "D", es: "D"}\n'  # 8
    b'    color: "#117733"\n'  # 9
)
SEVERAL_YAML11_ERRORS = (
    indicator(value=b"010")
    .replace(b"  - year: 2019\n", b"  - year: 1:10\n")
    .replace(b"status: final", b"status: NO")
)


@pytest.mark.parametrize(
    ("relative", "content", "expected"),
    [
        pytest.param(
            "themes.yaml",
            SEVERAL_SCHEMA_ERRORS,
            {
                (2, 9, "bad-id", "themes[0].id"),
                (3, 17, "empty-text", "themes[0].label.en"),
                (5, 12, "bad-color", "themes[0].color"),
                (6, 5, "unknown-key", "themes[0].colour"),
                (7, 5, "missing-field", "themes[1].label"),
            },
            id="schema-errors",
        ),
        pytest.param(
            "indicators/one-indicator.yaml",
            SEVERAL_YAML11_ERRORS,
            {
                (8, 11, "yaml11-sexagesimal", "values[0].year"),
                (9, 12, "yaml11-octal", "values[0].value"),
                (10, 13, "yaml11-boolean", "values[0].status"),
            },
            id="yaml11-surprises",
        ),
    ],
)
def test_every_problem_in_a_file_is_reported_together(relative, content, expected, make_broken):
    root = make_broken(relative, content)
    problems = [p for p in load_dataset(root).problems if p.file == f"minimal/{relative}"]
    assert {(p.line, p.column, p.code, p.path) for p in problems} == expected


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
