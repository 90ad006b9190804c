"""Strict validation: no coercion, dates as ISO strings in 1900-2100, finite numbers, sane text.

Each case validates one value in one field through the same path the loader uses (a ReadResult into
validation.validate_file) and checks the registry code reported.
"""

from __future__ import annotations

import ast
import io
import shutil
import unicodedata
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from components import validate
from components.data import frames, schema
from components.data.codes import CODES
from components.data.layout import survey
from components.data.loader import load_dataset
from components.data.safe_yaml import ReadResult, read_yaml_bytes
from components.data.validation import BUILTIN_ERRORS, validate_file

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MINIMAL_DIR = PROJECT_ROOT / "tests" / "fixtures" / "minimal"

COMMITMENT = {
    "id": "c",
    "framework": "merida",
    "party": "us",
    "text": {"en": "T", "es": "T"},
    "themes": ["rule-of-law"],
    "sources": ["s1"],
}
SPAN = {
    "id": "s",
    "kind": "presidency",
    "label": {"en": "L", "es": "L"},
    "country": "us",
    "start": "2009-01-20",
    "sources": ["s1"],
}
VALUE = {"year": 2019, "value": 10, "status": "final", "sources": ["s1"]}
EVENT = {
    "id": "e",
    "date": "2021-10",
    "title": {"en": "T", "es": "T"},
    "description": {"en": "D", "es": "D"},
    "category": "dialogue",
    "country": "us",
    "themes": ["rule-of-law"],
    "sources": ["s1"],
}


def codes(model: type, data: dict) -> list[tuple[str, str]]:
    validated = validate_file(model, None, ReadResult(data=data), "case.yaml")
    return [(p.code, p.path) for p in validated.problems]


