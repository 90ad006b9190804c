"""Figure builders, tested by their contents (traces, layout, annotations), never by pixels.

Hand-made frames with the documented columns make every assertion deterministic; the shipped dataset
(which may still be incomplete) is run through every builder as a smoke test.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import view
from components.charts import comparison, coverage, crosswalk, goals, helpers, outcomes, timeline
from components.charts.style import (
    CATEGORY_SYMBOLS,
    COUNTRY_COLORS,
    NEUTRAL,
    RELATION_COLORS,
    RELATION_ORDER,
    STATUS_SYMBOLS,
    FigureMeta,
    is_empty_state,
)
from components.data import frames as fr
from components.i18n import t
from components.state import Filters

META = FigureMeta(
    subtitle="All themes · 2007–2021",
    dashboard="Test dashboard",
    data_date="2026-11-28",
    source_names=(
        ("s1", "Source One"),
        ("s2", "Source Two"),
        ("s3", "Source Three"),
        ("s4", "Source Four"),
        ("s9", "Source Nine"),
    ),
)
SCRIPT = "<script>alert(1)</script>"
LINK = "<a href='https://evil.example'>click</a>"
# Framework colours and start-date positions are data (frameworks/*.yaml); these are the hand-made frames'.
MERIDA_COLOR, BICENTENNIAL_COLOR = "#004488", "#BB5566"
FRAMEWORKS = {"merida": (0, MERIDA_COLOR), "bicentennial": (1, BICENTENNIAL_COLOR)}


def frame(rows: list[dict], columns: list[str], **defaults: object) -> pd.DataFrame:
    """A frame with exactly the documented columns; unspecified cells take `defaults`, else ''."""
    return pd.DataFrame(
        [{c: row.get(c, defaults.get(c, "")) for c in columns} for row in rows], columns=columns
    )


# --- hand-made frames -------------------------------------------------------


def themes_df(extra_label: str | None = None) -> pd.DataFrame:
    rows = [
        {"theme_id": "t-crime", "label": "Organized crime", "color": "#332288", "order": 0},
        {"theme_id": "t-law", "label": "Rule of law", "color": "#117733", "order": 1},
        {"theme_id": "t-health", "label": extra_label or "Public health", "color": "#44AA99", "order": 2},
    ]
    return frame(rows, fr.THEME_COLUMNS)


PILLAR_ROWS = [
    ("merida", "Mérida", "m-2007", "2007 focus areas", "focus area", "p07-1", 1, "Counter drugs"),
    ("merida", "Mérida", "m-2011", "2011 pillars", "pillar", "m11-1", 1, "Disrupt <b>groups</b>"),
    ("merida", "Mérida", "m-2011", "2011 pillars", "pillar", "m11-2", 2, "Institutionalize rule of law"),
    ("bicentennial", "Bicentennial", "b-2021", "2021 goals", "goal", "b-1", 1, "Protect people"),
    ("bicentennial", "Bicentennial", "b-2021", "2021 goals", "goal", "b-2", 2, f"Prevent crime {SCRIPT}"),
    ("bicentennial", "Bicentennial", "b-2021", "2021 goals", "goal", "b-3", 3, "Pursue networks"),
]


def pillars_df() -> pd.DataFrame:
    keys = [
        "framework_id",
        "framework_short",
        "phase_id",
        "phase_label",
        "pillar_word",
        "pillar_id",
        "pillar_number",
        "title",
    ]
    rows = [dict(zip(keys, row, strict=True)) for row in PILLAR_ROWS]
    plurals = {"focus area": "focus areas", "pillar": "pillars", "goal": "goals"}
    for row in rows:
        row["pillar_words"] = plurals[row["pillar_word"]]
        row["framework_order"], row["framework_color"] = FRAMEWORKS[row["framework_id"]]
        own = [objective for objective in OBJECTIVE_ROWS if objective[1] == row["pillar_id"]]
        row["themes"] = tuple(dict.fromkeys(theme for objective in own for theme in objective[5]))
        row["n_objectives"] = len(own)
        row["sources"] = ("s1",) if row["framework_id"] == "merida" else ("s2",)
    return frame(rows, fr.PILLAR_COLUMNS, title_verbatim=False, summary_verbatim=False)


OBJECTIVE_ROWS = [
    # objective_id, pillar_id, number, label, text, themes, sources
    ("o0", "p07-1", 1, "", "Seize drugs", ("t-crime",), ("s1",)),
    ("o1", "m11-1", 1, "Disrupt", f"Capture leaders {LINK}", ("t-crime", "t-law"), ("s1",)),
    ("o2", "m11-1", 2, "", "Seize assets", ("t-crime",), ("s1",)),
    ("o3", "m11-2", 1, "Courts", "Train judges", ("t-law",), ("s2",)),
    ("o4", "b-1", 1, "", f"Reduce drug use {SCRIPT}", ("t-health",), ("s2",)),
    ("o5", "b-2", 1, "Prevent", "Prevent violence", ("t-crime", "t-health"), ("s2",)),
    ("o6", "b-3", 1, "", "Pursue networks", ("t-law",), ("s3",)),
]


def objectives_df() -> pd.DataFrame:
    pillars = pillars_df().set_index("pillar_id")
    rows = []
    for objective_id, pillar_id, number, label, text, themes, sources in OBJECTIVE_ROWS:
        pillar = pillars.loc[pillar_id]
        rows.append(
            {
                "framework_id": pillar["framework_id"],
                "framework_short": pillar["framework_short"],
                "framework_order": pillar["framework_order"],
                "framework_color": pillar["framework_color"],
                "phase_id": pillar["phase_id"],
                "pillar_id": pillar_id,
                "pillar_number": pillar["pillar_number"],
                "pillar_title": pillar["title"],
                "objective_id": objective_id,
                "objective_number": number,
                "label": label,
                "text": text,
                "verbatim": False,
                "themes": themes,
                "primary_theme": themes[0],
                "sources": sources,
            }
        )
    return frame(rows, fr.OBJECTIVE_COLUMNS)


# A view compares one phase of each of two frameworks (components/view.py picks them); builders receive
# the rows already selected. These pick them by hand: a Mérida phase and the Bicentennial goals.


def phase_objectives(phase: str = "m-2011") -> pd.DataFrame:
    objectives = objectives_df()
    return objectives[objectives["phase_id"].isin([phase, "b-2021"])]


def phase_pillars(phase: str = "m-2011") -> pd.DataFrame:
    pillars = pillars_df()
    return pillars[pillars["phase_id"].isin([phase, "b-2021"])]


# The crosswalk links between a Mérida phase and the Bicentennial goals ('new' links belong to both).
PHASE_LINKS = {"m-2011": ("l1", "l2", "l3", "l4", "l5"), "m-2007": ("l4", "l6")}


def phase_links(phase: str = "m-2011") -> pd.DataFrame:
    links = crosswalk_df()
    return links[links["link_id"].isin(PHASE_LINKS[phase])]


def crosswalk_df() -> pd.DataFrame:
    labels = {row[5]: f"{row[6]}. {row[7]}" for row in PILLAR_ROWS}
    phases = {row[5]: row[2] for row in PILLAR_ROWS}
    frameworks = {row[5]: row[0] for row in PILLAR_ROWS}
    spec = [
        ("l1", "continued", "m11-1", "b-3", ("t-crime", "t-law"), "Same <b>aim</b>", ("s1",)),
        ("l2", "continued", "m11-1", "b-3", ("t-crime",), "Same targets", ("s1",)),
        ("l3", "expanded", "m11-2", "b-1", ("t-law", "t-health"), "Wider", ("s2",)),
        ("l4", "new", "", "b-2", ("t-health",), f"Public health {SCRIPT}", ("s2",)),
        ("l5", "dropped", "m11-2", "", ("t-law",), "Ended", ("s3",)),
        ("l6", "narrowed", "p07-1", "b-3", ("t-crime",), "Narrower", ("s4",)),
    ]
    rows = [
        {
            "link_id": link_id,
            "relation": relation,
            # A 'new' or 'dropped' link's missing end is the neighbouring framework.
            "from_framework_id": frameworks.get(source, "merida"),
            "to_framework_id": frameworks.get(target, "bicentennial"),
            "from_id": source,
            "from_label": labels.get(source, ""),
            "from_pillar_id": source,
            "from_pillar_label": labels.get(source, ""),
            "from_phase_id": phases.get(source, ""),
            "to_id": target,
            "to_label": labels.get(target, ""),
            "to_pillar_id": target,
            "to_pillar_label": labels.get(target, ""),
            "to_phase_id": phases.get(target, ""),
            "themes": themes,
            "rationale": rationale,
            "sources": sources,
        }
        for link_id, relation, source, target, themes, rationale, sources in spec
    ]
    return frame(rows, fr.CROSSWALK_COLUMNS)


def events_df() -> pd.DataFrame:
    spec = [
        ("e1", "2008-06-30", "Mérida signed", "agreement", "bilateral", ("s1",)),
        ("e2", "2010-03", f"Dialogue {SCRIPT}", "dialogue", "bilateral", ("s2",)),
        ("e3", "2016", "Funding peak", "funding", "us", ("s1", "s2")),
        ("e4", "2021-10-08", "Bicentennial Framework agreed", "agreement", "bilateral", ("s3",)),
    ]
    rows = [
        {
            "event_id": event_id,
            "date": fr.partial_date_start(date),
            "date_text": date,
            "precision": fr.partial_date_precision(date),
            "year": int(date[:4]),
            "title": title,
            "category": category,
            "country": country,
            "frameworks": (),
            "themes": ("t-crime",),
            "sources": sources,
        }
        for event_id, date, title, category, country, sources in spec
    ]
    return frame(rows, fr.EVENT_COLUMNS)


def spans_df() -> pd.DataFrame:
    spec = [
        ("pres-clinton", "presidency", "Bill Clinton", "us", "1993-01-20", "2001-01-20", "", ("s9",)),
        ("pres-bush", "presidency", "George W. Bush", "us", "2001-01-20", "2009-01-20", "", ("s1",)),
        ("pres-obama", "presidency", "Barack Obama", "us", "2009-01-20", "2017-01-20", "", ("s1",)),
        ("pres-calderon", "presidency", "Felipe Calderón", "mx", "2006-12-01", "2012-11-30", "", ("s2",)),
        (
            "fw-merida",
            "framework",
            "Mérida Initiative",
            "bilateral",
            "2008-06-30",
            "2021-10-08",
            "merida",
            ("s1",),
        ),
        (
            "fw-bicentennial",
            "framework",
            "Bicentennial",
            "bilateral",
            "2021-10-08",
            "2024-12-31",
            "bicentennial",
            ("s2",),
        ),
    ]
    rows = [
        {
            "span_id": span_id,
            "kind": kind,
            "label": label,
            "country": country,
            "start": pd.Timestamp(start),
            "end": pd.Timestamp(end),
            "framework": framework,
            "color": FRAMEWORKS[framework][1] if framework else "",
            "sources": sources,
        }
        for span_id, kind, label, country, start, end, framework, sources in spec
    ]
    return frame(rows, fr.SPAN_COLUMNS)


def indicators_df() -> pd.DataFrame:
    spec = [
        ("homicides", "Homicides", "deaths", "mx", 2007, None, 8867, "final", "", ("s1",)),
        ("homicides", "Homicides", "deaths", "mx", 2008, None, 14006, "final", "", ("s1",)),
        ("homicides", "Homicides", "deaths", "mx", 2010, None, 25757, "final", "", ("s1",)),
        (
            "homicides",
            "Homicides",
            "deaths",
            "mx",
            2011,
            None,
            27213,
            "preliminary",
            "<b>revised</b>",
            ("s2",),
        ),
        ("funding", "Funding", "billion US$", "us", 2015, "2015-09-30", 2.5, "final", "", ("s3",)),
        ("funding", "Funding", "billion US$", "us", 2017, "2017-06-30", 2.75, "final", "", ("s3",)),
    ]
    rows = []
    for indicator_id, label, unit, country, year, as_of, value, status, note, sources in spec:
        as_of_ts = pd.Timestamp(as_of) if as_of else pd.NaT
        rows.append(
            {
                "indicator_id": indicator_id,
                "label": label,
                "unit": unit,
                "country": country,
                "year": year,
                "as_of": as_of_ts,
                "x": as_of_ts if as_of else pd.Timestamp(year, 7, 1),
                "value": float(value),
                "status": status,
                "note": note,
                "sources": sources,
            }
        )
    return frame(rows, fr.INDICATOR_COLUMNS)


# --- every builder, one table ------------------------------------------------

BUILDERS = {
    "coverage": (
        lambda: coverage.theme_coverage_figure(phase_objectives(), themes_df(), meta=META),
        lambda: coverage.theme_coverage_figure(phase_objectives().iloc[0:0], themes_df(), meta=META),
        ["Source One", "Source Two", "Source Three"],
    ),
    "crosswalk": (
        lambda: crosswalk.crosswalk_sankey_figure(phase_links(), phase_pillars(), meta=META),
        lambda: crosswalk.crosswalk_sankey_figure(phase_links().iloc[0:0], phase_pillars(), meta=META),
        ["Source One", "Source Two", "Source Three"],
    ),
    "timeline": (
        lambda: timeline.timeline_figure(events_df(), spans_df(), meta=META, start_year=2007, end_year=2021),
        lambda: timeline.timeline_figure(
            events_df().iloc[0:0], spans_df(), meta=META, start_year=2007, end_year=2021
        ),
        ["Source One", "Source Two", "Source Three"],
    ),
    "goals": (
        lambda: goals.goals_sunburst_figure(phase_objectives(), phase_pillars(), themes_df(), meta=META),
        lambda: goals.goals_sunburst_figure(
            phase_objectives().iloc[0:0], phase_pillars(), themes_df(), meta=META
        ),
        ["Source One", "Source Two", "Source Three"],
    ),
    "comparison": (
        lambda: comparison.framework_comparison_figure(phase_pillars(), phase_objectives(), meta=META),
        lambda: comparison.framework_comparison_figure(
            phase_pillars().iloc[0:0], phase_objectives().iloc[0:0], meta=META
        ),
        ["Source One", "Source Two", "Source Three"],
    ),
    "indicators": (
        lambda: outcomes.indicator_figure(
            indicators_df(),
            spans_df(),
            events_df(),
            meta=META,
            indicator_ids=["homicides"],
            key_event_ids=["e1"],
        ),
        lambda: outcomes.indicator_figure(
            indicators_df(),
            spans_df(),
            events_df(),
            meta=META,
            indicator_ids=["unknown"],
            key_event_ids=["e1"],
        ),
        ["Source One", "Source Two"],
    ),
}
TITLES = {
    "coverage": t("chart.coverage.title_count", "en"),
    "crosswalk": t(
        "chart.crosswalk.title",
        "en",
        source="Mérida",
        source_phase="2011 pillars",
        target="Bicentennial",
        target_phase="2021 goals",
        analysis=t("analysis.label", "en"),
    ),
    "timeline": t("chart.timeline.title", "en", start=2007, end=2021),
    "goals": t("chart.goals.title", "en"),
    "comparison": t("chart.comparison.title", "en", frameworks="Mérida and Bicentennial"),
    "indicators": t("chart.indicators.title", "en"),
}
# With no pillars at all the comparison cannot name its frameworks.
EMPTY_TITLES = {**TITLES, "comparison": t("chart.comparison.title_plain", "en")}


def footer(fig: go.Figure) -> str:
    return next(a.text for a in fig.layout.annotations if a.name == "footer")


def annotations(fig: go.Figure, prefix: str) -> list:
    return [a for a in fig.layout.annotations if (a.name or "").startswith(prefix)]


def shapes(fig: go.Figure, prefix: str) -> list:
    return [s for s in fig.layout.shapes if (s.name or "").startswith(prefix)]


def period_labels(fig: go.Figure) -> dict[str, object]:
    """span id -> the annotation labelling its framework period."""
    return {a.name.removeprefix("framework-label-"): a for a in annotations(fig, "framework-label-")}


@pytest.mark.parametrize("name", BUILDERS)
def test_every_figure_carries_title_subtitle_and_footer(name):
    """Title from t(), subtitle = the active filters, footer = source short names, dashboard and data date."""
    build, _, sources = BUILDERS[name]
    fig = build()
    assert not is_empty_state(fig)
    assert TITLES[name] in fig.layout.title.text
    assert fig.layout.title.subtitle.text == META.subtitle
    text = footer(fig)
    for source in sources:
        assert source in text
    assert META.dashboard in text and META.data_date in text


@pytest.mark.parametrize("name", BUILDERS)
def test_empty_input_gives_the_empty_state(name):
    """No rows: an explicit empty-state figure naming the filters, with no traces."""
    _, build_empty, _ = BUILDERS[name]
    fig = build_empty()
    assert is_empty_state(fig)
    assert fig.data == ()
    message = next(a.text for a in fig.layout.annotations if a.name == "empty-state")
    assert "2007–2021" in message and EMPTY_TITLES[name] in fig.layout.title.text


@pytest.mark.parametrize("name", BUILDERS)
def test_no_raw_html_from_data_reaches_plotly(name):
    """'<script>' and '<a href' from data never appear unescaped anywhere in the figure."""
    build = BUILDERS[name][0]
    dumped = build().to_json()
    assert "<script" not in dumped and "<a href" not in dumped


def recolored(frame: pd.DataFrame, column: str = "framework_color", color: str = "#123456") -> pd.DataFrame:
    """The frame with Mérida's colour changed, as if frameworks/merida.yaml said `color`."""
    key = "framework" if column == "color" else "framework_id"
    return frame.assign(**{column: frame[column].mask(frame[key] == "merida", color)})


