"""The timeline: events in lanes (by category or by country), presidency bands and framework periods.

Encoding rule, the same in both lane modes: marker colour = country (COUNTRY_COLORS) and marker symbol
= category (CATEGORY_SYMBOLS). The lane repeats one of the two on the y axis and a key above the plot
names the other, and the hover names both, so neither depends on colour. Dates known only to the month or year
are drawn with the open version of the symbol and say "(month)" / "(year)" in the hover.

Every event can be identified in a screenshot without hovering. When every event's short title fits
above its marker, the events are labelled directly. Otherwise they are numbered (lane by lane, in date
order, so a clump of events in one lane reads as one range such as "34–38") and a key below the plot
lists number · date · short title. Labels are placed in pixels for the narrowest plot each variant is
shown at (WIDE / NARROW below; a wider screen only adds room), in a row of their own between two lanes,
so they never overlap each other, a marker or the figure's edge; they have a white background, so no
gridline runs through them.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import (
    CATEGORY_SYMBOLS,
    COUNTRY_COLORS,
    NEUTRAL,
    TEXT_COLOR,
    TOP_MARGIN,
    FigureMeta,
    bottom_margin,
    esc,
    finalize,
    wrap,
)
from components.i18n import formats, t

LANE_MODES = ("category", "country")
FRAMEWORK_ALPHA = 0.07
BAND_ALPHAS = (0.16, 0.30)  # successive presidents alternate so neighbours stay distinct
MARKER_SIZE = 11
SELECTED_SIZE = 15
RING_SIZE = SELECTED_SIZE + 8
RING_RADIUS = RING_SIZE / 2 + 0.75  # with half its 1.5 px line
HOVER_WIDTH = 60  # characters per hover line
LABEL_BG = "rgba(255,255,255,0.92)"  # label background: hides gridlines and period shading behind text

# Text width estimates, in font sizes per character (Arial / Source Sans metrics run 0.5–0.56 for
# digits and lower case; capitals are wider, so 0.6 errs on the side of room).
CHAR_EM = 0.6
KEY_CHAR_EM = 0.5  # the key's lines are long, mixed text: their average is what counts
LINE_EM = 1.3  # Plotly's line height
LABEL_PAD = 3  # px of background around a label's text, each side
LABEL_GAP = 4  # px kept free between two labels on one row
PERIOD_ROW_PX = 15  # helpers.add_framework_periods: one row of period labels
PERIOD_FONT = 11


@dataclass(frozen=True)
class Layout:
    """The pixel sizes of one variant. `plot_px` is the narrowest plot width the variant is shown at:
    the wide variant's plot in a 1,280 px window with the sidebar open, the narrow one's on a 375 px
    phone. Labels laid out for it only gain room on wider screens."""

    plot_px: float
    lane_px: float  # distance between two lanes
    label_font: int
    label_rise: float  # from a marker's centre up to the centre of its label row
    key_columns: int
    names_inside: bool  # lane names above each lane (phones) instead of tick labels on the left
    left_px: int  # left margin when lane names are inside (room for the band rows' "U.S." / "Mexico")

    @property
    def label_half(self) -> float:
        """Half the height of a label: one line and its background."""
        return self.label_font * LINE_EM / 2 + 2

    @property
    def name_rise(self) -> float:
        """From a marker's centre up to the centre of its lane's name (phones), just above the labels."""
        return self.label_rise + self.label_half + NAME_FONT * LINE_EM / 2 + 3

    @property
    def block_top(self) -> float:
        """From a marker's centre up to the top of its lane's labels (and name)."""
        if self.names_inside:
            return self.name_rise + NAME_FONT * LINE_EM / 2 + 2
        return self.label_rise + self.label_half


# The label row clears the selected event's ring below it (RING_SIZE / 2 + its line), and a lane's
# labels (and name) clear the ring of the lane above: lane_px >= block_top + ring radius + 1.
WIDE = Layout(
    plot_px=640, lane_px=46, label_font=11, label_rise=23, key_columns=2, names_inside=False, left_px=0
)
NARROW = Layout(
    plot_px=280, lane_px=64, label_font=11, label_rise=23, key_columns=1, names_inside=True, left_px=46
)
NAME_FONT = 10
BAND_PX, BAND_GAP_PX, BAND_FONT = 20, 4, 10  # each presidency row, the gap between and below them
AXIS_PX = 30  # the date axis's tick labels under the lanes
CALLOUT_FONT = 12
KEY_FONT = 11
ENCODING_KEY_FONT = 12  # helpers.add_key's size
TITLE_TOP_PX, TITLE_LINE_PX = 12, 13  # see keep_title_on_top
RULE_COLOR = "#DDDDDD"


def _lane_order(lanes: str) -> tuple[str, ...]:
    return tuple(CATEGORY_SYMBOLS) if lanes == "category" else tuple(COUNTRY_COLORS)


def _lane_label(lanes: str, value: str, lang: str) -> str:
    known = CATEGORY_SYMBOLS if lanes == "category" else COUNTRY_COLORS
    return t(f"{lanes}.{value}", lang) if value in known else value


def _symbol(category: str, precision: str) -> str:
    symbol = CATEGORY_SYMBOLS.get(category, "circle")
    return symbol if precision == "day" else f"{symbol}-open"


def _date_display(date_text: str, precision: str, lang: str) -> str:
    """'October 8, 2021' / '8 de octubre de 2021'; a month or a year says it is only that precise."""
    shown = formats.fmt_partial_date(date_text, lang)
    return shown if precision == "day" else t(f"chart.timeline.date_{precision}", lang, date=shown)


def text_px(text: str, font: float, em: float = CHAR_EM) -> float:
    """Estimated width in pixels of plain `text` set in `font` px, with its background padding."""
    return len(text) * font * em + 2 * LABEL_PAD


def _plain(text: str) -> str:
    """The characters a label shows: markup removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _clip(start: pd.Timestamp, end: pd.Timestamp, low: pd.Timestamp, high: pd.Timestamp):
    """The part of [start, end] inside [low, high], or None; a missing end (NaT) runs to `high`."""
    x0, x1 = max(start, low), high if pd.isna(end) else min(end, high)
    return (x0, x1) if x0 < x1 else None


