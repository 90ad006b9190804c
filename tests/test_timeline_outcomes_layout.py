"""Screenshots that explain themselves: every timeline event and key event is labelled or numbered on the
chart, and no label overlaps another label or a marker, leaves the figure, or is cut with "…".

Geometry is estimated here, independently of the builders: a label is as wide as its text times
CHAR_EM font sizes per character (plus padding) and as tall as its lines, placed in pixels on a plot
of the narrowest width each variant is shown at (PLOT_PX), from the annotation's own x, y, anchors and
shifts and the figure's axis range, domain, height and margins. Hand-made frames carry the documented
columns; the shipped data is run through both builders in both variants as well.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.charts import outcomes, timeline
from components.charts.style import FigureMeta
from components.data import frames as fr

META = FigureMeta(
    subtitle="All themes · 2007–2021",
    dashboard="Test dashboard",
    data_date="2026-11-28",
    source_names=(
        ("s1", "Source One"),
        ("s2", "A source with a rather long short name, 2021"),
    ),
)
VARIANTS = {"wide": META, "narrow": replace(META, narrow=True)}
# The narrowest plot each variant is shown at: in a 1,280 px window with the sidebar open the wide
# timeline's plot is about 650 px (lane names take the left margin) and the outcomes plot about 720 px;
# on a 375 px phone both narrow plots are about 285 px. Wider screens only spread labels further apart.
TIMELINE_PX = {"wide": 640.0, "narrow": 280.0}
OUTCOMES_PX = {"wide": 700.0, "narrow": 280.0}
CHAR_EM = 0.55  # Arial-like fonts: digits 0.556 em, lower case about 0.5 em
LINE_EM = 1.25
HOVER_CHARS = 62  # hover lines wrap at about 60 characters


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)


def event_rows(spec) -> pd.DataFrame:
    """(id, date, title, short, category, country) tuples -> an events frame (short '' = no short title)."""
    rows = [
        {
            "event_id": event_id,
            "date": fr.partial_date_start(date),
            "date_text": date,
            "precision": fr.partial_date_precision(date),
            "year": int(date[:4]),
            "title": title,
            "short": short or title,  # frames fall back to the title
            "category": category,
            "country": country,
            "frameworks": (),
            "themes": ("t-crime",),
            "sources": ("s1", "s2") if index % 2 else ("s1",),
        }
        for index, (event_id, date, title, short, category, country) in enumerate(spec)
    ]
    return frame(rows, fr.EVENT_COLUMNS)


LONG = "Mexican Senate approves limits on the activities of foreign agents operating in the country"
DENSE = event_rows(
    [
        ("a1", "2007-10-22", "Mérida Initiative announced", "", "agreement", "bilateral"),
        ("a2", "2021-10-08", LONG, "Bicentennial Framework launched", "agreement", "bilateral"),
        (
            "f1",
            "2008-06-30",
            "First Mérida appropriation signed into law",
            "First appropriation",
            "funding",
            "us",
        ),
        ("f2", "2008-07", "A partial-date funding event", "", "funding", "us"),
        (
            "f3",
            "2009-03",
            "FY2009 omnibus provides Mérida funds (P.L. 111-8)",
            "FY2009 omnibus",
            "funding",
            "us",
        ),
        ("l1", "2020-10-15", "Cienfuegos arrested in Los Angeles", "", "legal", "us"),
        (
            "l2",
            "2020-11-17",
            "U.S. to drop charges against Cienfuegos",
            "U.S. drops charges",
            "legal",
            "bilateral",
        ),
        (
            "l3",
            "2020-11-18",
            "Charges dismissed; Cienfuegos sent to Mexico",
            "Cienfuegos to Mexico",
            "legal",
            "bilateral",
        ),
        ("l4", "2020-12-09", LONG, "Senate limits foreign agents", "legal", "mx"),
        ("l5", "2020-12-15", "Chamber of Deputies approves the reform", "Deputies approve", "legal", "mx"),
        ("l6", "2020-12-18", "Foreign-agents reform published", "", "legal", "mx"),
        (
            "l7",
            "2021-01-14",
            "Guidelines for foreign agents published",
            "Guidelines published",
            "legal",
            "mx",
        ),
        (
            "d1",
            "2021-12-14",
            f"Working groups <b>begin</b> {'x' * 20}",
            "Working <b>groups</b> begin",
            "dialogue",
            "bilateral",
        ),
    ]
)
SPARSE = event_rows(
    [
        ("s1", "2008-06-30", "Mérida signed", "", "agreement", "bilateral"),
        ("s2", "2014-05", "A dialogue", "", "dialogue", "bilateral"),
        (
            "s3",
            "2021-03-01",
            "GAO-21-335: Mérida fraud risks not fully assessed",
            "GAO: fraud risks",
            "evaluation",
            "us",
        ),
    ]
)


def spans_df() -> pd.DataFrame:
    spec = [
        ("pres-bush", "presidency", "George W. Bush", "us", "2001-01-20", "2009-01-20", ""),
        ("pres-obama", "presidency", "Barack Obama", "us", "2009-01-20", "2017-01-20", ""),
        ("pres-trump", "presidency", "Donald Trump (second term)", "us", "2017-01-20", "2021-01-20", ""),
        ("pres-biden", "presidency", "Joe Biden", "us", "2021-01-20", "2025-01-20", ""),
        ("pres-fox", "presidency", "Vicente Fox", "mx", "2000-12-01", "2006-12-01", ""),
        ("pres-calderon", "presidency", "Felipe Calderón", "mx", "2006-12-01", "2012-12-01", ""),
        ("pres-pena", "presidency", "Enrique Peña Nieto", "mx", "2012-12-01", "2018-12-01", ""),
        ("pres-amlo", "presidency", "Andrés Manuel López Obrador", "mx", "2018-12-01", "2024-10-01", ""),
        ("fw-merida", "framework", "Mérida Initiative", "bilateral", "2007-10-22", "2021-10-08", "merida"),
        (
            "fw-bicentennial",
            "framework",
            "Bicentennial Framework",
            "bilateral",
            "2021-10-08",
            None,
            "bicentennial",
        ),
    ]
    rows = [
        {
            "span_id": span_id,
            "kind": kind,
            "label": label,
            "country": country,
            "start": pd.Timestamp(start),
            "end": pd.Timestamp(end) if end else pd.NaT,
            "framework": framework,
            "color": {"merida": "#004488", "bicentennial": "#BB5566"}.get(framework, ""),
            "sources": ("s1",),
        }
        for span_id, kind, label, country, start, end, framework in spec
    ]
    return frame(rows, fr.SPAN_COLUMNS)


def indicators_df() -> pd.DataFrame:
    rows = []
    for year, value in zip(range(2007, 2025), range(8000, 44000, 2000), strict=True):
        note = "A revised figure from a later bulletin, which also corrects the two previous years " * 2
        rows.append(
            {
                "indicator_id": "homicides",
                "label": "Intentional homicides in Mexico",
                "unit": "homicide victims",
                "country": "mx",
                "year": year,
                "as_of": pd.NaT,
                "x": pd.Timestamp(year, 7, 1),
                "value": float(value),
                "status": "preliminary" if year == 2024 else "final",
                "note": note if year == 2024 else "",
                "sources": ("s1",),
            }
        )
    return frame(rows, fr.INDICATOR_COLUMNS)


# --- geometry, estimated here ------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return min(self.right, other.right) - max(self.left, other.left) > 0.5 and (
            min(self.bottom, other.bottom) - max(self.top, other.top) > 0.5
        )


def plain_lines(text: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in (text or "").split("<br>")]


class Geometry:
    """Pixels on a plot `width` wide: x from the plot's left edge, y from the plot area's top."""

    def __init__(self, fig: go.Figure, width: float):
        self.fig, self.width = fig, width
        layout = fig.layout
        self.height = layout.height - layout.margin.t - layout.margin.b
        self.low, self.high = (pd.Timestamp(v) for v in layout.xaxis.range)

    def x(self, value, ref: str) -> float:
        if ref == "paper":
            return float(value) * self.width
        return (pd.Timestamp(value) - self.low) / (self.high - self.low) * self.width

    def y(self, value, ref: str) -> float:
        if ref == "paper":
            return (1 - float(value)) * self.height
        axis = self.fig.layout[ref.replace("y", "yaxis", 1)]
        if isinstance(value, str):
            value = list(axis.categoryarray).index(value)
        bottom, top = axis.range  # reversed: the first lane is on top
        domain_top = (1 - axis.domain[1]) * self.height
        return domain_top + (value - top) / (bottom - top) * (axis.domain[1] - axis.domain[0]) * self.height

    def box(self, a) -> Box:
        lines = plain_lines(a.text)
        size = (a.font.size if a.font and a.font.size else 12) * 1.0
        pad = 1 if a.borderpad is None else a.borderpad  # Plotly's default background padding is 1 px
        width = max(len(line) for line in lines) * size * CHAR_EM + 2 * pad + 2
        height = len(lines) * size * LINE_EM + 2 * pad
        x = self.x(a.x, a.xref) + (a.xshift or 0)
        y = self.y(a.y, a.yref) - (a.yshift or 0)
        left = {"left": x, "right": x - width}.get(a.xanchor, x - width / 2)
        top = {"top": y, "bottom": y - height}.get(a.yanchor, y - height / 2)
        return Box(lines[0], left, top, left + width, top + height)

    def markers(self) -> list[Box]:
        boxes = []
        for trace in self.fig.data:
            sizes = trace.marker.size
            widths = trace.marker.line.width if trace.marker.line else 0
            for index, (x, y) in enumerate(zip(trace.x, trace.y, strict=True)):
                size = sizes[index] if isinstance(sizes, tuple) else sizes
                width = widths[index] if isinstance(widths, tuple) else widths or 0
                radius = size / 2 + width / 2
                cx, cy = self.x(x, "x"), self.y(y, trace.yaxis or "y")
                boxes.append(Box(str(trace.name), cx - radius, cy - radius, cx + radius, cy + radius))
        return boxes


def named(fig: go.Figure, *prefixes: str) -> list:
    return [a for a in fig.layout.annotations if (a.name or "").startswith(prefixes)]


def assert_apart(boxes: list[Box], obstacles: list[Box] = ()) -> None:
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert not box.overlaps(other), f"{box} overlaps {other}"
        for obstacle in obstacles:
            assert not box.overlaps(obstacle), f"{box} covers the marker {obstacle}"


def assert_inside(boxes: list[Box], fig: go.Figure, width: float) -> None:
    left_margin = fig.layout.margin.l or 0
    for box in boxes:
        assert -left_margin <= box.left and box.right <= width + (fig.layout.margin.r or 0), box


def hover_lines(fig: go.Figure) -> list[str]:
    """Every hover text as shown: the template with each point's customdata filled in, markup removed."""
    lines = []
    for trace in fig.data:
        if not trace.hovertemplate or trace.customdata is None:
            continue
        for point in trace.customdata:
            text = re.sub(
                r"%\{customdata\[(\d)\]\}", lambda m, p=point: str(p[int(m.group(1))]), trace.hovertemplate
            )
            lines += plain_lines(text.replace("<extra></extra>", ""))
    return lines


