"""The two compared frameworks side by side as an exportable figure: the earlier one left, the later right.

Drawn with shapes and annotations on hidden axes measured in text lines (y grows downward), so the figure
height follows its content and a PNG export shows every card in full.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import FigureContext, FigureMeta, bottom_margin, esc, finalize, wrap
from components.i18n import t

LINE_PX = 17  # pixels per text line (12–13 px fonts at Plotly's 1.3 line spacing)
TITLE_WIDTH = 46  # characters per line in a card title
ITEM_WIDTH = 52  # characters per line in an objective
ITEM_CHARS = 110  # objectives without an official label are cut to this many characters
CARD_GAP = 0.7  # lines between cards
INDENT = "&nbsp;&nbsp;&nbsp;"
TOP_MARGIN = 90  # finalize's top margin


def _item_lines(item: pd.Series) -> list[str]:
    text = item["label"] or helpers.shorten(item["text"], ITEM_CHARS)
    lines = wrap(text, ITEM_WIDTH).split("<br>")
    return [f"• {lines[0]}"] + [f"{INDENT}{line}" for line in lines[1:]]


def _card(pillar: pd.Series, items: pd.DataFrame, lang: str) -> list[str]:
    """The text lines of one pillar card: its bold title, then one bullet per objective."""
    title = wrap(f"{pillar['pillar_number']}. {pillar['title']}", TITLE_WIDTH).split("<br>")
    lines = [f"<b>{line}</b>" for line in title]
    if items.empty:
        lines.append(f"<i>{esc(t('chart.comparison.no_objectives', lang))}</i>")
    for _, item in items.sort_values("objective_number").iterrows():
        lines.extend(_item_lines(item))
    return lines


def _columns(pillars: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(framework_id, its pillars) per column, in start-date order (the pillars are already selected)."""
    pillars = helpers.ordered_pillars(pillars)
    return [(f, pillars[pillars["framework_id"] == f]) for f in helpers.ordered_frameworks(pillars)[:2]]


def framework_comparison_figure(
    pillars: pd.DataFrame, objectives: pd.DataFrame, *, meta: FigureMeta
) -> go.Figure:
    """Two columns of cards: each pillar/goal with its objectives' labels (or a short text) beneath.

    `pillars` and `objectives` are the selected view (components/view.py): one phase of each of two
    frameworks. Each column is headed by the framework's short name and phase in its colour, with pillar
    and objective counts. Pillars are drawn even when the (theme-filtered) `objectives` has none for them.
    """
    lang = meta.lang
    columns = _columns(pillars)
    names = [own["framework_short"].iloc[0] for _, own in columns]
    title = (
        t("chart.comparison.title", lang, frameworks=helpers.join_and(names, lang))
        if names
        else t("chart.comparison.title_plain", lang)
    )
    if not columns:
        return helpers.empty_state(meta, title)

    fig = go.Figure()
    heights = []
    drawn_pillars = []
    for column, (framework_id, own) in enumerate(columns):
        color = helpers.color_or_neutral(own["framework_color"].iloc[0])
        x0, x1 = column + 0.01, column + 0.99
        own_objectives = objectives[objectives["pillar_id"].isin(set(own["pillar_id"]))]
        first = own.iloc[0]
        heading = wrap(f"{first['framework_short']} — {first['phase_label']}", TITLE_WIDTH).split("<br>")
        counts = t(
            "chart.comparison.counts",
            lang,
            pillars=helpers.plural("chart.common.items", len(own), lang, word=first["pillar_word"]),
            objectives=helpers.plural("chart.common.objectives", len(own_objectives), lang),
        )
        header = [f'<b><span style="color:{color}">{line}</span></b>' for line in heading] + [esc(counts)]
        _add_text(fig, x0, 0, header, size=13, name=f"column-{framework_id}")
        y = len(header) + CARD_GAP
        for _, pillar in own.iterrows():
            items = own_objectives[own_objectives["pillar_id"] == pillar["pillar_id"]]
            lines = _card(pillar, items, lang)
            fig.add_shape(
                type="rect",
                xref="x",
                yref="y",
                x0=x0,
                x1=x1,
                y0=y,
                y1=y + len(lines) + 0.8,
                line={"color": color, "width": 1.5},
                fillcolor=helpers.rgba(color, 0.04),
                layer="below",
                name=f"card-{pillar['pillar_id']}",
            )
            _add_text(fig, x0 + 0.025, y + 0.4, lines, size=12, name=f"pillar-{pillar['pillar_id']}")
            y += len(lines) + 0.8 + CARD_GAP
        heights.append(y)
        drawn_pillars.append(own)

    total = max(heights)
    fig.update_xaxes(range=[0, 2], visible=False, fixedrange=True)
    fig.update_yaxes(range=[total, 0], visible=False, fixedrange=True)
    ctx = meta.context(title, helpers.source_ids(*drawn_pillars, objectives))
    return finalize(fig, ctx, height=_height(ctx, total), legend=False)


def _add_text(fig: go.Figure, x: float, y: float, lines: list[str], *, size: int, name: str) -> None:
    """A left-aligned block of (already escaped) lines whose top-left corner sits at (x, y)."""
    fig.add_annotation(
        x=x,
        y=y,
        xref="x",
        yref="y",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        text="<br>".join(lines),
        font={"size": size},
        name=name,
    )


def _height(ctx: FigureContext, lines: float) -> int:
    """Figure height so that one y unit is LINE_PX pixels between finalize's top and bottom margins."""
    bottom = bottom_margin(ctx)
    return int(round(lines * LINE_PX + TOP_MARGIN + bottom))


def framework_comparison_summary(pillars: pd.DataFrame, objectives: pd.DataFrame, *, lang: str = "en") -> str:
    """One sentence: each column's framework, phase, number of pillars/goals and of objectives."""
    columns = _columns(pillars)
    if not columns:
        return t("chart.comparison.summary_empty", lang)
    parts = []
    for _, own in columns:
        first = own.iloc[0]
        count = int(objectives["pillar_id"].isin(set(own["pillar_id"])).sum())
        parts.append(
            t(
                "chart.comparison.summary_part",
                lang,
                framework=first["framework_short"],
                phase=first["phase_label"],
                pillars=helpers.plural("chart.common.items", len(own), lang, word=first["pillar_word"]),
                objectives=helpers.plural("chart.common.objectives", count, lang),
            )
        )
    return t("chart.comparison.summary", lang, parts=helpers.join_and(parts, lang))
