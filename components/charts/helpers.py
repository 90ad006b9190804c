"""Small pure helpers shared by the figure builders: lookups, colours with alpha, counts and numbers in words."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from components.charts.style import FRAMEWORK_COLORS, NEUTRAL, UNKNOWN_THEME_COLOR, FigureMeta, empty_figure
from components.i18n import t


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


def fmt_number(value: float) -> str:
    """1234 -> '1,234'; 1.5 -> '1.5'; 2.25 -> '2.25' (at most two decimals, no trailing zeros)."""
    number = float(value)
    if number.is_integer():
        return f"{number:,.0f}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def fmt_percent(share: float) -> str:
    """0.254 -> '25%'; shares under 1% but above 0 keep one decimal so they do not read as nothing."""
    percent = share * 100
    if 0 < percent < 1:
        return f"{percent:.1f}%"
    return f"{percent:.0f}%"


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
    return t("chart.common.and_join", lang, head=join_list(items[:-1], lang), last=items[-1])


def ordered_frameworks(framework_ids: Iterable[str]) -> list[str]:
    """Framework ids in the fixed FRAMEWORK_COLORS order, unknown ones after them in first-seen order."""
    present = list(dict.fromkeys(framework_ids))
    known = [f for f in FRAMEWORK_COLORS if f in present]
    return known + [f for f in present if f not in FRAMEWORK_COLORS]


def framework_color(framework_id: str) -> str:
    return FRAMEWORK_COLORS.get(framework_id, NEUTRAL)