# --- the timeline ----------------------------------------------------------------------------


def timeline_fig(events=DENSE, variant="wide", **options) -> go.Figure:
    options = {"start_year": 2007, "end_year": 2021, **options}
    return timeline.timeline_figure(events, spans_df(), meta=VARIANTS[variant], **options)


def numbers_on_chart(fig: go.Figure) -> list[int]:
    """The event numbers the labels show: '7' or a range '3–6'."""
    numbers = []
    for label in named(fig, "event-label"):
        first, _, last = label.text.replace("<b>", "").replace("</b>", "").partition("–")
        numbers += range(int(first), int(last or first) + 1)
    return numbers


def key_entries(fig: go.Figure) -> dict[int, str]:
    """number -> 'date · short title' from the key under the plot (continuation lines joined)."""
    entries: dict[int, str] = {}
    last = None
    for column in named(fig, "event-key"):
        for line in column.text.split("<br>"):
            text = html.unescape(re.sub(r"<[^>]+>", "", line)).replace("\xa0", " ")
            match = re.match(r"(\d+) · (.*)", text)
            if match:
                last = int(match.group(1))
                entries[last] = match.group(2)
            elif text.startswith(" ") and last is not None:
                entries[last] += " " + text.strip()
            else:
                last = None  # a lane heading
    return entries


