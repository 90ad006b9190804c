"""Outcomes: homicides, overdose deaths and Mérida funding against the policy periods; achievements and criticisms."""

import streamlit as st

from components import state
from components.charts.outcomes import indicator_figure, indicator_summary
from components.editorial import OUTCOME_CRITIQUE, OUTCOME_DEFAULT_INDICATORS, OUTCOME_KEY_EVENTS
from components.i18n import t
from components.ui.cards import render_assessment, render_assessments, render_indicator_notes
from components.ui.data import cached_figures, describe_filters, figure_meta, get_frames
from components.ui.page import current_filters
from components.ui.share import render_csv_download, render_share_box
from components.ui.widgets import md_escape, render_chart

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)

st.title(t("outcomes.title", lang))

# The critique this page exists for, in the sources' own words.
st.markdown(t("outcomes.intro", lang))
critique = frames.assessments[frames.assessments["assessment_id"].isin(OUTCOME_CRITIQUE)]
columns = st.columns(len(critique) or 1)
for column, (_, assessment) in zip(columns, critique.iterrows(), strict=False):
    with column:
        render_assessment(assessment, lang, compact=True)
st.caption(t("outcomes.no_causality", lang))

# Controls: which indicators (kept in ?indicator=).
available = list(dict.fromkeys(frames.indicators["indicator_id"]))
labels = dict(zip(frames.indicators["indicator_id"], frames.indicators["label"], strict=False))
chosen = list(filters.indicators) or [i for i in OUTCOME_DEFAULT_INDICATORS if i in available]
if not filters.present:
    chosen = st.multiselect(
        t("outcomes.indicators", lang),
        available,
        default=chosen,
        format_func=lambda i: labels.get(i, i),
        key="outcomes_indicators",
    )
    if tuple(chosen) != tuple(filters.indicators) and chosen:
        st.query_params[state.P_INDICATOR] = chosen
    elif not chosen and state.P_INDICATOR in st.query_params:
        del st.query_params[state.P_INDICATOR]

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
    summary=indicator_summary(frames.indicators, indicator_ids=tuple(chosen), lang=lang),
    table=values[["label", "year", "as_of", "value", "unit", "status", "note"]],
    lang=lang,
)
render_csv_download(
    values, filename="us-mx-security_outcomes.csv", key="outcomes_csv", lang=lang, present=filters.present
)
render_indicator_notes(chosen, lang)

# Achievements and criticisms, filtered by theme.
st.subheader(t("outcomes.assessments", lang))
kinds = ["achievement", "criticism", "finding"]
chosen_kinds = kinds
if not filters.present:
    chosen_kinds = (
        st.multiselect(
            t("outcomes.kinds", lang),
            kinds,
            default=kinds,
            format_func=lambda k: t(f"assessment.{k}", lang),
            key="outcomes_kinds",
        )
        or kinds
    )
assessments = state.filter_themes(frames.assessments, filters.themes)
assessments = assessments[assessments["kind"].isin(chosen_kinds)]
if assessments.empty:
    st.info(t("empty.filtered", lang, filters=describe_filters(filters)), icon=":material/filter_alt_off:")
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

render_share_box(filters, "outcomes", (state.P_INDICATOR,))
