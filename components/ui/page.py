"""The frame every page shares: the filters handed over by the shell, the page run (with the data's
problems instead of a traceback), the title with its filter line, Glossary and Copy link, the end of
each run (address bar = share link), and presentation mode."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components import state
from components.i18n import t
from components.ui import filters as ui_filters
from components.ui.data import get_load_result
from components.ui.glossary import render_glossary
from components.ui.heap import settle_after_first_run
from components.ui.problems import render_page_failure
from components.ui.share import render_copy_link, share_url

_FILTERS_KEY = "_current_filters"
_PAGE_KEY = "_current_page"  # (page name as in state.PARAMS, url path)
_LINK_SLOT = "_link_slot"  # where this run's Copy link goes, filled once the page has drawn its controls

# Presentation mode: no Streamlit header bar and less empty space above the title. Static, no data in it.
PRESENT_CSS = """<style>
[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; }
</style>"""


def set_current_filters(filters: state.Filters, page: str = "overview", url_path: str = "") -> None:
    st.session_state[_FILTERS_KEY] = filters
    st.session_state[_PAGE_KEY] = (page, url_path)


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


def current_page() -> str:
    """The running page's name, as state.PARAMS names pages."""
    return st.session_state.get(_PAGE_KEY, ("overview", ""))[0]


def run_page(page: st.Page) -> None:
    """Run the chosen page (what st.navigation returned).

    When the data has problems, what is left may not be enough for a page (no frameworks, no themes):
    the page then ends with the list of problems, never a traceback. With valid data a failure is a
    bug and raises as usual. st.stop and st.rerun raise BaseException and pass through.
    """
    problems = get_load_result().problems
    if not problems:
        page.run()
        return
    try:
        page.run()
    except Exception:
        logging.getLogger(__name__).exception("page failed on data with %d problem(s)", len(problems))
        render_page_failure(problems, ui_filters.current().lang)


def render_header(title: str) -> None:
    """The page title with Copy link beside it, then one line naming the active filters, with Clear
    filters and the Glossary.

    In presentation mode only the title and the filter line remain (a screenshot says what it shows).
    """
    filters = ui_filters.current()
    page = current_page()
    lang = filters.lang
    line = ui_filters.describe_active(filters, page)
    if filters.present:
        st.title(title)
        st.caption(line)
        return
    with st.container(horizontal=True, vertical_alignment="center", key="page-title"):
        st.title(title, width="content")  # a short title keeps Copy link beside it; a long one wraps it below
        st.session_state[_LINK_SLOT] = st.empty()  # Copy link, filled by finish_page
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="page-filters"):
        st.caption(line, width="content")
        params = ui_filters.filter_params(page)
        if params:
            st.button(
                t("filters.clear", lang),
                key="header_clear",
                on_click=ui_filters.clear_filters,
                args=(page,),
                disabled=state.is_default(filters, params),
                type="tertiary",
                help=t("filters.clear_help", lang),
            )
        with st.popover(t("glossary.title", lang), type="tertiary"):
            render_glossary(lang)


def finish_page() -> None:
    """End of every run: write the address bar from the view and put the same address in Copy link."""
    filters = ui_filters.current()
    page, url_path = st.session_state.get(_PAGE_KEY, ("overview", ""))
    ui_filters.write_url(filters, page)
    slot = st.session_state.pop(_LINK_SLOT, None)
    if slot is not None and not filters.present:
        with slot.container():
            render_copy_link(share_url(filters, page, url_path), filters.lang)
    settle_after_first_run(page, filters.lang)


def render_present_style() -> None:
    st.html(PRESENT_CSS)


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


def render_no_crosswalk_notice(selected, filters: state.Filters) -> None:
    """Why a pair has no Sankey: one of them was uploaded, or the data links no such pair (with a hint)."""
    lang = filters.lang
    if selected.frameworks["uploaded"].any():
        st.info(t("compare.uploaded_no_crosswalk", lang), icon=":material/link_off:")
        return
    hint = "" if filters.present else " " + t("compare.not_consecutive_hint", lang)
    st.info(t("compare.not_consecutive", lang) + hint, icon=":material/link_off:")