@pytest.mark.parametrize("variant", VARIANTS)
def test_dense_events_are_numbered_on_the_chart_and_listed_in_the_key(variant):
    fig = timeline_fig(variant=variant)
    assert sorted(numbers_on_chart(fig)) == list(range(1, 14))  # every event exactly once
    entries = key_entries(fig)
    assert sorted(entries) == list(range(1, 14))
    by_text = " | ".join(entries.values())
    for expected in (
        "2020-12-09 · Senate limits foreign agents",
        "2007-10-22 · Mérida Initiative announced",  # no short title: the title
        "2021-12-14 · Working <b>groups</b> begin",  # data markup shown as text, never interpreted
    ):
        assert expected in by_text
    # Numbered lane by lane: a lane's clump of events reads as one range.
    legal = [label.text for label in named(fig, "event-label") if "–" in label.text]
    assert legal, "the six legal events of late 2020 share a range label"


@pytest.mark.parametrize("variant", VARIANTS)
def test_sparse_events_are_labelled_with_their_short_titles(variant):
    fig = timeline_fig(SPARSE, variant=variant)
    assert sorted(a.text for a in named(fig, "event-label")) == [
        "A dialogue",
        "GAO: fraud risks",
        "Mérida signed",
    ]
    assert not named(fig, "event-key")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    ("events", "selected"),
    [
        (DENSE, None),
        (DENSE, "l4"),
        (DENSE, "d1"),
        (DENSE, "a1"),
        (DENSE, "f1"),
        (SPARSE, None),
        (SPARSE, "s3"),
    ],
    ids=[
        "dense",
        "dense-selected",
        "selected-right",
        "selected-left",
        "selected-left-2",
        "sparse",
        "sparse-selected",
    ],
)
def test_timeline_labels_never_overlap_each_other_or_markers_and_stay_inside(variant, events, selected):
    fig = timeline_fig(events, variant=variant, selected_event=selected)
    geometry = Geometry(fig, TIMELINE_PX[variant])
    labels = [
        geometry.box(a) for a in named(fig, "event-label", "selected-event", "lane-name-", "framework-label-")
    ]
    assert_apart(labels, geometry.markers())
    assert_inside(labels, fig, TIMELINE_PX[variant])
    domain_bottom = geometry.y(fig.layout.yaxis.range[0], "y")
    for key in named(fig, "event-key"):
        assert geometry.box(key).top >= domain_bottom + 15, "the key starts under the date axis"


