"""Hostile links, fuzzed: any query string on any page runs without an exception, gives at most one notice,
and puts no Markdown construct (link, heading, code, HTML, math, emphasis…) on the page that the
templates do not already have.

Each example opens one page through AppTest (app.py's shell, as the server runs it) with a query string
drawn from known parameter names (components/state.py PARAMS) and junk names, and values drawn from
valid ids, junk and hostile strings. The notice's Markdown body is compared with the notice rendered for
harmless values; every other Markdown element that shows a fuzzed string is compared with itself after
that string is replaced by a harmless one. tests/markdown_structure.py says what a string renders as.

Runtime is bounded (a few examples per page, derandomized so CI and a laptop run the same ones).
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from components import state
from components.safe_text import md_escape
from tests.markdown_structure import structure
from tests.test_pages import navigation_mode, run_app  # noqa: F401 (autouse fixture)

PAGE_FILES = {name: f"pages/{name}.py" for name in state.PAGES}
KNOWN_NAMES = {p.name for p in state.PARAMS} | set(state.STREAMLIT_PARAMS)
HARMLESS = "x"

# The strings a phisher or a prankster would put in a link (issue 11), as names and as values.
EVIL_URL = "https://evil.example/reset"
EVIL_WWW = "www.evil.example/login"
MAILTO = "mailto:a@b.c"
HEADING = "\n# Heading"
RULE = "\n---"
CODE = "    code"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[x](javascript:alert(1))"
MATH = "$x$"
HOSTILE = [
    EVIL_URL,
    EVIL_WWW,
    MAILTO,
    HEADING,
    RULE,
    CODE,
    IMG,
    JS_LINK,
    MATH,
    "$$\nx\n$$",
    ":red[x]",
    "**x**",
]
# Values the app accepts (shipped data ids, years, flags, languages…), so fuzzed links also reach the
# code paths of a valid view, including Spanish and presentation mode.
VALID = [
    "arms-trafficking",
    "human-rights",
    "merida",
    "bicentennial",
    "program-2025",
    "merida-2007",
    "merida-2011",
    "hlsd-2021-bicentennial-launch",
    "cienfuegos-arrested",
    "mexico-homicides",
    "agreement",
    "mx",
    "audit",
    "2006",
    "2010",
    "2021",
    "1",
    "0",
    "en",
    "es",
    "country",
    "share",
    "",
]

long_strings = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["a", "é", "[x](", "\n", "<b>", "https://e.example/", "中"]),
    st.integers(min_value=50, max_value=3000),
)
controls = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=8)
values = st.one_of(
    st.sampled_from(VALID),
    st.sampled_from(HOSTILE),
    st.text(max_size=30),  # any unicode (no surrogates)
    st.text(string.punctuation + string.whitespace + "ab", max_size=20),
    controls,
    long_strings,
)
junk_names = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(min_size=1, max_size=20),
    st.text(string.punctuation + "ab", min_size=1, max_size=10),
    long_strings,
).filter(lambda name: name not in KNOWN_NAMES)
names = st.one_of(st.sampled_from(sorted(KNOWN_NAMES - set(state.STREAMLIT_PARAMS))), junk_names)
queries = st.dictionaries(names, st.lists(values, min_size=1, max_size=3), max_size=6)


def notice_structure() -> set[str]:
    """What the notice template renders as, with harmless values, in every language and every form.

    One junk parameter gives the plain sentence; nine and swapped years give "and 4 more" and the
    swapped-years sentence.
    """
    found: set[str] = set()
    many = {f"junk{i}": HARMLESS for i in range(state.MAX_SHOWN_ITEMS + 4)}
    for lang in state.LANGS:
        for query in ({"junk": HARMLESS}, {**many, "from": "2020", "to": "2010"}):
            at = run_app(PAGE_FILES["timeline"], lang=lang, **query)
            assert len(at.warning) == 1, [w.value for w in at.warning]
            found |= structure(at.warning[0].value)
    return found


@pytest.fixture(scope="module")
def allowed_notice_structure():
    with pytest.MonkeyPatch.context() as patch:  # navigation_mode is function-scoped; same shim here
        from streamlit.runtime.pages_manager import PagesManager

        original = PagesManager.__init__

        def init(self, *args, **kwargs):
            original(self, *args, **kwargs)
            PagesManager.uses_pages_directory = False

        patch.setattr(PagesManager, "__init__", init)
        return notice_structure()


def fuzzed_strings(query: dict[str, list[str]]) -> set[str]:
    """Every name and value of the query."""
    return set(query) | {value for given in query.values() for value in given}


def shown_forms(text: str) -> list[str]:
    """How a fuzzed string can appear in Markdown: escaped by the one escaping function, or as typed.

    Forms too short to be told from the page's own text are left out: an escaped form needs 3 characters
    (its backslashes mark it as escaped text), a form as typed 8 (a rule "---" or a year occur on a page
    by chance, as its own Markdown; the notice is checked whole, against its template, whatever the length).
    """
    escaped = md_escape(text)
    forms = [escaped] if escaped != text and len(escaped) >= 3 else []
    forms += [form for form in (text.strip(), text) if len(form) >= 8]
    return list(dict.fromkeys(forms))


def harmless_version(markdown: str, fuzzed: set[str]) -> str:
    """`markdown` with every fuzzed string in it replaced by a harmless word: what the template gives."""
    for text in sorted(fuzzed, key=len, reverse=True):
        for form in shown_forms(text):
            markdown = markdown.replace(form, HARMLESS)
    return markdown


def markdown_elements(at) -> list[tuple[str, str]]:
    """(kind, markdown) of every element whose text is rendered as Markdown, notice excluded."""
    elements = [("markdown", m.value) for m in at.markdown]
    elements += [("caption", c.value) for c in at.caption]
    for kind in ("info", "success", "error", "title", "header", "subheader"):
        elements += [(kind, e.value) for e in getattr(at, kind)]
    elements += [("warning", w.value) for w in at.warning[1:]]
    elements += [("expander", e.label) for e in at.expander]
    return [(kind, text) for kind, text in elements if isinstance(text, str)]


def check_page(page: str, query: dict[str, list[str]], allowed: set[str]) -> None:
    at = run_app(PAGE_FILES[page], **query)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.warning) <= 1, [w.value for w in at.warning]
    if set(query) - KNOWN_NAMES:
        assert len(at.warning) == 1, "a parameter the app does not know must be named in one notice"
    if at.warning:
        body = at.warning[0].value
        assert structure(body) <= allowed, (structure(body) - allowed, body)
    fuzzed = fuzzed_strings(query)
    for kind, text in markdown_elements(at):
        if not any(form in text for item in fuzzed for form in shown_forms(item)):
            continue
        template = harmless_version(text, fuzzed)
        injected = structure(text) - structure(template)
        assert not injected, (kind, injected, text)


# Hostile strings as values of known parameters, as names, and in bulk; q is kept as the Sources search
# (so it reaches the filter line), the others are ignored and named in the notice.
HOSTILE_EXAMPLES = [
    {"theme": [EVIL_URL], "event": [EVIL_WWW], "q": [MAILTO], "lanes": [HEADING], "measure": [RULE]},
    {EVIL_URL: ["1"], EVIL_WWW: [MAILTO], MAILTO: [""], HEADING: [CODE], IMG: [JS_LINK]},
    {"q": [JS_LINK], "theme": [IMG], "from": [MATH], "to": ["$$\nx\n$$"], "kind": [CODE], RULE: [MATH]},
    {
        "theme": ["a" * 5000],
        "x" * 300: ["y"],
        "country": ["ünïcødé \u202e 中文 😀 \u200b"],
        "category": ["\x00\x07\x1b[31m\r\n\u2028"],
        **{f"junk{i}": [IMG] for i in range(20)},
    },
]


@pytest.mark.parametrize("page", state.PAGES)
# 8 generated + 4 hostile examples per page, plus the 4 template runs: about 76 AppTest runs, ~25 s of CPU
# in all on the 2-core machine (measured 2026-11-29; wall time grows with whatever else runs on it).
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    # The navigation shim (a function-scoped fixture) is the same for every example.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(query=queries)
@example(query=HOSTILE_EXAMPLES[0])
@example(query=HOSTILE_EXAMPLES[1])
@example(query=HOSTILE_EXAMPLES[2])
@example(query=HOSTILE_EXAMPLES[3])
def test_any_link_gives_one_notice_and_no_injected_markdown(page, query, allowed_notice_structure):
    """No exception, at most one notice (exactly one for an unknown name), nothing injected."""
    check_page(page, query, allowed_notice_structure)


def test_the_checks_catch_injected_markdown():
    """The comparison itself can fail: unescaped text in a template shows up as injected structure."""
    template = "**Filters:** Search: “{text}”"
    for hostile in (EVIL_URL, EVIL_WWW, MAILTO, HEADING, IMG, JS_LINK, "$x$ and $y$", "\n\n----------\n"):
        shown = template.format(text=hostile)
        assert structure(shown) - structure(harmless_version(shown, {hostile})), hostile
        escaped = template.format(text=md_escape(hostile))
        assert not structure(escaped) - structure(harmless_version(escaped, {hostile})), hostile
    assert "link" in structure(f"ignored: theme={EVIL_URL}")
