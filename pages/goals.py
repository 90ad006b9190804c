"""Goals breakdown: objectives per theme per framework, the framework → pillar → objective sunburst, and a table."""

import streamlit as st

from components import state
from components.charts.coverage import theme_coverage_figure, theme_coverage_summary
from components.charts.goals import goals_sunburst_figure, goals_sunburst_summary, goals_table_frame
from components.i18n import t
from components.ui.data import (
    cached_figure,
    cached_figures,
    describe_filters,
    figure_meta,
    get_frames,
    get_view,
    source_names,
)
from components.ui.filters import control, pillar_picker
from components.ui.page import current_filters, render_header
from components.ui.share import render_csv_download
from components.ui.widgets import md_escape, readable_table, render_chart, render_sources_line, theme_chips

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)
selected = get_view(filters)
view_slug = "-vs-".join(selected.phase_ids)

render_header(t("goals.title", lang))

# Controls (kept in ?measure=).
measure = control(
    "goals_measure",
    st.segmented_control,
    t("goals.measure", lang),
    list(state.MEASURES),
    format_func=lambda m: t(f"goals.measure_{m}", lang),
)

# Data: the two compared frameworks at their shown phases (components/view.py), narrowed by theme.
phase_objectives = selected.objectives
objectives = state.filter_themes(phase_objectives, filters.themes)
subtitle = describe_filters(filters, with_phase=True)
meta = figure_meta(filters, subtitle)

# Objectives per theme, side by side.
# All objectives of both frameworks, so a theme one framework lacks still shows as 0; the filter highlights.
coverage = cached_figures(
    theme_coverage_figure,
    phase_objectives,
    frames.themes,
    meta=meta,
    measure=measure,
    highlight_themes=filters.themes,
)
render_chart(
    coverage,
    key="goals_coverage",
    filename_parts=("us-mx-security", "objectives-per-theme", measure, view_slug, *filters.themes),
    summary=cached_figure(theme_coverage_summary, phase_objectives, frames.themes, lang=lang),
    table=None,
    lang=lang,
)

# Framework -> pillar -> objective.
table = goals_table_frame(objectives, frames.themes, source_names=source_names(filters.lang))
sunburst = cached_figures(
    goals_sunburst_figure,
    objectives,
    selected.pillars,
    frames.themes,
    meta=meta,
    highlight_themes=filters.themes,
)
render_chart(
    sunburst,
    key="goals_sunburst",
    filename_parts=("us-mx-security", "goals-breakdown", view_slug, *filters.themes),
    summary=cached_figure(
        goals_sunburst_summary,
        objectives,
        selected.pillars,
        frames.themes,
        lang=lang,
        highlight_themes=filters.themes,
    ),
    table=None
    if filters.present
    else lambda: readable_table(table, {c: t(f"chart.goals.column.{c}", lang) for c in table.columns}),
    lang=lang,
)
if not filters.present:
    st.caption(t("goals.sunburst_hint", lang))

# Read the objective texts of one pillar or goal (earlier framework first, in official order).
pillar_ids = list(dict.fromkeys(objectives.sort_values("framework_order", kind="stable")["pillar_id"]))
titles = dict(
    zip(
        frames.pillars["pillar_id"],
        frames.pillars["framework_short"] + " · " + frames.pillars["title"],
        strict=True,
    )
)
# The CSV says which rows come from a framework the reader uploaded (the table view shows the mark).
uploaded_ids = objectives.loc[objectives["uploaded"], "objective_id"]
render_csv_download(
    table.assign(uploaded=table["objective_id"].isin(uploaded_ids)),
    filename=f"us-mx-security_goals_{view_slug}.csv",
    key="goals_csv",
    lang=lang,
    present=filters.present,
)
# Kept in ?pillar=; in presentation mode only a pillar the link names is shown.
chosen = pillar_picker("goals_pillar", t("goals.pick_pillar", lang), pillar_ids, lambda p: titles.get(p, p))
if chosen and not (filters.present and filters.pillar not in pillar_ids):
    for _, objective in objectives[objectives["pillar_id"] == chosen].iterrows():
        with st.container(border=True):
            if objective["label"]:
                st.markdown(f"**{md_escape(objective['label'])}**")
            text = md_escape(objective["text"])
            st.markdown(f"“{text}”" if objective["verbatim"] else text)
            st.markdown(theme_chips(objective["themes"], lang, filters.themes))
            render_sources_line(objective["sources"], lang)