@pytest.mark.parametrize("variant", VARIANTS)
def test_selected_event_is_marked_and_named(variant):
    fig = timeline_fig(variant=variant, selected_event="l4")
    callout = named(fig, "selected-event")
    assert len(callout) == 1
    text = " ".join(plain_lines(callout[0].text))
    assert "Senate limits foreign agents" in text and "2020-12-09" in text
    ring = [tr for tr in fig.data if tr.name == "selected-event"]
    assert len(ring) == 1 and ring[0].meta == {"selected": "l4"}
    direct = timeline_fig(SPARSE, variant=variant, selected_event="s3")
    assert [plain_lines(a.text) for a in named(direct, "selected-event")] == [["GAO: fraud risks"]]


@pytest.mark.parametrize("variant", VARIANTS)
def test_labels_and_keys_are_never_cut(variant):
    fig = timeline_fig(variant=variant, selected_event="l4")
    for annotation in fig.layout.annotations:
        assert "…" not in (annotation.text or ""), annotation.name
    for shape in fig.layout.shapes:
        assert "…" not in (shape.label.text or "")


@pytest.mark.parametrize("variant", VARIANTS)
def test_timeline_hover_lines_wrap_at_about_60_characters(variant):
    lines = hover_lines(timeline_fig(variant=variant))
    assert any("foreign agents operating" in line for line in lines)  # the full title is in the hover
    assert max(len(line) for line in lines) <= HOVER_CHARS, max(lines, key=len)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("start", "end"), [(2007, 2021), (2006, 2026), (2008, 2021), (2017, 2020)])