# --- label placement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelBox:
    """One label on a lane's label row: events first..last (indices into the lane) share it."""

    first: int
    last: int
    left: float  # px from the plot's left edge
    width: float
    text: str

    @property
    def centre(self) -> float:
        return self.left + self.width / 2


def place_labels(
    xs: list[float], text: Callable[[int, int], str], plot_px: float, font: float
) -> list[LabelBox]:
    """Labels for markers at `xs` (px, ascending) on one row: each centred over its markers, kept
    inside [0, plot_px], and merged with its neighbour while the two would overlap. `text(i, j)` is the
    label of markers i..j."""

    def box(first: int, last: int) -> LabelBox:
        label = text(first, last)
        width = text_px(label, font)
        centre = (xs[first] + xs[last]) / 2
        left = max(0.0, min(centre - width / 2, plot_px - width))
        return LabelBox(first, last, left, width, label)

    placed: list[LabelBox] = []
    for index in range(len(xs)):
        placed.append(box(index, index))
        while len(placed) > 1 and placed[-2].left + placed[-2].width + LABEL_GAP > placed[-1].left:
            right, left = placed.pop(), placed.pop()
            placed.append(box(left.first, right.last))
    return placed


@dataclass(frozen=True)
class _Plan:
    """How the events are labelled: directly (short titles) or by number with a key."""

    numbered: bool
    numbers: dict[str, int]  # event id -> number (numbered plans only)
    boxes: dict[str, list[LabelBox]]  # lane value -> its labels
    rows: dict[str, pd.DataFrame]  # lane value -> its events in date order


def _plan(events: pd.DataFrame, lanes: str, lane_values: list[str], px, layout: Layout) -> _Plan:
    """Short titles when every lane's fit side by side above its markers, else numbers (lane by lane,
    in date order) merged into ranges where they would overlap."""
    rows = {lane: events[events[lanes] == lane].sort_values(["date", "event_id"]) for lane in lane_values}
    xs = {lane: [px(d) for d in frame["date"]] for lane, frame in rows.items()}
    direct: dict[str, list[LabelBox]] = {}
    for lane, frame in rows.items():
        shorts = [_short(row) for _, row in frame.iterrows()]
        boxes = place_labels(
            xs[lane], lambda i, j, s=shorts: s[i] if i == j else "", layout.plot_px, layout.label_font
        )
        if any(b.first != b.last or b.width > layout.plot_px for b in boxes):
            break
        direct[lane] = boxes
    else:
        return _Plan(False, {}, direct, rows)
    numbers: dict[str, int] = {}
    for frame in rows.values():
        for event_id in frame["event_id"]:
            numbers[event_id] = len(numbers) + 1
    boxes = {}
    for lane, frame in rows.items():
        ns = [numbers[e] for e in frame["event_id"]]
        boxes[lane] = place_labels(
            xs[lane],
            lambda i, j, ns=ns: str(ns[i]) if i == j else f"{ns[i]}–{ns[j]}",
            layout.plot_px,
            layout.label_font,
        )
    return _Plan(True, numbers, boxes, rows)


def _short(row: pd.Series) -> str:
    """The chart label of an event: its short title (frames fall back to the title)."""
    short = row.get("short")
    return str(short) if isinstance(short, str) and short else str(row["title"])


# --- the figure ------------------------------------------------------------------------------------