def test_framework_colours_come_from_the_frames():
    """No colour table in the code: every builder takes a framework's colour from its rows."""
    fig = coverage.theme_coverage_figure(recolored(phase_objectives()), themes_df(), meta=META)
    assert [tr.marker.color for tr in fig.data] == ["#123456", BICENTENNIAL_COLOR]
    fig = crosswalk.crosswalk_sankey_figure(phase_links(), recolored(phase_pillars()), meta=META)
    assert fig.data[0].node.color[0] == "#123456" and fig.data[0].node.color[3] == BICENTENNIAL_COLOR
    fig = goals.goals_sunburst_figure(phase_objectives(), recolored(phase_pillars()), themes_df(), meta=META)
    colors = dict(zip(fig.data[0].ids, fig.data[0].marker.colors, strict=True))
    assert colors["merida"] == colors["m11-2"] == "#123456" and colors["b-1"] == BICENTENNIAL_COLOR
    fig = comparison.framework_comparison_figure(recolored(phase_pillars()), phase_objectives(), meta=META)
    assert {s.line.color for s in shapes(fig, "card-") if s.x1 <= 1} == {"#123456"}
    fig = timeline.timeline_figure(
        events_df(), recolored(spans_df(), "color"), meta=META, start_year=2007, end_year=2021
    )
    assert shapes(fig, "framework-")[0].fillcolor == "rgba(18,52,86,0.07)"  # #123456 at the 0.07 alpha


