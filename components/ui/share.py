"""Share and download: the copyable link to this view, and CSV of exactly the data on screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from components import state
from components.data.export import frame_csv
from components.i18n import csv_headers, download_name, t


def app_url() -> str:
    """The app's root address (scheme, host and base path), '' when Streamlit does not know it."""
    # st.context.url may still carry the current page's path; rebuild from host and the app's base path.
    parts = urlsplit(st.context.url or "")
    base_path = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{base_path}" if base_path else "") if parts.netloc else ""


def share_url(filters: state.Filters, page: str, url_path: str) -> str:
    """The absolute link that reopens `page` (at `url_path`) with this view: the address bar's query."""
    query = state.query_string(state.to_query_params(filters, page=page))
    return f"{app_url()}/{url_path}{query}"


def render_copy_link(url: str, lang: str) -> None:
    """'Copy link': a popover holding the full address of this view in a code block with Streamlit's
    own copy button (no custom script). The one way to copy a link; drawn beside each page's title."""
    with st.popover(t("share.copy_link", lang)):
        st.caption(t("share.title", lang))
        st.code(url, language=None, wrap_lines=True)
        st.caption(t("share.hint", lang))


def render_csv_download(
    frame: pd.DataFrame, *, filename: str, key: str, lang: str, present: bool = False
) -> None:
    """Download of the rows on screen as CSV (ids and snake_case column names, Spanish ones in Spanish;
    list columns joined with '; '). `filename` is 'word_word_….csv'; its words are translated."""
    if present:
        return
    stem = filename.removesuffix(".csv")
    st.download_button(
        t("share.download_csv", lang, rows=len(frame)),
        # Built when clicked, not on every run: a page has up to three of these.
        data=lambda: frame_csv(frame.rename(columns=csv_headers(frame.columns, lang))),
        file_name="_".join(download_name(stem.split("_"), lang)) + ".csv",
        mime="text/csv",
        key=key,
        on_click="ignore",  # no icon: a Material Symbols icon loads a font that costs every page ~0.2 s
    )
