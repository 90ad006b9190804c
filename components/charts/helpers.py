"""Small pure helpers shared by the figure builders: lookups, colours with alpha, counts and numbers in words."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from components.charts.style import (
    NEUTRAL,
    UNKNOWN_THEME_COLOR,
    FigureMeta,
    empty_figure,
    esc,
    wrap,
)
from components.i18n import formats, t


def rgba(hex_color: str, alpha: float) -> str:
    """'#RRGGBB' + alpha -> 'rgba(r,g,b,a)' (Sankey links and bands need transparency, not opacity)."""
    value = hex_color.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha:g})"


def theme_labels(themes: pd.DataFrame) -> dict[str, str]:
    """theme_id -> label (unescaped), in the themes frame's order."""
    ordered = themes.sort_values("order") if "order" in themes else themes
    return dict(zip(ordered["theme_id"], ordered["label"], strict=True))


def theme_colors(themes: pd.DataFrame) -> dict[str, str]:
    """theme_id -> the theme's fixed colour from themes.yaml."""
    return dict(zip(themes["theme_id"], themes["color"], strict=True))


def theme_color(colors: dict[str, str], theme_id: str) -> str:
    return colors.get(theme_id, UNKNOWN_THEME_COLOR)


def source_ids(*frames: pd.DataFrame) -> list[str]:
    """The source ids cited by the rows of some frames (their `sources` tuple columns), first-seen order."""
    seen: dict[str, None] = {}
    for frame in frames:
        if frame is None or frame.empty or "sources" not in frame:
            continue
        for value in frame["sources"]:
            for source_id in (value,) if isinstance(value, str) else value:
                seen.setdefault(source_id, None)
    return list(seen)


def plural(key: str, count: int, lang: str, **values: object) -> str:
    """`key.one` for 1 and `key.other` otherwise, formatted with count (and any other values)."""
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **values)


def join_list(items: Iterable[str], lang: str) -> str:
    return t("chart.common.list_separator", lang).join(items)


def fmt_number(value: float, lang: str = "en") -> str:
    """1234 -> '1,234'; 1.5 -> '1.5' (at most two decimals), in the language's usage (Babel)."""
    return formats.fmt_number(value, lang)


def fmt_percent(share: float, lang: str = "en") -> str:
    """0.254 -> '25%'; shares under 1% but above 0 keep one decimal so they do not read as nothing."""
    return formats.fmt_percent(share, lang)


def shorten(text: str, width: int) -> str:
    """Plain text cut at a word boundary to at most `width` characters, with an ellipsis when cut."""
    clean = " ".join(str(text).split())
    if len(clean) <= width:
        return clean
    cut = clean[: width - 1].rsplit(" ", 1)[0] or clean[: width - 1]
    return cut.rstrip(",;:.") + "…"


def empty_state(meta: FigureMeta, title: str) -> go.Figure:
    """The empty-state figure every builder returns when the filters leave nothing to draw."""
    return empty_figure(meta.context(title), t("empty.filtered", meta.lang, filters=meta.subtitle))


def join_and(items: list[str], lang: str) -> str:
    """'A', 'A and B', 'A, B and C' (the final joiner from the catalogue)."""
    if len(items) <= 1:
        return "".join(items)
    head = t("chart.common.comma", lang).join(items[:-1])
    return t("chart.common.and_join", lang, head=head, last=items[-1])


def ordered_frameworks(frame: pd.DataFrame) -> list[str]:
    """The framework ids of a frame's rows in start-date order (its framework_order column)."""
    if frame.empty:
        return []
    ranked = frame[["framework_id", "framework_order"]].drop_duplicates().sort_values("framework_order")
    return list(ranked["framework_id"])


def framework_colors(frame: pd.DataFrame) -> dict[str, str]:
    """framework id -> its colour from the data (the frame's framework_color column)."""
    return dict(zip(frame["framework_id"], frame["framework_color"], strict=False))


def color_or_neutral(color: object) -> str:
    return str(color) if isinstance(color, str) and color else NEUTRAL


def ordered_pillars(pillars: pd.DataFrame) -> pd.DataFrame:
    """Pillars in framework (start-date) order, then phase, then official number."""
    return pillars.sort_values(["framework_order", "phase_id", "pillar_number"])


# Text glyphs that match the Plotly marker symbols of style.CATEGORY_SYMBOLS / STATUS_SYMBOLS, for keys
# drawn as annotations (see add_key).
SYMBOL_GLYPHS: dict[str, str] = {
    "diamond": "◆",
    "square": "■",
    "star": "★",
    "triangle-up": "▲",
    "x": "✕",
    "circle": "●",
    "hexagon": "⬢",
    "triangle-down": "▼",
    "circle-open": "○",
}


