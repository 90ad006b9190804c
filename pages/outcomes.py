"""Outcomes: homicides, overdose deaths and Mérida funding against the policy periods; achievements and criticisms."""

import streamlit as st

from components import state
from components.charts.outcomes import indicator_figure, indicator_summary
from components.data.frames import records
from components.editorial import OUTCOME_CRITIQUE, OUTCOME_KEY_EVENTS
from components.i18n import t
from components.ui.cards import render_assessment, render_assessments, render_indicator_notes
from components.ui.data import (
    cached_figure,
    cached_figures,
    describe_filters,
    figure_meta,
    get_choices,
    get_frames,
)
from components.ui.filters import control
from components.ui.page import current_filters, render_header
from components.ui.share import render_csv_download
from components.ui.widgets import md_escape, readable_table, render_chart

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)

render_header(t("outcomes.title", lang))

# The critique comes first on the page, but the chart below it is drawn first into its place: its
# figure reaches the browser (which then fetches Plotly's code) before the cards.
critique_slot = st.container()

# Controls: which indicators (kept in ?indicator=; none chosen is ?indicator= with no value).
choices = get_choices()
labels = dict(zip(frames.indicators["indicator_id"], frames.indicators["label"], strict=False))
chosen = control(
    "outcomes_indicators", st.multiselect, t("outcomes.indicators", lang), list(choices.indicators),
    format_func=lambda i: labels.get(i, i), placeholder=t("outcomes.no_indicator", lang),
)  # fmt: skip

# Data and figure.
values = frames.indicators[frames.indicators["indicator_id"].isin(chosen)]
subtitle = t("outcomes.subtitle", lang, indicators="; ".join(labels.get(i, i) for i in chosen))
meta = figure_meta(filters, subtitle)
figure = cached_figures(
    indicator_figure, frames.indicators, frames.spans, frames.events, meta=meta, indicator_ids=tuple(chosen),
    key_event_ids=OUTCOME_KEY_EVENTS,
)  # fmt: skip
render_chart(
    figure,
    key="outcomes_chart",
    filename_parts=("us-mx-security", "outcomes", *chosen),
    summary=cached_figure(indicator_summary, frames.indicators, indicator_ids=tuple(chosen), lang=lang),
    table=None
    if filters.present
    else lambda: readable_table(
        values,
        {
            "label": t("column.indicator", lang),
            **{c: t(f"column.{c}", lang) for c in ("year", "as_of", "value", "unit", "status", "note")},
        },
        labels={"status": {s: t(f"status.{s}", lang) for s in ("final", "preliminary")}},
    ),
    lang=lang,
)
render_csv_download(
    values, filename="us-mx-security_outcomes.csv", key="outcomes_csv", lang=lang, present=filters.present
)
if not filters.present:
    render_indicator_notes(chosen, lang)

with critique_slot:
    # The critique this page exists for, in the sources' own words.
    st.markdown(t("outcomes.intro", lang))
    critique = frames.assessments[frames.assessments["assessment_id"].isin(OUTCOME_CRITIQUE)]
    columns = st.columns(len(critique) or 1)
    for column, assessment in zip(columns, records(critique), strict=False):
        with column:
            render_assessment(assessment, lang, compact=True)
    st.caption(t("outcomes.no_causality", lang))


# Achievements and criticisms, filtered by theme.
st.subheader(t("outcomes.assessments", lang))
chosen_kinds = control(
    "outcomes_kinds", st.multiselect, t("outcomes.kinds", lang), list(choices.assessment_kinds),
    format_func=lambda k: t(f"assessment.{k}", lang), placeholder=t("outcomes.all_kinds", lang),
)  # fmt: skip
assessments = state.filter_themes(frames.assessments, filters.themes)
if chosen_kinds:  # none picked: all kinds
    assessments = assessments[assessments["kind"].isin(chosen_kinds)]
if assessments.empty:
    st.info(
        t("empty.filtered", lang, filters=md_escape(describe_filters(filters))),
        icon=":material/filter_alt_off:",
    )
for framework_id, name in zip(
    frames.frameworks["framework_id"], frames.frameworks["short_name"], strict=True
):
    rows = assessments[assessments["framework_id"] == framework_id]
    if rows.empty:
        continue
    st.markdown(f"#### {md_escape(name)}")
    grid = st.columns(2)
    for index, column in enumerate(grid):
        with column:
            render_assessments(rows.iloc[index::2], lang, filters.themes)
render_csv_download(
    assessments,
    filename="us-mx-security_assessments.csv",
    key="outcomes_assessments_csv",
    lang=lang,
    present=filters.present,
)