def test_missing_framework_colour_falls_back_to_neutral():
    assert helpers.color_or_neutral("#123456") == "#123456"
    assert helpers.color_or_neutral("") == NEUTRAL
    assert helpers.color_or_neutral(float("nan")) == NEUTRAL
    assert helpers.color_or_neutral(None) == NEUTRAL


def test_ordered_frameworks_follow_framework_order_not_row_order():
    rows = pd.DataFrame(
        {"framework_id": ["later", "merida", "later", "bicentennial"], "framework_order": [2, 0, 2, 1]}
    )
    assert helpers.ordered_frameworks(rows) == ["merida", "bicentennial", "later"]
    assert helpers.ordered_frameworks(rows.iloc[0:0]) == []


# --- theme coverage ----------------------------------------------------------


def test_coverage_draws_one_bar_trace_per_framework_in_fixed_colours():
    fig = coverage.theme_coverage_figure(phase_objectives(), themes_df(), meta=META)
    assert [type(tr) for tr in fig.data] == [go.Bar, go.Bar]
    assert [tr.name for tr in fig.data] == ["Mérida", "Bicentennial"]
    assert [tr.marker.color for tr in fig.data] == [MERIDA_COLOR, BICENTENNIAL_COLOR]
    assert all(tr.orientation == "h" for tr in fig.data)
    assert fig.layout.barmode == "group"
    assert list(fig.layout.yaxis.categoryarray) == ["Organized crime", "Rule of law", "Public health"]
    assert fig.data[0].marker.pattern.shape == ""
    assert fig.data[1].marker.pattern.shape == "/"  # a second cue besides colour
    key = annotations(fig, "key")[0].text
    assert f'<span style="color:{MERIDA_COLOR}">■</span> Mérida' in key
    assert f'<span style="color:{BICENTENNIAL_COLOR}">▨</span> Bicentennial' in key


def later_pair_objectives() -> pd.DataFrame:
    """The Bicentennial goals' objectives next to a third, later framework's (start-date position 2)."""
    objectives = phase_objectives()
    later = objectives[objectives["framework_id"] == "bicentennial"].assign(
        framework_id="later",
        framework_short="Later",
        framework_order=2,
        framework_color="#DDAA33",
        phase_id="l-2025",
        objective_id=lambda f: "l" + f["objective_id"],
        pillar_id=lambda f: "l" + f["pillar_id"],
    )
    return pd.concat([objectives[objectives["framework_id"] == "bicentennial"], later], ignore_index=True)


def test_coverage_pattern_follows_the_framework_not_its_column():
    """A framework keeps its hatching in every comparison: it follows its start-date position, not the column."""
    default = coverage.theme_coverage_figure(phase_objectives(), themes_df(), meta=META)
    later = coverage.theme_coverage_figure(later_pair_objectives(), themes_df(), meta=META)
    assert [tr.name for tr in later.data] == ["Bicentennial", "Later"]
    assert [tr.marker.color for tr in later.data] == [BICENTENNIAL_COLOR, "#DDAA33"]
    assert later.data[0].marker.pattern.shape == default.data[1].marker.pattern.shape == "/"
    assert later.data[1].marker.pattern.shape not in {"", "/"}
    key = annotations(later, "key")[0].text
    assert f'<span style="color:{BICENTENNIAL_COLOR}">▨</span> Bicentennial' in key
    glyph = key.split('<span style="color:#DDAA33">')[1][0]
    assert glyph not in {"■", "▨"}


@pytest.mark.parametrize(
    ("measure", "merida", "bicentennial", "merida_text"),
    [
        ("count", [2, 2, 0], [1, 1, 2], ["2", "2", "0"]),
        ("share", [50.0, 50.0, 0.0], [25.0, 25.0, 50.0], ["50%", "50%", "0%"]),
    ],
)
def test_coverage_values_count_each_theme_of_an_objective(measure, merida, bicentennial, merida_text):
    fig = coverage.theme_coverage_figure(phase_objectives(), themes_df(), meta=META, measure=measure)
    assert list(fig.data[0].x) == merida
    assert list(fig.data[1].x) == bicentennial
    assert list(fig.data[0].text) == merida_text
    assert t(f"chart.coverage.title_{measure}", "en") in fig.layout.title.text


def test_coverage_share_sums_to_100_per_framework():
    data = coverage.theme_coverage_frame(objectives_df(), themes_df())
    assert list(dict.fromkeys(data["framework_id"])) == ["merida", "bicentennial"]
    assert set(zip(data["framework_id"], data["framework_order"], data["framework_color"], strict=True)) == {
        (f, order, color) for f, (order, color) in FRAMEWORKS.items()
    }
    assert data.groupby("framework_id")["share"].sum().round(9).tolist() == [1.0, 1.0]
    fig = coverage.theme_coverage_figure(objectives_df(), themes_df(), meta=META, measure="share")
    assert all(round(sum(tr.x), 6) == 100 for tr in fig.data)


