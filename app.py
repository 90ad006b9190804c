"""Navigation shell: page config, explicit page registry, global filters, then the chosen page.

Pages carry no icons: Streamlit turns a page icon into a favicon fetched from Google's font CDN,
which a reader offline (or behind a strict proxy) would see fail in the console.
"""

import streamlit as st

from components.i18n import t
from components.ui import filters as ui_filters
from components.ui.page import PAGE_PARAMS, set_current_filters
from components.ui.widgets import render_data_problems

url_filters, ignored = ui_filters.read_url()
# Presentation mode (?present=1): no sidebar, no controls; titles, subtitles and footers stay.
st.set_page_config(
    page_title=t("app.title"),
    layout="wide",
    initial_sidebar_state="collapsed" if url_filters.present else "auto",
)

pages = [
    st.Page("pages/overview.py", title=t("nav.overview"), url_path="overview", default=True),
    st.Page("pages/compare.py", title=t("nav.compare"), url_path="compare"),
    st.Page("pages/timeline.py", title=t("nav.timeline"), url_path="timeline"),
    st.Page("pages/goals.py", title=t("nav.goals"), url_path="goals"),
    st.Page("pages/outcomes.py", title=t("nav.outcomes"), url_path="outcomes"),
    st.Page("pages/sources.py", title=t("nav.sources"), url_path="sources"),
]
filters = ui_filters.keep(url_filters) if url_filters.present else ui_filters.render_sidebar(url_filters)
page = st.navigation(pages, position="hidden" if filters.present else "sidebar")
ui_filters.write_url(filters, PAGE_PARAMS.get(page.url_path, ()))
ui_filters.render_notice(ignored, filters.lang)

render_data_problems(filters.lang)

set_current_filters(filters)
page.run()
