"""The crosswalk (the project's analysis) as a Sankey: one framework's pillars → the next framework's.

The builder receives the links already selected for a consecutive pair of frameworks at their shown
phases (components/view.py). Links are aggregated to pillar level and split by relation (one colour
each) and by whether they touch a highlighted theme. 'new' links have no earlier end, so they start at a
left node "New in <later framework>"; 'dropped' links end in a right node "Not carried over". Pillars
without any link are not drawn (a Sankey node needs a flow); the summary and table still count links.

Layout: Plotly places Sankey node labels beside the nodes, where flows run through them, and wraps
nothing. So the builder fixes every node's position itself (arrangement "fixed") and draws the labels
as annotations outside the two node columns: the earlier framework's to the left of its nodes, the
later one's to the right. Node heights are what Plotly's layout (d3-sankey) makes them: `ky` pixels per
link, where ky = (domain height − (nodes in the longest column − 1) × node.pad) ÷ links. The builder
picks ky and the domain height, and sets node.pad so that Plotly arrives at the same ky; each node then
gets a slot at least as tall as its node and its wrapped label, so no two labels touch. Above the
columns, each framework's name and phase; above those, the relation key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import (
    MUTED_TEXT,
    NEUTRAL,
    RELATION_COLORS,
    RELATION_ORDER,
    TEXT_COLOR,
    TOP_MARGIN,
    FigureMeta,
    bottom_margin,
    esc,
    finalize,
    wrap,
)
from components.i18n import t

NEW_NODE = "__new__"
DROPPED_NODE = "__dropped__"
LINK_ALPHA = 0.55
FADED_ALPHA = 0.15  # links that miss the selected themes: neutral grey at this alpha
FADED_COLOR = NEUTRAL
FADED_KEY = (
    "#D4D4D4"  # the greyed links' colour as it shows on white (NEUTRAL at FADED_ALPHA, a little darker)
)
FADED_NODE_ALPHA = 0.35  # nodes with no link touching the selected themes
FADED_LABEL = "#8A8A8A"
HOVER_DETAILS_LIMIT = 4
HOVER_WIDTH = 60  # characters per hover line
NUMBER = re.compile(r"\d+[.)]?")


@dataclass(frozen=True)
class SankeyLayout:
    """Pixel and character budgets of one variant (wide ~1100 px of plot, narrow ~340 px)."""

    node_x: tuple[float, float]  # centres of the two node columns, share of the plot width
    thickness: int  # node width, px
    label_width: int  # characters per label line
    label_font: int
    line_px: int  # pixels per label line
    heading_width: int  # characters per heading line
    heading_font: int
    link_px: float  # node height per link (Plotly's ky)
    gap_px: int  # minimum free space between two slots in a column
    key_columns: int  # relation key items per row
    key_step: float  # share of the plot width per key item
    key_row_px: int


WIDE = SankeyLayout(
    node_x=(0.27, 0.73), thickness=16, label_width=30, label_font=12, line_px=16, heading_width=30,
    heading_font=13, link_px=20, gap_px=14, key_columns=6, key_step=0.13, key_row_px=20,
)  # fmt: skip
NARROW = SankeyLayout(
    node_x=(0.36, 0.64), thickness=10, label_width=17, label_font=11, line_px=14, heading_width=17,
    heading_font=12, link_px=14, gap_px=10, key_columns=3, key_step=0.34, key_row_px=18,
)  # fmt: skip
LABEL_GAP_PX = 4  # between a node and its label
HEADING_GAP_PX = 10  # between the headings and the highest node
KEY_GAP_PX = 10  # between the relation key and the headings
BOTTOM_PAD_PX = 6


def _highlighted(themes: tuple[str, ...], highlight: set[str]) -> bool:
    return not highlight or bool(highlight.intersection(themes))


def _ends(pillars: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None]:
    """The first pillar row of the earlier and of the later framework (names and phase labels)."""
    ordered = helpers.ordered_pillars(pillars)
    frameworks = helpers.ordered_frameworks(ordered)
    firsts = [ordered[ordered["framework_id"] == f].iloc[0] for f in frameworks[:2]]
    return (firsts[0] if firsts else None, firsts[1] if len(firsts) > 1 else None)


def crosswalk_title(pillars: pd.DataFrame, lang: str) -> str:
    """'From <earlier> (<phase>) to <later> (<phase>) · Project analysis'."""
    earlier, later = _ends(pillars)
    if earlier is None or later is None:
        return t("chart.crosswalk.title_plain", lang, analysis=t("analysis.label", lang))
    return t(
        "chart.crosswalk.title",
        lang,
        source=earlier["framework_short"],
        source_phase=earlier["phase_label"],
        target=later["framework_short"],
        target_phase=later["phase_label"],
        analysis=t("analysis.label", lang),
    )


def wrap_label(text: str, width: int) -> str:
    """style.wrap, keeping a leading number ('2.') on the line of the word after it.

    The number does not count towards `width`: digits and '. ' are narrow, a few pixels each.
    """
    lines = wrap(text, width).split("<br>")
    if len(lines) > 1 and NUMBER.fullmatch(lines[0]) and len(lines[1].split(" ")[0]) <= width:
        # Re-wrap the raw words after the number: wrap escapes, so wrapping its output would escape twice.
        rest = wrap(" ".join(text.split()[1:]), width).split("<br>")
        lines = [f"{lines[0]} {rest[0]}", *rest[1:]]
    return "<br>".join(lines)


def _lines(text: str) -> int:
    return text.count("<br>") + 1


def column_slots(heights: list[float], labels: list[int], layout: SankeyLayout, span: float) -> list[float]:
    """Centres (px from the top of the Sankey domain) of one column's nodes, spread over `span` px.

    Each node gets a slot as tall as its node (`heights`) or its label (`labels` lines), whichever is
    taller; slots are `gap_px` apart at least, and a shorter column spreads its free space evenly
    between its slots (or centres a single slot), so its flows run no steeper than they must.
    """
    slots = [max(h, n * layout.line_px) for h, n in zip(heights, labels, strict=True)]
    used = sum(slots)
    gap = (span - used) / (len(slots) - 1) if len(slots) > 1 else 0.0
    top = 0.0 if len(slots) > 1 else (span - used) / 2
    centres = []
    for slot in slots:
        centres.append(top + slot / 2)
        top += slot + gap
    return centres


def crosswalk_sankey_figure(
    crosswalk: pd.DataFrame,
    pillars: pd.DataFrame,
    *,
    meta: FigureMeta,
    highlight_themes: Iterable[str] = (),
) -> go.Figure:
    """Sankey of pillar-level crosswalk links between two consecutive frameworks; value = number of links.

    `crosswalk` and `pillars` are the selected view (components/view.py). Left nodes: the earlier
    framework's pillars in number order, then "New in <later framework>". Right nodes: the later one's
    pillars in number order, then "Not carried over". Node labels are annotations named
    "node-label-<i>" (i = node index) outside the node columns; "column-heading-0/1" name each framework
    and its phase above its column; "relation-key-<relation>" annotations above the headings name each
    relation in its colour (a Sankey has no legend). Link colour = relation (RELATION_COLORS,
    semi-transparent); with `highlight_themes`, links whose themes miss them are neutral grey and drawn
    first (under the others), and nodes and labels without a matching link are faded.
    """
    lang = meta.lang
    layout = NARROW if meta.narrow else WIDE
    title = crosswalk_title(pillars, lang)
    rows = crosswalk
    if rows.empty:
        return helpers.empty_state(meta, title)
    highlight = set(highlight_themes)

    pillar_info = pillars.set_index("pillar_id") if not pillars.empty else pd.DataFrame()
    earlier, later = _ends(pillars)
    new_label = t(
        "chart.crosswalk.new_node", lang, target=later["framework_short"] if later is not None else ""
    )
    dropped_label = t("chart.crosswalk.dropped_node", lang)

    def sort_key(pillar_id: str) -> tuple:
        if pillar_id in pillar_info.index:
            info = pillar_info.loc[pillar_id]
            return (
                0,
                int(info["framework_order"]),
                str(info["phase_id"]),
                int(info["pillar_number"]),
                pillar_id,
            )
        return (1, 0, "", 0, pillar_id)

    left_ids = sorted({p for p in rows["from_pillar_id"] if p}, key=sort_key)
    right_ids = sorted({p for p in rows["to_pillar_id"] if p}, key=sort_key)
    if (rows["relation"] == "new").any() or (rows["from_pillar_id"] == "").any():
        left_ids.append(NEW_NODE)
    if (rows["relation"] == "dropped").any() or (rows["to_pillar_id"] == "").any():
        right_ids.append(DROPPED_NODE)

    labels_of: dict[str, str] = {NEW_NODE: new_label, DROPPED_NODE: dropped_label}
    for _, row in rows.iterrows():
        if row["from_pillar_id"]:
            labels_of[row["from_pillar_id"]] = row["from_pillar_label"]
        if row["to_pillar_id"]:
            labels_of[row["to_pillar_id"]] = row["to_pillar_label"]

    node_ids = left_ids + right_ids
    index = {node: i for i, node in enumerate(node_ids)}

    def node_color(node: str) -> str:
        if node == NEW_NODE:
            return RELATION_COLORS["new"]
        if node == DROPPED_NODE:
            return RELATION_COLORS["dropped"]
        color = pillar_info.loc[node, "framework_color"] if node in pillar_info.index else ""
        return helpers.color_or_neutral(color)

    # Aggregate to pillar level, keeping relation (colour) and highlight (grey) apart.
    groups: dict[tuple[str, str, str, bool], list[pd.Series]] = {}
    for _, row in rows.iterrows():
        source = row["from_pillar_id"] or NEW_NODE
        target = row["to_pillar_id"] or DROPPED_NODE
        key = (source, target, row["relation"], _highlighted(tuple(row["themes"]), highlight))
        groups.setdefault(key, []).append(row)

    def link_order(key: tuple[str, str, str, bool]) -> tuple:
        # Greyed links first: Plotly draws links in order, so the matching ones lie on top.
        source, target, relation, lit = key
        rank = RELATION_ORDER.index(relation) if relation in RELATION_ORDER else len(RELATION_ORDER)
        return (lit, index[source], index[target], rank)

    sources, targets, values, colors, customdata = [], [], [], [], []
    lit_nodes: set[str] = set()
    for key in sorted(groups, key=link_order):
        source, target, relation, lit = key
        members = groups[key]
        details = []
        for row in members[:HOVER_DETAILS_LIMIT]:
            details.append(
                wrap(
                    t(
                        "chart.crosswalk.link_detail",
                        lang,
                        source=row["from_label"] or new_label,
                        target=row["to_label"] or dropped_label,
                        rationale=row["rationale"],
                    ),
                    HOVER_WIDTH,
                )
            )
        if len(members) > HOVER_DETAILS_LIMIT:
            details.append(
                esc(t("chart.crosswalk.more_links", lang, count=len(members) - HOVER_DETAILS_LIMIT))
            )
        base = RELATION_COLORS.get(relation, RELATION_COLORS["dropped"])
        sources.append(index[source])
        targets.append(index[target])
        values.append(len(members))
        colors.append(helpers.rgba(base, LINK_ALPHA) if lit else helpers.rgba(FADED_COLOR, FADED_ALPHA))
        if lit:
            lit_nodes.update((source, target))
        customdata.append(
            [
                esc(t(f"relation.{relation}", lang)),
                wrap(labels_of[source], HOVER_WIDTH),
                wrap(labels_of[target], HOVER_WIDTH),
                "<br>".join(details),
                relation,
            ]
        )

    value_of = {node: 0 for node in node_ids}
    for source, target, value in zip(sources, targets, values, strict=True):
        value_of[node_ids[source]] += value
        value_of[node_ids[target]] += value
    label_text = {node: wrap_label(labels_of[node], layout.label_width) for node in node_ids}
    columns = (left_ids, right_ids)
    headings = _headings(earlier, later, layout)
    geo = _geometry(columns, value_of, label_text, headings, layout, _key_rows(layout, bool(highlight)))

    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            domain={"x": [0, 1], "y": [geo.domain_bottom, geo.domain_top]},
            node={
                # Labels are annotations outside the columns (see the module docstring).
                "label": [""] * len(node_ids),
                "x": [layout.node_x[0]] * len(left_ids) + [layout.node_x[1]] * len(right_ids),
                "y": [geo.centres[node] / geo.span for node in node_ids],
                "color": [
                    node_color(node)
                    if not highlight or node in lit_nodes
                    else helpers.rgba(node_color(node), FADED_NODE_ALPHA)
                    for node in node_ids
                ],
                "customdata": [wrap(labels_of[node], HOVER_WIDTH) for node in node_ids],
                "hovertemplate": t("chart.crosswalk.node_hover", lang, node="%{customdata}", count="%{value}")
                + "<extra></extra>",
                "pad": geo.pad,
                "thickness": layout.thickness,
                "line": {"color": "#FFFFFF", "width": 0.5},
                "sort": "input",
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "color": colors,
                "customdata": customdata,
                "hovertemplate": t(
                    "chart.crosswalk.link_hover",
                    lang,
                    relation="%{customdata[0]}",
                    source="%{customdata[1]}",
                    target="%{customdata[2]}",
                    count="%{value}",
                    details="%{customdata[3]}",
                )
                + "<extra></extra>",
            },
        )
    )
    faded = {node for node in node_ids if highlight and node not in lit_nodes}
    _add_node_labels(fig, columns, label_text, faded, index, geo, layout)
    _add_headings(fig, headings, geo.domain_top, layout)
    _add_relation_key(fig, layout, bool(highlight), lang)
    ctx = meta.context(title, helpers.source_ids(rows))
    return finalize(fig, ctx, height=geo.plot_px + TOP_MARGIN + bottom_margin(ctx), legend=False)


@dataclass(frozen=True)
class Geometry:
    """Where the Sankey goes in the plot area (pixels): its domain, node centres and node.pad."""

    span: float  # height of the Sankey domain
    plot_px: int  # height of the plot area: key, headings, Sankey domain
    centres: dict[str, float]  # node id -> centre, px from the top of the domain
    pad: float  # node.pad that makes Plotly's node heights layout.link_px per link

    @property
    def domain_bottom(self) -> float:
        return BOTTOM_PAD_PX / self.plot_px

    @property
    def domain_top(self) -> float:
        return (BOTTOM_PAD_PX + self.span) / self.plot_px

    def paper_y(self, node: str) -> float:
        return (BOTTOM_PAD_PX + self.span - self.centres[node]) / self.plot_px


def _geometry(
    columns: tuple[list[str], list[str]],
    value_of: dict[str, int],
    label_text: dict[str, str],
    headings: list[list[str]],
    layout: SankeyLayout,
    key_rows: int,
) -> Geometry:
    """Slots for every node (see column_slots), the domain they need, and the node.pad Plotly needs.

    Plotly's node height per link is (domain − (longest column − 1) × pad) ÷ links; solving that for
    pad with our domain height gives nodes exactly layout.link_px per link.
    """
    total = sum(value_of[node] for node in columns[0])
    longest = max(len(column) for column in columns)

    def column_span(column: list[str]) -> float:
        slots = [max(value_of[n] * layout.link_px, _lines(label_text[n]) * layout.line_px) for n in column]
        return sum(slots) + layout.gap_px * (len(slots) - 1)

    span = max(column_span(column) for column in columns)
    ky = layout.link_px if longest > 1 else span / total
    pad = (span - ky * total) / (longest - 1) if longest > 1 else 0.0
    centres: dict[str, float] = {}
    for column in columns:
        spots = column_slots(
            [value_of[n] * ky for n in column], [_lines(label_text[n]) for n in column], layout, span
        )
        centres.update(zip(column, spots, strict=True))
    heading_px = max(len(lines) for lines in headings) * (layout.heading_font + 4) + HEADING_GAP_PX
    key_px = key_rows * layout.key_row_px + KEY_GAP_PX
    plot_px = int(round(BOTTOM_PAD_PX + span + heading_px + key_px)) + 1
    return Geometry(span, plot_px, centres, pad)


def _headings(earlier: pd.Series | None, later: pd.Series | None, layout: SankeyLayout) -> list[list[str]]:
    """Each column's heading lines: the framework's short name (bold, in its colour), then the phase."""
    headings = []
    for first in (earlier, later):
        if first is None:
            headings.append([])
            continue
        color = helpers.color_or_neutral(first["framework_color"])
        name = wrap(first["framework_short"], layout.heading_width).split("<br>")
        phase = wrap(first["phase_label"], layout.heading_width).split("<br>")
        headings.append([f'<b><span style="color:{color}">{line}</span></b>' for line in name] + phase)
    return headings


def _add_node_labels(
    fig: go.Figure,
    columns: tuple[list[str], list[str]],
    label_text: dict[str, str],
    faded: set[str],
    index: dict[str, int],
    geo: Geometry,
    layout: SankeyLayout,
) -> None:
    """Each node's label beside it, outside the flows: left of the left column, right of the right one."""
    offset = layout.thickness / 2 + LABEL_GAP_PX
    for side, column in enumerate(columns):
        for node in column:
            fig.add_annotation(
                text=label_text[node],
                xref="paper",
                yref="paper",
                x=layout.node_x[side],
                y=geo.paper_y(node),
                xanchor="right" if side == 0 else "left",
                yanchor="middle",
                xshift=-offset if side == 0 else offset,
                align="right" if side == 0 else "left",
                showarrow=False,
                font={"size": layout.label_font, "color": FADED_LABEL if node in faded else TEXT_COLOR},
                name=f"node-label-{index[node]}",
            )