def test_coverage_highlight_fades_other_themes_and_bolds_the_highlighted():
    fig = coverage.theme_coverage_figure(
        phase_objectives(), themes_df(), meta=META, highlight_themes=["t-law"]
    )
    for trace in fig.data:
        assert list(trace.marker.opacity) == [0.3, 1.0, 0.3]  # other themes fade to 0.3
    assert list(fig.layout.yaxis.ticktext) == ["Organized crime", "<b>Rule of law</b>", "Public health"]
    plain = coverage.theme_coverage_figure(phase_objectives(), themes_df(), meta=META)
    assert list(plain.data[0].marker.opacity) == [1.0, 1.0, 1.0]


def test_coverage_escapes_theme_labels():
    fig = coverage.theme_coverage_figure(phase_objectives(), themes_df(extra_label=SCRIPT), meta=META)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fig.data[0].y
    assert fig.data[0].customdata[2][0] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_chart_strings_live_under_the_chart_prefix():
    from components.i18n import en_charts

    assert all(key.startswith("chart.") for key in en_charts.STRINGS)


def test_coverage_rejects_unknown_measure():
    with pytest.raises(ValueError, match="measure"):
        coverage.theme_coverage_figure(phase_objectives(), themes_df(), meta=META, measure="mean")


def test_coverage_summary_has_the_numbers():
    text = coverage.theme_coverage_summary(phase_objectives(), themes_df())
    assert text == (
        "The objectives touch 3 of 3 themes: Mérida has 3 objectives, most often on Organized crime and "
        "Rule of law (2 each, 50% of its theme tags each); Bicentennial has 3 objectives, most often on Public health "
        "(2, 50% of its theme tags)."
    )
    assert coverage.theme_coverage_summary(phase_objectives().iloc[0:0], themes_df()) == t(
        "chart.coverage.summary_empty", "en"
    )


# --- crosswalk Sankey --------------------------------------------------------


def sankey(phase: str = "m-2011", highlight=()) -> go.Figure:
    return crosswalk.crosswalk_sankey_figure(
        phase_links(phase), phase_pillars(phase), meta=META, highlight_themes=highlight
    )


def test_sankey_nodes_pillars_in_order_with_new_and_dropped():
    fig = sankey()
    assert len(fig.data) == 1 and isinstance(fig.data[0], go.Sankey)
    # Node labels are annotations outside the node columns, one per node in node order.
    node_labels = {a.name: a.text for a in annotations(fig, "node-label-")}
    labels = [node_labels[f"node-label-{i}"].replace("<br>", " ") for i in range(len(fig.data[0].node.color))]
    assert labels == [
        "1. Disrupt &lt;b&gt;groups&lt;/b&gt;",
        "2. Institutionalize rule of law",
        "New in Bicentennial",
        "1. Protect people",
        "2. Prevent crime &lt;script&gt;alert(1)&lt;/script&gt;",
        "3. Pursue networks",
        t("chart.crosswalk.dropped_node", "en"),
    ]
    assert fig.data[0].node.color[0] == MERIDA_COLOR
    assert fig.data[0].node.color[3] == BICENTENNIAL_COLOR
    assert fig.data[0].node.color[2] == RELATION_COLORS["new"]
    assert fig.data[0].node.color[6] == RELATION_COLORS["dropped"]


def test_sankey_links_aggregate_to_pillars_and_colour_by_relation():
    link = sankey().data[0].link
    drawn = list(zip(link.source, link.target, link.value, [c[4] for c in link.customdata], strict=True))
    assert drawn == [(0, 5, 2, "continued"), (1, 3, 1, "expanded"), (1, 6, 1, "dropped"), (2, 4, 1, "new")]
    # style.RELATION_COLORS at the links' 0.55 alpha: continued #009E73, expanded #0072B2, dropped
    # #7F7F7F, new #CC79A7.
    assert list(link.color) == [
        "rgba(0,158,115,0.55)",
        "rgba(0,114,178,0.55)",
        "rgba(127,127,127,0.55)",
        "rgba(204,121,167,0.55)",
    ]


def test_sankey_hover_names_relation_and_escapes_the_rationale():
    link = sankey().data[0].link
    continued = link.customdata[0]
    assert continued[0] == "Continued"
    assert "Same &lt;b&gt;aim&lt;/b&gt;" in continued[3].replace("<br>", " ")
    new = link.customdata[3]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in new[3].replace("<br>", " ")
    assert "%{customdata[3]}" in link.hovertemplate


def test_sankey_highlight_fades_links_without_the_theme():
    link = sankey(highlight=["t-health"]).data[0].link
    alphas = {
        c[4]: color.rsplit(",", 1)[1].rstrip(")")
        for c, color in zip(link.customdata, link.color, strict=True)
    }
    # Links carrying t-health (l3 expanded, l4 new) keep the 0.55 alpha; the others fade to 0.15.
    assert alphas == {"continued": "0.15", "expanded": "0.55", "dropped": "0.15", "new": "0.55"}


def test_sankey_keys_relations_in_colour_and_says_it_is_analysis():
    fig = sankey()
    keys = annotations(fig, "relation-key-")
    assert [a.name for a in keys] == [f"relation-key-{r}" for r in RELATION_ORDER]
    for key, relation in zip(keys, RELATION_ORDER, strict=True):
        assert RELATION_COLORS[relation] in key.text and t(f"relation.{relation}", "en") in key.text
    assert t("analysis.label", "en") in fig.layout.title.text


@pytest.mark.parametrize(
    "link_ids",
    [PHASE_LINKS["m-2011"], PHASE_LINKS["m-2007"], ("l5",), ("l1", "l2", "l3", "l4", "l5", "l6")],
    ids=["2011-links", "2007-links", "one-dropped-link", "every-link"],
)
def test_sankey_draws_exactly_the_links_it_is_given(link_ids):
    """The view (components/view.py) picks the phase's links; the builder draws all it gets and no more."""
    rows = crosswalk_df()
    given = rows[rows["link_id"].isin(link_ids)]
    sankey_trace = crosswalk.crosswalk_sankey_figure(given, phase_pillars(), meta=META).data[0]
    names = [html.unescape(name) for name in sankey_trace.node.customdata]
    link = sankey_trace.link
    drawn = sorted(
        (names[source], names[target], data[4])
        for source, target, value, data in zip(
            link.source, link.target, link.value, link.customdata, strict=True
        )
        for _ in range(value)
    )
    dropped = t("chart.crosswalk.dropped_node", "en")
    expected = sorted(
        (
            row["from_pillar_label"] or "New in Bicentennial",
            row["to_pillar_label"] or dropped,
            row["relation"],
        )
        for _, row in given.iterrows()
    )
    assert drawn == expected


def test_sankey_cites_only_the_sources_of_the_links_it_draws():
    fig = sankey("m-2007")
    link = fig.data[0].link
    assert sorted(c[4] for c in link.customdata) == ["narrowed", "new"]
    assert "Source Four" in footer(fig) and "Source Three" not in footer(fig)
    assert "Source Four" not in footer(sankey())


def test_crosswalk_title_names_both_frameworks_and_their_phases():
    assert crosswalk.crosswalk_title(phase_pillars("m-2007"), "en") == (
        "From Mérida (2007 focus areas) to Bicentennial (2021 goals) · Project analysis"
    )
    assert t("analysis.label", "en") in crosswalk.crosswalk_title(phase_pillars().iloc[0:0], "en")
    # Rows in any order: the earlier framework (framework_order) is the source.
    assert crosswalk.crosswalk_title(phase_pillars().iloc[::-1], "en") == TITLES["crosswalk"]


def test_sankey_summary_counts_relations():
    text = crosswalk.crosswalk_sankey_summary(phase_links(), phase_pillars())
    assert text == (
        "The project's analysis records 5 crosswalk links from Mérida to Bicentennial for the phases shown: "
        "2 continued, 1 expanded, 1 new and 1 dropped."
    )
    text = crosswalk.crosswalk_sankey_summary(phase_links("m-2007"), phase_pillars("m-2007"))
    assert text == (
        "The project's analysis records 2 crosswalk links from Mérida to Bicentennial for the phases shown: "
        "1 narrowed and 1 new."
    )
    assert crosswalk.crosswalk_sankey_summary(phase_links().iloc[0:0], phase_pillars()) == t(
        "chart.crosswalk.summary_empty", "en"
    )


# --- timeline ----------------------------------------------------------------