def add_key(
    fig: go.Figure,
    items: Iterable[tuple[str, str, str]],
    *,
    name: str = "key",
    x: float = 0,
    xanchor: str = "left",
    vertical: bool = False,
) -> None:
    """A one-line key above the plot area: (glyph, colour, label) items, each glyph in its colour.

    Used instead of finalize's legend, whose position is a fraction of the plot height below the axis:
    on taller figures it lands on the footer. The key sits in the top margin, a fixed number of pixels
    above the plot area; a `vertical` key lists one item per line downwards from the top of the plot
    area instead (the builder leaves room for it). Labels are escaped here.
    """
    parts = [f'<span style="color:{color}">{glyph}</span> {esc(label)}' for glyph, color, label in items]
    if not parts:
        return
    fig.add_annotation(
        text=("<br>" if vertical else "&nbsp;&nbsp;&nbsp;").join(parts),
        xref="paper",
        yref="paper",
        x=x,
        y=1,
        xanchor=xanchor,
        yanchor="top" if vertical else "bottom",
        yshift=0 if vertical else 6,
        showarrow=False,
        align="left",
        font={"size": 12},
        name=name,
    )


def flowing_key_lines(items: Iterable[tuple[str, str, str]], width: int) -> list[str]:
    """A key as lines of HTML no longer than `width` visible characters: (glyph, colour, label) items.

    Items share a line while they fit; a label too long for a line is wrapped onto lines of its own,
    indented under its glyph. Labels are escaped here. Used by the narrow variants, where a one-line
    key would run off a phone's screen.
    """
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for glyph, color, label in items:
        parts = wrap(label, width - 2).split("<br>")
        head = f'<span style="color:{color}">{glyph}</span> {parts[0]}'
        size = len(html.unescape(parts[0])) + 2
        if len(parts) == 1 and current and used + 3 + size <= width:
            current.append(head)
            used += 3 + size
            continue
        if current:
            lines.append("&nbsp;&nbsp;&nbsp;".join(current))
        current, used = [head], size
        if len(parts) > 1:
            lines.append(head)
            lines += [f"&nbsp;&nbsp;&nbsp;{part}" for part in parts[1:]]
            current, used = [], 0
    if current:
        lines.append("&nbsp;&nbsp;&nbsp;".join(current))
    return lines


def add_key_lines(
    fig: go.Figure,
    lines: list[str],
    *,
    above: bool = False,
    xshift: int = 0,
    size: int = 12,
    name: str = "key",
) -> None:
    """A key of several lines (see flowing_key_lines) at the top of the plot area, or just above it."""
    fig.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom" if above else "top",
        yshift=6 if above else 0,
        xshift=xshift,
        align="left",
        showarrow=False,
        font={"size": size},
        name=name,
    )


LABEL_CHAR_SHARE = 0.0075  # share of the x extent one label character takes on a ~1000 px wide plot
LABEL_GAP = 0.01  # share of the x extent kept free between two labels on one row
LABEL_ROW_PX = 15  # vertical step between rows of period labels


def add_framework_periods(
    fig: go.Figure,
    periods: Iterable[tuple[pd.Series, object, object]],
    *,
    low,
    high,
    y1: float = 1.0,
    edge: str = "top",
    alpha: float = 0.08,
    lang: str = "en",
) -> int:
    """Shade framework periods (spans of kind 'framework'), each (span, x0, x1), labelled in their colours.

    Each band is a rectangle; its label is an annotation along the top (or bottom) edge, starting at the
    band's left edge, or ending at its right edge when it would leave the axis. Labels that would
    overlap go to the next row (a recent period next to a long one), so they never collide. A period
    with no sourced end says so in its label. Returns the number of label rows, so a caller can leave
    room for them. Shared by the timeline and the outcomes chart so both draw periods the same way.
    """
    extent = high - low
    row_ends: list[float] = []  # per label row, the right end (share of the axis) already used
    for span, x0, x1 in periods:
        color = color_or_neutral(span["color"])
        label = span["label"]
        if pd.isna(span["end"]):
            label = t("chart.common.open_period", lang, label=label)
        fig.add_shape(
            type="rect",
            xref="x",
            yref="paper",
            x0=x0,
            x1=x1,
            y0=0,
            y1=y1,
            fillcolor=rgba(color, alpha),
            line={"width": 0},
            layer="below",
            name=f"framework-{span['span_id']}",
        )
        width = len(label) * LABEL_CHAR_SHARE
        start = (x0 - low) / extent
        from_right = start + width > 1
        left = (x1 - low) / extent - width if from_right else start
        row = next((r for r, end in enumerate(row_ends) if end + LABEL_GAP <= left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = left + width
        step = row * LABEL_ROW_PX
        fig.add_annotation(
            text=esc(label),
            xref="x",
            yref="paper",
            x=x1 if from_right else x0,
            y=y1 if edge == "top" else 0,
            xanchor="right" if from_right else "left",
            yanchor="top" if edge == "top" else "bottom",
            xshift=-4 if from_right else 4,
            yshift=-(2 + step) if edge == "top" else 2 + step,
            showarrow=False,
            font={"size": 11, "color": color},
            name=f"framework-label-{span['span_id']}",
        )
    return len(row_ends)