def _add_headings(fig: go.Figure, headings: list[list[str]], domain_top: float, layout: SankeyLayout) -> None:
    """Above each column its framework and phase, sharing the column's label edge (the left one ends at
    its nodes' outer side, the right one starts at its nodes)."""
    for side, lines in enumerate(headings):
        if lines:
            fig.add_annotation(
                text="<br>".join(lines),
                xref="paper",
                yref="paper",
                x=layout.node_x[side],
                y=domain_top,
                xanchor="right" if side == 0 else "left",
                yanchor="bottom",
                xshift=layout.thickness / 2 if side == 0 else -layout.thickness / 2,
                yshift=HEADING_GAP_PX - 4,
                align="right" if side == 0 else "left",
                showarrow=False,
                font={"size": layout.heading_font, "color": TEXT_COLOR},
                name=f"column-heading-{side}",
            )


def _key_rows(layout: SankeyLayout, highlight: bool) -> int:
    rows = -(-len(RELATION_ORDER) // layout.key_columns)
    return rows + (highlight and layout.key_columns <= len(RELATION_ORDER))


def _add_relation_key(fig: go.Figure, layout: SankeyLayout, highlight: bool, lang: str) -> None:
    """The relation key at the top of the plot area; with a theme selected, what grey means."""
    items = [(RELATION_COLORS[r], t(f"relation.{r}", lang), f"relation-key-{r}") for r in RELATION_ORDER]
    places = [divmod(i, layout.key_columns) for i in range(len(items))]
    if highlight:
        items.append((FADED_KEY, t("chart.crosswalk.key_other", lang), "faded-key"))
        # After the relations on their row (wide), or on a row of its own (narrow: the item is longer).
        one_row = layout.key_columns > len(RELATION_ORDER)
        places.append((0, len(RELATION_ORDER)) if one_row else (_key_rows(layout, highlight) - 1, 0))
    for (color, label, name), (row, column) in zip(items, places, strict=True):
        fig.add_annotation(
            text=f'<span style="color:{color}">■</span> {esc(label)}',
            xref="paper",
            yref="paper",
            x=column * layout.key_step,
            y=1,
            xanchor="left",
            yanchor="top",
            yshift=-row * layout.key_row_px,
            showarrow=False,
            font={"size": 12, "color": MUTED_TEXT},
            name=name,
        )


def crosswalk_sankey_summary(crosswalk: pd.DataFrame, pillars: pd.DataFrame, *, lang: str = "en") -> str:
    """One sentence: how many links the Sankey draws for the shown pair, and how many of each relation."""
    rows = crosswalk
    if rows.empty:
        return t("chart.crosswalk.summary_empty", lang)
    counts = rows["relation"].value_counts()
    parts = [
        t(f"chart.crosswalk.relation_count.{relation}", lang, count=int(counts[relation]))
        for relation in RELATION_ORDER
        if counts.get(relation, 0)
    ]
    earlier, later = _ends(pillars)
    return t(
        "chart.crosswalk.summary",
        lang,
        source=earlier["framework_short"] if earlier is not None else "",
        target=later["framework_short"] if later is not None else "",
        links=helpers.plural("chart.crosswalk.links", len(rows), lang),
        relations=helpers.join_and(parts, lang),
    )
