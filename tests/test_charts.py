"""Figure builders, tested by their contents (traces, layout, annotations), never by pixels.

Hand-made frames with the documented columns make every assertion deterministic; the shipped dataset
(which may still be incomplete) is run through every builder as a smoke test.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.charts import comparison, coverage, crosswalk, goals, helpers, outcomes, timeline
from components.charts.style import (
    CATEGORY_SYMBOLS,
    COUNTRY_COLORS,
    FRAMEWORK_COLORS,
    RELATION_COLORS,
    RELATION_ORDER,
    STATUS_SYMBOLS,
    FigureMeta,
    is_empty_state,
)
from components.data import frames as fr
from components.i18n import t

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
    for row in rows:
        row["themes"] = ("t-crime",)
        row["sources"] = ("s1",) if row["framework_id"] == "merida" else ("s2",)
    return frame(rows, fr.PILLAR_COLUMNS, n_objectives=0, title_verbatim=False, summary_verbatim=False)


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


def phase_objectives(phase: str = "m-2011") -> pd.DataFrame:
    objectives = objectives_df()
    return objectives[(objectives["phase_id"] == phase) | (objectives["framework_id"] != "merida")]


def crosswalk_df() -> pd.DataFrame:
    labels = {row[5]: f"{row[6]}. {row[7]}" for row in PILLAR_ROWS}
    phases = {row[5]: row[2] for row in PILLAR_ROWS}
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
            "from_id": source,
            "from_label": labels.get(source, ""),
            "from_pillar_id": source,
            "from_pillar_label": labels.get(source, ""),
            "from_phase_id": phases.get(source, ""),
            "to_id": target,
            "to_label": labels.get(target, ""),
            "to_pillar_id": target,
            "to_pillar_label": labels.get(target, ""),
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
        "chart.coverage.title_count",
        ["Source One", "Source Two", "Source Three"],
    ),
    "crosswalk": (
        lambda: crosswalk.crosswalk_sankey_figure(
            crosswalk_df(), pillars_df(), meta=META, merida_phase="m-2011"
        ),
        lambda: crosswalk.crosswalk_sankey_figure(
            crosswalk_df().iloc[0:0], pillars_df(), meta=META, merida_phase="m-2011"
        ),
        "chart.crosswalk.new_node",  # placeholder; the title is checked in its own test
        ["Source One", "Source Two", "Source Three"],
    ),
    "timeline": (
        lambda: timeline.timeline_figure(events_df(), spans_df(), meta=META, start_year=2007, end_year=2021),
        lambda: timeline.timeline_figure(
            events_df().iloc[0:0], spans_df(), meta=META, start_year=2007, end_year=2021
        ),
        "chart.timeline.title",
        ["Source One", "Source Two", "Source Three"],
    ),
    "goals": (
        lambda: goals.goals_sunburst_figure(
            objectives_df(), pillars_df(), themes_df(), meta=META, merida_phase="m-2011"
        ),
        lambda: goals.goals_sunburst_figure(
            objectives_df().iloc[0:0], pillars_df(), themes_df(), meta=META, merida_phase="m-2011"
        ),
        "chart.goals.title",
        ["Source One", "Source Two", "Source Three"],
    ),
    "comparison": (
        lambda: comparison.framework_comparison_figure(
            pillars_df(), objectives_df(), meta=META, merida_phase="m-2011"
        ),
        lambda: comparison.framework_comparison_figure(
            pillars_df().iloc[0:0], objectives_df().iloc[0:0], meta=META, merida_phase="m-2011"
        ),
        "chart.comparison.title",
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
        "chart.indicators.title",
        ["Source One", "Source Two"],
    ),
}
TITLES = {
    "coverage": t("chart.coverage.title_count", "en"),
    "crosswalk": t("chart.crosswalk.title", "en", phase="2011 pillars", analysis=t("analysis.label", "en")),
    "timeline": t("chart.timeline.title", "en", start=2007, end=2021),
    "goals": t("chart.goals.title", "en"),
    "comparison": t("chart.comparison.title", "en"),
    "indicators": t("chart.indicators.title", "en"),
}


def footer(fig: go.Figure) -> str:
    return next(a.text for a in fig.layout.annotations if a.name == "footer")


def annotations(fig: go.Figure, prefix: str) -> list:
    return [a for a in fig.layout.annotations if (a.name or "").startswith(prefix)]


def shapes(fig: go.Figure, prefix: str) -> list:
    return [s for s in fig.layout.shapes if (s.name or "").startswith(prefix)]


@pytest.mark.parametrize("name", BUILDERS)
def test_every_figure_carries_title_subtitle_and_footer(name):
    """Title from t(), subtitle = the active filters, footer = source short names, dashboard and data date."""
    build, _, _, sources = BUILDERS[name]
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
    _, build_empty, _, _ = BUILDERS[name]
    fig = build_empty()
    assert is_empty_state(fig)
    assert fig.data == ()
    message = next(a.text for a in fig.layout.annotations if a.name == "empty-state")
    assert "2007–2021" in message and TITLES[name] in fig.layout.title.text


@pytest.mark.parametrize("name", BUILDERS)
def test_no_raw_html_from_data_reaches_plotly(name):
    """'<script>' and '<a href' from data never appear unescaped anywhere in the figure."""
    build = BUILDERS[name][0]
    dumped = build().to_json()
    assert "<script" not in dumped and "<a href" not in dumped


# --- theme coverage ----------------------------------------------------------


def test_coverage_draws_one_bar_trace_per_framework_in_fixed_colours():
    fig = coverage.theme_coverage_figure(phase_objectives(), themes_df(), meta=META)
    assert [type(tr) for tr in fig.data] == [go.Bar, go.Bar]
    assert [tr.name for tr in fig.data] == ["Mérida", "Bicentennial"]
    assert [tr.marker.color for tr in fig.data] == [
        FRAMEWORK_COLORS["merida"],
        FRAMEWORK_COLORS["bicentennial"],
    ]
    assert all(tr.orientation == "h" for tr in fig.data)
    assert fig.layout.barmode == "group"
    assert list(fig.layout.yaxis.categoryarray) == ["Organized crime", "Rule of law", "Public health"]
    assert fig.data[1].marker.pattern.shape == "/"  # a second cue besides colour
    key = annotations(fig, "key")[0].text
    assert f'<span style="color:{FRAMEWORK_COLORS["merida"]}">■</span> Mérida' in key
    assert f'<span style="color:{FRAMEWORK_COLORS["bicentennial"]}">▨</span> Bicentennial' in key


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
    assert data.groupby("framework_id")["share"].sum().round(9).tolist() == [1.0, 1.0]
    fig = coverage.theme_coverage_figure(objectives_df(), themes_df(), meta=META, measure="share")
    assert all(round(sum(tr.x), 6) == 100 for tr in fig.data)


def test_coverage_highlight_fades_other_themes_and_bolds_the_highlighted():
    fig = coverage.theme_coverage_figure(
        phase_objectives(), themes_df(), meta=META, highlight_themes=["t-law"]
    )
    for trace in fig.data:
        assert list(trace.marker.opacity) == [coverage.FADED_OPACITY, 1.0, coverage.FADED_OPACITY]
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
        crosswalk_df(), pillars_df(), meta=META, merida_phase=phase, highlight_themes=highlight
    )


def test_sankey_nodes_pillars_in_order_with_new_and_dropped():
    fig = sankey()
    assert len(fig.data) == 1 and isinstance(fig.data[0], go.Sankey)
    labels = [label.replace("<br>", " ") for label in fig.data[0].node.label]
    assert labels == [
        "1. Disrupt &lt;b&gt;groups&lt;/b&gt;",
        "2. Institutionalize rule of law",
        t("chart.crosswalk.new_node", "en"),
        "1. Protect people",
        "2. Prevent crime &lt;script&gt;alert(1)&lt;/script&gt;",
        "3. Pursue networks",
        t("chart.crosswalk.dropped_node", "en"),
    ]
    assert fig.data[0].node.color[0] == FRAMEWORK_COLORS["merida"]
    assert fig.data[0].node.color[3] == FRAMEWORK_COLORS["bicentennial"]
    assert fig.data[0].node.color[2] == RELATION_COLORS["new"]
    assert fig.data[0].node.color[6] == RELATION_COLORS["dropped"]


def test_sankey_links_aggregate_to_pillars_and_colour_by_relation():
    link = sankey().data[0].link
    drawn = list(zip(link.source, link.target, link.value, [c[4] for c in link.customdata], strict=True))
    assert drawn == [(0, 5, 2, "continued"), (1, 3, 1, "expanded"), (1, 6, 1, "dropped"), (2, 4, 1, "new")]
    assert list(link.color) == [
        helpers.rgba(RELATION_COLORS[relation], crosswalk.LINK_ALPHA) for *_, relation in drawn
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
    assert alphas == {
        "continued": f"{crosswalk.FADED_ALPHA:g}",
        "expanded": f"{crosswalk.LINK_ALPHA:g}",
        "dropped": f"{crosswalk.FADED_ALPHA:g}",
        "new": f"{crosswalk.LINK_ALPHA:g}",
    }


def test_sankey_keys_relations_in_colour_and_says_it_is_analysis():
    fig = sankey()
    keys = annotations(fig, "relation-key-")
    assert [a.name for a in keys] == [f"relation-key-{r}" for r in RELATION_ORDER]
    for key, relation in zip(keys, RELATION_ORDER, strict=True):
        assert RELATION_COLORS[relation] in key.text and t(f"relation.{relation}", "en") in key.text
    assert t("analysis.label", "en") in fig.layout.title.text


def test_sankey_only_draws_links_of_the_chosen_phase():
    fig = sankey("m-2007")
    link = fig.data[0].link
    assert sorted(c[4] for c in link.customdata) == ["narrowed", "new"]
    assert "Source Four" in footer(fig) and "Source Three" not in footer(fig)
    assert "Source Four" not in footer(sankey())


def test_sankey_summary_counts_relations():
    text = crosswalk.crosswalk_sankey_summary(crosswalk_df(), merida_phase="m-2011")
    assert text == (
        "The project's analysis records 5 crosswalk links for this Mérida phase: "
        "2 continued, 1 expanded, 1 new and 1 dropped."
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
        "2010-03 (month)",
        "Source Two",
    ]
    assert list(by_lane["funding"].customdata[0][2:4]) == ["2016 (year)", "Source One; Source Two"]
    template = by_lane["dialogue"].hovertemplate
    assert all(f"%{{customdata[{i}]}}" in template for i in (1, 2, 3))


def test_timeline_selected_event_is_enlarged_ringed_and_annotated():
    fig = timeline_fig(selected_event="e4")
    agreement = next(tr for tr in lane_traces(fig) if tr.meta["lane"] == "agreement")
    assert list(agreement.marker.size) == [timeline.MARKER_SIZE, timeline.SELECTED_SIZE]
    assert list(agreement.marker.line.width)[1] == 3
    ring = [tr for tr in fig.data if tr.name == "selected-event"]
    assert len(ring) == 1 and ring[0].marker.size > timeline.SELECTED_SIZE
    note = annotations(fig, "selected-event")
    assert len(note) == 1 and "Bicentennial Framework agreed" in note[0].text.replace("<br>", " ")
    assert not annotations(timeline_fig(), "selected-event")


def test_timeline_presidency_bands_and_framework_periods():
    fig = timeline_fig()
    bands = shapes(fig, "presidency-")
    assert [s.label.text for s in bands] == ["George W. Bush", "Barack Obama", "Felipe Calderón"]
    assert all(s.yref == "paper" and s.y0 >= timeline.PLOT_TOP for s in bands)
    bush = bands[0]
    assert pd.Timestamp(bush.x0) == pd.Timestamp("2007-01-01")  # clipped to the range
    periods = shapes(fig, "framework-")
    assert [s.label.text for s in periods] == ["Mérida Initiative", "Bicentennial"]
    assert periods[0].fillcolor == helpers.rgba(FRAMEWORK_COLORS["merida"], timeline.FRAMEWORK_ALPHA)
    assert "Source Nine" not in footer(fig)  # Clinton's band is outside the range, so not cited
    assert [a.text for a in annotations(fig, "band-row-")] == ["U.S.", "Mexico"]
    assert [s.label.textposition for s in periods] == ["top left", "top right"]


def test_timeline_band_labels_are_cut_to_fit_narrow_bands():
    fig = timeline_fig(start_year=2008, end_year=2021)  # Bush's band is only Jan 2008 – Jan 2009
    labels = [s.label.text for s in shapes(fig, "presidency-")]
    assert labels[0] != "George W. Bush" and labels[0].endswith("…") and labels[1] == "Barack Obama"


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
        objectives_df(), pillars_df(), themes_df(), meta=META, merida_phase=phase
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
    assert colors["merida"] == colors["m11-1"] == FRAMEWORK_COLORS["merida"]
    assert colors["b-2"] == FRAMEWORK_COLORS["bicentennial"]
    assert colors["o1"] == "#332288" and colors["o3"] == "#117733" and colors["o4"] == "#44AA99"
    key = annotations(
        goals.goals_sunburst_figure(
            objectives_df(), pillars_df(), themes_df(), meta=META, merida_phase="m-2011"
        ),
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
    text = goals.goals_sunburst_summary(objectives_df(), pillars_df(), themes_df(), merida_phase="m-2011")
    assert text == (
        "Mérida (2011 pillars) has 3 objectives under 2 pillars and Bicentennial (2021 goals) has 3 objectives "
        "under 3 goals; the most common primary theme is Organized crime (3 of 6 objectives)."
    )


def test_sunburst_summary_names_tied_themes():
    objectives = objectives_df()
    text = goals.goals_sunburst_summary(
        objectives[objectives["objective_id"] != "o5"], pillars_df(), themes_df(), merida_phase="m-2011"
    )
    assert text.endswith(
        "the most common primary themes are Organized crime and Rule of law (2 of 5 objectives each)."
    )


# --- framework comparison ----------------------------------------------------


def test_comparison_draws_two_columns_of_cards_with_their_objectives():
    fig = comparison.framework_comparison_figure(
        pillars_df(), objectives_df(), meta=META, merida_phase="m-2011"
    )
    assert [s.name for s in shapes(fig, "card-")] == [
        f"card-{p}" for p in ("m11-1", "m11-2", "b-1", "b-2", "b-3")
    ]
    left = [s for s in shapes(fig, "card-") if s.x1 <= 1]
    assert len(left) == 2 and all(s.line.color == FRAMEWORK_COLORS["merida"] for s in left)
    headers = annotations(fig, "column-")
    assert [a.name for a in headers] == ["column-merida", "column-bicentennial"]
    assert "2 pillars · 3 objectives" in headers[0].text and "3 goals · 3 objectives" in headers[1].text
    card = next(a for a in annotations(fig, "pillar-") if a.name == "pillar-m11-1").text
    assert "&lt;b&gt;groups&lt;/b&gt;" in card and "• Disrupt" in card and "• Seize assets" in card
    assert "&lt;script&gt;" in next(a for a in annotations(fig, "pillar-") if a.name == "pillar-b-2").text
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_comparison_height_follows_content():
    few = comparison.framework_comparison_figure(
        pillars_df(), objectives_df(), meta=META, merida_phase="m-2007"
    )
    more = comparison.framework_comparison_figure(
        pillars_df(), objectives_df(), meta=META, merida_phase="m-2011"
    )
    assert list(more.layout.yaxis.range)[1] == 0 and more.layout.yaxis.range[0] > 0
    assert more.layout.height >= few.layout.height


def test_comparison_summary_has_the_numbers():
    text = comparison.framework_comparison_summary(pillars_df(), objectives_df(), merida_phase="m-2011")
    assert text == (
        "Side by side, Mérida (2011 pillars) has 2 pillars with 3 objectives and Bicentennial (2021 goals) "
        "has 3 goals with 3 objectives."
    )


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
    assert funding.customdata[0][0] == "as of 2015-09-30"


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
    assert [s.label.text for s in periods] == ["Mérida Initiative", "Bicentennial"]
    # the short period at the right end is labelled from its right edge, inside the figure
    assert [s.label.textposition for s in periods] == ["bottom left", "bottom right"]
    lines = [s for s in shapes(fig, "event-") if s.type == "line"]
    assert [s.line.dash for s in lines] == ["dot", "dot"]
    assert [a.text for a in annotations(fig, "event-")] == [
        "Mérida signed",
        "Bicentennial Framework…",
    ]  # cut to EVENT_LABEL_CHARS
    assert "Source Three" in footer(fig)  # cited by the funding values and by event e4


def test_indicator_series_inserts_none_rows_only_between_first_and_last_year():
    series = outcomes.indicator_series(indicators_df(), "homicides")
    assert list(series["year"]) == [2007, 2008, 2009, 2010, 2011]
    assert series["value"].tolist()[2] is None


def test_indicator_summary_has_the_numbers():
    text = outcomes.indicator_summary(indicators_df(), indicator_ids=["homicides", "funding"])
    assert text == (
        "Homicides went from 8,867 deaths (2007) to 27,213 deaths (2011, preliminary), with 1 year missing; "
        "Funding went from 2.5 billion US$ (as of 2015-09-30) to 2.75 billion US$ (as of 2017-06-30)."
    )
    assert outcomes.indicator_summary(indicators_df(), indicator_ids=[]) == t(
        "chart.indicators.summary_empty", "en"
    )


# --- the shipped dataset (smoke tests; the data may still be incomplete) -------


@pytest.fixture(scope="module")
def real():
    """Frames of the shipped data directory, whatever part of it is valid today."""
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


def merida_phases(real) -> list[str]:
    pillars = real.pillars
    return list(dict.fromkeys(pillars.loc[pillars["framework_id"] == "merida", "phase_id"])) or ["none"]


def test_real_data_every_builder_returns_a_finished_figure(real, real_meta):
    """Every builder accepts the shipped frames; empty frames give the empty state, others real traces."""
    figures = []
    for phase in merida_phases(real):
        chosen = real.objectives[
            (real.objectives["phase_id"] == phase) | (real.objectives["framework_id"] != "merida")
        ]
        figures += [
            (coverage.theme_coverage_figure(chosen, real.themes, meta=real_meta), chosen.empty),
            (
                crosswalk.crosswalk_sankey_figure(
                    real.crosswalk, real.pillars, meta=real_meta, merida_phase=phase
                ),
                crosswalk.phase_links(real.crosswalk, phase).empty,
            ),
            (
                goals.goals_sunburst_figure(
                    real.objectives, real.pillars, real.themes, meta=real_meta, merida_phase=phase
                ),
                helpers.phase_selection(real.objectives, real.pillars, phase)[0].empty,
            ),
            (
                comparison.framework_comparison_figure(
                    real.pillars, real.objectives, meta=real_meta, merida_phase=phase
                ),
                helpers.phase_selection(real.objectives, real.pillars, phase)[1].empty,
            ),
        ]
    indicator_ids = list(dict.fromkeys(real.indicators["indicator_id"]))
    figures += [
        (
            timeline.timeline_figure(real.events, real.spans, meta=real_meta, start_year=2007, end_year=2021),
            real.events.empty,
        ),
        (
            outcomes.indicator_figure(
                real.indicators, real.spans, real.events, meta=real_meta, indicator_ids=indicator_ids
            ),
            not indicator_ids,
        ),
    ]
    for fig, empty in figures:
        assert is_empty_state(fig) == empty
        assert fig.layout.title.text and any(a.name == "footer" for a in fig.layout.annotations)


def test_real_data_colours_come_from_the_fixed_maps(real, real_meta):
    theme_colors = set(real.themes["color"])
    for phase in merida_phases(real):
        chosen = real.objectives[
            (real.objectives["phase_id"] == phase) | (real.objectives["framework_id"] != "merida")
        ]
        fig = coverage.theme_coverage_figure(chosen, real.themes, meta=real_meta)
        assert {tr.marker.color for tr in fig.data} <= set(FRAMEWORK_COLORS.values())
        fig = goals.goals_sunburst_figure(
            real.objectives, real.pillars, real.themes, meta=real_meta, merida_phase=phase
        )
        for trace in fig.data:
            assert set(trace.marker.colors) <= theme_colors | set(FRAMEWORK_COLORS.values()) | {"#BBBBBB"}
    fig = timeline.timeline_figure(real.events, real.spans, meta=real_meta, start_year=2006, end_year=2024)
    for trace in fig.data:
        if trace.meta and "lane" in trace.meta:
            assert set(trace.marker.color) <= set(COUNTRY_COLORS.values())


def test_real_data_summaries_are_one_sentence(real):
    for phase in merida_phases(real):
        chosen = real.objectives[
            (real.objectives["phase_id"] == phase) | (real.objectives["framework_id"] != "merida")
        ]
        texts = [
            coverage.theme_coverage_summary(chosen, real.themes),
            crosswalk.crosswalk_sankey_summary(real.crosswalk, merida_phase=phase),
            goals.goals_sunburst_summary(real.objectives, real.pillars, real.themes, merida_phase=phase),
            comparison.framework_comparison_summary(real.pillars, real.objectives, merida_phase=phase),
        ]
        texts += [
            timeline.timeline_summary(real.events, start_year=2007, end_year=2021),
            outcomes.indicator_summary(
                real.indicators, indicator_ids=list(real.indicators["indicator_id"].unique())
            ),
        ]
        for text in texts:
            assert text.endswith(".") and "\n" not in text, text
