"""Uploaded framework files: validated like shipped ones, all or nothing, and never written anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from components.data.loader import load_dataset_strict
from components.data.safe_yaml import MAX_FILE_BYTES
from components.data.upload import load_framework_upload, with_upload

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MINIMAL_DIR = PROJECT_ROOT / "tests" / "fixtures" / "minimal"

# A third framework for the minimal dataset (merida 2008, bicentennial 2021) that starts between the
# two, cites one shipped source (s1) and one it declares itself (s-upload).
VALID = (
    b"id: uploaded-plan\n"  # 1
    b'name: {en: "Uploaded plan (fixture)", es: "Plan subido (fixture)"}\n'
    b'short_name: {en: "Uploaded", es: "Subido"}\n'
    b'color: "#DDAA33"\n'
    b'start: "2015-03-01"\n'  # 5
    b"leaders_kind: presidents-at-launch\n"
    b"leaders:\n"
    b'  - {name: "Example Leader Three", role: {en: "President", es: "Presidente"}, country: mx, sources: [s1]}\n'
    b"principles:\n"
    b'  - {text: {en: "Cooperation (fixture).", es: "Cooperacion (fixture)."}, sources: [s-upload]}\n'  # 10
    b'summary: {en: "A fictional uploaded framework.", es: "Un marco subido ficticio."}\n'
    b"sources: [s1, s-upload]\n"
    b"phases:\n"
    b"  - id: uploaded-plan-phase-one\n"
    b'    label: {en: "Phase one", es: "Fase uno"}\n'  # 15
    b'    start: "2015-03-01"\n'
    b'    summary: {en: "The only phase.", es: "La unica fase."}\n'
    b'    pillar_word: {en: "axis", es: "eje"}\n'
    b'    pillar_words: {en: "axes", es: "ejes"}\n'
    b"    sources: [s-upload]\n"  # 20
    b"    pillars:\n"
    b"      - id: u-axis-1\n"
    b"        number: 1\n"
    b'        title: {en: "Axis one (fixture)", es: "Eje uno (fixture)"}\n'
    b"        sources: [s-upload]\n"  # 25
    b"        objectives:\n"
    b"          - id: u-objective-1\n"
    b'            text: {en: "Do something (fixture).", es: "Hacer algo (fixture)."}\n'
    b"            themes: [rule-of-law]\n"
    b"            sources: [s-upload]\n"  # 30
    b"declared_sources:\n"
    b"  - id: s-upload\n"
    b'    short: "Upload Source (2015)"\n'
    b'    title: "A source only the uploaded file cites"\n'
    b'    publisher: "Example Publisher"\n'  # 35
    b'    date: "2015-03"\n'
    b'    url: "https://example.org/upload-source"\n'
    b"    kind: official\n"
)


@pytest.fixture
def base():
    return load_dataset_strict(MINIMAL_DIR)


def _codes(result) -> list[tuple[str, int, int, str]]:
    return [(p.code, p.line, p.column, p.path) for p in result.problems]


def test_valid_upload_with_a_declared_source(base):
    result = load_framework_upload(VALID, "plan.yaml", base)
    assert result.ok and result.problems == ()
    assert result.framework.id == "uploaded-plan"
    assert [s.id for s in result.declared_sources] == ["s-upload"]
    merged = with_upload(base, result)
    # Frameworks stay ordered by start date: 2008, 2015 (the upload), 2021.
    assert [f.id for f in merged.frameworks] == ["merida", "uploaded-plan", "bicentennial"]
    assert [s.id for s in merged.sources] == ["s1", "s2", "s-upload"]
    assert merged.uploaded == frozenset({"uploaded-plan", "s-upload"})


def test_base_dataset_is_unchanged(base):
    before = (base.frameworks, base.sources, base.uploaded)
    with_upload(base, load_framework_upload(VALID, "plan.yaml", base))
    assert (base.frameworks, base.sources, base.uploaded) == before
    assert [f.id for f in base.frameworks] == ["merida", "bicentennial"]
    assert base.uploaded == frozenset()


def test_nothing_is_written_to_disk(base, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in MINIMAL_DIR.rglob("*")}
    opened_for_writing = []
    real_open = os.open

    def spy(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            opened_for_writing.append(path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    for raw in (VALID, VALID.replace(b"id: uploaded-plan", b"id: merida"), b"\xff"):
        load_framework_upload(raw, "plan.yaml", base)
    monkeypatch.undo()
    assert opened_for_writing == []
    assert list(tmp_path.iterdir()) == []
    assert {p: p.stat().st_mtime_ns for p in MINIMAL_DIR.rglob("*")} == before


def test_a_refused_upload_leaves_the_dataset_as_it_was(base):
    result = load_framework_upload(VALID.replace(b"[rule-of-law]", b"[no-such-theme]"), "plan.yaml", base)
    assert not result.ok and result.framework is None and result.declared_sources == ()
    assert _codes(result) == [("unknown-theme", 29, 22, "phases[0].pillars[0].objectives[0].themes[0]")]
    assert with_upload(base, result) is base


def test_upload_over_the_byte_limit_is_refused_before_parsing(base):
    # Not YAML at all: were it parsed, the problem would be a syntax error, not the size.
    raw = b"[" * (MAX_FILE_BYTES + 1)
    result = load_framework_upload(raw, "big.yaml", base)
    assert [p.code for p in result.problems] == ["too-large"]
    assert result.problems[0].file == "big.yaml"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            b"id: uploaded-plan\n", b"id: merida\n", ("duplicate-id", 1, 5, "id"), id="framework-id"
        ),
        pytest.param(
            b"- id: u-axis-1",
            b"- id: m-pillar-1",
            ("duplicate-id", 22, 13, "phases[0].pillars[0].id"),
            id="pillar",
        ),
        pytest.param(
            b"- id: u-objective-1",
            b"- id: b-objective-1",
            ("duplicate-id", 27, 17, "phases[0].pillars[0].objectives[0].id"),
            id="objective",
        ),
        pytest.param(
            b"- id: s-upload",
            b"- id: s2",
            ("duplicate-id", 32, 9, "declared_sources[0].id"),
            id="declared-source",
        ),
        pytest.param(
            b"- id: uploaded-plan-phase-one",
            b"- id: merida-phase-one",
            ("duplicate-id", 14, 9, "phases[0].id"),
            id="phase",
        ),
        pytest.param(
            b"sources: [s1, s-upload]\nphases",
            b"sources: [s1, s-missing]\nphases",
            ("unknown-source", 12, 15, "sources[1]"),
            id="unknown-source",
        ),
        pytest.param(
            b"declared_sources:", b"declared_source:", ("unknown-key", 31, 1, "declared_source"), id="typo"
        ),
        pytest.param(
            b"        number: 1",
            b"        number: 2",
            ("bad-order", 23, 17, "phases[0].pillars[0].number"),
            id="numbering",
        ),
        pytest.param(
            b'    start: "2015-03-01"',
            b'    start: "2014-03-01"',
            ("date-order", 16, 12, "phases[0].start"),
            id="dates",
        ),
    ],
)
def test_each_upload_rule(base, old, new, expected):
    raw = VALID.replace(old, new, 1)
    assert raw != VALID
    result = load_framework_upload(raw, "plan.yaml", base)
    assert not result.ok and result.framework is None
    assert expected in _codes(result), "\n".join(p.format() for p in result.problems)
    assert all(p.file == "plan.yaml" for p in result.problems)


def test_the_file_name_rule_does_not_apply_to_uploads(base):
    assert load_framework_upload(VALID, "some-other-name.yaml", base).ok


def test_upload_problems_use_the_cli_format(base):
    result = load_framework_upload(VALID.replace(b'color: "#DDAA33"', b"color: red"), "plan.yaml", base)
    assert [p.format() for p in result.problems] == [
        "plan.yaml:4:8  color  [bad-color]  value does not have the expected form "
        "(expected a colour as #RRGGBB, got 'red')"
    ]


def test_an_upload_the_app_cannot_draw_is_refused(base, monkeypatch):
    from components.data import frames

    def broken(dataset, lang):
        raise ValueError("cannot draw")

    monkeypatch.setattr(frames, "build_frames", broken)
    result = load_framework_upload(VALID, "plan.yaml", base)
    assert not result.ok and result.framework is None
    assert [(p.file, p.code) for p in result.problems] == [("plan.yaml", "frames-failed")] * 2


def test_an_upload_always_gets_the_default_limits(base):
    from components.data import safe_yaml

    raw = b"# " + b"x" * MAX_FILE_BYTES + b"\n"
    with safe_yaml.using_limits(safe_yaml.Limits(max_bytes=100 * MAX_FILE_BYTES)):
        result = load_framework_upload(raw, "big.yaml", base)
    assert [p.code for p in result.problems] == ["too-large"]
