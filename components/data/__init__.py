"""Data layer: schema, safe YAML loading, validation and DataFrames. Never imports Streamlit."""
