"""Pure Plotly figure builders: DataFrames in, go.Figure out. Never imports Streamlit."""
