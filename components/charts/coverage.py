"""Theme coverage: how many objectives each framework has per theme, side by side.

Counting rule: an objective with several themes counts once under each of its themes. Shares are
shares of the framework's objective–theme tags (count ÷ the framework's total tags), so a framework's
shares add up to 100 % even when objectives carry several themes; the hover also gives the raw count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import (
    TEXT_COLOR,
    TOP_MARGIN,
    FigureContext,
    FigureMeta,
    bottom_margin,
    esc,
    finalize,
    wrap,
)
from components.data.frames import explode_themes
from components.i18n import t

MEASURES = ("count", "share")
FADED_OPACITY = 0.3
# A second, non-colour cue for the framework, by its position in start-date order (stable across views):
# the first framework is solid, the next ones hatched differently.
FRAMEWORK_PATTERNS = ("", "/", "x", ".", "\\", "+")
VALUE_ROOM = 0.15  # share of the x range beyond the longest bar, for its value
# Narrow variant (phones): labels above the bars, sizes in pixels.
NARROW_LABEL_WIDTH = 40  # characters per theme label line
NARROW_LABEL_LINE_PX = 15
NARROW_BAR_PX = 13
NARROW_BAND_GAP_PX = 12
NARROW_KEY_WIDTH = 50  # characters per key line
LABEL_GAP_PX = 3
KEY_LINE_PX = 17
KEY_GLYPHS: dict[str, str] = {"": "■", "/": "▨", "x": "▩", ".": "▦", "\\": "▧", "+": "▦"}


def framework_pattern(order: int) -> str:
    return FRAMEWORK_PATTERNS[int(order) % len(FRAMEWORK_PATTERNS)]


def theme_coverage_frame(objectives: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """One row per (framework, theme), every theme listed for every framework present (zeros included).

    Columns: framework_id, framework_short, framework_order, framework_color, theme_id, theme_label,
    count (objectives tagged with the theme), share (count ÷ the framework's objective–theme tags, 0..1),
    n_objectives (the framework's objectives). Themes follow the themes frame's order; ids missing from it
    follow, labelled by id. Also the table view of the coverage figure.
    """
    columns = [
        "framework_id", "framework_short", "framework_order", "framework_color", "theme_id", "theme_label",
        "count", "share", "n_objectives",
    ]  # fmt: skip
    if objectives.empty:
        return pd.DataFrame(columns=columns)
    labels = helpers.theme_labels(themes)
    pairs = explode_themes(objectives).drop_duplicates(["objective_id", "theme_id"])
    theme_order = list(labels) + [th for th in dict.fromkeys(pairs["theme_id"]) if th not in labels]
    rows = []
    for framework_id in helpers.ordered_frameworks(objectives):
        own = objectives[objectives["framework_id"] == framework_id]
        tags = pairs[pairs["framework_id"] == framework_id]
        counts = tags["theme_id"].value_counts()
        total = int(counts.sum())
        for theme_id in theme_order:
            count = int(counts.get(theme_id, 0))
            rows.append(
                {
                    "framework_id": framework_id,
                    "framework_short": own["framework_short"].iloc[0],
                    "framework_order": int(own["framework_order"].iloc[0]),
                    "framework_color": own["framework_color"].iloc[0],
                    "theme_id": theme_id,
                    "theme_label": labels.get(theme_id, theme_id),
                    "count": count,
                    "share": count / total if total else 0.0,
                    "n_objectives": int(own["objective_id"].nunique()),
                }
            )
    return pd.DataFrame(rows, columns=columns)


def _max_count(data: pd.DataFrame) -> int:
    return int(data["count"].max()) if not data.empty else 0


def theme_coverage_figure(
    objectives: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    meta: FigureMeta,
    measure: str = "count",
    highlight_themes: Iterable[str] = (),
) -> go.Figure:
    """Grouped horizontal bars: y = theme (themes order, top to bottom), one bar per framework.

    `objectives` is already phase-selected by the page. measure='count' shows objectives per theme,
    'share' the share of the framework's theme tags (see the module docstring). With `highlight_themes`,
    the other themes' bars are faded and the highlighted theme names are bold.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    lang = meta.lang
    title = t(f"chart.coverage.title_{measure}", lang)
    data = theme_coverage_frame(objectives, themes)
    if data.empty:
        return helpers.empty_state(meta, title)

    highlight = set(highlight_themes)
    theme_order = list(dict.fromkeys(data["theme_id"]))
    label_of = dict(zip(data["theme_id"], data["theme_label"], strict=False))
    y_labels = [esc(label_of[th]) for th in theme_order]

    fig = go.Figure()
    for framework_id in dict.fromkeys(data["framework_id"]):
        rows = data[data["framework_id"] == framework_id]
        values = rows["count"] if measure == "count" else rows["share"] * 100
        shown = (
            [str(c) for c in rows["count"]]
            if measure == "count"
            else [helpers.fmt_percent(s, lang) for s in rows["share"]]
        )
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=list(values),
                y=[esc(label) for label in rows["theme_label"]],
                name=esc(rows["framework_short"].iloc[0]),
                legendgroup=framework_id,
                marker={
                    "color": helpers.color_or_neutral(rows["framework_color"].iloc[0]),
                    "opacity": [
                        1.0 if not highlight or th in highlight else FADED_OPACITY for th in rows["theme_id"]
                    ],
                    "pattern": {
                        "shape": framework_pattern(rows["framework_order"].iloc[0]),
                        "fillmode": "overlay",
                    },
                },
                text=shown,
                textposition="outside",
                cliponaxis=False,
                customdata=[
                    [esc(label), int(count), helpers.fmt_percent(share, lang), esc(short), theme_id]
                    for label, count, share, short, theme_id in zip(
                        rows["theme_label"],
                        rows["count"],
                        rows["share"],
                        rows["framework_short"],
                        rows["theme_id"],
                        strict=True,
                    )
                ],
                hovertemplate=t(
                    "chart.coverage.hover",
                    lang,
                    framework="%{customdata[3]}",
                    theme="%{customdata[0]}",
                    count="%{customdata[1]}",
                    share="%{customdata[2]}",
                )
                + "<extra></extra>",
            )
        )

    firsts = data.drop_duplicates("framework_id")
    key_items = [
        (KEY_GLYPHS[framework_pattern(order)], helpers.color_or_neutral(color), short)
        for order, color, short in zip(
            firsts["framework_order"], firsts["framework_color"], firsts["framework_short"], strict=True
        )
    ]
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    # Values are printed at the bar ends, so no gridlines run through them; the axis keeps its ticks.
    # The range leaves room for the longest bar's value (text "outside" the bar).
    top = float(_max_count(data)) if measure == "count" else float(data["share"].max()) * 100
    fig.update_xaxes(
        ticksuffix="%" if measure == "share" else "",
        # Counts are whole objectives: no 0.5 ticks.
        dtick=max(1, math.ceil(float(_max_count(data)) / 8)) if measure == "count" else None,
        range=[0, max(top, 1) * (1 + VALUE_ROOM)],
        showgrid=False,
        showline=True,
        linecolor="#BBBBBB",
        ticks="outside",
        automargin=True,
    )
    ctx = meta.context(title, helpers.source_ids(objectives))
    if meta.narrow:
        return _narrow_layout(
            fig, ctx, theme_order, label_of, highlight, key_items, data["framework_id"].nunique()
        )
    helpers.add_key(fig, key_items)
    tick_text = [
        f"<b>{label}</b>" if th in highlight else label
        for th, label in zip(theme_order, y_labels, strict=True)
    ]
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=y_labels,
        tickmode="array",
        tickvals=y_labels,
        ticktext=tick_text,
        autorange="reversed",
        automargin=True,
        ticklabelstandoff=8,
    )
    height = max(360, 200 + 20 * len(theme_order) * data["framework_id"].nunique())
    return finalize(fig, ctx, height=height, legend=False)


