"""Overview: the two compared frameworks at a glance, what changed between them, and theme coverage."""

import pandas as pd
import streamlit as st

from components import state
from components.charts.coverage import theme_coverage_figure, theme_coverage_summary
from components.charts.helpers import join_and
from components.charts.style import RELATION_ORDER
from components.i18n import t
from components.ui.cards import render_framework_card
from components.ui.data import (
    cached_figure,
    cached_figures,
    describe_filters,
    describe_view,
    figure_meta,
    get_frames,
    get_load_result,
    get_view,
    theme_labels,
)
from components.ui.page import current_filters, render_header, render_no_crosswalk_notice
from components.ui.widgets import md_escape, readable_table, render_chart, render_sources_line

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)
selected = get_view(filters)
frameworks = {f.id: f for f in get_load_result().dataset.frameworks}
names = dict(zip(selected.frameworks["framework_id"], selected.frameworks["short_name"], strict=True))
earlier, later = (names[f] for f in selected.framework_ids)

render_header(t("overview.title", lang))
listed = [
    t("overview.intro_item", lang, name=row["name"], start=row["start"].year, end=row["end"].year)
    if not pd.isna(row["end"])
    else t("overview.intro_open", lang, name=row["name"], start=row["start"].year)
    for _, row in frames.frameworks.iterrows()
]
intro = t(
    "overview.intro",
    lang,
    count=len(listed),
    first_year=frames.frameworks["start"].min().year,
    frameworks=md_escape(join_and(listed, lang)),
)
st.markdown(intro if filters.present else f"{intro} {t('overview.intro_hint', lang)}")

# The chart is drawn first into its place below the cards: its figure reaches the browser (which then
# fetches Plotly's code) before the cards, so the page's one chart is not the last thing to appear.
cards_slot, changed_slot, chart_slot = st.container(), st.container(), st.container()

with chart_slot:
    # Theme coverage of the objectives of the phases shown.
    meta = figure_meta(filters, describe_filters(filters, with_phase=True))
    figure = cached_figures(
        theme_coverage_figure, selected.objectives, frames.themes, meta=meta, highlight_themes=filters.themes
    )
    render_chart(
        figure,
        key="overview_coverage",
        filename_parts=("us-mx-security", "theme-coverage", *selected.phase_ids, *filters.themes),
        summary=cached_figure(theme_coverage_summary, selected.objectives, frames.themes, lang=lang),
        table=None
        if filters.present
        else lambda: readable_table(
            selected.objectives,
            {
                c: t(f"column.{c}", lang)
                for c in ("framework_short", "pillar_title", "label", "text", "themes")
            },
            labels={"themes": theme_labels(lang)},
        ),
        lang=lang,
    )

with cards_slot:
    # The compared frameworks side by side (each card lists every phase it has).
    columns = st.columns(len(selected.framework_ids))
    for column, framework_id in zip(columns, selected.framework_ids, strict=True):
        with column:
            render_framework_card(
                frameworks[framework_id],
                frames.pillars[frames.pillars["framework_id"] == framework_id],
                frames.objectives[frames.objectives["framework_id"] == framework_id],
                lang,
                present=filters.present,
            )

with changed_slot:
    # What changed: the crosswalk's counts between the two (the project's analysis), for the phases shown.
    st.subheader(t("overview.changed", lang, earlier=md_escape(earlier), later=md_escape(later)))
    if not selected.linked:
        render_no_crosswalk_notice(selected, filters)
    else:
        st.caption(t("overview.changed_caption", lang, view=md_escape(describe_view(filters))))
        crosswalk = state.filter_themes(selected.crosswalk, filters.themes)
        counts = {relation: int((crosswalk["relation"] == relation).sum()) for relation in RELATION_ORDER}
        metrics = st.columns(len(RELATION_ORDER))
        for column, relation in zip(metrics, RELATION_ORDER, strict=True):
            column.metric(t(f"relation.{relation}", lang), counts[relation])
        st.markdown(
            t(
                "overview.changed_sentence",
                lang,
                total=len(crosswalk),
                earlier=md_escape(earlier),
                later=md_escape(later),
                **counts,
            )
        )
        render_sources_line([s for row in crosswalk["sources"] for s in row], lang)

# Go deeper, keeping the filters.
st.subheader(t("overview.explore", lang))
links = st.columns(3)
query = state.to_query_params(filters)
links[0].page_link("pages/compare.py", label=t("overview.to_compare", lang), query_params=query)
links[1].page_link("pages/timeline.py", label=t("overview.to_timeline", lang), query_params=query)
links[2].page_link("pages/goals.py", label=t("overview.to_goals", lang), query_params=query)