def test_presidency_names_are_whole_or_absent(variant, start, end):
    fig = timeline_fig(variant=variant, start_year=start, end_year=end)
    spans = spans_df().set_index("span_id")
    shown = {}
    for shape in fig.layout.shapes:
        if (shape.name or "").startswith("presidency-"):
            full = spans.loc[shape.name.removeprefix("presidency-"), "label"]
            words = full.split(" (")[0].split()
            surnames = {" ".join(words[-n:]) for n in (1, 2)}
            text = shape.label.text or ""
            assert text in {"", full} | surnames, (full, text)
            shown[full] = text
    if variant == "narrow":
        assert "Barack Obama" not in shown.values()  # phones: surnames only
    # One figure never mixes full names and surnames.
    assert not ({"Obama", "Calderón"} & set(shown.values()) and "Barack Obama" in shown.values())


def test_presidency_names_that_fit_are_whole_on_desktop():
    fig = timeline_fig(start_year=2017, end_year=2020)  # four years: every name fits in full
    texts = {s.name: s.label.text for s in fig.layout.shapes if (s.name or "").startswith("presidency-")}
    assert texts["presidency-pres-trump"] == "Donald Trump (second term)"
    assert texts["presidency-pres-amlo"] == "Andrés Manuel López Obrador"


@pytest.mark.parametrize("variant", VARIANTS)
def test_presidency_name_widths_fit_their_bands(variant):
    fig = timeline_fig(variant=variant, start_year=2006, end_year=2026)
    geometry = Geometry(fig, TIMELINE_PX[variant])
    for shape in fig.layout.shapes:
        if (shape.name or "").startswith("presidency-") and shape.label.text:
            band = geometry.x(shape.x1, "x") - geometry.x(shape.x0, "x")
            assert len(shape.label.text) * 10 * CHAR_EM <= band, (shape.label.text, band)


# --- the outcomes chart ----------------------------------------------------------------------


KEY_EVENTS = event_rows(
    [
        ("k1", "2007-10-22", "Mérida Initiative announced", "", "agreement", "bilateral"),
        (
            "k2",
            "2010-07-29",
            "CRS reports the four-pillar 'Beyond Mérida' strategy",
            "CRS: 'Beyond Mérida' pillars",
            "policy",
            "us",
        ),
        (
            "k3",
            "2011-03-03",
            "ATF whistleblower exposes gunwalking",
            "Gunwalking exposed",
            "evaluation",
            "us",
        ),
        ("k4", "2021-10-08", LONG, "Bicentennial Framework launched", "agreement", "bilateral"),
        (
            "k5",
            "2024-06-11",
            "Sherwood-Randall meets President-elect Sheinbaum",
            "Sherwood-Randall meets Sheinbaum",
            "dialogue",
            "bilateral",
        ),
    ]
)