def _narrow_layout(
    fig: go.Figure,
    ctx: FigureContext,
    theme_order: list[str],
    label_of: dict[str, str],
    highlight: set[str],
    key_items: list[tuple[str, str, str]],
    n_frameworks: int,
) -> go.Figure:
    """Phone width: each theme's name on a line of its own above its bars, the plot using the full width.

    A y-axis of tick labels would take a third of a 360 px screen; instead each label is an annotation
    ("theme-label-<id>", wrapped at NARROW_LABEL_WIDTH) sitting just above its group of bars. Every band
    is sized in pixels (label lines, bars, gap), so labels never touch the bars above them. The key goes
    above the plot on as many lines as it needs to stay within the width.
    """
    labels = {th: wrap(label_of[th], NARROW_LABEL_WIDTH) for th in theme_order}
    label_px = max(label.count("<br>") + 1 for label in labels.values()) * NARROW_LABEL_LINE_PX
    group_px = n_frameworks * NARROW_BAR_PX
    band_px = label_px + LABEL_GAP_PX + group_px + NARROW_BAND_GAP_PX
    # Bars sit at the bottom of their band: room above the first group for its label.
    above = (band_px - group_px) / 2
    top_extra = (label_px + LABEL_GAP_PX - above + 4) / band_px
    y_labels = [esc(label_of[th]) for th in theme_order]
    fig.update_layout(bargap=1 - group_px / band_px, bargroupgap=0.1)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=y_labels,
        showticklabels=False,
        ticks="",
        range=[len(theme_order) - 0.5, -0.5 - max(top_extra, 0)],
        automargin=False,
    )
    for th, label in zip(theme_order, y_labels, strict=True):
        text = labels[th]
        if th in highlight:
            text = "<br>".join(f"<b>{line}</b>" for line in text.split("<br>"))
        fig.add_annotation(
            text=text,
            xref="paper",
            yref="y",
            x=0,
            y=label,
            xanchor="left",
            yanchor="bottom",
            yshift=group_px / 2 + LABEL_GAP_PX,
            align="left",
            showarrow=False,
            font={"size": 12, "color": TEXT_COLOR},
            name=f"theme-label-{th}",
        )
    lines = helpers.flowing_key_lines(key_items, NARROW_KEY_WIDTH)
    extra = KEY_LINE_PX * (len(lines) - 1)
    # Above the plot, growing upwards, like helpers.add_key's one-line key on the wide variant.
    helpers.add_key_lines(fig, lines, above=True)
    plot_px = band_px * (len(theme_order) + max(top_extra, 0))
    height = int(round(plot_px)) + TOP_MARGIN + bottom_margin(ctx) + extra
    fig = finalize(fig, ctx, height=height, legend=False)
    fig.update_layout(margin={"t": fig.layout.margin.t + extra})
    return fig


