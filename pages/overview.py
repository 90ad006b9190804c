"""Overview: both frameworks at a glance, what changed, and theme coverage."""

import streamlit as st

from components import state
from components.charts.coverage import theme_coverage_figure, theme_coverage_summary
from components.i18n import t
from components.ui.cards import render_framework_card
from components.ui.data import cached_figure, describe_filters, figure_meta, get_frames, get_load_result
from components.ui.page import current_filters
from components.ui.share import render_share_box
from components.ui.widgets import render_chart, render_sources_line

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)
frameworks = {f.id: f for f in get_load_result().dataset.frameworks}

st.title(t("overview.title", lang))
st.markdown(t("overview.intro", lang))

# Both frameworks side by side.
columns = st.columns(2)
for column, framework_id in zip(columns, ("merida", "bicentennial"), strict=True):
    if framework_id in frameworks:
        with column:
            render_framework_card(
                frameworks[framework_id],
                frames.pillars[frames.pillars["framework_id"] == framework_id],
                frames.objectives[frames.objectives["framework_id"] == framework_id],
                lang,
            )

# What changed: the crosswalk's counts (the project's analysis).
st.subheader(t("overview.changed", lang))
st.caption(t("overview.changed_caption", lang))
crosswalk = state.filter_themes(frames.crosswalk, filters.themes)
metrics = st.columns(5)
for column, relation in zip(metrics, ("continued", "expanded", "narrowed", "new", "dropped"), strict=True):
    column.metric(t(f"relation.{relation}", lang), int((crosswalk["relation"] == relation).sum()))
st.markdown(
    t(
        "overview.changed_sentence",
        lang,
        total=len(crosswalk),
        continued=int((crosswalk["relation"] == "continued").sum()),
        expanded=int((crosswalk["relation"] == "expanded").sum()),
        new=int((crosswalk["relation"] == "new").sum()),
        dropped=int((crosswalk["relation"] == "dropped").sum()),
    )
)
render_sources_line([s for row in crosswalk["sources"] for s in row], lang)

# Theme coverage of the objectives.
objectives = state.phase_objectives(frames.objectives, filters.phase)
meta = figure_meta(filters, describe_filters(filters, with_phase=True))
figure = cached_figure(
    theme_coverage_figure, objectives, frames.themes, meta=meta, highlight_themes=filters.themes
)
render_chart(
    figure,
    key="overview_coverage",
    filename_parts=("us-mx-security", "theme-coverage", filters.phase, *filters.themes),
    summary=theme_coverage_summary(objectives, frames.themes, lang=lang),
    table=objectives[["framework_short", "pillar_title", "label", "text", "themes"]],
    lang=lang,
)

# Go deeper, keeping the filters.
st.subheader(t("overview.explore", lang))
links = st.columns(3)
query = state.to_query_params(filters)
links[0].page_link(
    "pages/compare.py",
    label=t("overview.to_compare", lang),
    query_params=query,
)
links[1].page_link("pages/timeline.py", label=t("overview.to_timeline", lang), query_params=query)
links[2].page_link("pages/goals.py", label=t("overview.to_goals", lang), query_params=query)

render_share_box(filters, "")