def timeline_fig(**options) -> go.Figure:
    options = {"start_year": 2007, "end_year": 2021, **options}
    return timeline.timeline_figure(events_df(), spans_df(), meta=META, **options)


def lane_traces(fig: go.Figure) -> list:
    return [tr for tr in fig.data if tr.meta and "lane" in tr.meta]


@pytest.mark.parametrize(
    ("lanes", "expected"),
    [
        ("category", ["Agreement", "Funding", "Dialogue"]),
        ("country", ["United States", "Bilateral"]),
    ],
)
def test_timeline_one_trace_per_lane_in_fixed_order(lanes, expected):
    fig = timeline_fig(lanes=lanes)
    traces = lane_traces(fig)
    assert [tr.name for tr in traces] == expected
    assert all(isinstance(tr, go.Scatter) and tr.mode == "markers" for tr in traces)
    assert list(fig.layout.yaxis.categoryarray) == expected


@pytest.mark.parametrize(("start", "end"), [(2007, 2021), (2006, 2024)])
def test_timeline_x_range_is_the_years(start, end):
    fig = timeline_fig(start_year=start, end_year=end)
    assert list(fig.layout.xaxis.range) == [f"{start}-01-01", f"{end}-12-31"]


def test_timeline_colour_is_country_and_symbol_is_category_open_for_partial_dates():
    fig = timeline_fig()
    by_lane = {tr.meta["lane"]: tr for tr in lane_traces(fig)}
    assert list(by_lane["agreement"].marker.color) == [COUNTRY_COLORS["bilateral"]] * 2
    assert list(by_lane["agreement"].marker.symbol) == [CATEGORY_SYMBOLS["agreement"]] * 2
    assert list(by_lane["dialogue"].marker.symbol) == [CATEGORY_SYMBOLS["dialogue"] + "-open"]
    assert list(by_lane["funding"].marker.symbol) == [CATEGORY_SYMBOLS["funding"] + "-open"]
    assert list(by_lane["funding"].marker.color) == [COUNTRY_COLORS["us"]]
    key = annotations(fig, "key")[0].text
    assert (
        key.index("United States") < key.index("Bilateral") < key.index(t("chart.timeline.partial_key", "en"))
    )
    assert COUNTRY_COLORS["us"] in key and COUNTRY_COLORS["bilateral"] in key and "Mexico" not in key
    by_category = annotations(timeline_fig(lanes="country"), "key")[0].text
    assert "◆</span> Agreement" in by_category and "⬢</span> Dialogue" in by_category


def test_timeline_customdata_and_hover():
    fig = timeline_fig()
    by_lane = {tr.meta["lane"]: tr for tr in lane_traces(fig)}
    assert list(by_lane["dialogue"].customdata[0][:4]) == [
        "e2",
        "Dialogue &lt;script&gt;alert(1)&lt;/script&gt;",
        "March 2010 (month)",
        "Source Two",
    ]
    assert list(by_lane["funding"].customdata[0][2:4]) == ["2016 (year)", "Source One; Source Two"]
    template = by_lane["dialogue"].hovertemplate
    assert all(f"%{{customdata[{i}]}}" in template for i in (1, 2, 3))


def test_timeline_selected_event_is_enlarged_ringed_and_annotated():
    fig = timeline_fig(selected_event="e4")
    agreement = next(tr for tr in lane_traces(fig) if tr.meta["lane"] == "agreement")
    assert list(agreement.marker.size) == [11, 15]  # markers are 11 px; the selected one 15 px
    assert list(agreement.marker.line.width)[1] == 3
    ring = [tr for tr in fig.data if tr.name == "selected-event"]
    assert len(ring) == 1 and ring[0].marker.size > timeline.SELECTED_SIZE
    note = annotations(fig, "selected-event")
    assert len(note) == 1 and "Bicentennial Framework agreed" in note[0].text.replace("<br>", " ")
    assert not annotations(timeline_fig(), "selected-event")


def test_timeline_presidency_bands_and_framework_periods():
    fig = timeline_fig()
    bands = shapes(fig, "presidency-")
    # Bush's clipped band cannot hold his full name, so every band shows the surname (never a mix).
    assert [s.label.text for s in bands] == ["Bush", "Obama", "Calderón"]
    assert all(s.yref == "paper" and s.y0 >= fig.layout.yaxis.domain[1] for s in bands)
    bush = bands[0]
    assert pd.Timestamp(bush.x0) == pd.Timestamp("2007-01-01")  # clipped to the range
    periods = shapes(fig, "framework-")
    labels = period_labels(fig)
    assert [a.text for a in labels.values()] == ["Mérida Initiative", "Bicentennial"]
    # MERIDA_COLOR #004488 and BICENTENNIAL_COLOR #BB5566 at the timeline's 0.07 alpha.
    assert periods[0].fillcolor == "rgba(0,68,136,0.07)"
    assert periods[1].fillcolor == "rgba(187,85,102,0.07)"
    assert "Source Nine" not in footer(fig)  # Clinton's band is outside the range, so not cited
    assert [a.text for a in annotations(fig, "band-row-")] == ["U.S.", "Mexico"]
    # The short period at the right end is labelled from its right edge, inside the figure.
    assert [a.xanchor for a in labels.values()] == ["left", "right"]
    assert [a.x for a in labels.values()] == [periods[0].x0, periods[1].x1]


def open_spans_df() -> pd.DataFrame:
    """spans_df() with the Bicentennial period left open: no source dates its end."""
    spans = spans_df()
    spans.loc[spans["span_id"] == "fw-bicentennial", "end"] = pd.NaT
    return spans


def test_timeline_open_framework_period_runs_to_the_range_end_and_says_so():
    fig = timeline.timeline_figure(events_df(), open_spans_df(), meta=META, start_year=2007, end_year=2023)
    period = next(s for s in shapes(fig, "framework-") if s.name == "framework-fw-bicentennial")
    assert pd.Timestamp(period.x0) == pd.Timestamp("2021-10-08")
    assert pd.Timestamp(period.x1) == pd.Timestamp("2023-12-31")
    labels = period_labels(fig)
    assert labels["fw-bicentennial"].text == "Bicentennial (no end date)"
    assert labels["fw-merida"].text == "Mérida Initiative"
    # An open period that starts after the range is not drawn.
    early = timeline.timeline_figure(events_df(), open_spans_df(), meta=META, start_year=2007, end_year=2020)
    assert [s.name for s in shapes(early, "framework-")] == ["framework-fw-merida"]


def test_timeline_band_labels_fall_back_to_surnames_in_narrow_bands():
    fig = timeline_fig(start_year=2008, end_year=2021)  # Bush's band is only Jan 2008 – Jan 2009
    labels = [s.label.text for s in shapes(fig, "presidency-")]
    assert labels[:2] == ["Bush", "Obama"] and not any("…" in label for label in labels)


def test_timeline_rejects_unknown_lanes():
    with pytest.raises(ValueError, match="lanes"):
        timeline_fig(lanes="theme")


def test_timeline_summary_has_the_numbers():
    assert timeline.timeline_summary(events_df(), start_year=2007, end_year=2021) == (
        "The timeline shows 4 events from 2007 to 2021; the busiest lane is Agreement (2) "
        "and the busiest year is 2008 (1)."
    )
    assert "Bilateral (3)" in timeline.timeline_summary(
        events_df(), start_year=2007, end_year=2021, lanes="country"
    )


# --- goals sunburst and table -------------------------------------------------


def sunburst(phase: str = "m-2011") -> go.Sunburst:
    return goals.goals_sunburst_figure(
        phase_objectives(phase), phase_pillars(phase), themes_df(), meta=META
    ).data[0]


def test_sunburst_hierarchy_ids_are_unique_and_follow_the_phase():
    trace = sunburst()
    assert len(set(trace.ids)) == len(trace.ids)
    assert list(trace.ids) == [
        "merida",
        "m11-1",
        "o1",
        "o2",
        "m11-2",
        "o3",
        "bicentennial",
        "b-1",
        "o4",
        "b-2",
        "o5",
        "b-3",
        "o6",
    ]
    parents = dict(zip(trace.ids, trace.parents, strict=True))
    assert parents["merida"] == "" and parents["m11-1"] == "merida" and parents["o1"] == "m11-1"
    values = dict(zip(trace.ids, trace.values, strict=True))
    assert values["merida"] == 3 and values["m11-1"] == 2 and values["o1"] == 1
    assert "o0" in sunburst("m-2007").ids and "o1" not in sunburst("m-2007").ids


