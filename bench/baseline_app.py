"""Baseline for bench/pages.py: the smallest Streamlit page drawing one Plotly chart.

With ?redraw=1 it also has the one control a theme-change redraw needs (a sidebar multiselect whose
choice the chart's title names), so the redraw floor is measured without weighing on the cold load.
"""

import plotly.graph_objects as go
import streamlit as st

title = ""
if "redraw" in st.query_params:
    title = ", ".join(st.sidebar.multiselect("Themes", ["Arms trafficking", "Human rights", "Migration"]))
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2]), layout={"title": {"text": title}}))
