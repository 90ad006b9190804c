"""The global filters: read them from the URL, render them in the sidebar, and keep the URL in step.

The URL seeds the widgets when a session starts (so a shared link restores the view); after that the
widgets are the truth and the URL is rewritten on every run, which also carries the filters across
page switches. The year pickers use Streamlit's bind="query-params" (their URL values are the years
themselves); the theme, framework and phase pickers are synced by hand so the URL holds stable ids.
"""

from __future__ import annotations

import streamlit as st

from components import state, view
from components.i18n import t
from components.ui.data import framework_names, get_choices, get_frames, phase_labels, theme_labels
from components.ui.widgets import md_escape

SESSION_FILTERS = "_filters"
THEME_KEY = "sidebar_theme"
COMPARE_KEY = "sidebar_compare"
PHASE_KEY_PREFIX = "sidebar_phase_"  # + framework id: one phase picker per multi-phase framework
# Bound widgets: Streamlit requires the key to equal the query parameter name.
FROM_KEY, TO_KEY = state.P_FROM, state.P_TO
MANAGED_PARAMS = (state.P_THEME, state.P_COMPARE, state.P_PHASE, state.P_LANG, state.P_PRESENT)


def _multi_phase_frameworks() -> dict[str, list[str]]:
    """framework id -> its phase ids, for frameworks with more than one phase (start-date order)."""
    phases = get_frames().phases
    grouped = {str(f): list(rows["phase_id"]) for f, rows in phases.groupby("framework_id", sort=False)}
    return {f: ids for f, ids in grouped.items() if len(ids) > 1}


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
    frames = get_frames()
    shown = view.shown_phases(frames, tuple(_multi_phase_frameworks()), filters)
    seeds = {
        THEME_KEY: list(filters.themes),
        COMPARE_KEY: list(view.compared_frameworks(frames, filters)),
        FROM_KEY: filters.year_from,
        TO_KEY: filters.year_to,
        **{PHASE_KEY_PREFIX + f: p for f, p in zip(_multi_phase_frameworks(), shown, strict=True)},
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
    names = framework_names(lang)
    choices = get_choices()
    years = list(range(state.YEAR_MIN, choices.year_max + 1))
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
        compared = st.multiselect(
            t("sidebar.compare", lang),
            options=list(choices.frameworks),
            format_func=lambda framework_id: names.get(framework_id, framework_id),
            key=COMPARE_KEY,
            max_selections=state.COMPARED,
            help=t("sidebar.compare_help", lang),
        )
        if len(compared) != state.COMPARED:
            defaults = ", ".join(names.get(f, f) for f in choices.default_compare)
            st.warning(t("sidebar.compare_two", lang, defaults=defaults), icon=":material/compare_arrows:")
        picked_phases = [
            st.selectbox(
                t("sidebar.phase", lang, framework=names.get(framework_id, framework_id)),
                options=phase_ids,
                format_func=lambda phase_id: phases.get(phase_id, phase_id),
                key=PHASE_KEY_PREFIX + framework_id,
                help=t("sidebar.phase_help", lang),
            )
            for framework_id, phase_ids in _multi_phase_frameworks().items()
        ]
    filters = state.with_changes(
        url_filters,
        themes=tuple(selected),
        compare=state.normal_compare(compared, choices) if len(compared) == state.COMPARED else (),
        phases=state.normal_phases(picked_phases, choices),
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
