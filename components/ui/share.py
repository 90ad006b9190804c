"""Share and download: the copyable link to this view, and CSV of exactly the data on screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from components import state
from components.data.export import frame_csv
from components.i18n import t


def share_url(filters: state.Filters, page_path: str, page_params: tuple[str, ...]) -> str:
    """The absolute link that reopens this page with these filters (and this page's own parameters)."""
    # st.context.url may still carry the current page's path; rebuild from host and the app's base path.
    parts = urlsplit(st.context.url or "")
    base_path = (st.get_option("server.baseUrlPath") or "").strip("/")
    base = f"{parts.scheme}://{parts.netloc}" + (f"/{base_path}" if base_path else "") if parts.netloc else ""
    path = f"/{page_path}" if page_path else "/"
    return f"{base}{path}{state.query_string(state.to_query_params(filters, page_params=page_params))}"


def render_share_box(filters: state.Filters, page_path: str, page_params: tuple[str, ...] = ()) -> None:
    """A copyable link to this view (select and copy), unless in presentation mode."""
    if filters.present:
        return
    # A read-only text box rather than st.code: st.code pulls in the syntax-highlighting bundle,
    # which costs every page about half a second of load time (bench/pages.py).
    st.text_input(
        t("share.title", filters.lang),
        value=share_url(filters, page_path, page_params),
        help=t("share.hint", filters.lang),
        disabled=False,
    )


def render_csv_download(
    frame: pd.DataFrame, *, filename: str, key: str, lang: str, present: bool = False
) -> None:
    """Download of the rows on screen as CSV (list columns joined with '; ')."""
    if present:
        return
    st.download_button(
        t("share.download_csv", lang, rows=len(frame)),
        data=frame_csv(frame),
        file_name=filename,
        mime="text/csv",
        key=key,
        on_click="ignore",  # no icon: a Material Symbols icon loads a font that costs every page ~0.2 s
    )