def timeline_figure(
    events: pd.DataFrame,
    spans: pd.DataFrame,
    *,
    meta: FigureMeta,
    start_year: int,
    end_year: int,
    lanes: str = "category",
    selected_event: str | None = None,
    source_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Events as markers in lanes from Jan 1 `start_year` to Dec 31 `end_year`, each labelled.

    One scatter trace per lane value (lane order fixed: CATEGORY_SYMBOLS or COUNTRY_COLORS order), each
    point's customdata = [event_id, escaped title (wrapped), date text, escaped source short names
    (wrapped), escaped "category · country", "number · " or ""]. Labels are annotations named
    "event-label" (a short title, a number or a range of numbers); numbered figures carry a key below
    the plot ("event-key" annotations, one per column). Presidency spans become two rows of bands above
    the lanes (U.S. on top, Mexico below) named in full, by surname, or not at all, whichever fits;
    framework spans shaded periods labelled with the span label. `selected_event` is drawn enlarged
    and ringed, and named in a "selected-event" annotation: a callout above the lanes joined to it by a
    line when the events are numbered, its own label (bold, framed) when they are labelled directly.
    `source_names` maps source id -> short name (defaults to meta.source_names). `events` are already
    filtered by the page.
    """
    if lanes not in LANE_MODES:
        raise ValueError(f"lanes must be one of {LANE_MODES}, got {lanes!r}")
    lang = meta.lang
    title = t("chart.timeline.title", lang, start=start_year, end=end_year)
    if events.empty:
        return helpers.empty_state(meta, title)
    layout = NARROW if meta.narrow else WIDE
    names = dict(meta.source_names) if source_names is None else dict(source_names)
    low, high = pd.Timestamp(start_year, 1, 1), pd.Timestamp(end_year, 12, 31)

    def px(date: pd.Timestamp) -> float:  # where a date is drawn on the narrowest plot
        return (date - low) / (high - low) * layout.plot_px

    order = list(_lane_order(lanes))
    present = list(dict.fromkeys(events[lanes]))
    lane_values = [v for v in order if v in present] + [v for v in present if v not in order]
    lane_labels = {v: esc(_lane_label(lanes, v, lang)) for v in lane_values}
    plan = _plan(events, lanes, lane_values, px, layout)
    selected_row = None
    if selected_event is not None and selected_event in set(events["event_id"]):
        selected_row = events[events["event_id"] == selected_event].iloc[0]

    encoding = _encoding_items(events, lanes, lang)
    flowed = _flow_key(encoding, layout.plot_px + layout.left_px - 8) if layout.names_inside else []
    fig = go.Figure()
    _add_encoding_key(fig, encoding, layout, flowed)
    hovertemplate = (
        t(
            "chart.timeline.hover",
            lang,
            title="%{customdata[5]}%{customdata[1]}",
            date="%{customdata[2]}",
            kind="%{customdata[4]}",
            sources="%{customdata[3]}",
        )
        + "<extra></extra>"
    )
    for lane in lane_values:
        fig.add_trace(
            _lane_trace(
                plan.rows[lane], lane, lane_labels[lane], plan, names, selected_event, hovertemplate, lang
            )
        )

    periods = _framework_periods(spans, low, high)
    period_placement = period_layout(periods, low, high, layout.plot_px, lang)
    presidencies = _presidency_rows(spans, low, high)
    callout = _callout_lines(selected_row, plan, layout) if selected_row is not None else []
    key_columns = _key_lines(plan, lane_values, lanes, lang, layout, selected_event) if plan.numbered else []
    rows = _Rows.measure(
        layout,
        lanes=len(lane_values),
        top_key_lines=len(flowed),
        presidency_rows=len(presidencies),
        period_rows=max((row + 1 for _, row in period_placement), default=0),
        callout_lines=len(callout),
        key_lines=max((len(c) for c in key_columns), default=0),
    )

    _add_labels(fig, plan, lane_values, lane_labels, low, high, layout, selected_event)
    if layout.names_inside:
        _add_lane_names(fig, lane_values, lane_labels, layout)
        _add_lane_rules(fig, lane_values, layout)
    drawn_spans = _add_spans(fig, spans, presidencies, periods, low, high, lang, layout, rows)
    restack_period_labels(fig, periods, period_placement)
    if selected_row is not None:
        _mark_selected(fig, selected_row, lanes, lane_labels, callout, layout, low, high, rows)
    _add_event_key(fig, key_columns, layout, rows)

    fig.update_xaxes(
        type="date",
        range=[f"{start_year}-01-01", f"{end_year}-12-31"],
        showgrid=True,
        gridcolor="#EEEEEE",
    )
    fig.update_yaxes(
        type="category",
        domain=[rows.paper(rows.lanes_end), rows.paper(rows.lanes_start)],
        categoryorder="array",
        categoryarray=[lane_labels[v] for v in lane_values],
        # Reversed (first lane on top); the headroom above the first lane holds the period labels,
        # the selected event's callout and the first lane's labels.
        range=[len(lane_values) - 0.5, rows.y(0)],
        fixedrange=True,
        automargin=True,
        showticklabels=not layout.names_inside,
        showgrid=not layout.names_inside,
        title_text="" if layout.names_inside else t(f"chart.timeline.axis_{lanes}", lang),
    )
    ctx = meta.context(title, helpers.source_ids(events, drawn_spans))
    # finalize's plot area is `height` minus its standard top margin and the footer's bottom margin.
    fig = finalize(fig, ctx, height=round(rows.total + TOP_MARGIN + bottom_margin(ctx)), legend=False)
    keep_title_on_top(fig)
    if layout.names_inside:
        fig.update_layout(margin_l=layout.left_px)
        # The footer starts at the figure's edge like the keys, so its wrapped lines stay inside.
        fig.update_annotations(selector={"name": "footer"}, xshift=-layout.left_px + 4)
    return fig


@dataclass(frozen=True)
class _Rows:
    """The vertical layout in pixels from the top of the plot area: (phones) the encoding key, the
    presidency rows, the lanes (whose top holds the period labels, the selected event's callout and the
    first lane's labels), the date axis and the numbered key."""

    layout: Layout
    bands_start: float
    lanes_start: float
    period_px: float  # the period label rows at the top of the lanes
    callout_px: float
    first_lane: float  # from the top of the lanes down to the first lane's markers
    lanes_end: float
    total: float

    @classmethod
    def measure(
        cls, layout: Layout, *, lanes, top_key_lines, presidency_rows, period_rows, callout_lines, key_lines
    ) -> _Rows:
        bands_start = top_key_lines * ENCODING_KEY_FONT * LINE_EM + 6 if top_key_lines else 0
        bands_px = (BAND_PX + BAND_GAP_PX) * presidency_rows + (2 * BAND_GAP_PX if presidency_rows else 0)
        period_px = PERIOD_ROW_PX * period_rows + 4 if period_rows else 0
        callout_px = callout_lines * CALLOUT_FONT * LINE_EM + 12 if callout_lines else 0
        first_lane = period_px + callout_px + layout.block_top + 4
        lanes_start = bands_start + bands_px
        lanes_end = lanes_start + first_lane + (lanes - 0.5) * layout.lane_px
        key_px = key_lines * KEY_FONT * LINE_EM + 8 if key_lines else 0
        total = lanes_end + AXIS_PX + key_px
        return cls(layout, bands_start, lanes_start, period_px, callout_px, first_lane, lanes_end, total)

    def paper(self, px_from_top: float) -> float:
        """Paper y (0 at the bottom of the plot area, 1 at its top) of a point this far down."""
        return 1 - px_from_top / self.total

    def y(self, px_below_lanes_top: float) -> float:
        """The y value (lane units; the first lane is 0) of a point this far below the lanes' top."""
        return (px_below_lanes_top - self.first_lane) / self.layout.lane_px

    @property
    def key_top(self) -> float:
        return self.lanes_end + AXIS_PX


def _add_event_key(fig: go.Figure, columns: list[list[str]], layout: Layout, rows: _Rows) -> None:
    """The numbered key under the date axis, one annotation per column."""
    for index, lines in enumerate(columns):
        fig.add_annotation(
            text="<br>".join(lines),
            xref="paper",
            yref="paper",
            x=index / layout.key_columns,
            y=rows.paper(rows.key_top + 4),
            xshift=-layout.left_px + 4 if index == 0 and layout.left_px else 0,
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font={"size": KEY_FONT, "color": TEXT_COLOR},
            name="event-key",
        )


def keep_title_on_top(fig: go.Figure) -> None:
    """finalize puts the title 2% of the height below the top: on a tall figure that lands it on the
    subtitle and the key, and a wrapped title's first line (Plotly anchors multi-line titles by it) off
    the top. Keep the title where it sits on a 600 px figure, a line lower per extra line."""
    extra = (fig.layout.title.text or "").count("<br>")
    fig.update_layout(title_y=1 - (TITLE_TOP_PX + TITLE_LINE_PX * extra) / fig.layout.height)


def _lane_trace(rows, lane, lane_label, plan, names, selected_event, hovertemplate, lang) -> go.Scatter:
    customdata, sizes, widths, line_colors = [], [], [], []
    for _, row in rows.iterrows():
        chosen = row["event_id"] == selected_event
        cited = helpers.join_list([names.get(s, s) for s in row["sources"]], lang)
        kind = t(
            "chart.timeline.kind",
            lang,
            category=_lane_label("category", row["category"], lang),
            country=_lane_label("country", row["country"], lang),
        )
        number = plan.numbers.get(row["event_id"])
        prefix = f"{number} · " if number else ""
        customdata.append(
            [
                row["event_id"],
                wrap(row["title"], HOVER_WIDTH - len(prefix)),  # the number starts the first line
                _date_display(row["date_text"], row["precision"], lang),
                # "Sources: " starts the line in the hover, so the names wrap a little earlier.
                wrap(cited, HOVER_WIDTH - 10),
                esc(kind),
                prefix,
            ]
        )
        sizes.append(SELECTED_SIZE if chosen else MARKER_SIZE)
        # Open symbols are stroked in the marker colour, so the width is their outline.
        widths.append(3 if chosen else (1 if row["precision"] == "day" else 2))
        line_colors.append(TEXT_COLOR if chosen else "#FFFFFF")
    return go.Scatter(
        x=list(rows["date"]),
        y=[lane_label] * len(rows),
        mode="markers",
        cliponaxis=False,  # year-only dates sit on Jan 1, the range's edge: draw them whole
        name=lane_label,
        legendgroup=f"lane-{lane}",
        showlegend=False,
        meta={"lane": lane},
        marker={
            "symbol": [_symbol(c, p) for c, p in zip(rows["category"], rows["precision"], strict=True)],
            "color": [COUNTRY_COLORS.get(c, NEUTRAL) for c in rows["country"]],
            "size": sizes,
            "line": {"width": widths, "color": line_colors},
        },
        customdata=customdata,
        hovertemplate=hovertemplate,
    )


def _add_labels(
    fig, plan: _Plan, lane_values, lane_labels, low, high, layout: Layout, selected_event
) -> None:
    """One annotation per label box, on the label row above its lane, with a white background."""
    for lane in lane_values:
        ids = list(plan.rows[lane]["event_id"])
        for box in plan.boxes[lane]:
            chosen = selected_event in ids[box.first : box.last + 1]
            fig.add_annotation(
                text=f"<b>{esc(box.text)}</b>" if chosen else esc(box.text),
                x=low + (high - low) * (box.centre / layout.plot_px),
                y=lane_labels[lane],
                xref="x",
                yref="y",
                xanchor="center",
                yanchor="middle",
                yshift=layout.label_rise,
                showarrow=False,
                font={"size": layout.label_font, "color": TEXT_COLOR},
                bgcolor=LABEL_BG,
                bordercolor=TEXT_COLOR if chosen and not plan.numbered else LABEL_BG,
                borderwidth=1,
                borderpad=1,
                # Directly labelled, the selected event's own label (bold, framed) is its callout.
                name="selected-event" if chosen and not plan.numbered else "event-label",
            )


def _add_lane_names(fig, lane_values, lane_labels, layout: Layout) -> None:
    """Phones: each lane's name on a row of its own above the lane's labels, from the figure's left edge."""
    for lane in lane_values:
        fig.add_annotation(
            text=f"<b>{lane_labels[lane]}</b>",
            xref="paper",
            yref="y",
            x=0,
            y=lane_labels[lane],
            xanchor="left",
            yanchor="middle",
            xshift=-layout.left_px + 4,
            yshift=layout.name_rise,
            showarrow=False,
            font={"size": NAME_FONT, "color": TEXT_COLOR},
            bgcolor=LABEL_BG,
            borderpad=1,
            name=f"lane-name-{lane}",
        )


def _add_lane_rules(fig, lane_values, layout: Layout) -> None:
    """Phones: a thin rule under each lane, so a lane's name, labels and markers read as one block."""
    # Halfway between the largest marker (the ring) and the top of the next lane's name.
    below = (RING_RADIUS + layout.lane_px - layout.block_top) / 2 / layout.lane_px
    for index in range(len(lane_values) - 1):
        fig.add_shape(
            type="line",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=index + below,
            y1=index + below,
            line={"color": RULE_COLOR, "width": 1},
            layer="below",
            name="lane-rule",
        )


def _callout_lines(row: pd.Series, plan: _Plan, layout: Layout) -> list[str]:
    """Numbered figures name the selected event above the lanes: "number · date · short title", escaped,
    wrapped to the plot's width. Directly labelled figures need no callout (its label is bold)."""
    if not plan.numbered:
        return []
    width = int((layout.plot_px - 4 * LABEL_PAD) / (CALLOUT_FONT * CHAR_EM))
    number = plan.numbers[row["event_id"]]
    return wrap(f"{number} · {row['date_text']} · {_short(row)}", width).split("<br>")


def _mark_selected(fig, row, lanes, lane_labels, callout, layout: Layout, low, high, rows: _Rows):
    """Ring the selected event; numbered figures also name it in a callout above the lanes, joined to
    its marker by a thin line drawn under the markers and labels."""
    lane_y = lane_labels[row[lanes]]
    fig.add_trace(
        go.Scatter(
            x=[row["date"]],
            y=[lane_y],
            mode="markers",
            name="selected-event",
            showlegend=False,
            hoverinfo="skip",
            meta={"selected": row["event_id"]},
            marker={"symbol": "circle-open", "size": RING_SIZE, "color": TEXT_COLOR, "line": {"width": 1.5}},
        )
    )
    if not callout:
        return
    width = max(text_px(_plain(line), CALLOUT_FONT) for line in callout) + 4
    centre = (row["date"] - low) / (high - low) * layout.plot_px
    left = max(0.0, min(centre - width / 2, layout.plot_px - width))
    fig.add_annotation(
        text="<br>".join(f"<b>{line}</b>" for line in callout),
        x=low + (high - low) * ((left + width / 2) / layout.plot_px),
        y=rows.y(rows.period_px + 2),
        xref="x",
        yref="y",
        xanchor="center",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": CALLOUT_FONT, "color": TEXT_COLOR},
        bgcolor="#FFFFFF",
        bordercolor=TEXT_COLOR,
        borderwidth=1,
        borderpad=2,
        name="selected-event",
    )
    lane_index = list(lane_labels).index(row[lanes])
    fig.add_shape(
        type="line",
        xref="x",
        yref="y",
        x0=row["date"],
        x1=row["date"],
        y0=rows.y(rows.period_px + 2 + len(callout) * CALLOUT_FONT * LINE_EM + 6),
        y1=lane_index - RING_RADIUS / layout.lane_px,
        line={"color": TEXT_COLOR, "width": 1},
        layer="between",
        name="selected-event-leader",
    )


def _has_partial(events: pd.DataFrame) -> bool:
    return bool((events["precision"] != "day").any())


def _encoding_items(events: pd.DataFrame, lanes: str, lang: str) -> list[tuple[str, str, str]]:
    """The key for the encoding the lanes do not show: countries by colour, or categories by symbol;
    and the open marker of partial dates."""
    if lanes == "category":
        present = set(events["country"])
        items = [("●", COUNTRY_COLORS[c], t(f"country.{c}", lang)) for c in COUNTRY_COLORS if c in present]
    else:
        present = set(events["category"])
        items = [
            (helpers.SYMBOL_GLYPHS.get(CATEGORY_SYMBOLS[c], "●"), NEUTRAL, t(f"category.{c}", lang))
            for c in CATEGORY_SYMBOLS
            if c in present
        ]
    if _has_partial(events):
        items.append(("○", NEUTRAL, t("chart.timeline.partial_key", lang)))
    return items


def _flow_key(items: list[tuple[str, str, str]], width_px: float) -> list[str]:
    """Phones: the encoding key's items flowed onto as many lines as the width needs (escaped)."""
    lines: list[list[str]] = [[]]
    used = 0.0
    for glyph, color, label in items:
        item_px = text_px(f"{glyph} {label}", ENCODING_KEY_FONT) + 12
        if lines[-1] and used + item_px > width_px:
            lines.append([])
            used = 0.0
        lines[-1].append(f'<span style="color:{color}">{glyph}</span> {esc(label)}')
        used += item_px
    return ["&nbsp;&nbsp;&nbsp;".join(line) for line in lines]


def _add_encoding_key(fig: go.Figure, items, layout: Layout, lines: list[str]) -> None:
    """Desktop: one line above the plot (helpers.add_key). Phones: `lines` at the top of the plot area,
    from the figure's left edge (the builder leaves room for them)."""
    if not layout.names_inside:
        helpers.add_key(fig, items)
        return
    helpers.add_key_lines(fig, lines, xshift=-layout.left_px + 4, size=ENCODING_KEY_FONT)


def _key_width_px(layout: Layout) -> float:
    """The width one key column may fill: its share of the plot (a single column also takes the left
    margin it starts in), less a little air."""
    extra = layout.left_px - 4 if layout.key_columns == 1 else 0
    return layout.plot_px / layout.key_columns + extra - 12


def _key_lines(plan: _Plan, lane_values, lanes, lang, layout: Layout, selected_event) -> list[list[str]]:
    """The numbered key, split into columns: per lane a bold heading, then "number · date · short title"
    lines (wrapped to the column's width, continuation lines indented). Never cut."""
    width = int(_key_width_px(layout) / (KEY_FONT * KEY_CHAR_EM))
    blocks: list[list[str]] = []
    for lane in lane_values:
        lines = [f"<b>{esc(_lane_label(lanes, lane, lang))}</b>"]
        for _, row in plan.rows[lane].iterrows():
            number = str(plan.numbers[row["event_id"]])
            text = wrap(f"{row['date_text']} · {_short(row)}", width - len(number) - 3).split("<br>")
            first = f"<b>{number}</b> · {text[0]}"
            rest = [f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;{line}" for line in text[1:]]
            entry = [first, *rest]
            if row["event_id"] == selected_event:
                entry = [f"<b>{line}</b>" for line in entry]
            lines.extend(entry)
        blocks.append(lines)
    return split_columns(
        blocks,
        layout.key_columns,
        lambda heading: f"<b>{esc(t('chart.timeline.key_continued', lang, lane=_plain(heading)))}</b>",
    )


def split_columns(blocks: list[list[str]], count: int, continued=lambda heading: heading) -> list[list[str]]:
    """Lane blocks (heading + lines) into `count` columns of about equal length: between whole blocks
    when that keeps the longest column within a fifth of an even split, else line by line, never
    leaving a heading alone at a column's foot; a block split across columns repeats its heading,
    as `continued(heading)`, at the top of the next."""
    total = sum(len(b) for b in blocks)
    per_column = -(-total // count)
    best = None
    for cuts in itertools.combinations(range(1, len(blocks)), min(count, len(blocks)) - 1):
        edges = [0, *cuts, len(blocks)]
        columns = [sum((blocks[i] for i in range(a, b)), []) for a, b in itertools.pairwise(edges)]
        if best is None or max(map(len, columns)) < max(map(len, best)):
            best = columns
    if best is not None and max(map(len, best)) <= per_column * 1.2:
        return best
    columns: list[list[str]] = [[]]
    for block in blocks:
        for index, line in enumerate(block):
            heading_at_foot = index == 0 and len(columns[-1]) + 1 >= per_column
            if columns[-1] and (len(columns[-1]) >= per_column or heading_at_foot) and len(columns) < count:
                columns.append([] if index == 0 else [continued(block[0])])
            columns[-1].append(line)
    return columns


# --- spans -----------------------------------------------------------------------------------------


def _presidency_rows(spans: pd.DataFrame, low, high) -> list[str]:
    """The countries with a presidency inside the range, in band-row order (U.S. on top)."""
    if spans.empty:
        return []
    rows = spans[spans["kind"] == "presidency"]
    shown = []
    for country in ("us", "mx"):
        for _, row in rows[rows["country"] == country].iterrows():
            if _clip(row["start"], row["end"], low, high) is not None:
                shown.append(country)
                break
    return shown


def _framework_periods(spans: pd.DataFrame, low, high) -> list[tuple[pd.Series, pd.Timestamp, pd.Timestamp]]:
    if spans.empty:
        return []
    periods = []
    for _, row in spans[spans["kind"] == "framework"].sort_values("start").iterrows():
        clipped = _clip(row["start"], row["end"], low, high)
        if clipped is not None:
            periods.append((row, *clipped))
    return periods


def surname(label: str, country: str) -> str:
    """A president's surname(s) from the band label: "George W. Bush" -> "Bush", "Enrique Peña Nieto"
    -> "Peña Nieto" (Mexican presidents go by both surnames when the label gives three names or more);
    a parenthesis ("(second term)") is left out, the band's position says it."""
    words = re.sub(r"\s*\([^)]*\)", "", label).split()
    if not words:
        return ""
    return " ".join(words[-2:]) if country == "mx" and len(words) >= 3 else words[-1]


def _fits_band(name: str, width_px: float) -> bool:
    return bool(name) and text_px(name, BAND_FONT) + 4 <= width_px


def band_labels(bands: list[tuple[str, str, float]], surnames_only: bool) -> list[str]:
    """The names drawn on presidency bands, each (label, country, width in px): in full when every
    band that can hold a name holds the full one (and not `surnames_only`, as on phones), else
    surnames, so one figure never mixes the two; a band too narrow even for the surname stays blank.
    Names are never cut."""
    surnames = [surname(label, country) for label, country, _ in bands]
    named = [
        (label, width)
        for (label, _, width), short in zip(bands, surnames, strict=True)
        if _fits_band(short, width)
    ]
    full = not surnames_only and all(_fits_band(label, width) for label, width in named)
    chosen = [label for label, _, _ in bands] if full else surnames
    return [
        name if _fits_band(name, width) else "" for name, (_, _, width) in zip(chosen, bands, strict=True)
    ]


def _add_spans(
    fig, spans, presidencies, periods, low, high, lang, layout: Layout, rows: _Rows
) -> pd.DataFrame:
    """Presidency bands (a row per country above the lanes) and framework periods (shaded over the
    lanes only, not the band rows above or the key below). Returns the spans drawn.
    """
    if spans.empty:
        return spans
    drawn = []
    by_start = spans[spans["kind"] == "presidency"].sort_values("start")
    bands = []  # (row, clipped) of every band inside the range
    for _, row in by_start[by_start["country"].isin(presidencies)].iterrows():
        clipped = _clip(row["start"], row["end"], low, high)
        if clipped is not None:
            bands.append((row, clipped))
    names = band_labels(
        [(row["label"], row["country"], (c[1] - c[0]) / (high - low) * layout.plot_px) for row, c in bands],
        surnames_only=layout.names_inside,
    )
    for row_number, country in enumerate(presidencies):
        top = rows.bands_start + row_number * (BAND_PX + BAND_GAP_PX)
        y0, y1 = rows.paper(top + BAND_PX), rows.paper(top)
        shown = 0
        for (row, clipped), name in zip(bands, names, strict=True):
            if row["country"] != country:
                continue
            fig.add_shape(
                type="rect",
                xref="x",
                yref="paper",
                x0=clipped[0],
                x1=clipped[1],
                y0=y0,
                y1=y1,
                fillcolor=helpers.rgba(COUNTRY_COLORS[country], BAND_ALPHAS[shown % 2]),
                line={"width": 1, "color": "#FFFFFF"},
                layer="below",
                label={"text": esc(name), "font": {"size": BAND_FONT, "color": TEXT_COLOR}},
                name=f"presidency-{row['span_id']}",
            )
            drawn.append(row)
            shown += 1
        fig.add_annotation(
            text=esc(t(f"chart.timeline.band.{country}", lang)),
            xref="paper",
            yref="paper",
            x=0,
            y=(y0 + y1) / 2,
            xanchor="right",
            yanchor="middle",
            xshift=-6,
            showarrow=False,
            font={"size": BAND_FONT},
            name=f"band-row-{country}",
        )
    helpers.add_framework_periods(
        fig,
        periods,
        low=low,
        high=high,
        y1=rows.paper(rows.lanes_start),
        edge="top",
        alpha=FRAMEWORK_ALPHA,
        lang=lang,
    )
    for shape in fig.layout.shapes:
        if (shape.name or "").startswith("framework-"):
            shape.update(y0=rows.paper(rows.lanes_end))
    drawn.extend(row for row, _, _ in periods)
    return pd.DataFrame(drawn, columns=spans.columns)


def _period_label(span: pd.Series, lang: str) -> str:
    return t("chart.common.open_period", lang, label=span["label"]) if pd.isna(span["end"]) else span["label"]


def period_layout(periods, low, high, plot_px: float, lang: str) -> list[tuple[bool, int]]:
    """For each framework period (span, x0, x1) on an axis from `low` to `high` drawn `plot_px` wide:
    (is its label drawn leftwards from the period's right end?, its row).

    helpers.add_framework_periods sizes labels for a ~1,000 px plot; the timeline and the outcomes
    chart re-row them for their own (narrower) assumed widths, in pixels, so they never overlap or
    leave the plot.
    """
    placed, row_ends = [], []
    for span, x0, x1 in periods:
        width = text_px(_period_label(span, lang), PERIOD_FONT) + 8
        start = (x0 - low) / (high - low) * plot_px
        end = (x1 - low) / (high - low) * plot_px
        leftwards = start + width > plot_px
        left = end - width if leftwards else start
        row = next((r for r, used in enumerate(row_ends) if used + LABEL_GAP <= left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(-LABEL_GAP)
        row_ends[row] = left + width
        placed.append((leftwards, row))
    return placed


def restack_period_labels(fig: go.Figure, periods, placement: list[tuple[bool, int]]) -> None:
    """Move the period labels helpers drew to the rows `placement` (period_layout) chose, on a white
    background so no gridline runs through them."""
    labels = {a.name: a for a in fig.layout.annotations if (a.name or "").startswith("framework-label-")}
    for (span, x0, x1), (leftwards, row) in zip(periods, placement, strict=True):
        label = labels.get(f"framework-label-{span['span_id']}")
        if label is None:
            continue
        label.update(
            x=x1 if leftwards else x0,
            xanchor="right" if leftwards else "left",
            xshift=-4 if leftwards else 4,
            yshift=-(2 + row * PERIOD_ROW_PX),
            bgcolor=LABEL_BG,
            borderpad=0,
        )


def timeline_summary(
    events: pd.DataFrame, *, start_year: int, end_year: int, lanes: str = "category", lang: str = "en"
) -> str:
    """One sentence: how many events, the busiest lane and the busiest year, with their counts."""
    if events.empty:
        return t("chart.timeline.summary_empty", lang, start=start_year, end=end_year)
    order = list(_lane_order(lanes))
    counts = events[lanes].value_counts()
    top = int(counts.max())
    busiest_lane = sorted(
        counts[counts == top].index, key=lambda v: order.index(v) if v in order else len(order)
    )[0]
    years = events["year"].value_counts()
    busiest_year = int(min(years[years == years.max()].index))
    return t(
        "chart.timeline.summary",
        lang,
        events=helpers.plural("chart.timeline.events", len(events), lang),
        start=start_year,
        end=end_year,
        lane=_lane_label(lanes, busiest_lane, lang),
        lane_count=top,
        year=busiest_year,
        year_count=int(years.max()),
    )
