"""The glossary: the acronyms a reader meets in the data and on the pages, each expanded.

Catalogue-driven: every catalogue key `glossary.term.<ACRONYM>` is one entry, so adding a term is
adding one string (components/i18n/en_pages.py); tests/test_glossary.py checks that every acronym in
the data's English text has an entry.
"""

from __future__ import annotations

import streamlit as st

from components.i18n import CATALOGUES, DEFAULT_LANG, t
from components.safe_text import md_escape

PREFIX = "glossary.term."


def glossary_terms(lang: str = DEFAULT_LANG) -> list[tuple[str, str]]:
    """(acronym, what it stands for), in alphabetical order."""
    keys = [k for k in CATALOGUES[DEFAULT_LANG] if k.startswith(PREFIX)]
    keys.sort(key=lambda k: k.removeprefix(PREFIX).casefold())
    return [(k.removeprefix(PREFIX), t(k, lang)) for k in keys]


def glossary_markdown(lang: str = DEFAULT_LANG) -> str:
    return "\n".join(f"- **{md_escape(term)}**: {meaning}" for term, meaning in glossary_terms(lang))


def render_glossary(lang: str = DEFAULT_LANG) -> None:
    st.caption(t("glossary.intro", lang))
    st.markdown(glossary_markdown(lang))
