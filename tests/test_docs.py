"""The contributor docs stay true: the template uploads cleanly and the guide matches the code registry."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from components.data import schema
from components.data.codes import CODES, TABLE_END, TABLE_START, markdown_table, with_table
from components.data.loader import load_dataset_strict
from components.data.safe_yaml import read_yaml_bytes
from components.data.upload import load_framework_upload
from tests.test_fixtures import BROKEN_DIR, parse_fixture, problems_for

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = PROJECT_ROOT / "docs" / "framework-template.yaml"
GUIDE = PROJECT_ROOT / "docs" / "contributing.md"
README = PROJECT_ROOT / "README.md"


# --- docs/framework-template.yaml ------------------------------------------------------------


def test_template_uploads_without_a_problem():
    result = load_framework_upload(TEMPLATE.read_bytes(), TEMPLATE.name, load_dataset_strict())
    assert [p.format() for p in result.problems] == []
    assert result.ok
    assert result.framework.id == "example-framework"
    assert result.framework.name.en.startswith("Example framework (template)")
    assert [s.id for s in result.declared_sources] == ["example-source"]
    assert [s.url for s in result.declared_sources] == [
        "https://example.org/replace-with-the-document-address"
    ]


def _models_in(annotation: object) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds (through list[...], X | None and Annotated[...])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]


def _keys_by_model(model: type[BaseModel], data: object, seen: dict[type[BaseModel], set[str]]) -> None:
    """Record, for each model, the keys the template writes in any of its instances."""
    if isinstance(data, list):
        for item in data:
            _keys_by_model(model, item, seen)
        return
    if not isinstance(data, dict):
        return
    seen.setdefault(model, set()).update(data)
    for name, field in model.model_fields.items():
        for inner in _models_in(field.annotation):
            if name in data:
                _keys_by_model(inner, data[name], seen)


def _models_reachable(model: type[BaseModel], found: set[type[BaseModel]]) -> set[type[BaseModel]]:
    if model not in found:
        found.add(model)
        for field in model.model_fields.values():
            for inner in _models_in(field.annotation):
                _models_reachable(inner, found)
    return found


def test_template_writes_every_field_of_every_model_it_uses():
    data = read_yaml_bytes(TEMPLATE.read_bytes(), TEMPLATE.name).data
    seen: dict[type[BaseModel], set[str]] = {}
    _keys_by_model(schema.FrameworkUpload, data, seen)
    reachable = _models_reachable(schema.FrameworkUpload, set())
    assert {schema.FrameworkUpload, schema.Phase, schema.Pillar, schema.Objective, schema.Source} <= reachable
    missing = {
        model.__name__: sorted(set(model.model_fields) - seen.get(model, set()))
        for model in reachable
        if set(model.model_fields) - seen.get(model, set())
    }
    assert missing == {}


def test_template_marks_itself_as_an_example():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.startswith("# EXAMPLE FRAMEWORK FILE (template).")
    urls = re.findall(r"https?://[^\s\"']+", text)
    assert urls and all(url.startswith("https://example.org/") for url in urls)


def test_template_cites_only_themes_the_shipped_data_defines():
    data = read_yaml_bytes(TEMPLATE.read_bytes(), TEMPLATE.name).data
    shipped = {theme.id for theme in load_dataset_strict().themes}
    cited = {
        theme
        for phase in data["phases"]
        for pillar in phase["pillars"]
        for objective in pillar["objectives"]
        for theme in objective["themes"]
    }
    assert cited == {"rule-of-law", "organized-crime"}
    assert cited <= shipped


# --- docs/contributing.md -----------------------------------------------------------------------


def _between_markers(text: str) -> str:
    _, start, rest = text.partition(TABLE_START)
    table, end, _ = rest.partition(TABLE_END)
    assert start and end, f"{GUIDE.name} must hold {TABLE_START} and {TABLE_END}"
    return table


def test_guide_table_of_codes_is_the_generated_one():
    table = _between_markers(GUIDE.read_text(encoding="utf-8"))
    assert table == "\n" + markdown_table(), (
        "docs/contributing.md is out of date: run `.venv/bin/python -m components.data.codes --write-docs`"
    )


def test_guide_table_has_one_row_per_code():
    rows = [line for line in markdown_table().splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(CODES)
    assert "| `bad-url` | validate | A URL is not an http:// or https:// address. |" in markdown_table()


def test_table_rewrite_replaces_only_what_lies_between_the_markers():
    text = f"before\n{TABLE_START}\nold table\n{TABLE_END}\nafter\n"
    assert with_table(text) == f"before\n{TABLE_START}\n{markdown_table()}{TABLE_END}\nafter\n"
    with pytest.raises(ValueError):
        with_table("no markers here")


def test_guide_links_point_at_files_that_exist():
    # The table's links are the registry's examples, checked by tests/test_fixtures.py.
    text = GUIDE.read_text(encoding="utf-8").replace(_between_markers(GUIDE.read_text(encoding="utf-8")), "")
    targets = re.findall(r"\]\((?!https?://|#)([^)#]+)", text)
    assert "framework-template.yaml" in targets
    missing = sorted({t for t in targets if not (GUIDE.parent / t).exists()})
    assert missing == []


def test_guide_example_output_is_what_the_validator_prints(tmp_path: Path):
    # The guide quotes the problems one fixture produces; they must be the ones the loader reports.
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"<!-- example:bad-url--javascript.yaml -->\n```text\n(.*?)```", text, re.S)
    assert block, "the guide's example output block is missing"
    fixture = parse_fixture(BROKEN_DIR / "bad-url--javascript.yaml")
    printed = [problem.format() for problem in problems_for(fixture, tmp_path)]
    assert block.group(1).splitlines() == printed


def test_readme_links_the_guide_and_the_template():
    text = README.read_text(encoding="utf-8")
    assert "(docs/contributing.md)" in text
    assert "(docs/framework-template.yaml)" in text
