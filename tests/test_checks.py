"""Cross-file checks: references declared on the schema fields, one generic pass, follow-on collapse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from components.data import schema
from components.data.checks import KIND_HOMES, KIND_NAMES, references
from components.data.loader import load_dataset

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MINIMAL_DIR = PROJECT_ROOT / "tests" / "fixtures" / "minimal"


def _all_models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, schema.Closed) and value is not schema.Closed
    ]


def test_the_references_are_declared_on_these_fields():
    declared = {
        (model.__name__, name, ref.kind)
        for model in _all_models()
        for name, info in model.model_fields.items()
        for ref in info.metadata
        if isinstance(ref, schema.Ref)
    }
    sourced = {
        "SourcedText", "Person", "Objective", "Pillar", "Phase", "Meeting", "ActionPlan", "Framework",
        "FrameworkUpload", "Commitment", "Assessment", "CrosswalkLink", "Event", "Span", "IndicatorValue",
        "Indicator",
    }  # fmt: skip
    expected = {(name, "sources", "source") for name in sourced} | {
        ("Objective", "themes", "theme"),
        ("Commitment", "themes", "theme"),
        ("Assessment", "themes", "theme"),
        ("Event", "themes", "theme"),
        ("Commitment", "framework", "framework"),
        ("Assessment", "framework", "framework"),
        ("Event", "frameworks", "framework"),
        ("Span", "framework", "framework"),
        ("CrosswalkLink", "from_id", "pillar"),
        ("CrosswalkLink", "to_id", "pillar"),
    }
    assert declared == expected


def test_references_walks_nested_models_and_lists():
    link = schema.CrosswalkLink(
        id="l",
        from_id="a",
        to_id=None,
        relation="dropped",
        rationale={"en": "R", "es": "R"},
        sources=["s1", "s2"],
    )
    assert list(references(link)) == [
        (("from_id",), "pillar", "a"),
        (("sources", 0), "source", "s1"),
        (("sources", 1), "source", "s2"),
    ]
    person = {"name": "N", "role": {"en": "R", "es": "R"}, "country": "us", "sources": ["p"]}
    meeting = schema.Meeting(
        name={"en": "M", "es": "M"},
        date="2021-10-08",
        place={"en": "P", "es": "P"},
        participants=[person, {**person, "sources": ["q", "r"]}],
        sources=["m"],
    )
    assert list(references(meeting)) == [
        (("participants", 0, "sources", 0), "source", "p"),
        (("participants", 1, "sources", 0), "source", "q"),
        (("participants", 1, "sources", 1), "source", "r"),
        (("sources", 0), "source", "m"),
    ]


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL_DIR, root)
    return root


def test_references_into_a_failed_file_are_counted_in_one_problem(tmp_path):
    root = _copy(tmp_path)
    themes = root / "themes.yaml"
    # organized-crime gets a bad colour: it is dropped, rule-of-law is kept.
    themes.write_text(themes.read_text().replace('"#332288"', '"purple"'))
    problems = load_dataset(root).problems
    assert [(p.file, p.code, p.path) for p in problems] == [
        ("minimal/themes.yaml", "bad-color", "themes[0].color"),
        ("minimal/commitments.yaml", "skipped-references", "commitments[0].themes[0]"),
    ]
    # organized-crime is cited once each by commitments, timeline, merida and bicentennial (counted by hand).
    assert problems[1].message == "4 theme reference(s) not checked because minimal/themes.yaml failed"
    assert (problems[1].line, problems[1].column) == (7, 14)


def test_a_missing_file_collapses_its_references_too(tmp_path):
    root = _copy(tmp_path)
    (root / "sources.yaml").unlink()
    problems = load_dataset(root).problems
    assert [p.code for p in problems] == ["missing-file", "skipped-references"]
    assert "not checked because minimal/sources.yaml failed" in problems[1].message


def test_unknown_references_are_still_reported_one_by_one_when_their_home_is_fine(tmp_path):
    root = _copy(tmp_path)
    timeline = root / "timeline.yaml"
    text = timeline.read_text().replace("themes: [rule-of-law]", "themes: [nope-a, nope-b]")
    timeline.write_text(text.replace("frameworks: [merida]", "frameworks: [nope-c]"))
    found = [(p.code, p.path, p.got) for p in load_dataset(root).problems]
    assert found == [
        ("unknown-framework", "events[0].frameworks[0]", "'nope-c'"),
        ("unknown-theme", "events[1].themes[0]", "'nope-a'"),
        ("unknown-theme", "events[1].themes[1]", "'nope-b'"),
    ]


def test_id_file_mismatch_applies_to_framework_files(tmp_path):
    root = _copy(tmp_path)
    shutil.move(root / "frameworks" / "merida.yaml", root / "frameworks" / "merida-2007.yaml")
    problems = load_dataset(root).problems
    assert [(p.file, p.code, p.path) for p in problems] == [
        ("minimal/frameworks/merida-2007.yaml", "id-file-mismatch", "id")
    ]


def test_a_reference_kind_typo_fails_at_import_time():
    with pytest.raises(ValueError, match="sorce"):
        schema.Ref("sorce")


def test_every_reference_kind_has_its_words():
    assert set(KIND_NAMES) == set(KIND_HOMES) == set(schema.REF_KINDS)
