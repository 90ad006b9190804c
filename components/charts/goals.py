"""Goals breakdown: a sunburst framework → pillar/goal → objective coloured by theme, and its table view."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import TOP_MARGIN, FigureMeta, bottom_margin, esc, finalize, wrap
from components.i18n import t

SUNBURST_RIGHT = 0.72
SUNBURST_HEIGHT = 700  # a larger disc: outer-ring labels stay legible at ~1000 px
# The narrow variant: a treemap whose boxes are stacked rows (packing "slice"), so every objective gets a
# full-width row with a readable label; pillar and framework names sit in each box's header band.
TREEMAP_LABEL_WIDTH = 44  # characters per objective label line (two lines at most)
TREEMAP_HEADING_CHARS = 52  # a pillar heading is one line, cut at a word
TREEMAP_ROW_PX = 34  # the least height of an objective's row
TREEMAP_HEADER_PX = 20  # header band of a framework or pillar box
TREEMAP_PATHBAR_PX = 20
KEY_WIDTH = 46  # characters per key line
KEY_LINE_PX = 17
KEY_GAP_PX = 10


def colour_themes(objectives: pd.DataFrame, highlight: Iterable[str] = ()) -> pd.Series:
    """The theme each objective is coloured by: the first selected theme it carries, else its primary one.

    With a theme selected, every segment shown then wears that theme's colour, so the key and the colours
    say what the filter picked rather than each objective's first tag.
    """
    wanted = list(highlight)
    return objectives["themes"].map(
        lambda themes: next((th for th in wanted if th in themes), themes[0])
    )  # the sunburst's domain ends here; the theme key sits to its right


def _treemap_px(objectives: pd.DataFrame, pillars: pd.DataFrame) -> int:
    """Treemap height giving every objective at least TREEMAP_ROW_PX once the header bands are taken.

    Boxes are sized by objective count, headers are fixed pixels: a framework of n objectives whose
    smallest pillar has m must get n × (ROW + header ÷ m + header ÷ n) pixels, and the whole treemap
    N objectives × the largest such per-objective share (plus the path bar).
    """
    header = TREEMAP_HEADER_PX + 5  # band plus bottom padding and tiling gap
    shares = []
    for _, own in pillars.groupby("framework_id"):
        counts = objectives[objectives["pillar_id"].isin(set(own["pillar_id"]))].groupby("pillar_id").size()
        if counts.empty:
            continue
        shares.append(TREEMAP_ROW_PX + header / counts.min() + header / counts.sum())
    return int(TREEMAP_PATHBAR_PX + 8 + len(objectives) * max(shares, default=TREEMAP_ROW_PX))


GOALS_TABLE_COLUMNS = ("objective_id", "framework", "pillar", "objective", "text", "themes", "sources")


def goals_sunburst_figure(
    objectives: pd.DataFrame,
    pillars: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    meta: FigureMeta,
    highlight_themes: Iterable[str] = (),
) -> go.Figure:
    """Sunburst with one root per framework; ids are framework_id, pillar_id and objective_id.

    `objectives` and `pillars` are the selected view (components/view.py), possibly theme-filtered.
    Objectives are coloured by their primary theme's colour, pillars and frameworks by their framework's;
    every segment's hover names what it is (the objective's hover names its theme, so colour is never the
    only cue). customdata is the objective_id on objective segments and '' elsewhere. Only pillars with
    objectives in `objectives` are drawn (the page may have filtered them by theme).
    """
    lang = meta.lang
    title = t("chart.goals.title", lang)
    if objectives.empty:
        return helpers.empty_state(meta, title)
    objectives = objectives.assign(colour_theme=colour_themes(objectives, highlight_themes))
    pillars = helpers.ordered_pillars(pillars[pillars["pillar_id"].isin(set(objectives["pillar_id"]))])
    labels = helpers.theme_labels(themes)
    colors = helpers.theme_colors(themes)

    ids, names, parents, values, segment_colors, hover, customdata = [], [], [], [], [], [], []
    rows: list[str] = []  # the treemap's labels (narrow variant): one line per box, wider than the rings

    def add(
        segment_id: str,
        label: str,
        parent: str,
        value: int,
        color: str,
        text: str,
        data: str = "",
        row: str = "",
    ) -> None:
        ids.append(segment_id)
        names.append(label)
        rows.append(row or label)
        parents.append(parent)
        values.append(value)
        segment_colors.append(color)
        hover.append(text)
        customdata.append(data)

    for framework_id in dict.fromkeys(pillars["framework_id"]):
        own = pillars[pillars["framework_id"] == framework_id]
        own_objectives = objectives[objectives["pillar_id"].isin(set(own["pillar_id"]))]
        short = own["framework_short"].iloc[0]
        color = helpers.color_or_neutral(own["framework_color"].iloc[0])
        count = helpers.plural("chart.common.objectives", len(own_objectives), lang)
        add(framework_id, esc(short), "", len(own_objectives), color, f"<b>{esc(short)}</b><br>{esc(count)}")
        for _, pillar in own.iterrows():
            items = objectives[objectives["pillar_id"] == pillar["pillar_id"]].sort_values("objective_number")
            heading = f"{pillar['pillar_number']}. {pillar['title']}"
            count = helpers.plural("chart.common.objectives", len(items), lang)
            add(
                pillar["pillar_id"],
                wrap(helpers.shorten(heading, 60), 22),
                framework_id,
                len(items),
                color,
                f"<b>{esc(short)} · {wrap(heading, 50)}</b><br>{esc(count)}",
                row=esc(helpers.shorten(heading, TREEMAP_HEADING_CHARS)),
            )
            for _, item in items.iterrows():
                name = item["label"] or helpers.shorten(item["text"], 40)
                theme = ", ".join(labels.get(th, th) for th in item["themes"])
                add(
                    item["objective_id"],
                    wrap(helpers.shorten(name, 40), 20),
                    pillar["pillar_id"],
                    1,
                    helpers.theme_color(colors, item["colour_theme"]),
                    t(
                        "chart.goals.objective_hover",
                        lang,
                        label=esc(name),
                        text=wrap(item["text"], 50),
                        theme=esc(theme),
                    ),
                    item["objective_id"],
                    row=wrap(
                        helpers.shorten(item["label"] or item["text"], 2 * TREEMAP_LABEL_WIDTH - 4),
                        TREEMAP_LABEL_WIDTH,
                    ),
                )

    # Colour is not the only cue: the key names each colouring theme shown, in the themes' order.
    present = set(objectives["colour_theme"])
    order = list(labels) + sorted(present - set(labels))
    key_items = [("■", helpers.theme_color(colors, th), labels.get(th, th)) for th in order if th in present]
    key_lines = helpers.flowing_key_lines(key_items, KEY_WIDTH)
    key_px = len(key_lines) * KEY_LINE_PX + KEY_GAP_PX
    plot_px = key_px + _treemap_px(objectives, pillars)
    # The same hierarchy, hover and depth whether drawn as a treemap (phone) or a sunburst (screen).
    shared = {
        "ids": ids,
        "parents": parents,
        "values": values,
        "branchvalues": "total",
        "sort": False,
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "customdata": customdata,
        "maxdepth": 3,
    }
    if meta.narrow:
        fig = go.Figure(
            go.Treemap(
                **shared,
                labels=rows,
                marker={
                    "colors": segment_colors,
                    "line": {"color": "#FFFFFF", "width": 1},
                    "pad": {"t": TREEMAP_HEADER_PX, "l": 3, "r": 3, "b": 3},
                },
                tiling={"packing": "slice", "pad": 2},
                pathbar={"visible": True, "thickness": TREEMAP_PATHBAR_PX, "textfont": {"size": 11}},
                textposition="middle left",
                textfont={"size": 11},
                domain={"x": [0, 1], "y": [0, 1 - key_px / plot_px]},
            )
        )
    else:
        fig = go.Figure(
            go.Sunburst(
                **shared,
                labels=names,
                marker={"colors": segment_colors, "line": {"color": "#FFFFFF", "width": 1}},
                insidetextorientation="auto",
                domain={"x": [0, SUNBURST_RIGHT]},
            )
        )
    ctx = meta.context(title, helpers.source_ids(objectives))
    if meta.narrow:
        _add_flowing_key(fig, key_lines)
        return finalize(fig, ctx, height=plot_px + TOP_MARGIN + bottom_margin(ctx), legend=False)
    # Colour is not the only cue: the key names each colouring theme shown, in the themes' order.
    helpers.add_key(fig, key_items, name="theme-key", x=SUNBURST_RIGHT + 0.02, vertical=True)
    return finalize(fig, ctx, height=SUNBURST_HEIGHT, legend=False)


def _add_flowing_key(fig: go.Figure, lines: list[str]) -> None:
    """The theme key above the treemap, a few items per line, all within a phone's width."""
    helpers.add_key_lines(fig, lines, name="theme-key")


