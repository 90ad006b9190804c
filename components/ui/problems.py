"""Data problems on screen: every problem as the CLI prints it, as plain text, in one list.

Problem lines hold text from data files and uploads (keys, values, file names), so they are shown with
st.code, which Streamlit renders as text: never Markdown, never HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components.data.problems import Problem
from components.i18n import t


def problem_lines(problems: Sequence[Problem]) -> str:
    """The problems one per line, exactly as `python -m components.validate` prints them."""
    return "\n".join(problem.format() for problem in problems)


def render_problem_list(problems: Sequence[Problem], lang: str = "en") -> None:
    """How to read a line, then every problem as plain text."""
    st.caption(t("problems.how_to_read", lang))
    st.code(problem_lines(problems), language=None, wrap_lines=True)


def render_data_problems(problems: Sequence[Problem], lang: str = "en") -> None:
    """The shipped data's problems: one error box with the count and, folded, the whole list.

    The app keeps working with what is valid, so the list is folded away under the notice.
    """
    if not problems:
        return
    st.error(t("ui.data_problems", lang, count=len(problems)), icon=":material/error:")
    with st.expander(t("problems.list", lang, count=len(problems))):
        render_problem_list(problems, lang)


def render_page_failure(problems: Sequence[Problem], lang: str = "en") -> None:
    """What a page shows instead of a traceback when the data left after its problems cannot draw it."""
    st.error(t("problems.page_failed", lang), icon=":material/error:")
    render_problem_list(problems, lang)
