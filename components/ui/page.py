"""Hand the filters from the shell to the page, and say which page-level URL parameters each page owns."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components import state

_FILTERS_KEY = "_current_filters"

# Page url_path -> the page-level query parameters it reads and writes.
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "timeline": (state.P_EVENT, state.P_LANES),
    "outcomes": (state.P_INDICATOR,),
}


def set_current_filters(filters: state.Filters) -> None:
    st.session_state[_FILTERS_KEY] = filters


def current_filters() -> state.Filters:
    """The filters of this run, set by app.py before it runs the page.

    If they are missing, Streamlit ran this page file without the app.py shell: on the first request
    after a server start, a deep link such as /timeline is resolved through the old pages/ folder
    mode until st.navigation has been called once in the process. Switch the process to
    st.navigation mode and rerun, so the shell (filters, URL, navigation) runs as for any other visit.
    """
    if _FILTERS_KEY not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state[_FILTERS_KEY]


def selected_point_id(selection: object) -> str | None:
    """The id carried in customdata[0] of the first selected point of a plotly_chart selection, if any."""
    try:
        points = selection.selection.points  # type: ignore[union-attr]
    except AttributeError:
        return None
    for point in points or []:
        customdata = point.get("customdata") if isinstance(point, dict) else None
        if customdata:
            return str(customdata[0])
    return None


def select_event(event_id: str | None, filters: state.Filters, lanes: str) -> None:
    """Write ?event= and ?lanes= for the timeline; rerun once so the highlight and details follow the URL."""
    wanted_lanes = None if lanes == "category" else lanes
    if (st.query_params.get(state.P_LANES) or None) != wanted_lanes:
        if wanted_lanes:
            st.query_params[state.P_LANES] = wanted_lanes
        else:
            del st.query_params[state.P_LANES]
    if event_id and event_id != filters.event:
        st.query_params[state.P_EVENT] = event_id
        st.rerun()
