"""Compare: two frameworks (chosen in the sidebar) side by side, the crosswalk between them, and commitments;
and a framework of the reader's own, uploaded for this session."""

import streamlit as st

from components import state
from components.charts.comparison import framework_comparison_figure, framework_comparison_summary
from components.charts.crosswalk import crosswalk_sankey_figure, crosswalk_sankey_summary
from components.data.frames import records
from components.i18n import t
from components.safe_text import md_escape
from components.ui.cards import render_commitments, render_crosswalk_link, render_pillar_card
from components.ui.data import cached_figure, cached_figures, describe_filters, figure_meta, get_view
from components.ui.filters import control, pillar_picker
from components.ui.page import current_filters, render_header, render_no_crosswalk_notice
from components.ui.share import render_csv_download
from components.ui.upload import render_upload_section
from components.ui.widgets import readable_table, render_chart

filters = current_filters()
lang = filters.lang
selected = get_view(filters)
names = dict(zip(selected.frameworks["framework_id"], selected.frameworks["short_name"], strict=True))
view_slug = "-vs-".join(selected.phase_ids)

render_header(t("compare.title", lang))

# Bring your own framework (this session only); never in presentation mode.
if not filters.present:
    render_upload_section(lang)

# Controls (kept in ?hide= and ?figure=).
hide = control("compare_hide", st.toggle, t("compare.hide_unmatched", lang), disabled=not filters.themes)

# Data: the two frameworks at their shown phases (components/view.py), optionally narrowed by theme.
pillars, objectives = selected.pillars, selected.objectives
if hide and filters.themes:
    pillars = state.filter_themes(pillars, filters.themes)
    objectives = state.filter_themes(objectives, filters.themes)

# The crosswalk's Sankey, below the cards, is drawn first into its place: its figure reaches the
# browser (which then fetches Plotly's code) before dozens of cards, not after them.
cards_slot = st.container()
meta = figure_meta(filters, describe_filters(filters, with_phase=True))

# The crosswalk between the two (when the data links them: consecutive shipped frameworks).
st.subheader(
    t(
        "compare.crosswalk",
        lang,
        earlier=md_escape(names[selected.framework_ids[0]]),
        later=md_escape(names[selected.framework_ids[1]]),
    )
)
links = selected.crosswalk
if not selected.linked:
    render_no_crosswalk_notice(selected, filters)
else:
    caption = t("compare.crosswalk_caption", lang)
    st.caption(caption if filters.present else f"{caption} {t('compare.crosswalk_hint', lang)}")
    figure = cached_figures(
        crosswalk_sankey_figure, links, selected.pillars, meta=meta, highlight_themes=filters.themes
    )
    render_chart(
        figure,
        key="compare_sankey",
        filename_parts=("us-mx-security", "crosswalk", view_slug, *filters.themes),
        summary=cached_figure(crosswalk_sankey_summary, links, selected.pillars, lang=lang),
        table=None
        if filters.present
        else lambda: readable_table(
            links,
            {c: t(f"column.{c}", lang) for c in ("relation", "from_label", "to_label", "rationale")},
            labels={"relation": {r: t(f"relation.{r}", lang) for r in links["relation"].unique()}},
        ),
        lang=lang,
    )
    render_csv_download(
        links, filename=f"us-mx-security_crosswalk_{view_slug}.csv", key="compare_crosswalk_csv", lang=lang,
        present=filters.present,
    )  # fmt: skip

    # Pick a pillar or goal to read its links, rationale and sources (kept in ?pillar=; in
    # presentation mode only a pillar the link names is shown).
    titles = dict(
        zip(
            selected.pillars["pillar_id"],
            selected.pillars["framework_short"] + " · " + selected.pillars["title"],
            strict=True,
        )
    )
    chosen = pillar_picker(
        "compare_pillar", t("compare.pick_pillar", lang), list(titles), lambda p: titles.get(p, p)
    )
    if chosen and not (filters.present and filters.pillar not in titles):
        chosen_links = links[(links["from_pillar_id"] == chosen) | (links["to_pillar_id"] == chosen)]
        if chosen_links.empty:
            st.info(t("compare.no_links", lang), icon=":material/link_off:")
        for link in records(chosen_links):
            render_crosswalk_link(link, lang)

with cards_slot:
    # One column of cards per framework, the earlier one first.
    objectives_by_pillar: dict[str, list[dict]] = {}
    for objective in records(objectives):
        objectives_by_pillar.setdefault(objective["pillar_id"], []).append(objective)
    columns = st.columns(len(selected.framework_ids))
    for column, framework_id in zip(columns, selected.framework_ids, strict=True):
        with column:
            framework_pillars = pillars[pillars["framework_id"] == framework_id]
            st.subheader(md_escape(names[framework_id]))
            if framework_pillars.empty:
                st.info(
                    t("empty.filtered", lang, filters=md_escape(describe_filters(filters))),
                    icon=":material/filter_alt_off:",
                )
            for pillar in records(framework_pillars):
                pillar_objectives = objectives_by_pillar.get(pillar["pillar_id"], [])
                render_pillar_card(pillar, pillar_objectives, lang, filters.themes)
    render_csv_download(
        objectives, filename=f"us-mx-security_compare_{view_slug}.csv", key="compare_objectives_csv", lang=lang,
        present=filters.present,
    )  # fmt: skip

    # The same comparison as one figure, for export.
    # Presentation mode always draws it (a screenshot view); otherwise the reader asks for it (?figure=1).
    show_figure = control("compare_show_figure", st.toggle, t("compare.as_figure", lang)) or filters.present
    if show_figure:  # drawn on request: a second large figure would slow every visit to this page
        # The view's links unfiltered: the builder draws those with an end on a shown card, greys the rest.
        comparison = cached_figures(
            framework_comparison_figure, pillars, objectives, meta=meta, crosswalk=selected.crosswalk,
            highlight_themes=filters.themes,
        )  # fmt: skip
        render_chart(
            comparison,
            key="compare_figure",
            filename_parts=("us-mx-security", "comparison", view_slug, *filters.themes),
            summary=cached_figure(
                framework_comparison_summary, pillars, objectives, lang=lang, crosswalk=selected.crosswalk
            ),
            lang=lang,
        )

# Shared responsibility: who committed to what, under each of the two frameworks.
st.subheader(t("compare.commitments", lang))
commitments = state.filter_themes(selected.commitments, filters.themes)
if commitments.empty:
    st.info(
        t("empty.filtered", lang, filters=md_escape(describe_filters(filters))),
        icon=":material/filter_alt_off:",
    )
by_party: dict[tuple[str, str], list[dict]] = {}
for commitment in records(commitments):
    by_party.setdefault((commitment["party"], commitment["framework_id"]), []).append(commitment)
party_columns = st.columns(3)
for column, party in zip(party_columns, ("us", "mx", "both"), strict=True):
    with column:
        st.markdown(f"**{t(f'party.{party}', lang)}**")
        for framework_id in selected.framework_ids:
            rows = by_party.get((party, framework_id), [])
            if rows:
                st.caption(md_escape(names[framework_id]))
            render_commitments(rows, lang, filters.themes)
render_csv_download(
    commitments, filename="us-mx-security_commitments.csv", key="compare_commitments_csv", lang=lang,
    present=filters.present,
)  # fmt: skip
