"""Layout of the crosswalk Sankey, the comparison figure, the goals breakdown and the coverage bars.

What a screenshot must show at 1280 px and at phone width: labels outside the Sankey's node columns,
column headings, greyed flows outside the selected themes, the crosswalk drawn in the comparison figure,
and narrow variants whose text lines fit a phone. Hand-made frames with the documented columns; expected
values are written out by hand. The shipped data then runs through every builder, both variants.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import view
from components.charts import comparison, coverage, crosswalk, goals
from components.charts.style import RELATION_COLORS, FigureMeta, is_empty_state
from components.data import frames as fr
from components.state import Filters

META = FigureMeta(
    subtitle="All themes · Early Plan vs Late Framework",
    dashboard="Test dashboard",
    data_date="2026-11-29",
    source_names=(("s1", "Source One"), ("s2", "Source Two")),
)
NARROW = dataclasses.replace(META, narrow=True)
EARLY, LATE = "#004488", "#BB5566"
GREY_LINK = "rgba(127,127,127,0.15)"  # style.NEUTRAL at the Sankey's faded alpha


def frame(rows: list[dict], columns: list[str], **defaults: object) -> pd.DataFrame:
    return pd.DataFrame(
        [{c: row.get(c, defaults.get(c, "")) for c in columns} for row in rows], columns=columns
    )


def themes_df() -> pd.DataFrame:
    rows = [
        {
            "theme_id": "t-crime",
            "label": "Organized crime & transnational criminal organizations",
            "color": "#332288",
        },
        {"theme_id": "t-law", "label": "Rule of law", "color": "#117733"},
        {"theme_id": "t-health", "label": "Public health", "color": "#44AA99"},
    ]
    for order, row in enumerate(rows):
        row["order"] = order
    return frame(rows, fr.THEME_COLUMNS)


# pillar id, framework, number, title, themes
PILLARS = [
    ("e1", "early", 1, "Disrupt the Capacity of Organized Crime to Operate", ("t-crime", "t-law")),
    ("e2", "early", 2, "Institutionalize Capacity to Sustain Rule of Law", ("t-law",)),
    ("e3", "early", 3, "Build Strong and Resilient Communities", ("t-health",)),
    ("l1", "late", 1, "Protect Our People", ("t-health",)),
    ("l2", "late", 2, "Prevent Transborder Crime", ("t-crime",)),
    ("l3", "late", 3, "Pursue Criminal Networks", ("t-crime", "t-law")),
]
FRAMEWORKS = {
    "early": ("Early Plan", 0, EARLY, "e-2011", "Four pillars, 2011–2021", "pillar", "s1"),
    "late": ("Late Framework", 1, LATE, "l-2021", "Three goals, 2021–", "goal", "s2"),
}
# objective id, pillar id, number, label, themes
OBJECTIVES = [
    ("o1", "e1", 1, "Capture leaders", ("t-crime", "t-law")),
    ("o2", "e1", 2, "Seize assets", ("t-crime",)),
    ("o3", "e2", 1, "Train judges", ("t-law",)),
    ("o4", "e3", 1, "Reduce drug demand", ("t-health",)),
    ("o5", "l1", 1, "Public health", ("t-health",)),
    ("o6", "l2", 1, "Reduce arms trafficking", ("t-crime",)),
    ("o7", "l3", 1, "Disrupt illicit financiers", ("t-crime", "t-law")),
]
# link id, relation, from pillar, to pillar, themes
LINKS = [
    ("k1", "continued", "e1", "l3", ("t-crime", "t-law")),
    ("k2", "continued", "e1", "l3", ("t-crime",)),
    ("k3", "expanded", "e2", "l3", ("t-law",)),
    ("k4", "expanded", "e3", "l1", ("t-health",)),
    ("k5", "narrowed", "e1", "l2", ("t-crime",)),
    ("k6", "new", "", "l1", ("t-health",)),
    ("k7", "dropped", "e2", "", ("t-law",)),
]


def framework_cells(framework_id: str) -> dict:
    short, order, color, phase, phase_label, word, source = FRAMEWORKS[framework_id]
    return {
        "framework_id": framework_id,
        "framework_short": short,
        "framework_order": order,
        "framework_color": color,
        "phase_id": phase,
        "phase_label": phase_label,
        "pillar_word": word,
        "pillar_words": word + "s",  # the hand-made words (pillar, goal) take a plain s
        "sources": (source,),
    }


def pillars_df() -> pd.DataFrame:
    rows = [
        {
            **framework_cells(framework_id),
            "pillar_id": pillar_id,
            "pillar_number": number,
            "title": title,
            "themes": themes,
            "n_objectives": sum(o[1] == pillar_id for o in OBJECTIVES),
        }
        for pillar_id, framework_id, number, title, themes in PILLARS
    ]
    return frame(rows, fr.PILLAR_COLUMNS, title_verbatim=False, summary_verbatim=False)


def objectives_df() -> pd.DataFrame:
    pillars = {p[0]: p for p in PILLARS}
    rows = []
    for objective_id, pillar_id, number, label, themes in OBJECTIVES:
        _, framework_id, pillar_number, title, _ = pillars[pillar_id]
        rows.append(
            {
                **framework_cells(framework_id),
                "pillar_id": pillar_id,
                "pillar_number": pillar_number,
                "pillar_title": title,
                "objective_id": objective_id,
                "objective_number": number,
                "label": label,
                "text": f"{label}, as the framework words it.",
                "verbatim": False,
                "themes": themes,
                "primary_theme": themes[0],
            }
        )
    return frame(rows, fr.OBJECTIVE_COLUMNS)


def crosswalk_df() -> pd.DataFrame:
    pillars = {p[0]: p for p in PILLARS}

    def label(pillar_id: str) -> str:
        return f"{pillars[pillar_id][2]}. {pillars[pillar_id][3]}" if pillar_id else ""

    rows = [
        {
            "link_id": link_id,
            "relation": relation,
            "from_framework_id": "early",
            "to_framework_id": "late",
            "from_id": source,
            "from_label": label(source),
            "from_pillar_id": source,
            "from_pillar_label": label(source),
            "from_phase_id": "e-2011" if source else "",
            "to_id": target,
            "to_label": label(target),
            "to_pillar_id": target,
            "to_pillar_label": label(target),
            "to_phase_id": "l-2021" if target else "",
            "themes": themes,
            "rationale": "Both aim at the same networks, in the project's reading of the two texts " * 2,
            "sources": ("s1",),
        }
        for link_id, relation, source, target, themes in LINKS
    ]
    return frame(rows, fr.CROSSWALK_COLUMNS)


def sankey(meta: FigureMeta = META, highlight=()) -> go.Figure:
    return crosswalk.crosswalk_sankey_figure(
        crosswalk_df(), pillars_df(), meta=meta, highlight_themes=highlight
    )


def compare(meta: FigureMeta = META, highlight=(), links: pd.DataFrame | None = None) -> go.Figure:
    return comparison.framework_comparison_figure(
        pillars_df(),
        objectives_df(),
        meta=meta,
        crosswalk=crosswalk_df() if links is None else links,
        highlight_themes=highlight,
    )


def named(fig: go.Figure, prefix: str) -> dict[str, object]:
    return {a.name: a for a in fig.layout.annotations if (a.name or "").startswith(prefix)}


def shapes(fig: go.Figure, prefix: str) -> dict[str, object]:
    return {s.name: s for s in fig.layout.shapes if (s.name or "").startswith(prefix)}


def text_width(line: str) -> int:
    """Characters of a label line, not counting a leading number ('2. '), whose glyphs are narrow."""
    return len(re.sub(r"^\d+\. ", "", line))


def visible_lines(text: str) -> list[str]:
    """The lines a reader sees: tags dropped, entities decoded, no-break spaces as spaces."""
    return [html.unescape(re.sub(r"<[^>]+>", "", line)).replace("\xa0", " ") for line in text.split("<br>")]


def plot_px(fig: go.Figure) -> float:
    return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b


# --- crosswalk Sankey ----------------------------------------------------------

LEFT, RIGHT = ("e1", "e2", "e3", "new"), ("l1", "l2", "l3", "dropped")


@pytest.mark.parametrize("meta", [META, NARROW], ids=["wide", "narrow"])
def test_sankey_labels_sit_outside_the_node_columns(meta):
    """Left labels end left of their nodes, right labels start right of theirs, each level with its node."""
    fig = sankey(meta)
    node = fig.data[0].node
    assert fig.data[0].arrangement == "fixed"
    assert list(node.label) == [""] * 8  # Plotly's own labels (drawn across the flows) are off
    labels = named(fig, "node-label-")
    assert len(labels) == 8
    left_x, right_x = node.x[0], node.x[4]
    assert 0 < left_x < 0.5 < right_x < 1
    domain = fig.data[0].domain.y
    for i in range(8):
        label = labels[f"node-label-{i}"]
        left = i < 4
        assert node.x[i] == (left_x if left else right_x)
        assert label.x == node.x[i] and label.xref == "paper"
        # Anchored on the node's outer edge and pushed past it (node.thickness / 2) by the shift.
        assert label.xanchor == ("right" if left else "left")
        assert (label.xshift < -node.thickness / 2) if left else (label.xshift > node.thickness / 2)
        # Vertically centred on the node (node.y runs down from the top of the domain).
        assert label.yanchor == "middle"
        assert label.y == pytest.approx(domain[1] - node.y[i] * (domain[1] - domain[0]))
    assert "Disrupt the" in labels["node-label-0"].text and "Not carried over" in labels["node-label-7"].text


@pytest.mark.parametrize("meta", [META, NARROW], ids=["wide", "narrow"])
def test_sankey_nodes_and_labels_never_touch_in_a_column(meta):
    """In each column, every node's slot (its node or its label, the taller) is clear of the next one's."""
    fig = sankey(meta)
    layout = crosswalk.NARROW if meta.narrow else crosswalk.WIDE
    node = fig.data[0].node
    domain_px = plot_px(fig) * (fig.data[0].domain.y[1] - fig.data[0].domain.y[0])
    values = [3, 2, 1, 1, 2, 1, 3, 1]  # links per node, counted by hand from LINKS
    # Plotly sizes nodes at (domain − (longest column − 1) × pad) ÷ links pixels per link.
    ky = (domain_px - 3 * node.pad) / 7
    assert ky == pytest.approx(layout.link_px)
    labels = named(fig, "node-label-")
    for column in (range(4), range(4, 8)):
        extents = []
        for i in column:
            lines = len(labels[f"node-label-{i}"].text.split("<br>"))
            half = max(values[i] * ky, lines * layout.line_px) / 2
            extents.append((node.y[i] * domain_px - half, node.y[i] * domain_px + half))
        for (_, upper_end), (lower_start, _) in itertools.pairwise(extents):
            assert lower_start >= upper_end - 1e-6
        assert extents[0][0] >= -1e-6 and extents[-1][1] <= domain_px + 1e-6


def test_sankey_column_headings_name_both_frameworks_and_phases():
    fig = sankey()
    headings = named(fig, "column-heading-")
    left, right = headings["column-heading-0"], headings["column-heading-1"]
    assert visible_lines(left.text) == ["Early Plan", "Four pillars, 2011–2021"]
    assert visible_lines(right.text) == ["Late Framework", "Three goals, 2021–"]
    assert EARLY in left.text and LATE in right.text
    top = fig.data[0].domain.y[1]
    for heading in (left, right):
        assert heading.y == top and heading.yanchor == "bottom" and heading.yshift > 0
    assert left.xanchor == "right" and right.xanchor == "left"


@pytest.mark.parametrize("meta", [META, NARROW], ids=["wide", "narrow"])
def test_sankey_relation_key_sits_above_the_headings(meta):
    """The key hangs from the top of the plot area; the headings stand on the domain, below it."""
    fig = sankey(meta)
    keys = named(fig, "relation-key-")
    assert set(keys) == {f"relation-key-{r}" for r in ("continued", "expanded", "narrowed", "new", "dropped")}
    lowest_key = max(-k.yshift for k in keys.values()) + 20  # px below the top of the plot area
    heading_lines = max(len(a.text.split("<br>")) for a in named(fig, "column-heading-").values())
    heading_top = (1 - fig.data[0].domain.y[1]) * plot_px(fig) - 10 - heading_lines * 17
    assert all(k.y == 1 and k.yanchor == "top" for k in keys.values())
    assert heading_top >= lowest_key - 4
    assert all(0 <= k.x < 1 for k in keys.values())


def test_sankey_greys_flows_outside_the_selected_themes():
    fig = sankey(highlight=["t-health"])
    link = fig.data[0].link
    drawn = [
        (s, tg, c[4], color)
        for s, tg, c, color in zip(link.source, link.target, link.customdata, link.color, strict=True)
    ]
    # Greyed flows come first (drawn under); the two flows touching Public health keep their colours.
    assert drawn == [
        (0, 5, "narrowed", GREY_LINK),
        (0, 6, "continued", GREY_LINK),
        (1, 6, "expanded", GREY_LINK),
        (1, 7, "dropped", GREY_LINK),
        (2, 4, "expanded", "rgba(0,114,178,0.55)"),
        (3, 4, "new", "rgba(204,121,167,0.55)"),
    ]
    labels = named(fig, "node-label-")
    faded = {i for i in range(8) if labels[f"node-label-{i}"].font.color == "#8A8A8A"}
    assert faded == {0, 1, 5, 6, 7}  # e1, e2, l2, l3, Not carried over: no Public health link
    assert "faded-key" in {a.name for a in fig.layout.annotations}
    plain = sankey()
    assert [c[4] for c in plain.data[0].link.customdata] == [
        "narrowed", "continued", "expanded", "dropped", "expanded", "new"
    ]  # fmt: skip
    assert GREY_LINK not in plain.data[0].link.color
    assert "faded-key" not in {a.name for a in plain.layout.annotations}


def test_sankey_hover_lines_wrap_at_60_characters():
    fig = sankey()
    texts = list(fig.data[0].node.customdata) + [c[3] for c in fig.data[0].link.customdata]
    for text in texts:
        assert all(len(line) <= 60 for line in visible_lines(text)), text


def test_sankey_narrow_label_lines_fit_a_phone():
    """At most 17 characters per label line and 17 per heading line (about 100 px at 11–12 px)."""
    fig = sankey(NARROW)
    for label in named(fig, "node-label-").values():
        assert all(text_width(line) <= 17 for line in visible_lines(label.text)), label.text
    for heading in named(fig, "column-heading-").values():
        assert all(len(line) <= 17 for line in visible_lines(heading.text)), heading.text
    # A leading number stays with the word after it.
    assert visible_lines(named(fig, "node-label-")["node-label-1"].text)[0].startswith("2. ")


# --- comparison figure ----------------------------------------------------------


def test_comparison_draws_crosswalk_links_between_cards_coloured_by_relation():
    fig = compare()
    links = shapes(fig, "link-")
    assert {name: s.line.color for name, s in links.items()} == {
        "link-continued-e1-l3": "#009E73",
        "link-expanded-e2-l3": "#0072B2",
        "link-expanded-e3-l1": "#0072B2",
        "link-narrowed-e1-l2": "#E69F00",
    }
    assert links["link-continued-e1-l3"].line.width > links["link-narrowed-e1-l2"].line.width  # 2 links vs 1
    cards = shapes(fig, "card-")
    for name, link in links.items():
        source, target = name.split("-")[2:]
        start, end = (
            re.findall(r"(-?[\d.]+),(-?[\d.]+)", link.path)[0],
            re.findall(r"(-?[\d.]+),(-?[\d.]+)", link.path)[-1],
        )
        left, right = cards[f"card-{source}"], cards[f"card-{target}"]
        # From the right edge of the left card to the left edge of the right card, within both cards' heights.
        assert float(start[0]) == left.x1 and float(end[0]) == right.x0 and left.x1 < right.x0
        assert left.y0 < float(start[1]) < left.y1 and right.y0 < float(end[1]) < right.y1
    key = named(fig, "link-key")["link-key"].text
    for relation in ("Continued", "Expanded", "Narrowed", "New", "Dropped"):
        assert relation in key
    for color in RELATION_COLORS.values():
        assert color in key


def test_comparison_cards_carry_relation_badges_in_words():
    fig = compare()
    cards = {name: visible_lines(a.text) for name, a in named(fig, "pillar-").items()}
    assert cards["pillar-e1"][2:4] == ["■ Continued → goal 3", "■ Narrowed → goal 2"]
    assert cards["pillar-e2"][2:4] == ["■ Expanded → goal 3", "■ Dropped: not carried over"]
    assert cards["pillar-l1"][1:3] == ["■ Expanded ← pillar 3", "■ New: no earlier counterpart"]
    assert cards["pillar-l3"][1:3] == ["■ Continued ← pillar 1", "■ Expanded ← pillar 2"]


def test_comparison_theme_selection_changes_cards_objectives_and_links():
    plain, picked = compare(), compare(highlight=["t-health"])
    assert plain.layout.shapes != picked.layout.shapes
    links = shapes(picked, "link-")
    assert links["link-expanded-e3-l1"].line.color == "#0072B2"  # touches Public health
    assert links["link-continued-e1-l3"].line.color == comparison.FADED_LINK
    order = [s.name for s in picked.layout.shapes if s.name.startswith("link-")]
    assert order[-1] == "link-expanded-e3-l1"  # the coloured link is drawn last, on top
    cards = shapes(picked, "card-")
    assert cards["card-e1"].line.color == comparison.FADED_BORDER
    assert (
        cards["card-e3"].line.color == EARLY
        and cards["card-e3"].line.width > shapes(plain, "card-")["card-e3"].line.width
    )
    e1 = named(picked, "pillar-")["pillar-e1"].text
    assert f'<span style="color:{comparison.FADED_TEXT}">• Seize assets</span>' in e1
    e3 = named(picked, "pillar-")["pillar-e3"].text
    assert "• Reduce drug demand" in e3 and f'{comparison.FADED_TEXT}">• Reduce drug demand' not in e3
    assert "Not touching the selected themes" in named(picked, "link-key")["link-key"].text


def test_comparison_without_crosswalk_keeps_the_old_call():
    fig = comparison.framework_comparison_figure(pillars_df(), objectives_df(), meta=META)
    assert not shapes(fig, "link-") and "link-key" not in named(fig, "link-")
    assert len(shapes(fig, "card-")) == 6
    empty = compare(links=crosswalk_df().iloc[0:0])
    note = named(empty, "link-key")["link-key"].text
    assert "maps each framework onto the next one only" in " ".join(visible_lines(note))


def test_comparison_summary_counts_the_links_it_draws():
    text = comparison.framework_comparison_summary(pillars_df(), objectives_df(), crosswalk=crosswalk_df())
    assert text == (
        "Side by side, Early Plan (Four pillars, 2011–2021) has 3 pillars with 4 objectives and Late Framework "
        "(Three goals, 2021–) has 3 goals with 3 objectives; badges and lines show 7 crosswalk links between "
        "them, the project's analysis."
    )


def test_comparison_narrow_stacks_the_columns_with_badges_instead_of_lines():
    fig = compare(NARROW)
    assert not shapes(fig, "link-")
    cards = shapes(fig, "card-")
    assert all(s.x0 == 0 and s.x1 == 1 for s in cards.values())
    early = [cards[f"card-{p}"] for p in ("e1", "e2", "e3")]
    late = [cards[f"card-{p}"] for p in ("l1", "l2", "l3")]
    assert max(s.y1 for s in early) < min(s.y0 for s in late)  # the earlier framework on top
    headers = named(fig, "column-")
    assert headers["column-early"].y < headers["column-late"].y
    e1 = visible_lines(named(fig, "pillar-")["pillar-e1"].text)
    at = e1.index("■ Continued → goal 3: Pursue Criminal Networks")
    assert e1[at + 1].strip() == "(2 links)"
    for annotation in fig.layout.annotations:
        if annotation.name != "footer" and annotation.text:
            assert all(len(line) <= 50 for line in visible_lines(annotation.text)), annotation.text


# --- goals and coverage, narrow ---------------------------------------------------


def test_goals_narrow_is_a_treemap_of_readable_rows():
    wide = goals.goals_sunburst_figure(objectives_df(), pillars_df(), themes_df(), meta=META)
    narrow = goals.goals_sunburst_figure(objectives_df(), pillars_df(), themes_df(), meta=NARROW)
    assert isinstance(wide.data[0], go.Sunburst)
    trace = narrow.data[0]
    assert isinstance(trace, go.Treemap) and trace.tiling.packing == "slice"
    assert list(trace.ids) == list(wide.data[0].ids)
    assert list(trace.marker.colors) == list(wide.data[0].marker.colors)
    # Objective rows wrap at 44 characters; framework and pillar headers are one line of at most 52.
    for segment_id, label in zip(trace.ids, trace.labels, strict=True):
        limit = 44 if segment_id.startswith("o") else 52
        assert all(len(line) <= limit for line in visible_lines(label)), label
    assert (
        dict(zip(trace.ids, trace.labels, strict=True))["e1"]
        == "1. Disrupt the Capacity of Organized Crime to…"
    )
    key = named(narrow, "theme-key")["theme-key"].text
    assert all(len(line) <= 48 for line in visible_lines(key))
    assert visible_lines(key)[:3] == [
        "■ Organized crime & transnational criminal",  # too long for one line: wrapped, indented
        "   organizations",
        "■ Rule of law   ■ Public health",
    ]


def test_coverage_narrow_puts_theme_names_above_their_bars_within_the_width():
    fig = coverage.theme_coverage_figure(
        objectives_df(), themes_df(), meta=NARROW, highlight_themes=["t-law"]
    )
    assert fig.layout.yaxis.showticklabels is False
    labels = named(fig, "theme-label-")
    assert list(labels) == ["theme-label-t-crime", "theme-label-t-law", "theme-label-t-health"]
    assert visible_lines(labels["theme-label-t-crime"].text) == [
        "Organized crime & transnational",  # '&' counts as '&amp;' when wrapping
        "criminal organizations",
    ]
    assert labels["theme-label-t-law"].text == "<b>Rule of law</b>"
    assert all(a.x == 0 and a.xanchor == "left" and a.yanchor == "bottom" for a in labels.values())
    keys = [a for a in fig.layout.annotations if (a.name or "").startswith("key")]
    assert all(len(line) <= 50 for key in keys for line in visible_lines(key.text))
    # 2 (Early and Late on crime, Early on law) is the longest bar: the axis leaves room for its value.
    assert fig.layout.xaxis.range[1] > 2


@pytest.mark.parametrize("meta", [META, NARROW], ids=["wide", "narrow"])
def test_coverage_has_no_gridlines_through_its_value_labels(meta):
    fig = coverage.theme_coverage_figure(objectives_df(), themes_df(), meta=meta)
    assert fig.layout.xaxis.showgrid is False
    assert all(trace.textposition == "outside" and trace.cliponaxis is False for trace in fig.data)


# --- the shipped data, every pair of frameworks, both variants ----------------------


@pytest.fixture(scope="module")
def real():
    from components.data.loader import load_dataset

    return fr.build_frames(load_dataset().dataset)


def real_views(real) -> list[view.View]:
    order = list(real.frameworks["framework_id"])
    phases = {f: list(real.phases.loc[real.phases["framework_id"] == f, "phase_id"]) for f in order}
    views = []
    for earlier, later in itertools.combinations(order, 2):
        for pair in itertools.product(phases[earlier], phases[later]):
            views.append(view.select_view(real, Filters(compare=(earlier, later), phases=pair)))
    return views


def test_real_data_every_pair_both_variants(real):
    """Every builder over every pair of shipped frameworks and phases, wide and narrow, plain and with a theme."""
    meta = dataclasses.replace(
        META, source_names=tuple(zip(real.sources["source_id"], real.sources["short"], strict=True))
    )
    theme = real.themes["theme_id"].iloc[0]
    checked = 0
    for selected, variant, highlight in itertools.product(
        real_views(real), (meta, dataclasses.replace(meta, narrow=True)), ((), (theme,))
    ):
        figures = [
            comparison.framework_comparison_figure(
                selected.pillars, selected.objectives, meta=variant, crosswalk=selected.crosswalk,
                highlight_themes=highlight,
            ),
            goals.goals_sunburst_figure(
                selected.objectives, selected.pillars, real.themes, meta=variant, highlight_themes=highlight
            ),
            coverage.theme_coverage_figure(selected.objectives, real.themes, meta=variant, highlight_themes=highlight),
        ]  # fmt: skip
        if selected.consecutive:
            sankey_fig = crosswalk.crosswalk_sankey_figure(
                selected.crosswalk, selected.pillars, meta=variant, highlight_themes=highlight
            )
            figures.append(sankey_fig)
            assert not is_empty_state(sankey_fig)
            node = sankey_fig.data[0].node
            for i, label in enumerate(
                a for a in sankey_fig.layout.annotations if a.name.startswith("node-label-")
            ):
                left = node.x[i] < 0.5
                assert label.xanchor == ("right" if left else "left")
                if variant.narrow:
                    assert all(text_width(line) <= 17 for line in visible_lines(label.text)), label.text
            assert len({round(x, 6) for x in node.x}) == 2
        else:
            assert "link-key" in named(figures[0], "link-key")  # says there are no links to draw
        for fig in figures:
            assert not is_empty_state(fig) and fig.layout.title.text
            assert any(a.name == "footer" for a in fig.layout.annotations)
        if variant.narrow:
            assert isinstance(figures[1].data[0], go.Treemap)
            assert not shapes(figures[0], "link-")
        elif selected.consecutive and not selected.crosswalk.empty:
            assert shapes(figures[0], "link-")
        checked += 1
    assert checked >= 2 * 2 * 3  # three shipped frameworks: at least three pairs
