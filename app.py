"""Navigation shell: page config, explicit page registry, global filters, then the chosen page."""

import streamlit as st

from components.i18n import t
from components.ui import filters as ui_filters
from components.ui.page import PAGE_PARAMS, set_current_filters
from components.ui.widgets import render_data_problems

st.set_page_config(page_title=t("app.title"), page_icon=":material/handshake:", layout="wide")

pages = [
    st.Page(
        "pages/overview.py",
        title=t("nav.overview"),
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page("pages/compare.py", title=t("nav.compare"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/timeline.py", title=t("nav.timeline"), icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/goals.py", title=t("nav.goals"), icon=":material/donut_small:", url_path="goals"),
]
url_filters, ignored = ui_filters.read_url()
filters = ui_filters.render_sidebar(url_filters)
page = st.navigation(pages)
ui_filters.write_url(filters, PAGE_PARAMS.get(page.url_path, ()))
ui_filters.render_notice(ignored, filters.lang)

render_data_problems(filters.lang)

set_current_filters(filters)
page.run()
