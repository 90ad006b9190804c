"""Spanish: with ?lang=es no English interface text appears on any page, and charts speak Spanish."""

from __future__ import annotations

import json
import re
import string

import pytest
from google.protobuf import text_format

from components.i18n import CATALOGUES
from tests.test_pages import navigation_mode, run_app  # noqa: F401  (fixture)

PAGES = [
    None,
    "pages/compare.py",
    "pages/timeline.py",
    "pages/goals.py",
    "pages/outcomes.py",
    "pages/sources.py",
]


def fixed_parts(template: str) -> list[str]:
    """The literal pieces of a template between its {placeholders}."""
    return [literal for literal, _, _, _ in string.Formatter().parse(template) if literal]


def english_only_strings() -> set[str]:
    """Pieces of English catalogue text long enough to be telling, and not shared with Spanish."""
    english, spanish = CATALOGUES["en"], CATALOGUES["es"]
    spanish_text = " ".join(spanish.values())
    pieces = set()
    for key, template in english.items():
        if key.startswith(("csv.", "file.", "glossary.term.")):
            continue  # machine names and acronym expansions (proper names) may coincide
        for piece in fixed_parts(template):
            piece = piece.strip(" .,:;·()*-–—")
            if len(piece) >= 18 and " " in piece and piece not in spanish_text:
                pieces.add(piece)
    return pieces


ENGLISH = english_only_strings()


def page_text(at) -> str:
    """Every string the page sends: element bodies, labels, options, help, chart JSON (unescaped)."""
    parts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    text = "\n".join(parts)
    # Chart JSON escapes non-ASCII letters (\\u00e9); turn them back into letters.
    return re.sub(r"\\\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def test_the_check_has_english_to_look_for():
    assert len(ENGLISH) > 100


@pytest.mark.parametrize("page", PAGES)
def test_no_english_interface_text_in_spanish(page):
    at = run_app(page, lang="es")
    assert not at.exception
    text = page_text(at)
    found = sorted(piece for piece in ENGLISH if piece in text)
    assert found == []


@pytest.mark.parametrize("page", [None, "pages/timeline.py", "pages/goals.py", "pages/outcomes.py"])
def test_chart_titles_axes_and_footers_are_spanish(page):
    at = run_app(page, lang="es")
    specs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    assert specs
    for spec in specs:
        layout = spec["layout"]
        title = layout["title"]["text"]
        assert title and not any(piece in title for piece in ENGLISH)
        footer = next(a["text"] for a in layout["annotations"] if a.get("name") == "footer")
        assert "datos al" in footer and "data as of" not in footer
        for axis in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
            axis_title = (layout[axis].get("title") or {}).get("text") or ""
            assert not any(piece in axis_title for piece in ENGLISH)


def test_switching_language_keeps_every_other_setting():
    at = run_app("pages/timeline.py", theme="arms-trafficking", **{"from": "2010", "to": "2020"})
    at.segmented_control(key="sidebar_lang").set_value("es").run()
    assert not at.exception
    assert at.query_params.get("lang") in ("es", ["es"])

    def value(name: str) -> list[str]:
        got = at.query_params.get(name)
        return [got] if isinstance(got, str) else list(got or [])

    assert (value("theme"), value("from"), value("to")) == (["arms-trafficking"], ["2010"], ["2020"])
    assert "Línea de tiempo" in page_text(at)