def test_sunburst_colours_objectives_by_theme_and_the_rest_by_framework():
    trace = sunburst()
    colors = dict(zip(trace.ids, trace.marker.colors, strict=True))
    assert colors["merida"] == colors["m11-1"] == MERIDA_COLOR
    assert colors["b-2"] == BICENTENNIAL_COLOR
    assert colors["o1"] == "#332288" and colors["o3"] == "#117733" and colors["o4"] == "#44AA99"
    key = annotations(
        goals.goals_sunburst_figure(phase_objectives(), phase_pillars(), themes_df(), meta=META),
        "theme-key",
    )
    assert key[0].text.split("<br>") == [
        '<span style="color:#332288">■</span> Organized crime',
        '<span style="color:#117733">■</span> Rule of law',
        '<span style="color:#44AA99">■</span> Public health',
    ]


def test_sunburst_customdata_and_escaped_hover():
    trace = sunburst()
    data = dict(zip(trace.ids, trace.customdata, strict=True))
    assert data["o4"] == "o4" and data["b-1"] == "" and data["merida"] == ""
    hover = dict(zip(trace.ids, trace.hovertext, strict=True))
    assert "&lt;script&gt;" in hover["o4"] and "Public health" in hover["o4"]
    assert "&lt;a href=" in hover["o1"].replace("<br>", " ")
    assert "&lt;b&gt;groups&lt;/b&gt;" in hover["m11-1"].replace("<br>", " ")


def test_goals_table_frame_joins_theme_labels_and_sources():
    table = goals.goals_table_frame(phase_objectives(), themes_df(), source_names=dict(META.source_names))
    assert list(table.columns) == list(goals.GOALS_TABLE_COLUMNS)
    assert list(table["objective_id"]) == ["o1", "o2", "o3", "o4", "o5", "o6"]
    first = table.iloc[0]
    assert first["framework"] == "Mérida"
    assert first["pillar"] == "1. Disrupt <b>groups</b>"  # plain text for st.dataframe, not Plotly
    assert first["themes"] == "Organized crime, Rule of law"
    assert first["sources"] == "Source One"
    assert goals.goals_table_frame(phase_objectives().iloc[0:0], themes_df()).empty
    assert set(goals.goals_table_columns("en")) == set(goals.GOALS_TABLE_COLUMNS)


def test_sunburst_summary_has_the_numbers():
    text = goals.goals_sunburst_summary(phase_objectives(), phase_pillars(), themes_df())
    assert text == (
        "Mérida (2011 pillars) has 3 objectives under 2 pillars and Bicentennial (2021 goals) has 3 objectives "
        "under 3 goals; the colour most segments wear is Organized crime (3 of 6 objectives; each is coloured "
        "by the selected theme it carries, else its first theme)."
    )


def test_sunburst_summary_names_tied_themes():
    objectives = phase_objectives()
    text = goals.goals_sunburst_summary(
        objectives[objectives["objective_id"] != "o5"], phase_pillars(), themes_df()
    )
    assert text.endswith(
        "the colours most segments wear are Organized crime and Rule of law (2 of 5 objectives each; each is "
        "coloured by the selected theme it carries, else its first theme)."
    )


def test_sunburst_colours_objectives_by_the_selected_theme_they_carry():
    """o1 carries Organized crime first and Rule of law second: selecting Rule of law colours it so."""
    objectives = phase_objectives()
    plain = goals.goals_sunburst_figure(objectives, phase_pillars(), themes_df(), meta=META).data[0]
    picked = goals.goals_sunburst_figure(
        objectives, phase_pillars(), themes_df(), meta=META, highlight_themes=["t-law"]
    ).data[0]
    colour = dict(zip(themes_df()["theme_id"], themes_df()["color"], strict=True))
    assert dict(zip(plain.ids, plain.marker.colors, strict=True))["o1"] == colour["t-crime"]
    assert dict(zip(picked.ids, picked.marker.colors, strict=True))["o1"] == colour["t-law"]
    # Objectives without the selected theme keep their first theme's colour.
    assert dict(zip(picked.ids, picked.marker.colors, strict=True))["o2"] == colour["t-crime"]
    text = goals.goals_sunburst_summary(objectives, phase_pillars(), themes_df(), highlight_themes=["t-law"])
    assert "Rule of law" in text.split(";")[1]


# --- framework comparison ----------------------------------------------------


def test_comparison_draws_two_columns_of_cards_with_their_objectives():
    fig = comparison.framework_comparison_figure(phase_pillars(), phase_objectives(), meta=META)
    assert [s.name for s in shapes(fig, "card-")] == [
        f"card-{p}" for p in ("m11-1", "m11-2", "b-1", "b-2", "b-3")
    ]
    left = [s for s in shapes(fig, "card-") if s.x1 <= 1]
    assert len(left) == 2 and all(s.line.color == MERIDA_COLOR for s in left)
    right = [s for s in shapes(fig, "card-") if s.x0 >= 1]
    assert len(right) == 3 and all(s.line.color == BICENTENNIAL_COLOR for s in right)
    headers = annotations(fig, "column-")
    assert [a.name for a in headers] == ["column-merida", "column-bicentennial"]
    assert "2 pillars · 3 objectives" in headers[0].text and "3 goals · 3 objectives" in headers[1].text
    card = next(a for a in annotations(fig, "pillar-") if a.name == "pillar-m11-1").text
    assert "&lt;b&gt;groups&lt;/b&gt;" in card and "• Disrupt" in card and "• Seize assets" in card
    assert "&lt;script&gt;" in next(a for a in annotations(fig, "pillar-") if a.name == "pillar-b-2").text
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_comparison_height_follows_content():
    few = comparison.framework_comparison_figure(
        phase_pillars("m-2007"), phase_objectives("m-2007"), meta=META
    )
    more = comparison.framework_comparison_figure(
        phase_pillars("m-2011"), phase_objectives("m-2011"), meta=META
    )
    assert list(more.layout.yaxis.range)[1] == 0 and more.layout.yaxis.range[0] > 0
    assert more.layout.height >= few.layout.height


def test_comparison_summary_has_the_numbers():
    text = comparison.framework_comparison_summary(phase_pillars(), phase_objectives())
    assert text == (
        "Side by side, Mérida (2011 pillars) has 2 pillars with 3 objectives and Bicentennial (2021 goals) "
        "has 3 goals with 3 objectives."
    )
    assert comparison.framework_comparison_summary(phase_pillars().iloc[0:0], phase_objectives()) == t(
        "chart.comparison.summary_empty", "en"
    )


def test_comparison_puts_the_earlier_framework_left_whatever_the_row_order():
    fig = comparison.framework_comparison_figure(phase_pillars().iloc[::-1], phase_objectives(), meta=META)
    assert [a.name for a in annotations(fig, "column-")] == ["column-merida", "column-bicentennial"]
    assert "Mérida and Bicentennial side by side" in fig.layout.title.text
    # A later pair, rows given latest first: the Bicentennial goals still come first, in the left column.
    goals_only = phase_pillars()[phase_pillars()["framework_id"] == "bicentennial"]
    later = goals_only.assign(
        framework_id="later",
        framework_short="Later",
        framework_order=2,
        framework_color="#DDAA33",
        phase_id="l-2025",
        pillar_id=lambda f: "l" + f["pillar_id"],
    )
    pillars = pd.concat([later, goals_only])
    fig = comparison.framework_comparison_figure(pillars, later_pair_objectives(), meta=META)
    assert [a.name for a in annotations(fig, "column-")] == ["column-bicentennial", "column-later"]
    assert "Bicentennial and Later side by side" in fig.layout.title.text


# --- outcome indicators ------------------------------------------------------


def indicator_fig(ids=("homicides", "funding"), events=("e1", "e4")) -> go.Figure:
    return outcomes.indicator_figure(
        indicators_df(), spans_df(), events_df(), meta=META, indicator_ids=list(ids), key_event_ids=events
    )


