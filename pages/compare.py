"""Compare: Mérida (chosen phase) and the Bicentennial goals side by side, the crosswalk, and commitments."""

import streamlit as st

from components import state
from components.charts.comparison import framework_comparison_figure, framework_comparison_summary
from components.charts.crosswalk import crosswalk_sankey_figure, crosswalk_sankey_summary
from components.i18n import t
from components.ui.cards import render_commitments, render_crosswalk_link, render_pillar_card
from components.ui.data import cached_figure, describe_filters, figure_meta, get_frames, phase_labels
from components.ui.page import current_filters
from components.ui.share import render_csv_download, render_share_box
from components.ui.widgets import render_chart

filters = current_filters()
lang = filters.lang
frames = get_frames(lang)

st.title(t("compare.title", lang))
st.caption(t("compare.phase_note", lang, phase=phase_labels(lang).get(filters.phase, filters.phase)))

# Controls.
hide = False
if not filters.present:
    hide = st.toggle(t("compare.hide_unmatched", lang), key="compare_hide", disabled=not filters.themes)

# Data: the chosen Mérida phase against the Bicentennial goals.
pillars = state.phase_pillars(frames.pillars, filters.phase)
objectives = state.phase_objectives(frames.objectives, filters.phase)
if hide and filters.themes:
    pillars = state.filter_themes(pillars, filters.themes)
    objectives = state.filter_themes(objectives, filters.themes)

# Two columns of cards.
columns = st.columns(2)
for column, framework_id in zip(columns, ("merida", "bicentennial"), strict=True):
    with column:
        framework_pillars = pillars[pillars["framework_id"] == framework_id]
        st.subheader(t(f"compare.column_{framework_id}", lang))
        if framework_pillars.empty:
            st.info(
                t("empty.filtered", lang, filters=describe_filters(filters)), icon=":material/filter_alt_off:"
            )
        for _, pillar in framework_pillars.iterrows():
            render_pillar_card(
                pillar, objectives[objectives["pillar_id"] == pillar["pillar_id"]], lang, filters.themes
            )
render_csv_download(
    objectives, filename=f"us-mx-security_compare_{filters.phase}.csv", key="compare_objectives_csv", lang=lang,
    present=filters.present,
)  # fmt: skip

# The same comparison as one figure, for export.
meta = figure_meta(filters, describe_filters(filters, with_phase=True))
show_figure = filters.present or st.toggle(t("compare.as_figure", lang), key="compare_show_figure")
if show_figure:  # drawn on request: a second large figure would slow every visit to this page
    comparison = cached_figure(
        framework_comparison_figure, pillars, objectives, meta=meta, merida_phase=filters.phase
    )
    render_chart(
        comparison,
        key="compare_figure",
        filename_parts=("us-mx-security", "merida-vs-bicentennial", filters.phase, *filters.themes),
        summary=framework_comparison_summary(pillars, objectives, merida_phase=filters.phase, lang=lang),
        lang=lang,
    )

# The crosswalk.
st.subheader(t("compare.crosswalk", lang))
st.caption(t("compare.crosswalk_caption", lang))
figure = cached_figure(
    crosswalk_sankey_figure, frames.crosswalk, frames.pillars, meta=meta, merida_phase=filters.phase,
    highlight_themes=filters.themes,
)  # fmt: skip
links = frames.crosswalk[frames.crosswalk["from_phase_id"].isin([filters.phase, ""])]
render_chart(
    figure,
    key="compare_sankey",
    filename_parts=("us-mx-security", "crosswalk", filters.phase, *filters.themes),
    summary=crosswalk_sankey_summary(frames.crosswalk, merida_phase=filters.phase, lang=lang),
    table=links[["relation", "from_label", "to_label", "rationale"]],
    lang=lang,
)
render_csv_download(
    links, filename=f"us-mx-security_crosswalk_{filters.phase}.csv", key="compare_crosswalk_csv", lang=lang,
    present=filters.present,
)  # fmt: skip

# Pick a pillar or goal to read its links, rationale and sources.
if not filters.present:
    pillar_options = list(state.phase_pillars(frames.pillars, filters.phase)["pillar_id"])
    titles = dict(
        zip(
            frames.pillars["pillar_id"],
            frames.pillars["framework_short"] + " · " + frames.pillars["title"],
            strict=True,
        )
    )
    chosen = st.selectbox(
        t("compare.pick_pillar", lang),
        pillar_options,
        format_func=lambda p: titles.get(p, p),
        key="compare_pillar",
    )
    chosen_links = links[(links["from_pillar_id"] == chosen) | (links["to_pillar_id"] == chosen)]
    if chosen_links.empty:
        st.info(t("compare.no_links", lang), icon=":material/link_off:")
    for _, link in chosen_links.iterrows():
        render_crosswalk_link(link, lang)

# Shared responsibility: who committed to what.
st.subheader(t("compare.commitments", lang))
commitments = state.filter_themes(frames.commitments, filters.themes)
if commitments.empty:
    st.info(t("empty.filtered", lang, filters=describe_filters(filters)), icon=":material/filter_alt_off:")
party_columns = st.columns(3)
for column, party in zip(party_columns, ("us", "mx", "both"), strict=True):
    with column:
        st.markdown(f"**{t(f'party.{party}', lang)}**")
        for framework_id in ("merida", "bicentennial"):
            rows = commitments[
                (commitments["party"] == party) & (commitments["framework_id"] == framework_id)
            ]
            if not rows.empty:
                st.caption(t(f"compare.column_{framework_id}", lang))
            render_commitments(rows, lang, filters.themes)
render_csv_download(
    commitments, filename="us-mx-security_commitments.csv", key="compare_commitments_csv", lang=lang,
    present=filters.present,
)  # fmt: skip

render_share_box(filters, "compare")
