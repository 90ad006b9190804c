"""Sources & data: every source with its full citation, how to cite the dashboard, downloads, and the schema."""

import datetime as dt

import pandas as pd
import streamlit as st

from components import state
from components.data.export import dataset_csv_zip, dataset_json
from components.data.schema_docs import DOCUMENTED_FILES, field_rows
from components.i18n import download_name, t
from components.ui.data import get_choices, get_frames, get_load_result
from components.ui.filters import control
from components.ui.glossary import render_glossary
from components.ui.page import current_filters, render_header
from components.ui.share import app_url, render_csv_download
from components.ui.widgets import md_escape, readable_table

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)
about = get_load_result().dataset.about

render_header(t("sources.title", lang))
st.markdown(t("sources.intro", lang))

# How to cite this dashboard.
st.subheader(t("sources.cite", lang))
data_date = about.data_date.isoformat() if about else ""
version = about.version if about else ""
st.markdown(t("sources.cite_short_label", lang))
st.code(t("sources.cite_short", lang, data_date=data_date), language=None, wrap_lines=True)
st.markdown(t("sources.cite_long_label", lang))
accessed = dt.date.today().isoformat()
st.code(
    t(
        "sources.cite_long",
        lang,
        data_date=data_date,
        version=version,
        url=f"{app_url()}/",
        accessed=accessed,
    ),
    language=None,
    wrap_lines=True,
)

# Every source, searchable and filterable by kind (kept in ?q= and ?kind=).
st.subheader(t("sources.list", lang, count=len(frames.sources)))
st.caption(t("sources.languages", lang))
kinds = list(get_choices().source_kinds)
search_column, kind_column = st.columns([2, 1]) if not filters.present else (st, st)
query = control(
    "sources_search", search_column.text_input, t("sources.search", lang),
    placeholder=t("sources.search_placeholder", lang), max_chars=state.MAX_SEARCH,
)  # fmt: skip
chosen_kinds = control(
    "sources_kinds", kind_column.multiselect, t("sources.kinds", lang), kinds,
    format_func=lambda k: t(f"source_kind.{k}", lang), placeholder=t("sources.all_kinds", lang),
)  # fmt: skip
sources = frames.sources
if chosen_kinds:
    sources = sources[sources["kind"].isin(chosen_kinds)]
if query.strip():
    text = (
        sources[["source_id", "short", "title", "publisher", "authors", "date", "note"]]
        .astype(str)
        .agg(" ".join, axis=1)
    )
    sources = sources[text.str.contains(query.strip(), case=False, regex=False)]
st.caption(t("sources.shown", lang, shown=len(sources), total=len(frames.sources)))
shown_columns = ("short", "title", "publisher", "authors", "date", "kind", "url", "via", "note", "source_id")
st.dataframe(
    readable_table(
        sources,
        {c: c for c in shown_columns},
        labels={"kind": {k: t(f"source_kind.{k}", lang) for k in kinds}},
    ),
    hide_index=True,
    width="stretch",
    column_config={
        **{c: t(f"column.source.{c}", lang) for c in shown_columns if c not in ("url", "via")},
        "url": st.column_config.LinkColumn(t("sources.col_url", lang)),
        "via": st.column_config.LinkColumn(t("sources.col_via", lang)),
    },
)
render_csv_download(
    sources, filename="us-mx-security_sources.csv", key="sources_csv", lang=lang, present=filters.present
)

# The whole dataset, built only when a reader clicks (the ZIP and JSON were most of this page's
# script time on every visit). The lambdas run on another thread, so they only use values bound here.
dataset = get_load_result().dataset
st.subheader(t("sources.downloads", lang))
left, right = st.columns(2)
left.download_button(
    t("sources.download_zip", lang), data=lambda: dataset_csv_zip(frames), file_name="_".join(download_name(["us-mx-security-data", data_date], lang)) + ".zip",
    mime="application/zip", key="sources_zip", on_click="ignore",
)  # fmt: skip
right.download_button(
    t("sources.download_json", lang), data=lambda: dataset_json(dataset),
    file_name="_".join(download_name(["us-mx-security-data", data_date], lang)) + ".json", mime="application/json", key="sources_json", on_click="ignore",
)  # fmt: skip

# Words people know: every acronym of the data and the pages, spelled out.
st.subheader(t("glossary.title", lang))
render_glossary(lang)

# For contributors: the schema, generated from the models, out of the reader's way.
if not filters.present:
    with st.expander(t("sources.schema", lang)):
        st.markdown(t("sources.schema_intro", lang))
        tabs = st.tabs([md_escape(file_name) for file_name in DOCUMENTED_FILES])
        for tab, model in zip(tabs, DOCUMENTED_FILES.values(), strict=True):
            with tab:
                st.caption(md_escape(model.__doc__ or ""))
                st.dataframe(pd.DataFrame(field_rows(model)), hide_index=True, width="stretch")