def data_traces(fig: go.Figure) -> list:
    return [tr for tr in fig.data if tr.meta and "indicator" in tr.meta]


def test_indicators_one_row_per_indicator_with_unit_axes():
    fig = indicator_fig()
    traces = data_traces(fig)
    assert [tr.meta["indicator"] for tr in traces] == ["homicides", "funding"]
    assert [tr.yaxis for tr in traces] == ["y", "y2"]
    assert fig.layout.yaxis.title.text == "deaths" and fig.layout.yaxis2.title.text == "billion US$"
    assert [a.text for a in fig.layout.annotations[:2]] == ["Homicides", "Funding"]  # subplot titles
    assert traces[0].line.color == COUNTRY_COLORS["mx"] and traces[1].line.color == COUNTRY_COLORS["us"]
    assert all(tr.mode == "lines+markers" for tr in traces)


def test_indicators_missing_years_are_gaps_never_interpolated():
    homicides = data_traces(indicator_fig())[0]
    assert homicides.connectgaps is False
    assert list(homicides.y) == [8867, 14006, None, 25757, 27213]
    assert [pd.Timestamp(x).year for x in homicides.x] == [2007, 2008, 2009, 2010, 2011]


def test_indicators_as_reported_series_plot_only_their_points():
    funding = data_traces(indicator_fig())[1]
    assert list(funding.y) == [2.5, 2.75]
    assert [pd.Timestamp(x) for x in funding.x] == [pd.Timestamp("2015-09-30"), pd.Timestamp("2017-06-30")]
    assert funding.customdata[0][0] == "as of September 30, 2015"


def test_indicators_preliminary_values_are_open_and_say_so():
    fig = indicator_fig()
    homicides = data_traces(fig)[0]
    assert list(homicides.marker.symbol)[-1] == STATUS_SYMBOLS["preliminary"]
    assert list(homicides.marker.symbol)[0] == STATUS_SYMBOLS["final"]
    assert homicides.customdata[-1][3] == t("chart.indicators.preliminary_note", "en")
    assert "&lt;b&gt;revised&lt;/b&gt;" in homicides.customdata[-1][4]
    key = annotations(fig, "status-key")[0].text
    assert "●</span> " + t("chart.indicators.key_final", "en") in key
    assert "○</span> " + t("chart.indicators.key_preliminary", "en") in key
    assert not annotations(indicator_fig(ids=["funding"]), "status-key")  # no preliminary values, no key


def test_indicators_framework_periods_and_key_events():
    fig = indicator_fig()
    periods = shapes(fig, "framework-")
    assert [s.name for s in periods] == ["framework-fw-merida", "framework-fw-bicentennial"]
    labels = period_labels(fig)
    assert [a.text for a in labels.values()] == ["Mérida Initiative", "Bicentennial"]
    # Both labels fit to the right of their band's start, inside the axis range.
    assert [a.xanchor for a in labels.values()] == ["left", "left"]
    assert [a.yanchor for a in labels.values()] == ["top", "top"]  # along the top, above the events
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    for label in labels.values():
        share = (pd.Timestamp(label.x) - low) / (high - low)
        assert share + len(label.text) * helpers.LABEL_CHAR_SHARE <= 1
    lines = [s for s in shapes(fig, "event-") if s.type == "line"]
    assert [s.line.dash for s in lines] == ["dot", "dot"]
    assert [a.text for a in annotations(fig, "event-")] == [
        "Mérida signed",
        "Bicentennial Framework agreed",
    ]  # the short title (here the title itself), never cut
    assert "Source Three" in footer(fig)  # cited by the funding values and by event e4


def test_indicators_open_framework_period_runs_to_the_last_value_and_says_so():
    indicators = indicators_df()
    later = indicators.iloc[[3]].assign(year=2023, x=pd.Timestamp(2023, 7, 1), status="final", note="")
    fig = outcomes.indicator_figure(
        pd.concat([indicators, later], ignore_index=True),
        open_spans_df(),
        events_df(),
        meta=META,
        indicator_ids=["homicides"],
    )
    period = next(s for s in shapes(fig, "framework-") if s.name == "framework-fw-bicentennial")
    assert pd.Timestamp(period.x0) == pd.Timestamp("2021-10-08")
    assert pd.Timestamp(period.x1) == pd.Timestamp("2023-07-01")
    assert period_labels(fig)["fw-bicentennial"].text == "Bicentennial (no end date)"
    assert period.fillcolor == "rgba(187,85,102,0.08)"  # BICENTENNIAL_COLOR at the outcomes chart's 0.08


def test_indicators_never_shade_a_framework_period_before_it_starts():
    """The values end in 2017; an open period from 2025 has nothing to shade, and never what came before it."""
    spans = open_spans_df()
    later = spans[spans["span_id"] == "fw-bicentennial"].assign(
        span_id="fw-later", label="Later", start=pd.Timestamp("2025-09-03")
    )
    spans = pd.concat([spans, later], ignore_index=True)
    fig = outcomes.indicator_figure(indicators_df(), spans, events_df(), meta=META, indicator_ids=["funding"])
    starts = dict(zip(spans["span_id"], spans["start"], strict=True))
    drawn = shapes(fig, "framework-")
    assert drawn
    for shape in drawn:
        start = starts[shape.name.removeprefix("framework-")]
        assert start <= pd.Timestamp(shape.x0) <= pd.Timestamp(shape.x1), shape.name


def test_indicator_series_inserts_none_rows_only_between_first_and_last_year():
    series = outcomes.indicator_series(indicators_df(), "homicides")
    assert list(series["year"]) == [2007, 2008, 2009, 2010, 2011]
    assert series["value"].tolist()[2] is None


def test_indicator_summary_has_the_numbers():
    text = outcomes.indicator_summary(indicators_df(), indicator_ids=["homicides", "funding"])
    assert text == (
        "Homicides went from 8,867 deaths (2007) to 27,213 deaths (2011, preliminary), with 1 year missing; "
        "Funding went from 2.5 billion US$ (as of September 30, 2015) to 2.75 billion US$ (as of June 30, 2017)."
    )
    assert outcomes.indicator_summary(indicators_df(), indicator_ids=[]) == t(
        "chart.indicators.summary_empty", "en"
    )


# --- the shipped dataset ---------------------------------------------------------------------------
# Expected values here are counted by hand from the shipped YAML, never computed by the code under test
# (the loader, frames, components/view.py and the builders). When the data changes, change them with it.

# (compared frameworks, shown phases) -> (pillars, objectives, crosswalk links) of that view.
# Pillars and objectives: the `- id:` entries under each phase in data/frameworks/*.yaml
#   merida-2007: 5 focus areas, 6 objectives; merida-2011: 4 pillars, 11 objectives;
#   bicentennial-2021: 3 goals, 10 objectives; program-2025-2025: 4 priority areas, 12 objectives.
# Links: data/crosswalk.yaml by from_id/to_id: 14 from the 2011 pillars, 5 from the 2007 focus areas and
#   2 'new' (from_id null) into the Bicentennial goals, which belong to both Mérida phases; 14 from the
#   Bicentennial goals to the 2025 program. Non-consecutive frameworks have no crosswalk.
SHIPPED_VIEWS = {
    (("merida", "bicentennial"), ("merida-2007", "bicentennial-2021")): (5 + 3, 6 + 10, 5 + 2),
    (("merida", "bicentennial"), ("merida-2011", "bicentennial-2021")): (4 + 3, 11 + 10, 14 + 2),
    (("merida", "program-2025"), ("merida-2007", "program-2025-2025")): (5 + 4, 6 + 12, 0),
    (("merida", "program-2025"), ("merida-2011", "program-2025-2025")): (4 + 4, 11 + 12, 0),
    (("bicentennial", "program-2025"), ("bicentennial-2021", "program-2025-2025")): (3 + 4, 10 + 12, 14),
}
# merida-2007-counterterrorism is the one pillar without objectives (data/frameworks/merida.yaml).
PILLARS_WITHOUT_OBJECTIVES = {"merida-2007": 1}
# `color:` in data/frameworks/*.yaml and data/themes.yaml.
SHIPPED_FRAMEWORK_COLORS = {"merida": "#004488", "bicentennial": "#BB5566", "program-2025": "#997700"}
SHIPPED_THEME_COLORS = {
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
    "#CC6677", "#882255", "#AA4499", "#E69F00", "#0072B2", "#666666",
}  # fmt: skip
# The files in data/indicators/.
SHIPPED_INDICATORS = ["merida-cumulative-appropriations", "mexico-homicides", "us-overdose-deaths"]