def outcomes_fig(variant="wide", events=("k1", "k2", "k3", "k4", "k5")) -> go.Figure:
    return outcomes.indicator_figure(
        indicators_df(),
        spans_df(),
        KEY_EVENTS,
        meta=VARIANTS[variant],
        indicator_ids=["homicides"],
        key_event_ids=events,
    )


def flags(fig: go.Figure) -> dict[str, tuple]:
    """event id -> (its label annotation, its line shape)."""
    lines = {s.name: s for s in fig.layout.shapes if (s.name or "").startswith("event-")}
    return {a.name.removeprefix("event-"): (a, lines[a.name]) for a in named(fig, "event-")}


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_key_event_is_labelled_or_numbered_and_never_cut(variant):
    fig = outcomes_fig(variant)
    drawn = flags(fig)
    assert sorted(drawn) == ["k1", "k2", "k3", "k4", "k5"]
    texts = [plain_lines(label.text)[0] for label, _ in drawn.values()]
    if all(text.isdigit() for text in texts):
        key = " | ".join(plain_lines(named(fig, "events-key")[0].text))
        assert sorted(texts) == ["1", "2", "3", "4", "5"]
        for short in (
            "Mérida Initiative announced",
            "Bicentennial Framework launched",
            "Sherwood-Randall meets",
        ):
            assert short in key
    else:
        assert sorted(texts) == sorted(
            ["Mérida Initiative announced", "CRS: 'Beyond Mérida' pillars", "Gunwalking exposed",
             "Bicentennial Framework launched", "Sherwood-Randall meets Sheinbaum"]
        )  # fmt: skip
    assert not any("…" in (a.text or "") for a in fig.layout.annotations)


