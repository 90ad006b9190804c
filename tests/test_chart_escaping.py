"""Plotly text from data is escaped: every builder, fed data whose every free-text field carries markup,
draws that markup only in its escaped form (`&lt;b&gt;…`), never as Plotly's HTML subset.

The shipped dataset is loaded once and every non-empty free-text cell gets PAYLOAD appended (ids,
colours, enums and dates are left alone: the schema forbids markup in them). Then every string in each
figure's JSON is checked, so a title, hover text, customdata, tick or legend label, annotation, Sankey
or sunburst label that skipped escaping fails the test.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from components import view
from components.charts import comparison, coverage, crosswalk, goals, outcomes, timeline
from components.charts.style import FigureMeta
from components.data import frames as fr
from components.state import Filters

# Each piece is something Plotly would interpret if it reached a label unescaped: bold, a line break
# inside a word (wrapping only breaks at spaces), a javascript: link, italics, and a hovertemplate
# placeholder (interpreted only if data is pasted into the template instead of customdata).
PAYLOAD = '<b>PWN1</b> Q<br>Q <a href="javascript:alert(1)">PWN2</a> <i>PWN3</i> %{y}PWN4'
RAW = re.compile(r"<b>PWN1|Q<br>Q|<a[\s>]|<i>PWN3|javascript:alert\(1\)\">")
ESCAPED_BOLD = "&lt;b&gt;PWN1&lt;/b&gt;"

# Free-text columns of the frames (components/data/frames.py); everything else is an id, colour,
# enum, number, date or tuple.
TEXT_COLUMNS = {
    "label", "description", "short", "title", "publisher", "authors", "name", "short_name", "summary",
    "framework_short", "phase_label", "pillar_word", "pillar_words", "pillar_title", "text", "original",
    "by", "figure", "note", "date_note", "from_label", "from_pillar_label", "to_label", "to_pillar_label",
    "rationale", "unit", "summary_original",
}  # fmt: skip


def _poison(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in TEXT_COLUMNS & set(frame.columns):
        frame[column] = [f"{v} {PAYLOAD}" if isinstance(v, str) and v else v for v in frame[column]]
    return frame


@pytest.fixture(scope="module")
def poisoned():
    from components.data.loader import load_dataset

    real = fr.build_frames(load_dataset().dataset)
    return dataclasses.replace(
        real, **{f.name: _poison(getattr(real, f.name)) for f in dataclasses.fields(real)}
    )


def _meta(frames, narrow: bool) -> FigureMeta:
    return FigureMeta(
        subtitle=f"Filters {PAYLOAD}",
        dashboard="Dashboard",
        data_date="2026-11-28",
        source_names=tuple(zip(frames.sources["source_id"], frames.sources["short"], strict=True)),
        narrow=narrow,
    )


def _strings(node: object, path: str = ""):
    """Every (path, string) in a figure's JSON."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}[{i}]")
    elif hasattr(node, "tolist"):  # numpy arrays of labels or customdata
        yield from _strings(node.tolist(), path)


def _figures(frames, narrow: bool):
    meta = _meta(frames, narrow)
    theme = frames.themes["theme_id"].iloc[0]
    selected = view.select_view(
        frames, Filters(compare=("merida", "bicentennial"), phases=("merida-2011", "bicentennial-2021"))
    )
    assert len(selected.crosswalk), "the view must have links, or the Sankey is an empty state"
    for highlight in ((), (theme,)):
        for measure in ("count", "share"):
            yield (
                "coverage",
                coverage.theme_coverage_figure(
                    selected.objectives, frames.themes, meta=meta, measure=measure, highlight_themes=highlight
                ),
            )
        yield (
            "crosswalk",
            crosswalk.crosswalk_sankey_figure(
                selected.crosswalk, selected.pillars, meta=meta, highlight_themes=highlight
            ),
        )
        yield (
            "goals",
            goals.goals_sunburst_figure(
                selected.objectives, selected.pillars, frames.themes, meta=meta, highlight_themes=highlight
            ),
        )
        yield (
            "comparison",
            comparison.framework_comparison_figure(
                selected.pillars,
                selected.objectives,
                meta=meta,
                crosswalk=selected.crosswalk,
                highlight_themes=highlight,
            ),
        )
    names = dict(zip(frames.sources["source_id"], frames.sources["short"], strict=True))
    for lanes in ("category", "country"):
        yield (
            "timeline",
            timeline.timeline_figure(
                frames.events,
                frames.spans,
                meta=meta,
                start_year=2006,
                end_year=2026,
                lanes=lanes,
                selected_event=frames.events["event_id"].iloc[5],
                source_names=names,
            ),
        )
    yield (
        "outcomes",
        outcomes.indicator_figure(
            frames.indicators,
            frames.spans,
            frames.events,
            meta=meta,
            indicator_ids=list(dict.fromkeys(frames.indicators["indicator_id"])),
            key_event_ids=list(frames.events["event_id"].iloc[:8]),
        ),
    )


@pytest.fixture(scope="module", params=[False, True], ids=["wide", "narrow"])
def figure_strings(poisoned, request):
    """(builder, [(path, string), …]) for every figure built from the poisoned frames."""
    return [(name, list(_strings(fig.to_plotly_json()))) for name, fig in _figures(poisoned, request.param)]


def test_every_figure_shows_data_markup_only_escaped(figure_strings):
    seen = set()
    for name, strings in figure_strings:
        raw = [(path, text) for path, text in strings if RAW.search(text)]
        assert not raw, (name, raw[:3])
        # Escaped once, not twice (twice would show "&lt;b&gt;" to the reader).
        twice = [(path, text) for path, text in strings if "&amp;lt;" in text]
        assert not twice, (name, twice[:3])
        # Data never becomes part of a hover or text template, where %{…} would be substituted.
        templated = [(p, s) for p, s in strings if p.endswith("template") and "PWN" in s]
        assert not templated, (name, templated[:3])
        if any(ESCAPED_BOLD in text for _, text in strings):
            seen.add(name)
    # The payload really reached every kind of figure (else the test above proves nothing).
    assert seen == {"coverage", "crosswalk", "goals", "comparison", "timeline", "outcomes"}


# Where data text reaches a figure: the check above only means something if it reaches these at all.
PROPERTIES = {
    "title": ".layout.title.text",
    "subtitle": ".layout.title.subtitle.text",
    "y axis labels": ".layout.yaxis",  # tick text (wide) or the category order (narrow)
    "legend names": "].name",
    "annotations": ".layout.annotations[",
    "hover text": ".hovertext",
    "customdata": ".customdata",
    "sunburst labels": ".labels",
}


@pytest.mark.parametrize("where", PROPERTIES)
def test_escaped_data_text_reaches_each_kind_of_property(figure_strings, where):
    found = {path for _, strings in figure_strings for path, text in strings if ESCAPED_BOLD in text}
    assert any(PROPERTIES[where] in path for path in found), sorted(found)[:40]
