"""Small Streamlit building blocks shared by pages: charts with their summary and table, chips, source lines."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.charts.style import export_config, safe_filename
from components.i18n import download_name, t
from components.safe_text import md_escape
from components.ui.data import frame_lookup, get_frames
from components.ui.viewport import is_narrow


def _source_lookup(lang: str) -> dict[str, tuple[str, str]]:
    """Source id -> (short name, URL) for the sources this session sees."""
    return frame_lookup(
        get_frames(lang).sources,
        "sources",
        lambda f: dict(zip(f["source_id"], zip(f["short"], f["url"], strict=True), strict=True)),
    )


def _theme_lookup(lang: str) -> dict[str, str]:
    """Theme id -> label in `lang`."""
    return frame_lookup(
        get_frames(lang).themes, "themes", lambda f: dict(zip(f["theme_id"], f["label"], strict=True))
    )


def source_names(source_ids: Iterable[str], lang: str = "en") -> list[str]:
    lookup = _source_lookup(lang)
    return [lookup[s][0] if s in lookup else s for s in dict.fromkeys(source_ids)]


def sources_markdown(source_ids: Iterable[str], lang: str = "en") -> str:
    """'Sources: [short](url); …' with each short name linked (URLs are validated http(s) addresses)."""
    lookup = _source_lookup(lang)
    parts = []
    for source_id in dict.fromkeys(source_ids):
        if source_id in lookup:
            short, url = lookup[source_id]
            url = url.replace("(", "%28").replace(")", "%29")
            parts.append(f"[{md_escape(short)}]({url})")
        else:
            parts.append(md_escape(source_id))
    return t("ui.sources", lang) + " " + "; ".join(parts) if parts else ""


def render_sources_line(source_ids: Iterable[str], lang: str = "en") -> None:
    """A caption naming the sources, each linked to its URL."""
    text = sources_markdown(source_ids, lang)
    if text:
        st.caption(text)


def render_card(blocks: Iterable[str], source_ids: Iterable[str], lang: str) -> None:
    """A bordered card: its markdown blocks as ONE element plus one sources caption.

    One element per card (not one per line) keeps pages with dozens of cards quick to draw.
    """
    with st.container(border=True):
        st.markdown("\n\n".join(block for block in blocks if block))
        render_sources_line(source_ids, lang)


def render_card_list(items: Iterable[tuple[Iterable[str], Iterable[str]]], lang: str) -> None:
    """Several (blocks, source ids) items in one bordered box, separated by rules, as ONE markdown element."""
    texts = []
    for blocks, source_ids in items:
        parts = [block for block in blocks if block]
        sources = sources_markdown(source_ids, lang)
        if sources:
            parts.append(f"*{sources}*")
        texts.append("\n\n".join(parts))
    if texts:
        with st.container(border=True):
            st.markdown("\n\n---\n\n".join(texts))


def theme_chips(theme_ids: Iterable[str], lang: str = "en", highlight: Iterable[str] = ()) -> str:
    """Markdown badges for themes; highlighted themes in the primary colour, others grey (labels carry the meaning)."""
    labels = _theme_lookup(lang)
    wanted = set(highlight)
    chips = []
    for theme_id in theme_ids:
        color = "blue" if theme_id in wanted else "gray"
        chips.append(f":{color}-badge[{md_escape(labels.get(theme_id, theme_id))}]")
    return " ".join(chips)


def readable_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """A copy of `frame` for reading on screen: only `columns` (column -> human label), ids in the
    columns of `labels` shown by name, lists joined with ', ', dates as YYYY-MM-DD, missing cells empty.

    CSV downloads keep the machine-friendly frame (ids, snake_case columns); this is the table view.
    """
    labels = labels or {}
    out = pd.DataFrame(index=frame.index)
    for column, label in columns.items():
        names = labels.get(column, {})

        def cell(value: object, names: Mapping[str, str] = names) -> object:
            if isinstance(value, list | tuple):
                return ", ".join(str(names.get(v, v)) for v in value)
            if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
                return ""
            if isinstance(value, pd.Timestamp):
                return value.date().isoformat()
            return names.get(value, value) if isinstance(value, str) else value

        out[label] = frame[column].map(cell)
    return out.reset_index(drop=True)


def render_chart(
    figure: go.Figure,
    *,
    key: str,
    filename_parts: Iterable[str],
    summary: str,
    table: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    lang: str = "en",
    on_select: str = "ignore",
    selection_mode: tuple[str, ...] = ("points",),
):
    """A chart with its PNG export name, its one-sentence summary (shown, and given to the chart as help)
    and a table view of the same data. Returns the selection state when on_select='rerun'.

    `figure` is the one variant (wide or phone-width) that cached_figures built for this reader's
    screen (components/ui/viewport.py); its PNG export carries the title, filters and sources.
    `table` may be a function returning the frame, so that it is built only when the table is opened.
    """
    config = export_config(safe_filename(*download_name(filename_parts, lang)))
    kwargs = {"config": config, "width": "stretch", "theme": None}
    if on_select != "ignore":
        kwargs.update(on_select=on_select, selection_mode=list(selection_mode))
    # A phone-width figure is keyed "<key>-narrow" (its container's class says which variant is drawn).
    event = st.plotly_chart(figure, key=f"{key}-narrow" if is_narrow() else key, **kwargs)
    st.caption(md_escape(summary))
    if table is not None:
        # Filled only once opened: a closed table view sends no rows, and the browser loads the data
        # grid's code (about 1.2 MB of JavaScript) when a reader asks for a table, not with every page.
        box = st.expander(t("ui.table_view", lang), key=f"table-{key}", on_change="rerun")
        if box.open:
            with box:
                st.dataframe(table() if callable(table) else table, hide_index=True, width="stretch")
    return event
