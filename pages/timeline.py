"""Timeline: dated events in lanes, presidencies and framework periods; select an event to read its sources."""

import streamlit as st

from components import state
from components.charts.timeline import timeline_figure, timeline_summary
from components.i18n import t
from components.ui.cards import render_event_details
from components.ui.data import cached_figures, describe_filters, figure_meta, get_frames, source_names
from components.ui.page import PAGE_PARAMS, current_filters, select_event, selected_point_id
from components.ui.share import render_csv_download, render_share_box
from components.ui.widgets import render_chart

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)

st.title(t("timeline.title", lang))

# Controls.
categories = sorted(frames.events["category"].unique())
countries = ["us", "mx", "bilateral"]
lanes, chosen_categories, chosen_countries = filters.lanes, [], []
if not filters.present:
    left, middle, right = st.columns([1, 2, 2])
    lanes = left.radio(
        t("timeline.lanes", lang),
        list(state.LANES),
        index=list(state.LANES).index(filters.lanes),
        format_func=lambda lane: t(f"timeline.lanes_{lane}", lang),
        key="timeline_lanes",
        horizontal=True,
    )
    chosen_categories = middle.multiselect(
        t("timeline.categories", lang), categories, format_func=lambda c: t(f"category.{c}", lang),
        key="timeline_categories", placeholder=t("timeline.all_categories", lang),
    )  # fmt: skip
    chosen_countries = right.multiselect(
        t("timeline.countries", lang), countries, format_func=lambda c: t(f"country.{c}", lang),
        key="timeline_countries", placeholder=t("timeline.all_countries", lang),
    )  # fmt: skip

# Data.
events = state.filter_themes(
    state.filter_years(frames.events, filters.year_from, filters.year_to), filters.themes
)
if chosen_categories:
    events = events[events["category"].isin(chosen_categories)]
if chosen_countries:
    events = events[events["country"].isin(chosen_countries)]
spans = state.filter_spans(frames.spans, filters.year_from, filters.year_to)
selected = filters.event if filters.event in set(events["event_id"]) else None

# Figure.
subtitle = describe_filters(filters, with_years=True)
meta = figure_meta(filters, subtitle)
figure = cached_figures(
    timeline_figure,
    events,
    spans,
    meta=meta,
    start_year=filters.year_from,
    end_year=filters.year_to,
    lanes=lanes,
    selected_event=selected,
    source_names=source_names(lang),
)
selection = render_chart(
    figure,
    key="timeline_chart",
    filename_parts=("us-mx-security", "timeline", f"{filters.year_from}-{filters.year_to}", *filters.themes),
    summary=timeline_summary(
        events, start_year=filters.year_from, end_year=filters.year_to, lanes=lanes, lang=lang
    ),
    table=events[["date_text", "title", "category", "country", "description"]],
    lang=lang,
    on_select="rerun",
)
select_event(selected_point_id(selection), filters, lanes)

render_csv_download(
    events, filename=f"us-mx-security_timeline_{filters.year_from}-{filters.year_to}.csv", key="timeline_csv",
    lang=lang, present=filters.present,
)  # fmt: skip

# The selected event's details.
if filters.event and selected is None:
    st.info(t("timeline.event_hidden", lang), icon=":material/visibility_off:")
if selected:
    render_event_details(events[events["event_id"] == selected].iloc[0], lang)
elif not filters.present:
    st.caption(t("timeline.select_hint", lang))

render_share_box(filters, "timeline", PAGE_PARAMS["timeline"])
