"""Streamlit widgets and helpers: the only components module (with pages and app.py) that calls st.*."""