def theme_coverage_summary(objectives: pd.DataFrame, themes: pd.DataFrame, *, lang: str = "en") -> str:
    """One sentence: how many objectives each framework has and its most-covered theme(s), with numbers."""
    data = theme_coverage_frame(objectives, themes)
    if data.empty:
        return t("chart.coverage.summary_empty", lang)
    parts = []
    for framework_id in dict.fromkeys(data["framework_id"]):
        rows = data[data["framework_id"] == framework_id]
        top = int(rows["count"].max())
        leaders = rows[rows["count"] == top]
        parts.append(
            t(
                "chart.coverage.summary_part_tie" if len(leaders) > 1 else "chart.coverage.summary_part",
                lang,
                framework=rows["framework_short"].iloc[0],
                objectives=helpers.plural("chart.common.objectives", int(rows["n_objectives"].iloc[0]), lang),
                themes=helpers.join_and(list(leaders["theme_label"]), lang),
                count=top,
                share=helpers.fmt_percent(float(leaders["share"].iloc[0]), lang),
            )
        )
    covered = int(data.loc[data["count"] > 0, "theme_id"].nunique())
    return t(
        "chart.coverage.summary",
        lang,
        covered=covered,
        themes=data["theme_id"].nunique(),
        parts=helpers.join_list(parts, lang),
    )
