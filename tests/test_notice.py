"""The ignored-parameter notice (AppTest): crafted links give one short notice with no link, heading or
code block in it: at most 5 items, each cut to 40 characters, then "and N more"."""

from __future__ import annotations

import re

import pytest

from components import state
from tests.markdown_structure import structure
from tests.test_pages import navigation_mode, run_app  # noqa: F401 (autouse fixture)

# The reader sees the notice's text with Markdown escapes removed and the invisible word joiners
# (U+2060, which stop remark-gfm's URL and email detection) left out.
_ESCAPE = re.compile(r"\\(.)")


def seen(markdown: str) -> str:
    return _ESCAPE.sub(r"\1", markdown).replace("\u2060", "")


HOSTILE = [
    # /?https://evil.example/reset=1: the parameter's *name* is a URL.
    ({"https://evil.example/reset": "1"}, "https://evil.example/reset=1"),
    ({"theme": "www.evil.example/login"}, "theme=www.evil.example/login"),
    ({"theme": "mailto:a@b.c"}, "theme=mailto:a@b.c"),
    ({"theme": "a@b.c"}, "theme=a@b.c"),
    ({"x\n# Heading": "1"}, "x # Heading=1"),
    ({"lang": "en\n# Heading\n    code"}, "lang=en # Heading code"),
    ({"theme": "[x](javascript:alert(1))"}, "theme=[x](javascript:alert(1))"),
    ({"theme": "<img src=x onerror=alert(1)>"}, "theme=<img src=x onerror=alert(1)>"),
    ({"theme": "$x$ :red[y] **b**"}, "theme=$x$ :red[y] **b**"),
]


@pytest.mark.parametrize(("query", "shown"), HOSTILE, ids=[s for _, s in HOSTILE])
def test_a_crafted_parameter_is_shown_as_plain_text(query, shown):
    at = run_app("pages/overview.py", **query)
    assert not at.exception, at.exception
    assert len(at.warning) == 1
    body = at.warning[0].value
    assert structure(body) == set(), body
    assert shown in seen(body)


def test_many_ignored_parameters_show_five_then_a_count():
    query = {f"bogus{i}": str(i) for i in range(8)}
    at = run_app("pages/overview.py", **query)
    assert len(at.warning) == 1
    text = seen(at.warning[0].value)
    assert [f"bogus{i}={i}" in text for i in range(8)] == [True] * 5 + [False] * 3
    assert "bogus4=4 and 3 more." in text
    assert structure(at.warning[0].value) == set()


def test_many_ignored_parameters_in_spanish():
    query = {"lang": "es", **{f"bogus{i}": str(i) for i in range(7)}}
    at = run_app("pages/overview.py", **query)
    assert len(at.warning) == 1
    assert "bogus4=4 y 2 más." in seen(at.warning[0].value)


def test_long_names_and_values_are_cut_to_40_characters():
    name, value = "n" * 300, "v" * 300
    at = run_app("pages/overview.py", **{name: value})
    text = seen(at.warning[0].value)
    assert f"{'n' * 39}…={'v' * 39}…" in text
    assert "n" * 40 not in text and "v" * 40 not in text
    assert state.MAX_SHOWN_VALUE == 40 and state.MAX_SHOWN_ITEMS == 5