@pytest.mark.parametrize(
    ("model", "data", "expected"),
    [
        # booleans: only true/false
        pytest.param(schema.Commitment, {**COMMITMENT, "verbatim": "NO"}, ("wrong-type", "verbatim"), id="quoted-NO"),
        pytest.param(schema.Commitment, {**COMMITMENT, "verbatim": "off"}, ("wrong-type", "verbatim"), id="quoted-off"),
        pytest.param(schema.Commitment, {**COMMITMENT, "verbatim": 0}, ("wrong-type", "verbatim"), id="int-for-bool"),
        # whole numbers: not text, not booleans, within range
        pytest.param(schema.IndicatorValue, {**VALUE, "year": "2019"}, ("wrong-type", "year"), id="string-for-int"),
        pytest.param(schema.IndicatorValue, {**VALUE, "year": True}, ("wrong-type", "year"), id="bool-for-int"),
        pytest.param(schema.IndicatorValue, {**VALUE, "year": 2019.0}, ("wrong-type", "year"), id="float-for-int"),
        pytest.param(schema.IndicatorValue, {**VALUE, "year": 1989}, ("out-of-range", "year"), id="year-too-small"),
        # numbers: finite, not text, not booleans, within range
        pytest.param(schema.IndicatorValue, {**VALUE, "value": float("inf")}, ("not-finite", "value"), id="inf"),
        pytest.param(schema.IndicatorValue, {**VALUE, "value": float("nan")}, ("not-finite", "value"), id="nan"),
        pytest.param(schema.IndicatorValue, {**VALUE, "value": "10"}, ("wrong-type", "value"), id="string-for-float"),
        pytest.param(schema.IndicatorValue, {**VALUE, "value": True}, ("wrong-type", "value"), id="bool-for-float"),
        pytest.param(schema.IndicatorValue, {**VALUE, "value": 1e16}, ("out-of-range", "value"), id="value-too-large"),
        # days: a quoted YYYY-MM-DD string of a real day in 1900-2100
        pytest.param(schema.Span, {**SPAN, "start": 2009}, ("bad-date", "start"), id="int-for-date"),
        pytest.param(schema.Span, {**SPAN, "start": "2009"}, ("bad-date", "start"), id="year-for-day"),
        pytest.param(schema.Span, {**SPAN, "start": "2009-1-20"}, ("bad-date", "start"), id="unpadded-day"),
        pytest.param(schema.Span, {**SPAN, "start": "2009-02-30"}, ("bad-date", "start"), id="february-30"),
        pytest.param(schema.Span, {**SPAN, "start": "0000-01-01"}, ("date-out-of-range", "start"), id="year-0000"),
        pytest.param(schema.Span, {**SPAN, "start": "1899-12-31"}, ("date-out-of-range", "start"), id="year-1899"),
        pytest.param(schema.Span, {**SPAN, "end": "2101-01-01"}, ("date-out-of-range", "end"), id="year-2101"),
        pytest.param(schema.Span, {**SPAN, "start": "2009-01-20T00:00"}, ("bad-date", "start"), id="datetime"),
        # partial dates: YYYY, YYYY-MM or YYYY-MM-DD, same range
        pytest.param(schema.Event, {**EVENT, "date": 2021}, ("bad-date", "date"), id="int-for-partial-date"),
        pytest.param(schema.Event, {**EVENT, "date": "2101"}, ("date-out-of-range", "date"), id="partial-2101"),
        pytest.param(schema.Event, {**EVENT, "date": "0000"}, ("date-out-of-range", "date"), id="partial-0000"),
        pytest.param(schema.Event, {**EVENT, "date": "2021-13"}, ("bad-date", "date"), id="month-13"),
        pytest.param(schema.Event, {**EVENT, "date": "2021-00"}, ("bad-date", "date"), id="month-00"),
        # text: visible, one line where one line is meant, bounded
        pytest.param(schema.Event, {**EVENT, "title": {"en": "\u200b", "es": "T"}}, ("no-visible-text", "title.en"), id="zero-width-only"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "\u200b \u2060\ufeff", "es": "T"}}, ("no-visible-text", "title.en"), id="invisible-mix"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "\u3164", "es": "T"}}, ("no-visible-text", "title.en"), id="hangul-filler"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "   ", "es": "T"}}, ("empty-text", "title.en"), id="whitespace-only"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "\x01\x02", "es": "T"}}, ("bad-character", "title.en"), id="controls-only"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "Two\nlines", "es": "T"}}, ("bad-character", "title.en"), id="newline-in-title"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "A\tB", "es": "T"}}, ("bad-character", "title.en"), id="tab-in-title"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "A\u2028B", "es": "T"}}, ("bad-character", "title.en"), id="line-separator"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "x" * 301, "es": "T"}}, ("too-long", "title.en"), id="title-301"),
        pytest.param(schema.Event, {**EVENT, "title": {"en": "x" * 300_000, "es": "T"}}, ("too-long", "title.en"), id="title-300kb"),
        pytest.param(schema.Event, {**EVENT, "description": {"en": "x" * 3001, "es": "D"}}, ("too-long", "description.en"), id="prose-3001"),
        pytest.param(schema.Event, {**EVENT, "description": {"en": "A\u202eB", "es": "D"}}, ("bad-character", "description.en"), id="bidi-override-in-prose"),
        pytest.param(schema.Event, {**EVENT, "id": "e" * 81}, ("too-long", "id"), id="id-81"),
        pytest.param(schema.Event, {**EVENT, "id": "e\nf"}, ("bad-id", "id"), id="newline-in-id"),
        pytest.param(schema.Event, {**EVENT, "id": 7}, ("wrong-type", "id"), id="int-for-id"),
        pytest.param(schema.Person, {"name": "A\nB", "role": {"en": "R", "es": "R"}, "country": "us", "sources": ["s"]}, ("bad-character", "name"), id="newline-in-name"),
        pytest.param(schema.Event, {**EVENT, "sources": []}, ("unsourced", "sources"), id="no-source"),
        pytest.param(schema.Event, {**EVENT, "themes": []}, ("bad-length", "themes"), id="no-theme"),
    ],
)  # fmt: skip
def test_strict_case_is_refused_with_its_code(model, data, expected):
    assert expected in codes(model, data)


def test_what_strict_mode_still_accepts():
    value = schema.IndicatorValue.model_validate({**VALUE, "value": 10})
    assert value.value == 10.0 and isinstance(value.value, float)  # an int where a float is expected
    span = schema.Span.model_validate({**SPAN, "start": "1900-01-01", "end": "2100-12-31"})
    assert (span.start.year, span.end.year) == (1900, 2100)
    event = schema.Event.model_validate({**EVENT, "date": "1900", "description": {"en": "A\nB", "es": "D"}})
    assert event.date == "1900" and event.description.en == "A\nB"  # prose may break lines
    assert codes(schema.Event, {**EVENT, "title": {"en": "x" * 300, "es": "T"}}) == []


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        (b"year: 0x7D0\n", True),  # hex year
        (b"year: 0o3720\n", True),
        (b'year: "2000"\n', True),
        (b"year: 2000\n", False),
    ],
)
def test_numbers_that_only_look_like_years_are_refused(line, refused):
    raw = line + b"value: 1\nstatus: final\nsources: [s1]\n"
    read = read_yaml_bytes(raw, "value.yaml")
    problems = list(read.problems)
    if read.data is not None and not read.problems:
        problems += validate_file(schema.IndicatorValue, None, read, "value.yaml").problems
    assert bool(problems) is refused, [p.format() for p in problems]


def test_every_builtin_error_maps_to_a_registered_code():
    assert {code for code, _, _ in BUILTIN_ERRORS.values()} <= set(CODES)


