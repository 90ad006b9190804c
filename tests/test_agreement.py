"""Two views of the same data must agree: theme counts, cards, chips, sunburst, CSV and crosswalk counts.

Expected values come from the raw YAML files (read with the project's safe reader, not through the
models or frames), so a bug in the frames or the figure builders cannot hide itself.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from components import state, view
from components.charts import coverage, goals
from components.charts.style import FigureMeta
from components.data.frames import build_frames
from components.data.loader import DATA_DIR, load_dataset_strict
from components.data.safe_yaml import read_yaml_file

PROJECT_ROOT = Path(__file__).resolve().parents[1]
META = FigureMeta(subtitle="test", dashboard="test", data_date="2026-11-29")


def raw_frameworks() -> list[dict]:
    """Every framework file as plain YAML data (no models, no frames)."""
    out = []
    for path in sorted((DATA_DIR / "frameworks").glob("*.yaml")):
        read = read_yaml_file(path, path.name)
        assert not read.problems, read.problems
        out.append(read.data)
    return out


RAW = raw_frameworks()
THEME_IDS = [theme["id"] for theme in read_yaml_file(DATA_DIR / "themes.yaml", "themes.yaml").data["themes"]]
PHASES = [(f["id"], phase["id"]) for f in RAW for phase in f["phases"]]


def raw_objectives(phase_id: str) -> list[dict]:
    return [
        objective
        for f in RAW
        for phase in f["phases"]
        if phase["id"] == phase_id
        for pillar in phase["pillars"]
        for objective in pillar.get("objectives", [])
    ]


def raw_count(phase_id: str, theme_id: str) -> int:
    return sum(theme_id in objective["themes"] for objective in raw_objectives(phase_id))


@pytest.fixture(scope="module")
def frames():
    return build_frames(load_dataset_strict(DATA_DIR))


def view_with_phase(frames, framework_id: str, phase_id: str) -> view.View:
    """A view that shows `phase_id`: its framework next to a neighbour by start date."""
    order = list(frames.frameworks["framework_id"])
    at = order.index(framework_id)
    pair = (order[at], order[at + 1]) if at + 1 < len(order) else (order[at - 1], order[at])
    filters = state.Filters(compare=pair, phases=(phase_id,))
    selected = view.select_view(frames, filters)
    assert phase_id in selected.phase_ids
    return selected


def test_no_pillar_is_tagged_apart_from_its_objectives():
    """One theme model: the data files tag themes on objectives only."""
    tagged = [
        pillar["id"]
        for f in RAW
        for phase in f["phases"]
        for pillar in phase["pillars"]
        if "themes" in pillar
    ]
    assert tagged == []


@pytest.mark.parametrize(("framework_id", "phase_id"), PHASES)
@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_every_view_of_a_theme_agrees(frames, framework_id, phase_id, theme_id):
    """Bars, card chips, sunburst and CSV give the same objectives for every theme and phase."""
    expected = raw_count(phase_id, theme_id)
    selected = view_with_phase(frames, framework_id, phase_id)

    # The coverage bars (Overview and Goals) count objectives.
    bars = coverage.theme_coverage_frame(selected.objectives, frames.themes)
    row = bars[(bars["framework_id"] == framework_id) & (bars["theme_id"] == theme_id)]
    assert int(row["count"].iloc[0]) == expected

    # The chips on the pillar cards: a pillar shows the chip exactly when one of its objectives has it.
    pillars = selected.pillars[selected.pillars["phase_id"] == phase_id]
    raw_pillars = {
        pillar["id"]: pillar
        for f in RAW
        for phase in f["phases"]
        if phase["id"] == phase_id
        for pillar in phase["pillars"]
    }
    for _, pillar in pillars.iterrows():
        carried = any(theme_id in o["themes"] for o in raw_pillars[pillar["pillar_id"]].get("objectives", []))
        assert (theme_id in pillar["themes"]) == carried, pillar["pillar_id"]
    assert (expected > 0) == any(theme_id in chips for chips in pillars["themes"])

    # The sunburst with the theme selected: one objective segment per tagged objective.
    narrowed = state.filter_themes(selected.objectives, (theme_id,))
    figure = goals.goals_sunburst_figure(narrowed, selected.pillars, frames.themes, meta=META)
    objective_ids = {o["id"] for o in raw_objectives(phase_id) if theme_id in o["themes"]}
    drawn = set(figure.data[0].ids) if figure.data else set()
    all_objective_ids = {o["id"] for o in raw_objectives(phase_id)}
    assert drawn & all_objective_ids == objective_ids
    assert (framework_id in drawn) == (expected > 0)

    # The CSV of the goals table lists the theme on exactly those objectives.
    label = dict(zip(frames.themes["theme_id"], frames.themes["label"], strict=True))[theme_id]
    table = goals.goals_table_frame(narrowed, frames.themes)
    own = table[table["objective_id"].isin({o["id"] for o in raw_objectives(phase_id)})]
    assert sum(label in cell.split(", ") for cell in own["themes"]) == expected


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_crosswalk_counts_follow_the_items_themes(frames, theme_id):
    """'What changed' counts a link under a theme exactly when one of its two ends carries the theme."""
    themes_of: dict[str, set[str]] = {}
    for f in RAW:
        for phase in f["phases"]:
            for pillar in phase["pillars"]:
                objectives = pillar.get("objectives", [])
                themes_of[pillar["id"]] = {th for o in objectives for th in o["themes"]}
                for objective in objectives:
                    themes_of[objective["id"]] = set(objective["themes"])
    links = read_yaml_file(DATA_DIR / "crosswalk.yaml", "crosswalk.yaml").data["links"]
    expected = Counter(
        link["relation"]
        for link in links
        if theme_id in themes_of.get(link["from_id"] or "", set()) | themes_of.get(link["to_id"] or "", set())
    )
    shown = state.filter_themes(frames.crosswalk, (theme_id,))
    assert Counter(shown["relation"]) == expected


def test_no_framework_or_phase_id_is_written_in_the_code():
    """Frameworks are data: only components/editorial.py may name a framework or phase id."""
    ids = {f["id"] for f in RAW} | {phase_id for _, phase_id in PHASES}
    allowed = PROJECT_ROOT / "components" / "editorial.py"
    files = [
        PROJECT_ROOT / "app.py",
        *(PROJECT_ROOT / "components").rglob("*.py"),
        *(PROJECT_ROOT / "pages").glob("*.py"),
    ]
    found = []
    for path in files:
        if path == allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids:
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {node.value!r}")
    assert len(ids) >= 4  # the scan looked for real framework and phase ids
    assert found == []
