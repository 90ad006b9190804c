"""What a Markdown string renders as in Streamlit: the set of constructs (links, headings, code, HTML, math…).

Tests compare ``structure(template.format(escaped_data))`` with ``structure(template.format("x"))``: if
escaping works, data can add no construct the template did not already have.

Streamlit renders ``st.markdown`` (and labels, captions, help text) with react-markdown + remark-gfm +
remark-math (KaTeX) + remark-directive (``:red[…]``, ``:material/…:``) + remark-emoji. markdown-it-py
gives the CommonMark structure (plus GFM tables and strikethrough); the rest is checked here explicitly:

- **GFM literal autolinks.** remark-gfm links ``http(s)://…``, ``www.…`` and bare emails not only in the
  source text but also in the *text nodes after backslash escapes are resolved*
  (mdast-util-gfm-autolink-literal runs ``findAndReplace`` over text nodes with
  ``/(https?:\\/\\/|www(?=\\.))([-.\\w]+)([^ \\t\\r\\n]*)/gi`` and
  ``/(?<=^|\\s|\\p{P}|\\p{S})([-.\\w+]+)@([-\\w]+(?:\\.[-\\w]+)+)/gu``; the same regexes ship in
  Streamlit's StreamlitMarkdown bundle). So ``www\\.evil\\.example`` is still a link. We therefore look
  for those patterns in markdown-it's resolved text tokens, slightly more eagerly than remark-gfm does
  (a superset is the safe side for a test).
- **Math.** remark-math treats any run of ``$`` closed by a run of the same length as inline math (no
  whitespace rules, unlike Pandoc), and a line starting with ``$$`` as a math block.
- **Directives and emoji.** An unescaped ``:name`` starts a text directive (Streamlit turns
  ``:red[x]``, ``:small[x]``, ``:help[x]``, ``:material/icon:`` into styled text or icons);
  ``:shortcode:`` in text becomes an emoji.

Not modelled: GFM single-tilde strikethrough, footnote references (only reported when a definition
exists, as ``definition``), task-list checkboxes (reported as ``list``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# Block and inline token types of markdown-it, mapped to the construct they render.
_TOKEN_CONSTRUCTS = {
    "heading_open": "heading",
    "code_block": "code",
    "fence": "code",
    "code_inline": "code",
    "html_block": "html",
    "html_inline": "html",
    "em_open": "emphasis",
    "strong_open": "strong",
    "s_open": "strikethrough",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "blockquote_open": "blockquote",
    "table_open": "table",
    "hardbreak": "hardbreak",
    "hr": "hr",
    "link_open": "link",
    "image": "image",
    "math_inline": "math",
    "directive": "directive",
}

# GFM literal autolinks in resolved text. remark-gfm requires the URL to follow whitespace or
# punctuation (its micromark tokenizer accepts any non-letter before http); we accept anything but an
# ASCII letter, and any email-shaped run, so this errs on the side of reporting a link.
_URL = re.compile(r"(?<![A-Za-z])(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE)
_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+")
# remark-emoji shortcodes (Streamlit loads it only when the source has one; material/streamlit
# icons go through directives instead).
_EMOJI = re.compile(r":(?!material/|streamlit:)[\w+-][\w+-]*:")
# Blocks that remark-math and remark-directive open at the start of a line.
_MATH_FLOW = re.compile(r"^ {0,3}\$\$", re.MULTILINE)
_DIRECTIVE_FLOW = re.compile(r"^ {0,3}::+[A-Za-z]", re.MULTILINE)
_DIRECTIVE_NAME = re.compile(r":[A-Za-z][A-Za-z0-9_-]*")


def _is_domain(domain: str) -> bool:
    """mdast-util-gfm-autolink-literal's isCorrectDomain: a dot, and no underscore in the last two labels."""
    parts = domain.split(".")
    if len(parts) < 2:
        return False
    for part in parts[-2:]:
        if part and ("_" in part or not re.search(r"[A-Za-z\d]", part)):
            return False
    return True


def _math(state: StateInline, silent: bool) -> bool:
    """remark-math inline math: a run of n ``$`` up to the next run of exactly n ``$``."""
    src, start = state.src, state.pos
    if src[start] != "$":
        return False
    end = start
    while end < state.posMax and src[end] == "$":
        end += 1
    size = end - start
    for match in re.finditer(r"\$+", src[end : state.posMax]):
        if len(match.group()) == size:
            if not silent:
                state.push("math_inline", "", 0).content = src[end : end + match.start()]
            state.pos = end + match.end()
            return True
    return False


def _directive(state: StateInline, silent: bool) -> bool:
    """remark-directive text directive: an unescaped ``:`` (not after another ``:``) and a name."""
    src, pos = state.src, state.pos
    if src[pos] != ":" or (pos > 0 and src[pos - 1] == ":"):
        return False
    match = _DIRECTIVE_NAME.match(src, pos, state.posMax)
    if not match:
        return False
    if not silent:
        state.push("directive", "", 0).content = match.group()
    state.pos = match.end()
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    # markdown-it refuses `javascript:` links (they stay text); micromark parses them as links and
    # react-markdown only blanks the href, so the link element is still there: count it.
    md.validateLink = lambda url: True
    # After backslash escapes and code spans, as in micromark: ``\$`` and ``\:`` never reach these.
    md.inline.ruler.after("backticks", "math", _math)
    md.inline.ruler.after("math", "directive", _directive)
    return md


_MD = _parser()


def _text_constructs(text: str) -> set[str]:
    """Constructs remark-gfm and remark-emoji create inside one resolved text node."""
    found = set()
    for match in _URL.finditer(text):
        domain = match.group(2)
        if match.group(1).lower().startswith("w"):
            domain = match.group(1) + domain
        if _is_domain(domain) or match.group(1).lower().startswith("http"):
            found.add("link")
    if _EMAIL.search(text):
        found.add("link")
    if _EMOJI.search(text):
        found.add("emoji")
    return found


def structure(markdown: str) -> set[str]:
    """The set of constructs ``markdown`` renders as in Streamlit (e.g. {"strong", "link", "list"})."""
    env: dict = {}
    found: set[str] = set()
    for token in _MD.parse(markdown, env):
        if token.type in _TOKEN_CONSTRUCTS:
            found.add(_TOKEN_CONSTRUCTS[token.type])
        if token.type != "inline":
            continue
        link_depth = 0
        pending = ""  # adjacent text tokens form one mdast text node
        for child in token.children or []:
            if child.type in _TOKEN_CONSTRUCTS:
                found.add(_TOKEN_CONSTRUCTS[child.type])
            if child.type == "text" and link_depth == 0:
                pending += child.content
                continue
            if child.type == "softbreak" and link_depth == 0:
                pending += "\n"
                continue
            found |= _text_constructs(pending)
            pending = ""
            link_depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        found |= _text_constructs(pending)
    if env.get("references"):
        found.add("definition")
    if _MATH_FLOW.search(markdown):
        found.add("math")
    if _DIRECTIVE_FLOW.search(markdown):
        found.add("directive")
    return found
