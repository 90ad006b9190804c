"""The shipped data contract, the JSON Schema sync, the frames, the exports and the import architecture."""

from __future__ import annotations

import ast
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml

from components.data import frames as fr
from components.data import schema
from components.data.export import dataset_csv_zip, dataset_json, frame_csv
from components.data.json_schema import SCHEMA_DIR, render_schemas
from components.data.loader import DATA_DIR, load_dataset
from components.data.schema_docs import DOCUMENTED_FILES, field_rows

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result():
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="module")
def frames(result):
    return fr.build_frames(result.dataset)


def test_shipped_data_validates(result):
    """Every shipped file passes schema and meaning checks; a failure names file and line."""
    assert result.problems == [], "\n".join(p.format() for p in result.problems)


# Every file the shipped data/ holds, written out by hand from the layout in components/data/loader.py's
# docstring (not taken from the loader), so that a typo'd, misplaced or extra file fails here instead of
# being silently ignored. Adding a framework or indicator means adding its file name here too.
SHIPPED_DATA_FILES = {
    "about.yaml",
    "assessments.yaml",
    "commitments.yaml",
    "crosswalk.yaml",
    "sources.yaml",
    "themes.yaml",
    "timeline.yaml",
    "frameworks/bicentennial.yaml",
    "frameworks/merida.yaml",
    "frameworks/program-2025.yaml",
    "indicators/merida-cumulative-appropriations.yaml",
    "indicators/mexico-homicides.yaml",
    "indicators/us-overdose-deaths.yaml",
    # The JSON Schema for editors (python -m components.data.json_schema), one per kind of file.
    "schema/about.schema.json",
    "schema/assessments.schema.json",
    "schema/commitments.schema.json",
    "schema/crosswalk.schema.json",
    "schema/framework.schema.json",
    "schema/indicator.schema.json",
    "schema/sources.schema.json",
    "schema/themes.schema.json",
    "schema/timeline.schema.json",
}


def test_data_folder_holds_exactly_the_declared_files():
    """No file under data/ is silently ignored: anything outside the hand-written layout fails, by name."""
    found = {path.relative_to(DATA_DIR).as_posix() for path in DATA_DIR.rglob("*") if not path.is_dir()}
    assert sorted(found - SHIPPED_DATA_FILES) == [], "files the loader does not read"
    assert sorted(SHIPPED_DATA_FILES - found) == [], "declared files that are missing"
    folders = {path.relative_to(DATA_DIR).as_posix() for path in DATA_DIR.rglob("*") if path.is_dir()}
    assert folders == {"frameworks", "indicators", "schema"}


def test_every_framework_and_indicator_file_becomes_an_item(result):
    """Each file in frameworks/ and indicators/ is loaded as the item its name says (none dropped)."""
    assert {f.id for f in result.dataset.frameworks} == {"bicentennial", "merida", "program-2025"}
    assert {i.id for i in result.dataset.indicators} == {
        "merida-cumulative-appropriations",
        "mexico-homicides",
        "us-overdose-deaths",
    }


def test_dataset_meets_the_minimum_sizes(result):
    counts = result.dataset.counts()
    assert counts["sources"] >= 25
    assert 10 <= counts["themes"] <= 14
    assert counts["events"] >= 40
    ids = {f.id: f for f in result.dataset.frameworks}
    assert [len(p.pillars) for p in ids["merida"].phases] == [5, 4]
    bicentennial = ids["bicentennial"].phases[0]
    assert [len(p.objectives) for p in bicentennial.pillars] == [3, 4, 3]
    assert ids["bicentennial"].action_plan.actions == 102
    assert "101" in " ".join(c.text.en for c in ids["bicentennial"].action_plan.conflicts)


def test_crosswalk_covers_every_2011_pillar_and_every_goal(result, frames):
    pillars = frames.pillars
    needed = set(pillars.loc[pillars["phase_id"].isin(["merida-2011", "bicentennial-2021"]), "pillar_id"])
    touched = set(frames.crosswalk["from_pillar_id"]) | set(frames.crosswalk["to_pillar_id"])
    assert needed <= touched


def test_seed_article_is_a_source(result):
    assert "cbi-2021" in {s.id for s in result.dataset.sources}


def test_json_schema_files_are_in_sync():
    """data/schema/*.json equals what the models generate (run python -m components.data.json_schema)."""
    for name, text in render_schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"{name} is stale"


def test_every_schema_field_has_a_description():
    for file_name, model in DOCUMENTED_FILES.items():
        for row in field_rows(model):
            assert row["description"], f"{file_name}: {row['field']} has no description"


