"""Navigation shell: page config, explicit page registry, global filters, the chosen page, then the URL.

Pages carry no icons: Streamlit turns a page icon into a favicon fetched from Google's font CDN,
which a reader offline (or behind a strict proxy) would see fail in the console.
"""

import streamlit as st

from components.i18n import t
from components.ui import filters as ui_filters
from components.ui.data import get_load_result
from components.ui.page import finish_page, render_present_style, run_page, set_current_filters
from components.ui.problems import render_data_problems
from components.ui.viewport import render_viewport_probe

url_filters, ignored = ui_filters.read_url()
# Presentation mode (?present=1): no sidebar, no controls; titles, filter lines and figures stay.
st.set_page_config(layout="wide", initial_sidebar_state="collapsed" if url_filters.present else "auto")

# Page name (as components/state.py PARAMS names pages) -> page.
lang = url_filters.lang
PAGES = {
    "overview": st.Page(
        "pages/overview.py", title=t("nav.overview", lang), url_path="overview", default=True
    ),
    "compare": st.Page("pages/compare.py", title=t("nav.compare", lang), url_path="compare"),
    "timeline": st.Page("pages/timeline.py", title=t("nav.timeline", lang), url_path="timeline"),
    "goals": st.Page("pages/goals.py", title=t("nav.goals", lang), url_path="goals"),
    "outcomes": st.Page("pages/outcomes.py", title=t("nav.outcomes", lang), url_path="outcomes"),
    "sources": st.Page("pages/sources.py", title=t("nav.sources", lang), url_path="sources"),
}
page = st.navigation(list(PAGES.values()), position="hidden" if url_filters.present else "sidebar")
name = next(n for n, p in PAGES.items() if p is page)
st.set_page_config(
    page_title=t("app.tab_title", lang, page=page.title)
)  # each page its own browser-tab title

if url_filters.present:
    filters = ui_filters.keep(url_filters)
    render_present_style()
else:
    filters = ui_filters.render_sidebar(url_filters, name)
ui_filters.render_notice(ignored, filters.lang)
render_data_problems(get_load_result().problems, filters.lang)

set_current_filters(filters, name, page.url_path)
run_page(page)  # with broken data: the list of problems, never a traceback
# After the charts: tells the next run the wide or phone-width variant (ui/viewport.py).
render_viewport_probe(in_sidebar=not filters.present)
finish_page()  # the address bar and the Copy link now say exactly what the page shows