@pytest.fixture(scope="module")
def real():
    """Frames of the shipped data directory."""
    from components.data.loader import load_dataset

    return fr.build_frames(load_dataset().dataset)


@pytest.fixture(scope="module")
def real_meta(real):
    return FigureMeta(
        subtitle=META.subtitle,
        dashboard=META.dashboard,
        data_date=META.data_date,
        source_names=tuple(zip(real.sources["source_id"], real.sources["short"], strict=True)),
    )


def real_views(real) -> list[view.View]:
    """Every view of SHIPPED_VIEWS, as components/view.py selects it."""
    views = []
    for pair, phases in SHIPPED_VIEWS:
        selected = view.select_view(real, Filters(compare=pair, phases=phases))
        assert (selected.framework_ids, selected.phase_ids) == (pair, phases)
        views.append(selected)
    return views


def test_real_data_views_are_the_hand_counted_ones(real):
    """The table above covers every shipped phase, and each view holds exactly the counted rows."""
    phases = set(zip(real.phases["framework_id"], real.phases["phase_id"], strict=True))
    assert phases == {
        ("merida", "merida-2007"),
        ("merida", "merida-2011"),
        ("bicentennial", "bicentennial-2021"),
        ("program-2025", "program-2025-2025"),
    }
    for selected, (n_pillars, n_objectives, n_links) in zip(
        real_views(real), SHIPPED_VIEWS.values(), strict=True
    ):
        counted = (len(selected.pillars), len(selected.objectives), len(selected.crosswalk))
        assert counted == (n_pillars, n_objectives, n_links), selected.phase_ids
        assert selected.consecutive == (n_links > 0), selected.phase_ids


def test_real_data_every_builder_draws_the_counted_rows(real, real_meta):
    """Each builder draws every pillar, objective and link of a shipped view; only a missing crosswalk is empty."""
    for selected, (n_pillars, n_objectives, n_links) in zip(
        real_views(real), SHIPPED_VIEWS.values(), strict=True
    ):
        bars = coverage.theme_coverage_figure(selected.objectives, real.themes, meta=real_meta)
        assert not is_empty_state(bars) and len(bars.data) == 2, selected.phase_ids
        flows = crosswalk.crosswalk_sankey_figure(selected.crosswalk, selected.pillars, meta=real_meta)
        assert is_empty_state(flows) == (n_links == 0), selected.phase_ids
        if n_links:
            assert sum(flows.data[0].link.value) == n_links, selected.phase_ids
        rings = goals.goals_sunburst_figure(
            selected.objectives, selected.pillars, real.themes, meta=real_meta
        )
        # Segments are sized by objectives, so a pillar without objectives has none.
        segments = 2 + n_pillars - sum(PILLARS_WITHOUT_OBJECTIVES.get(p, 0) for p in selected.phase_ids)
        assert len(rings.data[0].ids) == segments + n_objectives, selected.phase_ids
        cards = comparison.framework_comparison_figure(selected.pillars, selected.objectives, meta=real_meta)
        assert len(shapes(cards, "card-")) == n_pillars, selected.phase_ids
        for fig in (bars, flows, rings, cards):
            assert fig.layout.title.text and any(a.name == "footer" for a in fig.layout.annotations)


def test_real_data_timeline_and_indicators_are_drawn(real, real_meta):
    for start, end in [(2007, 2021), (2006, 2026)]:
        fig = timeline.timeline_figure(
            real.events, real.spans, meta=real_meta, start_year=start, end_year=end
        )
        assert not is_empty_state(fig) and lane_traces(fig)
        assert fig.layout.title.text and any(a.name == "footer" for a in fig.layout.annotations)
    fig = outcomes.indicator_figure(
        real.indicators, real.spans, real.events, meta=real_meta, indicator_ids=SHIPPED_INDICATORS
    )
    assert [tr.meta["indicator"] for tr in data_traces(fig)] == SHIPPED_INDICATORS


def test_real_data_colours_come_from_the_framework_files(real, real_meta):
    for selected in real_views(real):
        fig = coverage.theme_coverage_figure(selected.objectives, real.themes, meta=real_meta)
        assert [tr.marker.color for tr in fig.data] == [
            SHIPPED_FRAMEWORK_COLORS[f] for f in selected.framework_ids
        ]
        fig = goals.goals_sunburst_figure(selected.objectives, selected.pillars, real.themes, meta=real_meta)
        colors = dict(zip(fig.data[0].ids, fig.data[0].marker.colors, strict=True))
        for framework_id in selected.framework_ids:
            assert colors[framework_id] == SHIPPED_FRAMEWORK_COLORS[framework_id]
        objective_colors = {colors[o] for o in selected.objectives["objective_id"]}
        assert objective_colors <= SHIPPED_THEME_COLORS, objective_colors - SHIPPED_THEME_COLORS
    fig = timeline.timeline_figure(real.events, real.spans, meta=real_meta, start_year=2006, end_year=2026)
    for trace in lane_traces(fig):
        assert set(trace.marker.color) <= set(COUNTRY_COLORS.values())
    # Each framework period is shaded in its framework's colour at the timeline's 0.07 alpha.
    assert {s.name: s.fillcolor for s in shapes(fig, "framework-")} == {
        "framework-framework-merida": "rgba(0,68,136,0.07)",
        "framework-framework-bicentennial": "rgba(187,85,102,0.07)",
        "framework-framework-program-2025": "rgba(153,119,0,0.07)",
    }


def test_real_data_summaries_are_one_sentence(real):
    texts = []
    for selected in real_views(real):
        texts += [
            coverage.theme_coverage_summary(selected.objectives, real.themes),
            crosswalk.crosswalk_sankey_summary(selected.crosswalk, selected.pillars),
            goals.goals_sunburst_summary(selected.objectives, selected.pillars, real.themes),
            comparison.framework_comparison_summary(selected.pillars, selected.objectives),
        ]
    texts += [
        timeline.timeline_summary(real.events, start_year=2007, end_year=2021),
        outcomes.indicator_summary(
            real.indicators, indicator_ids=list(real.indicators["indicator_id"].unique())
        ),
    ]
    for text in texts:
        assert text.endswith(".") and "\n" not in text, text


def test_period_labels_that_would_collide_take_separate_rows():
    """Two recent periods at the right end: both labels stay inside, on two rows, never overlapping."""
    spans = open_spans_df()
    later = spans[spans["span_id"] == "fw-bicentennial"].assign(
        span_id="fw-later", label="A later program", start=pd.Timestamp("2022-09-03")
    )
    fig = timeline.timeline_figure(
        events_df(), pd.concat([spans, later], ignore_index=True), meta=META, start_year=2007, end_year=2023
    )
    labels = period_labels(fig)
    assert labels["fw-bicentennial"].yshift != labels["fw-later"].yshift
    assert labels["fw-merida"].yshift == labels["fw-bicentennial"].yshift  # far apart: one row
    assert labels["fw-later"].xanchor == "right"
    # Room above the first lane (y = 0; lanes are lane_px apart) for both rows of labels.
    assert -fig.layout.yaxis.range[1] * timeline.WIDE.lane_px >= 2 * timeline.PERIOD_ROW_PX


def test_records_are_the_rows_as_plain_dicts():
    from components.data.frames import records

    frame = pd.DataFrame({"id": ["a", "b"], "n": [1, 2], "themes": [("t1",), ()], "flag": [True, False]})
    assert records(frame) == [
        {"id": "a", "n": 1, "themes": ("t1",), "flag": True},
        {"id": "b", "n": 2, "themes": (), "flag": False},
    ]
    assert type(records(frame)[0]["n"]) is int
    assert records(frame.iloc[:0]) == []
