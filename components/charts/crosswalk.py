"""The crosswalk (the project's analysis) as a Sankey: one framework's pillars → the next framework's.

The builder receives the links already selected for a consecutive pair of frameworks at their shown
phases (components/view.py). Links are aggregated to pillar level and split by relation (one colour
each) and by whether they touch a highlighted theme. 'new' links have no earlier end, so they start at a
left node "New in <later framework>"; 'dropped' links end in a right node "Not carried over". Pillars
without any link are not drawn (a Sankey node needs a flow); the summary and table still count links.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import RELATION_COLORS, RELATION_ORDER, FigureMeta, esc, finalize, wrap
from components.i18n import t

NEW_NODE = "__new__"
DROPPED_NODE = "__dropped__"
LINK_ALPHA = 0.55
FADED_ALPHA = 0.12
HOVER_DETAILS_LIMIT = 4
SANKEY_TOP = 0.9  # the Sankey's domain ends here; the relation key sits above it


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
    pillars in number order, then "Not carried over". Link colour = relation (RELATION_COLORS,
    semi-transparent); links whose themes miss `highlight_themes` are faded. A row of annotations above
    the Sankey names each relation in its colour (a Sankey has no legend).
    """
    lang = meta.lang
    title = crosswalk_title(pillars, lang)
    rows = crosswalk
    if rows.empty:
        return helpers.empty_state(meta, title)
    highlight = set(highlight_themes)

    pillar_info = pillars.set_index("pillar_id") if not pillars.empty else pd.DataFrame()
    _, later = _ends(pillars)
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
    has_new = bool((rows["relation"] == "new").any())
    has_dropped = bool((rows["relation"] == "dropped").any())

    labels_of: dict[str, str] = {}
    for _, row in rows.iterrows():
        if row["from_pillar_id"]:
            labels_of[row["from_pillar_id"]] = row["from_pillar_label"]
        if row["to_pillar_id"]:
            labels_of[row["to_pillar_id"]] = row["to_pillar_label"]
    labels_of[NEW_NODE] = new_label
    labels_of[DROPPED_NODE] = dropped_label

    node_ids = (
        left_ids + ([NEW_NODE] if has_new else []) + right_ids + ([DROPPED_NODE] if has_dropped else [])
    )
    index = {node: i for i, node in enumerate(node_ids)}

    def node_color(node: str) -> str:
        if node == NEW_NODE:
            return RELATION_COLORS["new"]
        if node == DROPPED_NODE:
            return RELATION_COLORS["dropped"]
        color = pillar_info.loc[node, "framework_color"] if node in pillar_info.index else ""
        return helpers.color_or_neutral(color)

    # Aggregate to pillar level, keeping relation (colour) and highlight (fade) apart.
    groups: dict[tuple[str, str, str, bool], list[pd.Series]] = {}
    for _, row in rows.iterrows():
        source = row["from_pillar_id"] or NEW_NODE
        target = row["to_pillar_id"] or DROPPED_NODE
        key = (source, target, row["relation"], _highlighted(tuple(row["themes"]), highlight))
        groups.setdefault(key, []).append(row)

    def link_order(key: tuple[str, str, str, bool]) -> tuple:
        source, target, relation, lit = key
        rank = RELATION_ORDER.index(relation) if relation in RELATION_ORDER else len(RELATION_ORDER)
        return (index[source], index[target], rank, not lit)

    sources, targets, values, colors, customdata = [], [], [], [], []
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
                    60,
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
        colors.append(helpers.rgba(base, LINK_ALPHA if lit else FADED_ALPHA))
        customdata.append(
            [
                esc(t(f"relation.{relation}", lang)),
                esc(labels_of[source]),
                esc(labels_of[target]),
                "<br>".join(details),
                relation,
            ]
        )

    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            domain={"x": [0, 1], "y": [0, SANKEY_TOP]},
            node={
                "label": [wrap(labels_of[node], 34) for node in node_ids],
                "color": [node_color(node) for node in node_ids],
                "customdata": [esc(labels_of[node]) for node in node_ids],
                "hovertemplate": t("chart.crosswalk.node_hover", lang, node="%{customdata}", count="%{value}")
                + "<extra></extra>",
                "pad": 14,
                "thickness": 16,
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
                "sort": "input",
            },
        )
    )
    for i, relation in enumerate(RELATION_ORDER):
        fig.add_annotation(
            text=f'<span style="color:{RELATION_COLORS[relation]}">■</span> {esc(t(f"relation.{relation}", lang))}',
            xref="paper",
            yref="paper",
            x=i / len(RELATION_ORDER),
            y=SANKEY_TOP + 0.04,
            xanchor="left",
            yanchor="middle",
            showarrow=False,
            font={"size": 12},
            name=f"relation-key-{relation}",
        )
    height = max(420, 160 + 46 * max(len(left_ids) + has_new, len(right_ids) + has_dropped))
    return finalize(fig, meta.context(title, helpers.source_ids(rows)), height=height, legend=False)


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