def test_key_events_are_labelled_with_short_titles_on_desktop_and_numbered_on_phones():
    assert plain_lines(flags(outcomes_fig("wide"))["k4"][0].text) == ["Bicentennial Framework launched"]
    assert plain_lines(flags(outcomes_fig("narrow"))["k4"][0].text) == ["4"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_key_event_labels_never_overlap_cross_other_lines_or_leave_the_plot(variant):
    fig = outcomes_fig(variant)
    geometry = Geometry(fig, OUTCOMES_PX[variant])
    drawn = flags(fig)
    boxes = {event_id: geometry.box(label) for event_id, (label, _) in drawn.items()}
    others = [geometry.box(a) for a in named(fig, "framework-label-")]
    others += [geometry.box(a) for a in fig.layout.annotations[:1]]  # the indicator's title
    assert_apart([*boxes.values(), *others])
    for box in boxes.values():
        assert 0 <= box.left and box.right <= geometry.width, box
    # A line runs from the plots up to its own label: no other label sits across it on the way.
    for event_id, (_, line) in drawn.items():
        x, top = geometry.x(line.x0, "x"), geometry.y(line.y1, "paper")
        for other_id, box in boxes.items():
            if other_id != event_id and box.top > top:
                assert not box.left - 1 <= x <= box.right + 1, f"{other_id}'s label crosses {event_id}'s line"


@pytest.mark.parametrize("variant", VARIANTS)
def test_outcomes_hover_lines_wrap_at_about_60_characters(variant):
    lines = hover_lines(outcomes_fig(variant))
    assert any("later bulletin" in line for line in lines)
    assert max(len(line) for line in lines) <= HOVER_CHARS, max(lines, key=len)


# --- the shipped data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    from components.data.loader import load_dataset_strict

    return fr.build_frames(load_dataset_strict())


def shipped_meta(shipped, variant: str) -> FigureMeta:
    names = tuple(zip(shipped.sources["source_id"], shipped.sources["short"], strict=True))
    return replace(VARIANTS[variant], source_names=names)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lanes", ["category", "country"])
def test_shipped_timeline_2006_to_latest_labels_every_event_without_overlap(shipped, variant, lanes):
    latest = int(shipped.events["year"].max())
    events = shipped.events[shipped.events["year"] >= 2006]
    for selected in (None, "hlsd-2021-bicentennial-launch"):
        fig = timeline.timeline_figure(
            events, shipped.spans, meta=shipped_meta(shipped, variant), start_year=2006, end_year=latest,
            lanes=lanes, selected_event=selected,
        )  # fmt: skip
        assert sorted(numbers_on_chart(fig)) == list(range(1, len(events) + 1))
        entries = key_entries(fig)
        assert sorted(entries) == list(range(1, len(events) + 1))
        shorts = set(events["short"])
        for entry in entries.values():
            assert entry.split(" · ", 1)[1] in shorts, entry
        geometry = Geometry(fig, TIMELINE_PX[variant])
        labels = [
            geometry.box(a)
            for a in named(fig, "event-label", "selected-event", "lane-name-", "framework-label-")
        ]
        assert_apart(labels, geometry.markers())
        assert_inside(labels, fig, TIMELINE_PX[variant])
        assert not any("…" in (a.text or "") for a in fig.layout.annotations)
        assert max(len(line) for line in hover_lines(fig)) <= HOVER_CHARS


def test_shipped_short_titles_fit_and_long_titles_have_one(shipped):
    events = shipped.events
    assert (events["short"].str.len() <= 36).all()
    long = events[events["title"].str.len() > 36]
    assert (long["short"] != long["title"]).all(), list(long.loc[long["short"] == long["title"], "event_id"])


@pytest.mark.parametrize("variant", VARIANTS)
def test_shipped_outcomes_label_every_key_event_without_overlap(shipped, variant):
    from components.editorial import OUTCOME_KEY_EVENTS

    ids = list(dict.fromkeys(shipped.indicators["indicator_id"]))
    fig = outcomes.indicator_figure(
        shipped.indicators, shipped.spans, shipped.events, meta=shipped_meta(shipped, variant),
        indicator_ids=ids, key_event_ids=OUTCOME_KEY_EVENTS,
    )  # fmt: skip
    drawn = flags(fig)
    assert sorted(drawn) == sorted(OUTCOME_KEY_EVENTS)
    geometry = Geometry(fig, OUTCOMES_PX[variant])
    boxes = [geometry.box(label) for label, _ in drawn.values()]
    assert_apart([*boxes, *(geometry.box(a) for a in named(fig, "framework-label-"))])
    assert all(0 <= box.left and box.right <= geometry.width for box in boxes)
    assert not any("…" in (a.text or "") for a in fig.layout.annotations)
    assert max(len(line) for line in hover_lines(fig)) <= HOVER_CHARS


def test_key_columns_break_between_lanes_or_repeat_the_lane_heading():
    blocks = [
        ["<b>A</b>", "1"],
        ["<b>S</b>", "2"],
        ["<b>E</b>", "3", "4", "5", "6", "7", "8"],
        ["<b>D</b>", "9"],
    ]
    columns = timeline.split_columns(blocks, 2, lambda heading: heading + " (continued)")
    assert columns == [
        ["<b>A</b>", "1", "<b>S</b>", "2", "<b>E</b>", "3", "4"],
        ["<b>E</b> (continued)", "5", "6", "7", "8", "<b>D</b>", "9"],
    ]
    even = [["<b>A</b>", "1", "2"], ["<b>B</b>", "3"], ["<b>C</b>", "4", "5"], ["<b>D</b>", "6"]]
    assert timeline.split_columns(even, 2) == [
        ["<b>A</b>", "1", "2", "<b>B</b>", "3"],
        ["<b>C</b>", "4", "5", "<b>D</b>", "6"],
    ]
    assert timeline.split_columns(even, 1) == [sum(even, [])]