def _custom_error_codes(path: Path) -> set[str]:
    """Codes in PydanticCustomError(code, …) and _error(code, …) calls, and in _patterned(pattern, code, …)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        name = getattr(node.func, "id", None) if isinstance(node, ast.Call) else None
        position = {"PydanticCustomError": 0, "_error": 0, "_patterned": 1}.get(name)
        if position is not None and isinstance(node.args[position], ast.Constant):
            found.add(node.args[position].value)
    return found


def test_schema_raises_only_registered_codes():
    raised = _custom_error_codes(PROJECT_ROOT / "components" / "data" / "schema.py")
    assert {"bad-id", "bad-date", "date-out-of-range", "no-visible-text", "too-long", "unsourced"} <= raised
    assert raised <= set(CODES)


def test_validation_does_not_classify_by_message_text():
    # The conversion reads error["type"] only; today's code once looked for "http" in the message.
    source = (PROJECT_ROOT / "components" / "data" / "validation.py").read_text(encoding="utf-8")
    assert '"http"' not in source and "in text" not in source and 'error["msg"]' in source


# --- layout -----------------------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL_DIR, root)
    return root


def test_every_file_and_folder_outside_the_layout_is_reported(tmp_path):
    root = _copy(tmp_path)
    for relative in (
        "themes.yml",
        "timeline.yaml.bak",
        ".DS_Store",
        "frameworks/notes.txt",
        "schema/notes.md",
    ):
        (root / relative).parent.mkdir(exist_ok=True)
        (root / relative).write_text("x")
    (root / "drafts").mkdir()
    (root / "frameworks" / "old").mkdir()
    found = sorted((p.file, p.code) for p in survey(root).problems)
    assert found == [
        ("minimal/.DS_Store", "unexpected-file"),
        ("minimal/drafts", "unexpected-file"),
        ("minimal/frameworks/notes.txt", "unexpected-file"),
        ("minimal/frameworks/old", "unexpected-file"),
        ("minimal/schema/notes.md", "unexpected-file"),
        ("minimal/themes.yml", "unexpected-file"),
        ("minimal/timeline.yaml.bak", "unexpected-file"),
    ]
    assert not load_dataset(root).ok


def test_the_layout_lists_the_data_files_in_a_fixed_order(tmp_path):
    root = _copy(tmp_path)
    (root / "schema").mkdir()
    (root / "schema" / "about.schema.json").write_text("{}")  # the editors' JSON Schemas belong
    result = survey(root)
    assert result.problems == []
    assert [f.relative for f in result.files] == [
        "about.yaml",
        "sources.yaml",
        "themes.yaml",
        "commitments.yaml",
        "assessments.yaml",
        "crosswalk.yaml",
        "timeline.yaml",
        "frameworks/bicentennial.yaml",
        "frameworks/merida.yaml",
        "indicators/one-indicator.yaml",
    ]


def test_the_shipped_data_folder_has_nothing_outside_the_layout():
    assert survey(PROJECT_ROOT / "data").problems == []


# --- the CLI builds the frames ----------------------------------------------------------------


def test_cli_reports_a_frames_failure_as_a_problem(monkeypatch):
    def broken(dataset, lang):
        raise KeyError("pillar_id")

    monkeypatch.setattr(frames, "build_frames", broken)
    out = io.StringIO()
    with redirect_stdout(out):
        status = validate.main([str(MINIMAL_DIR)])
    assert status == 1
    assert out.getvalue().splitlines() == [
        "minimal:1:1  -  [frames-failed]  the app could not build its tables in 'en' from this data "
        "(expected data every page can show, got \"KeyError: 'pillar_id'\")",
        "minimal:1:1  -  [frames-failed]  the app could not build its tables in 'es' from this data "
        "(expected data every page can show, got \"KeyError: 'pillar_id'\")",
    ]


def test_cli_builds_the_frames_in_both_languages(monkeypatch):
    built = []
    real = frames.build_frames
    monkeypatch.setattr(
        frames, "build_frames", lambda dataset, lang: built.append(lang) or real(dataset, lang)
    )
    with redirect_stdout(io.StringIO()):
        assert validate.main([str(MINIMAL_DIR)]) == 0
    assert built == ["en", "es"]


def test_every_refused_character_is_unprintable():
    # schema.py skips its search for refused characters when str.isprintable() is true.
    refused = [chr(c) for c in range(0x110000) if schema._BAD_IN_LINE.match(chr(c))]
    assert len(refused) > 60 and "\n" in refused and "\u202e" in refused
    assert [c for c in refused if c.isprintable()] == []


def test_visible_ascii_shortcut_agrees_with_unicode_categories():
    """schema._visible decides printable ASCII without the Unicode database; the answers must not change."""
    for code in range(0x80):
        char = chr(code)
        assert schema._visible(char) == (unicodedata.category(char)[0] in "LNPS"), repr(char)
