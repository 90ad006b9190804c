"""Application code: data (schema, loader, frames), charts, state, i18n and Streamlit UI pieces."""