# --- frames -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("themes", fr.THEME_COLUMNS),
        ("sources", fr.SOURCE_COLUMNS),
        ("frameworks", fr.FRAMEWORK_COLUMNS),
        ("phases", fr.PHASE_COLUMNS),
        ("pillars", fr.PILLAR_COLUMNS),
        ("objectives", fr.OBJECTIVE_COLUMNS),
        ("events", fr.EVENT_COLUMNS),
        ("spans", fr.SPAN_COLUMNS),
        ("commitments", fr.COMMITMENT_COLUMNS),
        ("assessments", fr.ASSESSMENT_COLUMNS),
        ("crosswalk", fr.CROSSWALK_COLUMNS),
        ("indicators", fr.INDICATOR_COLUMNS),
    ],
)
def test_frames_have_their_documented_columns(frames, name, columns):
    assert list(getattr(frames, name).columns) == columns


def test_empty_dataset_gives_empty_frames_with_columns():
    empty = fr.build_frames(load_dataset(ROOT / "no-such-dir").dataset)
    assert empty.events.empty and list(empty.events.columns) == fr.EVENT_COLUMNS


def test_frame_row_counts_match_the_dataset(result, frames):
    counts = result.dataset.counts()
    # Counted by hand in data/frameworks/*.yaml: pillars 5 + 4 (Mérida's two phases) + 3 + 4, objectives
    # 6 + 11 + 10 + 12.
    assert len(frames.pillars) == counts["pillars"] == 16
    assert len(frames.objectives) == counts["objectives"] == 39
    assert len(frames.events) == counts["events"]
    assert len(frames.indicators) == counts["indicator_values"]


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [("2009-03", "2009-03-01", "month"), ("2021", "2021-01-01", "year"), ("2021-10-08", "2021-10-08", "day")],
)
def test_partial_dates(text, start, precision):
    assert fr.partial_date_start(text) == pd.Timestamp(start)
    assert fr.partial_date_precision(text) == precision


def test_events_are_in_date_order(frames):
    assert frames.events["date"].is_monotonic_increasing


def test_indicators_are_never_interpolated(result, frames):
    """Every frame row is a value in the YAML; no year appears that the data does not give."""
    for indicator in result.dataset.indicators:
        years = list(frames.indicators.loc[frames.indicators["indicator_id"] == indicator.id, "year"])
        assert years == [v.year for v in indicator.values]


def test_explode_themes_gives_one_row_per_theme(frames):
    exploded = fr.explode_themes(frames.objectives)
    assert len(exploded) == sum(len(themes) for themes in frames.objectives["themes"])
    assert "theme_id" in exploded.columns


def test_crosswalk_labels_resolve(frames):
    links = frames.crosswalk
    assert (links.loc[links["from_id"] != "", "from_label"] != "").all()
    assert (links.loc[links["to_id"] != "", "to_label"] != "").all()
    assert set(links.loc[links["relation"] == "new", "from_id"]) == {""}
    assert set(links.loc[links["relation"] == "new", "from_phase_id"]) <= {""}
    assert set(links.loc[links["relation"] == "dropped", "to_phase_id"]) <= {""}


# --- frameworks as data: order, colours, phases -------------------------------------------------


def _framework_files() -> list[dict]:
    """The framework YAML files read directly (not through the loader), in start-date order."""
    documents = [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in (DATA_DIR / "frameworks").glob("*.yaml")
    ]
    return sorted(documents, key=lambda d: (str(d["start"]), d["id"]))


def test_frameworks_frame_is_in_start_date_order(frames):
    files = _framework_files()
    assert list(frames.frameworks["framework_id"]) == [d["id"] for d in files]
    assert list(frames.frameworks["order"]) == list(range(len(files)))
    assert list(frames.frameworks["color"]) == [d["color"] for d in files]
    assert frames.frameworks["start"].is_monotonic_increasing


def test_framework_colours_are_distinct(frames):
    colors = [c.upper() for c in frames.frameworks["color"]]
    assert len(set(colors)) == len(colors)


def test_item_frames_carry_their_frameworks_order_and_colour(frames):
    expected = {row["framework_id"]: (row["order"], row["color"]) for _, row in frames.frameworks.iterrows()}
    for name in ("pillars", "objectives"):
        frame = getattr(frames, name)
        got = {
            (f, int(o), c)
            for f, o, c in zip(
                frame["framework_id"], frame["framework_order"], frame["framework_color"], strict=True
            )
        }
        assert got == {(f, o, c) for f, (o, c) in expected.items() if f in set(frame["framework_id"])}, name
    spans = frames.spans
    for _, span in spans.iterrows():
        assert span["color"] == (expected[span["framework"]][1] if span["framework"] else ""), span["span_id"]


