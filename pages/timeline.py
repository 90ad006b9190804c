"""Timeline: dated events in lanes, presidencies and framework periods; select an event to read its sources."""

import streamlit as st

from components import state
from components.charts.timeline import timeline_figure, timeline_summary
from components.i18n import t
from components.ui.cards import render_event_details
from components.ui.data import (
    cached_figure,
    cached_figures,
    describe_filters,
    figure_meta,
    get_choices,
    get_frames,
    source_names,
)
from components.ui.filters import control, select_event
from components.ui.page import current_filters, render_header, selected_point_id
from components.ui.share import render_csv_download
from components.ui.widgets import readable_table, render_chart

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)

render_header(t("timeline.title", lang))

# Controls (kept in ?lanes=, ?category= and ?country=).
choices = get_choices()
left, middle, right = st.columns([1, 2, 2]) if not filters.present else (st, st, st)
lanes = control(
    "timeline_lanes", left.radio, t("timeline.lanes", lang), list(state.LANES),
    format_func=lambda lane: t(f"timeline.lanes_{lane}", lang), horizontal=True,
)  # fmt: skip
chosen_categories = control(
    "timeline_categories", middle.multiselect, t("timeline.categories", lang), list(choices.categories),
    format_func=lambda c: t(f"category.{c}", lang), placeholder=t("timeline.all_categories", lang),
)  # fmt: skip
chosen_countries = control(
    "timeline_countries", right.multiselect, t("timeline.countries", lang), list(choices.countries),
    format_func=lambda c: t(f"country.{c}", lang), placeholder=t("timeline.all_countries", lang),
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
subtitle = describe_filters(filters, with_years=True, with_events=True)
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
    summary=cached_figure(
        timeline_summary,
        events,
        start_year=filters.year_from,
        end_year=filters.year_to,
        lanes=lanes,
        lang=lang,
    ),
    table=None
    if filters.present
    else lambda: readable_table(
        events,
        {c: t(f"column.{c}", lang) for c in ("date_text", "title", "category", "country", "description")},
        labels={
            "category": {c: t(f"category.{c}", lang) for c in choices.categories},
            "country": {c: t(f"country.{c}", lang) for c in choices.countries},
        },
    ),
    lang=lang,
    on_select="rerun",
)
select_event(selected_point_id(selection))

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
