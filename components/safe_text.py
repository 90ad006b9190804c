"""Escaping text from data, URLs and uploads so Markdown and Plotly show it literally, never as markup.

Pure (no Streamlit): used by components/ui for Markdown and by components/charts for Plotly labels.
"""

from __future__ import annotations

import html
import re
import string

# Line breaks and tabs would let text start a new block (heading, setext underline, code block, list)
# or end a line in a hard break; they become one space. CommonMark only breaks lines at \n and \r, but
# U+0085/U+2028/U+2029 are line breaks to other readers, so they go too.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029 ]+")
# Whitespace at either end, Unicode's included (no-break space; U+FEFF is whitespace to remark): a slot
# starting with it would stop the template's own `*` or `**` around it from opening or closing.
_EDGES = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")
# Other C0/C1 controls, DEL, and the bidi controls that can reorder what a reader sees
# (Trojan Source); dropped.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# CommonMark lets a backslash escape any ASCII punctuation, and each one means something somewhere
# (emphasis, links, HTML, entities, tables, strikethrough, KaTeX `$`, Streamlit's `:red[…]` directives
# and `:emoji:` codes), so all of them are escaped.
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# remark-gfm also links `http://…`, `www.…` and `a@b.c` found in text nodes *after* backslash escapes
# are resolved (mdast-util-gfm-autolink-literal runs regexes over the text), so `www\.x\.com` is still a
# link. An invisible WORD JOINER (U+2060, not whitespace, not punctuation) inside each trigger breaks
# those regexes: after every `:` (`://`, `mailto:`, `:emoji:`), before every `@`, between `www` and `.`.
_JOINER = "\u2060"
_AFTER_COLON = re.compile(r"\\:")
_BEFORE_AT = re.compile(r"\\@")
_WWW_DOT = re.compile(r"(www)(?=\\\.)", re.IGNORECASE)


def md_escape(text: object) -> str:
    """`text` as Markdown that renders as exactly that text on one line: no link, heading, code, HTML,
    math, emphasis, list, table or line break, whatever it contains.

    For every Markdown context (st.markdown, captions, labels, help). Line breaks, tabs and runs of
    spaces become one space and the ends are trimmed (so no indentation can make a code block);
    controls and bidi controls are dropped.
    """
    flat = _EDGES.sub("", _BREAKS.sub(" ", _INVISIBLE.sub("", str(text))))
    escaped = _PUNCTUATION.sub(r"\\\1", flat)
    escaped = _AFTER_COLON.sub(lambda m: m.group() + _JOINER, escaped)
    escaped = _BEFORE_AT.sub(lambda m: _JOINER + m.group(), escaped)
    return _WWW_DOT.sub(lambda m: m.group(1) + _JOINER, escaped)


def plotly_escape(text: object) -> str:
    """`text` for a Plotly title, label, annotation, hover or legend: shown literally.

    Plotly renders a small HTML subset in text (`<br>`, `<b>`, `<i>`, `<sub>`, `<sup>`, `<span style>`,
    `<a href>`) and decodes entities in the text between tags (plotly.js svg_text_utils: tags are
    split out first, then `&lt;`, `&gt;`, `&amp;` and numeric entities are decoded). Escaping `&`, `<`
    and `>` therefore shows `<b>x</b>` or `<a href="javascript:…">` as typed. Quotes are left alone:
    Plotly does not decode `&quot;`.
    """
    return html.escape(str(text), quote=False)