def test_phases_frame_counts_match_the_files(frames):
    files = _framework_files()
    expected = [
        (
            d["id"],
            phase["id"],
            n,
            len(phase["pillars"]),
            sum(len(p.get("objectives", [])) for p in phase["pillars"]),
        )
        for d in files
        for n, phase in enumerate(d["phases"], start=1)
    ]
    got = list(
        zip(
            frames.phases["framework_id"],
            frames.phases["phase_id"],
            frames.phases["phase_number"],
            frames.phases["n_pillars"],
            frames.phases["n_objectives"],
            strict=True,
        )
    )
    assert got == expected


def test_pillar_themes_are_the_union_of_their_objectives_themes(frames):
    """No pillar is tagged on its own: its themes are exactly its objectives' themes, first seen first."""
    objectives = frames.objectives
    for _, pillar in frames.pillars.iterrows():
        own = objectives[objectives["pillar_id"] == pillar["pillar_id"]].sort_values("objective_number")
        expected = tuple(dict.fromkeys(theme for themes in own["themes"] for theme in themes))
        assert pillar["themes"] == expected, pillar["pillar_id"]


def test_crosswalk_links_join_consecutive_frameworks(frames):
    order = list(frames.frameworks["framework_id"])
    links = frames.crosswalk
    assert not links.empty
    for _, link in links.iterrows():
        assert link["from_framework_id"] in order and link["to_framework_id"] in order, link["link_id"]
        assert order.index(link["to_framework_id"]) == order.index(link["from_framework_id"]) + 1, link[
            "link_id"
        ]


def test_open_ended_frameworks_and_spans_have_no_made_up_end(frames):
    """A null end in the files stays NaT in the frames (charts draw it open-ended)."""
    files = {d["id"]: d for d in _framework_files()}
    for _, row in frames.frameworks.iterrows():
        assert pd.isna(row["end"]) == (files[row["framework_id"]].get("end") is None), row["framework_id"]
    timeline = yaml.safe_load((DATA_DIR / "timeline.yaml").read_text(encoding="utf-8"))
    open_spans = {s["id"] for s in timeline.get("spans", []) if s.get("end") is None}
    assert set(frames.spans.loc[frames.spans["end"].isna(), "span_id"]) == open_spans


def test_pick_falls_back_to_english():
    text = schema.Text(en="Mérida Initiative", es="Iniciativa Mérida")
    assert fr.pick(text, "es") == "Iniciativa Mérida"
    # Spanish is required by the schema; pick still never shows an empty string if one slipped through.
    assert fr.pick(schema.Text.model_construct(en="only English", es=None), "es") == "only English"
    assert fr.pick(None) == ""


# --- exports ------------------------------------------------------------------------------


def test_frame_csv_flattens_lists(frames):
    rows = pd.read_csv(io.StringIO(frame_csv(frames.events)))
    assert len(rows) == len(frames.events)
    assert rows["themes"].str.contains("; ").any()


def test_dataset_zip_holds_every_frame(frames):
    with zipfile.ZipFile(io.BytesIO(dataset_csv_zip(frames))) as archive:
        assert sorted(archive.namelist()) == [
            "assessments.csv",
            "commitments.csv",
            "crosswalk.csv",
            "events.csv",
            "frameworks.csv",
            "indicators.csv",
            "objectives.csv",
            "phases.csv",
            "pillars.csv",
            "sources.csv",
            "spans.csv",
            "themes.csv",
        ]


def test_dataset_json_has_every_kind(result):
    document = json.loads(dataset_json(result.dataset))
    assert len(document["sources"]) == len(result.dataset.sources)
    assert len(document["timeline"]["events"]) == len(result.dataset.events)
    assert document["about"]["data_date"] == result.dataset.about.data_date.isoformat()


# --- architecture -------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


PURE_MODULES = sorted(
    [
        *(ROOT / "components" / "data").glob("*.py"),
        *(ROOT / "components" / "charts").glob("*.py"),
        ROOT / "components" / "state.py",
    ]
)


@pytest.mark.parametrize("path", PURE_MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_data_charts_and_state_never_import_streamlit(path):
    assert not any(name == "streamlit" or name.startswith("streamlit.") for name in _imports(path))


def test_pages_are_never_imported():
    for path in (ROOT / "components").rglob("*.py"):
        assert not any(name.startswith("pages") for name in _imports(path)), path
