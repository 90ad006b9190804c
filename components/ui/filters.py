"""The global filters: read them from the URL, render them in the sidebar, and keep the URL in step.

The URL seeds the widgets when a session starts (so a shared link restores the view); after that the
widgets are the truth and the URL is rewritten on every run, which also carries the filters across
page switches. The year pickers use Streamlit's bind="query-params" (their URL values are the years
themselves); the theme and phase pickers are synced by hand so the URL holds stable ids, not labels.
"""

from __future__ import annotations

import streamlit as st

from components import state
from components.i18n import t
from components.ui.data import get_choices, phase_labels, theme_labels
from components.ui.widgets import md_escape

SESSION_FILTERS = "_filters"
THEME_KEY = "sidebar_theme"
PHASE_KEY = "sidebar_phase"
# Bound widgets: Streamlit requires the key to equal the query parameter name.
FROM_KEY, TO_KEY = state.P_FROM, state.P_TO
MANAGED_PARAMS = (state.P_THEME, state.P_PHASE, state.P_LANG, state.P_PRESENT)


def raw_query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params.keys()}


def read_url() -> tuple[state.Filters, list[state.Ignored]]:
    """The filters to show: from the URL when a session starts, else the ones kept in the session.

    Streamlit resets widget state on a page switch (and the navigation drops the query string), so the
    filters are kept in a plain session key and the widgets are re-seeded from it whenever they lost it.
    """
    if SESSION_FILTERS not in st.session_state:
        filters, ignored = state.from_query_params(raw_query_params(), get_choices())
    else:
        filters, ignored = st.session_state[SESSION_FILTERS], []
        # Page-level parameters (event, lanes) still come from the URL of this run.
        from_url, _ = state.from_query_params(raw_query_params(), get_choices())
        filters = state.with_changes(
            filters, event=from_url.event, lanes=from_url.lanes, indicators=from_url.indicators
        )
    seeds = {
        THEME_KEY: list(filters.themes),
        PHASE_KEY: filters.phase,
        FROM_KEY: filters.year_from,
        TO_KEY: filters.year_to,
    }
    for key, value in seeds.items():
        # Re-assigning keeps the value through a page switch, where Streamlit would reset the widget.
        st.session_state[key] = st.session_state.get(key, value)
    return filters, ignored


def render_sidebar(url_filters: state.Filters) -> state.Filters:
    """Draw the global filters in the sidebar and return the filters they now express."""
    lang = url_filters.lang
    themes = theme_labels(lang)
    phases = phase_labels(lang)
    choices = get_choices()
    years = list(range(state.YEAR_MIN, state.YEAR_MAX + 1))
    with st.sidebar:
        st.subheader(t("sidebar.filters", lang))
        selected = st.multiselect(
            t("sidebar.themes", lang),
            options=list(choices.themes),
            format_func=lambda theme_id: themes.get(theme_id, theme_id),
            key=THEME_KEY,
            placeholder=t("sidebar.themes_placeholder", lang),
            help=t("sidebar.themes_help", lang),
        )
        left, right = st.columns(2)
        with left:
            year_from = st.selectbox(t("sidebar.from", lang), years, key=FROM_KEY, bind="query-params")
        with right:
            year_to = st.selectbox(t("sidebar.to", lang), years, key=TO_KEY, bind="query-params")
        if year_from > year_to:
            st.warning(t("sidebar.years_swapped", lang), icon=":material/swap_horiz:")
            year_from, year_to = year_to, year_from
        phase = st.selectbox(
            t("sidebar.phase", lang),
            options=list(choices.phases),
            format_func=lambda phase_id: phases.get(phase_id, phase_id),
            key=PHASE_KEY,
            help=t("sidebar.phase_help", lang),
        )
    filters = state.with_changes(
        url_filters,
        themes=tuple(selected),
        phase=phase,
        year_from=int(year_from),
        year_to=int(year_to),
    )
    st.session_state[SESSION_FILTERS] = filters
    return filters


def keep(filters: state.Filters) -> state.Filters:
    """Remember filters without drawing the sidebar (presentation mode)."""
    st.session_state[SESSION_FILTERS] = filters
    return filters


def write_url(filters: state.Filters, page_params: tuple[str, ...] = ()) -> None:
    """Make the URL say what the view shows: managed global params, plus only this page's params."""
    wanted = state.to_query_params(filters, page_params=page_params)
    for name in MANAGED_PARAMS + state.PAGE_PARAMS:
        if name in state.PAGE_PARAMS and name not in page_params:
            wanted.pop(name, None)
        current = st.query_params.get_all(name)
        value = wanted.get(name)
        target = [] if value is None else ([value] if isinstance(value, str) else list(value))
        if current == target:
            continue
        if target:
            st.query_params[name] = target if len(target) > 1 else target[0]
        elif name in st.query_params:
            del st.query_params[name]
    # Anything not understood was already reported; drop it so a shared link is clean.
    known = set(state.GLOBAL_PARAMS) | set(state.PAGE_PARAMS) | set(state.STREAMLIT_PARAMS)
    for name in list(st.query_params.keys()):
        if name not in known:
            del st.query_params[name]


def render_notice(ignored: list[state.Ignored], lang: str) -> None:
    """One visible notice naming every URL value that was ignored."""
    if not ignored:
        return
    items = ", ".join(md_escape(t("notice.item", lang, name=i.name, value=i.shown_value())) for i in ignored)
    st.warning(t("notice.ignored", lang, items=items), icon=":material/link_off:")