def goals_sunburst_summary(
    objectives: pd.DataFrame,
    pillars: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    lang: str = "en",
    highlight_themes: Iterable[str] = (),
) -> str:
    """One sentence: objectives and pillars per framework, and the most common colouring theme with its count."""
    if objectives.empty:
        return t("chart.goals.summary_empty", lang)
    pillars = helpers.ordered_pillars(pillars[pillars["pillar_id"].isin(set(objectives["pillar_id"]))])
    parts = []
    for framework_id in dict.fromkeys(pillars["framework_id"]):
        own = pillars[pillars["framework_id"] == framework_id]
        count = int(objectives["pillar_id"].isin(set(own["pillar_id"])).sum())
        parts.append(
            t(
                "chart.goals.summary_part",
                lang,
                framework=own["framework_short"].iloc[0],
                phase=own["phase_label"].iloc[0],
                objectives=helpers.plural("chart.common.objectives", count, lang),
                pillars=helpers.plural(
                    "chart.common.items",
                    len(own),
                    lang,
                    word=own["pillar_word"].iloc[0],
                    words=own["pillar_words"].iloc[0],
                ),
            )
        )
    labels = helpers.theme_labels(themes)
    counts = colour_themes(objectives, highlight_themes).value_counts()
    top = int(counts.max())
    order = list(labels)
    leaders = sorted(
        counts[counts == top].index, key=lambda th: order.index(th) if th in order else len(order)
    )
    return t(
        "chart.goals.summary_tie" if len(leaders) > 1 else "chart.goals.summary",
        lang,
        parts=helpers.join_and(parts, lang),
        theme=helpers.join_and([labels.get(th, th) for th in leaders], lang),
        count=top,
        total=len(objectives),
    )


