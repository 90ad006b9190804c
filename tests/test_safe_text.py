"""components/safe_text.py: data text put into the app's Markdown templates adds no construct (no link,
heading, code, HTML, math…), whatever it contains; Plotly text shows markup literally."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.i18n import t
from components.safe_text import md_escape, plotly_escape
from tests.markdown_structure import structure

SLOT = "\x00SLOT\x00"  # replaced, not str.format-ed: catalogue strings and data may hold braces


def _notice(lang: str) -> str:
    """The ignored-parameter notice as components/ui/filters.py builds it, with one item as the slot."""
    items = t("notice.items_more", lang, items=f"a\\=1, {SLOT}", count=3)
    return t("notice.ignored", lang, items=items)


# Markdown templates the app fills with data (components/ui/cards.py, glossary.py, widgets.py,
# filters.py), each with one slot.
TEMPLATES = {
    "card line": f"**Title** — {SLOT}",
    "list item": f"- {SLOT}\n- next item",
    "bold label in a list": f"- **{SLOT}** — text",
    "heading": f"### {SLOT}\n\nSummary paragraph.",
    "italic note": f"*{SLOT}*",
    "card blocks": f"**Title**\n\n{SLOT}\n\nSources: [Source](https://example.org)",
    "source link text": f"Sources: [{SLOT}](https://example.org); other",
    "theme chip": f":blue-badge[{SLOT}] :red-badge[other]",
    "quotation": f"“{SLOT}” (project translation)",
    "notice (en)": _notice("en"),
    "notice (es)": _notice("es"),
}


def fill(template: str, text: str) -> str:
    return template.replace(SLOT, text)


# Pieces of hostile Markdown, combined at random with arbitrary text below.
TOKENS = [
    "[x](javascript:alert(1))", "[x]", "(y)", "![i](x.png)", "**bold**", "__b__", "*", "_", "~~s~~", "~",
    "<img src=x onerror=alert(1)>", "<script>", "</script>", "<b>", "<!--", "&amp;", "&#42;", "&lt;",
    "www.x.com", "WWW.evil.example/login", "http://x.y", "https://evil.example/reset=1", "mailto:a@b.c",
    "a@b.c", "xmpp:a@b.c/r", "<http://x.y>", "$x$", "$$", "$", "\\", "\\\\", "`", "```", "~~~",
    "# h", "#", "---", "===", "***", "- ", "+ ", "1. ", "1) ", "> ", "|", "| a | b |\n|---|---|",
    "    ", "\t", "\n", "\r\n", "\r", "  \n", "\\\n", "\u2028", "\x85", "\x00", "\x1b[31m", "\u202e",
    "\u00a0", ":red[x]", ":material/home:", ":smile:", ":streamlit:", "::note", ":::div", "[^1]",
    "[^1]: note", "[ref]: https://evil.example", "%{y}", "{}", "{0}",
]  # fmt: skip
hostile = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=12).map("".join)


@pytest.mark.parametrize("name", TEMPLATES)
@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(), hostile))
def test_escaped_text_adds_no_construct_to_any_template(name, text):
    template = TEMPLATES[name]
    escaped = md_escape(text)
    expected = structure(fill(template, "x"))
    if escaped:
        assert structure(fill(template, escaped)) == expected, escaped
    else:  # an empty slot may lose the template's own emphasis, never gain anything
        assert structure(fill(template, escaped)) <= expected


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), hostile))
def test_escaped_text_is_one_line_without_controls(text):
    escaped = md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped and "\t" not in escaped
    assert escaped == escaped.strip()
    assert not any(c in escaped for c in "\x00\x1b\x7f\u202e\u2066\u200f")


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), hostile))
def test_plotly_escape_leaves_no_tag_and_round_trips(text):
    escaped = plotly_escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert html.unescape(escaped) == text


# Hand-written cases: what the reader sees for each (backslashes are Markdown escapes, \u2060 is the
# invisible word joiner that keeps remark-gfm from finding a URL or email in the text).
@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("**bold**", r"\*\*bold\*\*"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript\\:\u2060alert\\(1\\)\\)"),
        ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
        ("www.evil.example/login", "www\u2060\\.evil\\.example\\/login"),
        ("https://evil.example", "https\\:\u2060\\/\\/evil\\.example"),
        ("mailto:a@b.c", "mailto\\:\u2060a\u2060\\@b\\.c"),
        ("$x$ costs $5", r"\$x\$ costs \$5"),
        ("x\n# Heading", r"x \# Heading"),
        ("title\n---", r"title \-\-\-"),
        ("    indented code", "indented code"),
        ("a\tb\r\nc  \n", "a b c"),
        ("\u202eevil\u202c", "evil"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("Mérida — 2021", "Mérida — 2021"),
        (":red[x]", "\\:\u2060red\\[x\\]"),
        ("&amp; &#42;", r"\&amp\; \&\#42\;"),
    ],
)
def test_md_escape_examples(text, escaped):
    assert md_escape(text) == escaped


@pytest.mark.parametrize(
    ("text", "constructs"),
    [
        ("[x](javascript:alert(1))", {"link"}),
        ("www.evil.example/login", {"link"}),
        (r"www\.evil\.example", {"link"}),  # remark-gfm autolinks after escapes are resolved
        ("a@b.c", {"link"}),
        ("<https://evil.example>", {"link"}),
        ("x\n# Heading", {"heading"}),
        ("x\n---", {"heading"}),
        ("    code", {"code"}),
        ("<img src=x onerror=alert(1)>", {"html"}),
        ("$x$", {"math"}),
        ("$$\nx\n$$", {"math"}),
        ("**b** and *i*", {"strong", "emphasis"}),
        ("- a", {"list"}),
        ("> q", {"blockquote"}),
        ("a  \nb", {"hardbreak"}),
        (":red[x]", {"directive"}),
        ("plain text: 10:30, costs 5 dollars", set()),
    ],
)
def test_structure_sees_what_streamlit_renders(text, constructs):
    """The helper the property test relies on really detects each construct (else nothing is tested)."""
    assert structure(text) == constructs


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("a<br>b", "a&lt;br&gt;b"),
        ('<a href="javascript:alert(1)">y</a>', '&lt;a href="javascript:alert(1)"&gt;y&lt;/a&gt;'),
        ("AT&T", "AT&amp;T"),
        ("&lt;", "&amp;lt;"),
    ],
)
def test_plotly_escape_examples(text, escaped):
    assert plotly_escape(text) == escaped