def goals_table_frame(
    objectives: pd.DataFrame, themes: pd.DataFrame, *, source_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The table view of the goals breakdown, one row per objective, in framework → pillar → objective order.

    Columns (GOALS_TABLE_COLUMNS): objective_id, framework (short name), pillar ('n. title'), objective
    (official label or ''), text, themes (theme labels joined with ', '), sources (short names, or ids
    without `source_names`, joined with '; '). Plain text, not escaped: for st.dataframe and CSV, not Plotly.
    """
    if objectives.empty:
        return pd.DataFrame(columns=list(GOALS_TABLE_COLUMNS))
    labels = helpers.theme_labels(themes)
    names = dict(source_names or {})
    rows = objectives.sort_values(["framework_order", "phase_id", "pillar_number", "objective_number"])
    table = pd.DataFrame(
        {
            "objective_id": rows["objective_id"],
            "framework": rows["framework_short"],
            "pillar": [
                f"{n}. {title}" for n, title in zip(rows["pillar_number"], rows["pillar_title"], strict=True)
            ],
            "objective": rows["label"],
            "text": rows["text"],
            "themes": [", ".join(labels.get(th, th) for th in value) for value in rows["themes"]],
            "sources": ["; ".join(names.get(s, s) for s in value) for value in rows["sources"]],
        }
    )
    return table.reset_index(drop=True)


def goals_table_columns(lang: str = "en") -> dict[str, str]:
    """Column id -> header for the goals table (e.g. for st.column_config or renaming before download)."""
    return {column: t(f"chart.goals.column.{column}", lang) for column in GOALS_TABLE_COLUMNS}
