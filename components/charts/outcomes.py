"""Outcome indicators by year, one subplot row each, against the framework periods and key events.

Yearly series get a None row for every missing year between their first and last year, and
connectgaps=False, so the line breaks where data is missing (never interpolated). Series reported
"as of" dates are plotted point by point. Preliminary values use open markers and say so in the hover.
Line colour follows the indicator's country (COUNTRY_COLORS); the row title names the indicator.

Layout, top to bottom, in pixels: the framework-period labels, the key events' labels (each on the
dotted line of its event, in as many rows as they need so none overlaps another label or crosses
another event's line), then one row per indicator with its title, the date axis and, when the key
events are numbered, their key. Key events are labelled with their short titles when those fit the
narrowest plot the variant is shown at (WIDE_PLOT_PX / NARROW_PLOT_PX), else numbered with a key below.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.charts import helpers
from components.charts.style import (
    COUNTRY_COLORS,
    MUTED_TEXT,
    NEUTRAL,
    STATUS_SYMBOLS,
    TEXT_COLOR,
    TOP_MARGIN,
    FigureMeta,
    bottom_margin,
    esc,
    finalize,
    wrap,
)
from components.charts.timeline import (
    LABEL_BG,
    LABEL_GAP,
    LINE_EM,
    PERIOD_ROW_PX,
    keep_title_on_top,
    period_layout,
    restack_period_labels,
    text_px,
)
from components.i18n import formats, t

AXIS_PAD = pd.Timedelta(days=120)
LEFTWARDS_FROM = 0.8  # key-event labels past this share of the axis prefer the left of their line
OPEN_TAIL = pd.Timedelta(days=182)  # how far an open period starting after the data is shaded
FRAMEWORK_ALPHA = 0.08
HOVER_WIDTH = 60  # characters per hover line
# The narrowest plot each variant is shown at (a 1,280 px window with the sidebar open; a 375 px
# phone): labels placed for it only gain room on wider screens.
WIDE_PLOT_PX, NARROW_PLOT_PX = 680, 270
ROW_PX = {False: 190, True: 160}  # each indicator's plot
TITLE_FONT = 13  # each indicator's title, above its plot
ROW_GAP_PX = 12
AXIS_PX = 30
EVENT_FONT = 11
EVENT_ROW_PX = 18
EVENT_TEXT_ROWS = 3  # more rows than this and the key events are numbered instead
EVENT_NUMBER_ROWS = 6
FLAG_SHIFT = 3  # px between an event's line and its label
FLAG_SEARCH_BUDGET = 20_000
KEY_FONT = 11
KEY_CHAR_EM = 0.5
NARROW_TITLE_CHARS = 44  # an indicator's title on phones wraps after this many characters
NARROW_LEFT_PX = 40  # phones: room for the tick labels only


def indicator_series(indicators: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """The points of one indicator as plotted: yearly series with None rows for missing years.

    Columns: the indicators frame's columns; gap rows have year and x (July 1) set and value None.
    """
    rows = indicators[indicators["indicator_id"] == indicator_id]
    if rows.empty or rows["as_of"].notna().any():
        return rows.sort_values("x")
    rows = rows.sort_values("year").drop_duplicates("year", keep="last")
    present = set(rows["year"])
    first, last = int(rows["year"].min()), int(rows["year"].max())
    gaps = [
        {
            "indicator_id": indicator_id,
            "year": year,
            "x": pd.Timestamp(year, 7, 1),
            "value": None,
            "sources": (),
        }
        for year in range(first, last + 1)
        if year not in present
    ]
    if not gaps:
        return rows
    filled = pd.concat([rows, pd.DataFrame(gaps)], ignore_index=True)
    filled["value"] = filled["value"].astype(object).where(filled["value"].notna(), None)
    return filled.sort_values("year", ignore_index=True)


def _when(row: pd.Series, lang: str) -> str:
    if pd.notna(row.get("as_of", pd.NaT)):
        return t("chart.indicators.as_of", lang, date=formats.fmt_date(row["as_of"].date(), lang))
    return str(int(row["year"]))


def indicator_figure(
    indicators: pd.DataFrame,
    spans: pd.DataFrame,
    events: pd.DataFrame,
    *,
    meta: FigureMeta,
    indicator_ids: Sequence[str],
    key_event_ids: Iterable[str] = (),
) -> go.Figure:
    """One subplot row per indicator in `indicator_ids` (that exists), sharing a date x axis.

    Each row: a lines+markers trace (customdata = [when, value text, unit, status note, note]), y axis
    titled with the unit, the indicator's name above it on the left. Framework spans are shaded across
    all rows and labelled along the top; `key_event_ids` (those inside the axis) are dotted vertical
    lines, each ending at its label: the short title, or a number listed in a key under the axis
    ("events-key") when the titles do not fit. A key above the plots says what open markers mean.
    """
    lang = meta.lang
    title = t("chart.indicators.title", lang)
    wanted = [i for i in dict.fromkeys(indicator_ids) if i in set(indicators["indicator_id"])]
    if not wanted:
        return helpers.empty_state(meta, title)

    series = {i: indicator_series(indicators, i) for i in wanted}
    labels = {i: indicators.loc[indicators["indicator_id"] == i, "label"].iloc[0] for i in wanted}
    fig = make_subplots(
        rows=len(wanted), cols=1, shared_xaxes=True, subplot_titles=[esc(labels[i]) for i in wanted]
    )
    any_preliminary = _add_indicator_rows(fig, indicators, series, wanted, lang)
    _add_status_key(fig, any_preliminary, lang)
    plot_width = NARROW_PLOT_PX if meta.narrow else WIDE_PLOT_PX
    xs = [x for i in wanted for x in series[i]["x"]]
    drawn_spans, periods, axis = _add_framework_periods(fig, spans, xs, lang)
    placement = period_layout(periods, *axis, plot_width, lang) if periods else []
    key_events = _key_event_rows(events, key_event_ids, axis)
    flags = _place_flags(key_events, axis, plot_width)
    key_width = plot_width + (NARROW_LEFT_PX - 8 if meta.narrow else 0)  # phones: from the figure's edge
    key_lines = _event_key_lines(key_events, flags, key_width) if flags.numbered else []

    # Vertical layout in pixels from the top of the plot area: period labels, event labels, the rows
    # (each with its title line), the date axis, the key.
    row_px = ROW_PX[meta.narrow]
    period_rows = max((row + 1 for _, row in placement), default=0)
    periods_px = PERIOD_ROW_PX * period_rows + 4 if period_rows else 0
    flags_px = EVENT_ROW_PX * flags.rows + 4 if flags.rows else 0
    key_px = len(key_lines) * KEY_FONT * LINE_EM + 8 if key_lines else 0
    titles = {i: _row_title(indicators, i, meta.narrow) for i in wanted}
    title_px = {i: (titles[i].count("<br>") + 1) * TITLE_FONT * LINE_EM + 6 for i in wanted}
    rows_px = sum(title_px.values()) + len(wanted) * row_px + (len(wanted) - 1) * ROW_GAP_PX
    plot_px = periods_px + flags_px + rows_px + AXIS_PX + key_px

    def paper(px_from_top: float) -> float:
        return 1 - px_from_top / plot_px

    top = periods_px + flags_px
    for index, indicator_id in enumerate(wanted):
        top += (ROW_GAP_PX if index else 0) + title_px[indicator_id]
        fig.update_layout(
            {f"yaxis{index + 1 if index else ''}": {"domain": [paper(top + row_px), paper(top)]}}
        )
        # make_subplots placed the titles for its own domains: move each above its plot, on the left.
        fig.layout.annotations[index].update(
            text=titles[indicator_id],
            x=0,
            xanchor="left",
            align="left",
            y=paper(top),
            yanchor="bottom",
            yshift=2,
            font={"size": TITLE_FONT, "color": TEXT_COLOR},
            bgcolor=LABEL_BG,  # the event lines pass behind the title
        )
        top += row_px
    plots_bottom = paper(plot_px - AXIS_PX - key_px)
    for shape in fig.layout.shapes:
        if (shape.name or "").startswith("framework-"):
            shape.update(y0=plots_bottom)  # shade the plots and the labels above them, not the key
    restack_period_labels(fig, periods, placement)

    def flag_y(row: int) -> float:  # rows of event labels count up from the plots
        return paper(periods_px + flags_px - (row + 0.5) * EVENT_ROW_PX)

    _draw_flags(fig, key_events, flags, flag_y, plots_bottom)
    if key_lines:
        fig.add_annotation(
            text="<br>".join(key_lines),
            xref="paper",
            yref="paper",
            x=0,
            y=paper(plot_px - key_px + 4),
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font={"size": KEY_FONT, "color": TEXT_COLOR},
            name="events-key",
        )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#EEEEEE")
    drawn = indicators[indicators["indicator_id"].isin(wanted)]
    ctx = meta.context(title, helpers.source_ids(drawn, drawn_spans, key_events))
    # finalize's plot area is `height` minus its standard top margin and the footer's bottom margin.
    fig = finalize(fig, ctx, height=round(plot_px + TOP_MARGIN + bottom_margin(ctx)), legend=False)
    keep_title_on_top(fig)
    if meta.narrow:
        # Phones: the unit is in each row's title, so the left margin only holds the tick labels, and
        # the footer starts at the figure's edge like the key, to keep its wrapped lines inside.
        fig.update_yaxes(title_text="", automargin=False)
        fig.update_layout(margin_l=NARROW_LEFT_PX)
        fig.update_annotations(selector={"name": "footer"}, xshift=-NARROW_LEFT_PX + 4)
        fig.update_annotations(selector={"name": "events-key"}, xshift=-NARROW_LEFT_PX + 4)
    return fig


def _row_title(indicators: pd.DataFrame, indicator_id: str, narrow: bool) -> str:
    """The indicator's name above its row (escaped); on phones wrapped, with the unit, which has no axis
    title there."""
    info = indicators[indicators["indicator_id"] == indicator_id].iloc[0]
    if not narrow:
        return esc(info["label"])
    return f'{wrap(info["label"], NARROW_TITLE_CHARS)}<br><span style="color:{MUTED_TEXT}">{esc(info["unit"])}</span>'


def _add_indicator_rows(fig: go.Figure, indicators: pd.DataFrame, series, wanted, lang: str) -> bool:
    """One lines+markers trace per indicator, in its own row; True when any value is preliminary."""
    hovertemplate = (
        t(
            "chart.indicators.hover",
            lang,
            when="%{customdata[0]}",
            value="%{customdata[1]}",
            unit="%{customdata[2]}",
            status="%{customdata[3]}",
            note="%{customdata[4]}",
        )
        + "<extra></extra>"
    )
    any_preliminary = False
    for row_number, indicator_id in enumerate(wanted, start=1):
        points = series[indicator_id]
        info = indicators[indicators["indicator_id"] == indicator_id].iloc[0]
        color = COUNTRY_COLORS.get(info["country"], NEUTRAL)
        values, symbols, customdata = [], [], []
        for _, point in points.iterrows():
            missing = point["value"] is None or pd.isna(point["value"])
            status = point.get("status") if not missing else "final"
            preliminary = status == "preliminary"
            any_preliminary |= preliminary
            values.append(None if missing else float(point["value"]))
            symbols.append(STATUS_SYMBOLS.get(status, STATUS_SYMBOLS["final"]))
            note = point.get("note") if not missing else ""
            customdata.append(
                [
                    _when(point, lang),
                    "" if missing else helpers.fmt_number(point["value"], lang),
                    esc(info["unit"]),
                    t("chart.indicators.preliminary_note", lang) if preliminary else "",
                    f"<br>{wrap(note, HOVER_WIDTH)}" if isinstance(note, str) and note else "",
                ]
            )
        fig.add_trace(
            go.Scatter(
                x=list(points["x"]),
                y=values,
                mode="lines+markers",
                connectgaps=False,
                name=esc(info["label"]),
                showlegend=False,
                meta={"indicator": indicator_id},
                line={"color": color, "width": 2},
                marker={"symbol": symbols, "size": 8, "color": color, "line": {"width": 1.5, "color": color}},
                customdata=customdata,
                hovertemplate=hovertemplate,
            ),
            row=row_number,
            col=1,
        )
        fig.update_yaxes(title_text=esc(info["unit"]), rangemode="tozero", row=row_number, col=1)
    return any_preliminary


def _add_status_key(fig: go.Figure, any_preliminary: bool, lang: str) -> None:
    """A key above the first row saying what filled and open markers mean (when both kinds are shown).

    An annotation rather than a legend: finalize's legend sits at a fraction of the plot height below the
    axis, which on a tall multi-row figure lands on the footer.
    """
    if not any_preliminary:
        return
    items = [
        (helpers.SYMBOL_GLYPHS[STATUS_SYMBOLS[status]], NEUTRAL, t(f"chart.indicators.key_{status}", lang))
        for status in ("final", "preliminary")
    ]
    helpers.add_key(fig, items, name="status-key", x=1, xanchor="right")


def _add_framework_periods(fig: go.Figure, spans: pd.DataFrame, xs: list[pd.Timestamp], lang: str):
    """Shade each framework period across all rows, labelled along the top; `xs` are the plotted dates
    (to judge the x extent). Returns the spans drawn, the (span, x0, x1) periods and the axis range."""
    rows = spans[spans["kind"] == "framework"].sort_values("start") if not spans.empty else spans
    if rows.empty:
        low, high = min(xs, default=None), max(xs, default=None)
        if low is None:
            return rows, [], (None, None)
        fig.update_xaxes(range=[low - AXIS_PAD, high + AXIS_PAD])
        return rows, [], (low - AXIS_PAD, high + AXIS_PAD)
    low = min([*rows["start"], *xs])
    # A period with no sourced end is shaded to the last value, or for OPEN_TAIL past its start when it
    # starts after the last value, so it is never drawn before it began.
    open_starts = rows.loc[rows["end"].isna(), "start"]
    high = max([*rows["end"].dropna(), *xs, *(start + OPEN_TAIL for start in open_starts)])
    periods = [
        (span, span["start"], high if pd.isna(span["end"]) else span["end"]) for _, span in rows.iterrows()
    ]
    helpers.add_framework_periods(
        fig, periods, low=low, high=high, edge="top", alpha=FRAMEWORK_ALPHA, lang=lang
    )
    # A fixed range: the axis ends where the data and the periods end, not where Plotly pads it to.
    fig.update_xaxes(range=[low - AXIS_PAD, high + AXIS_PAD])
    return rows, periods, (low - AXIS_PAD, high + AXIS_PAD)


def _key_event_rows(events: pd.DataFrame, key_event_ids: Iterable[str], axis) -> pd.DataFrame:
    """The key events that exist and fall inside the axis range, in date order."""
    wanted = list(dict.fromkeys(key_event_ids))
    if events.empty or not wanted or axis[0] is None:
        return events.iloc[0:0]
    rows = events[events["event_id"].isin(wanted) & events["date"].between(*axis)]
    return rows.sort_values(["date", "event_id"])


def _short(event: pd.Series) -> str:
    """An event's chart label: its short title (frames fall back to the title)."""
    short = event.get("short")
    return str(short) if isinstance(short, str) and short else str(event["title"])


@dataclass(frozen=True)
class Flags:
    """Where the key events' labels go: per event (row from the bottom, drawn leftwards?) and the text."""

    numbered: bool
    rows: int
    places: tuple[tuple[int, bool], ...]
    texts: tuple[str, ...]  # plain text


def _place_flags(key_events: pd.DataFrame, axis, plot_px: float) -> Flags:
    """Short titles if they fit in EVENT_TEXT_ROWS rows, else numbers (1, 2, … in date order)."""
    if key_events.empty or axis[0] is None:
        return Flags(False, 0, (), ())
    low, high = axis
    xs = [(d - low) / (high - low) * plot_px for d in key_events["date"]]
    shorts = tuple(_short(e) for _, e in key_events.iterrows())
    places = flag_rows(xs, shorts, plot_px, EVENT_TEXT_ROWS)
    if places is not None:
        return Flags(False, 1 + max(r for r, _ in places), tuple(places), shorts)
    numbers = tuple(str(n) for n in range(1, len(xs) + 1))
    places = flag_rows(xs, numbers, plot_px, EVENT_NUMBER_ROWS) or [(0, False)] * len(xs)
    return Flags(True, 1 + max(r for r, _ in places), tuple(places), numbers)


def flag_rows(xs: list[float], texts, plot_px: float, max_rows: int) -> list[tuple[int, bool]] | None:
    """(row, leftwards) for labels attached to vertical lines at `xs` (px), in as few rows as possible,
    or None if they need more than `max_rows`.

    A label starts at its line and runs right, or left (preferred near the right edge); it stays inside
    [0, plot_px]. Rows count up from the plots and a line runs from the plots up to its own label, so
    two labels on one row may not overlap, and no label may cover the line of a label in a higher row.
    A small exhaustive search (key events are few), giving up after FLAG_SEARCH_BUDGET steps.
    """
    options = []
    for x, text in zip(xs, texts, strict=True):
        width = text_px(text, EVENT_FONT)
        sides = [
            (False, x + FLAG_SHIFT, x + FLAG_SHIFT + width),
            (True, x - FLAG_SHIFT - width, x - FLAG_SHIFT),
        ]
        if x > LEFTWARDS_FROM * plot_px:
            sides.reverse()
        options.append([side for side in sides if side[1] >= 0 and side[2] <= plot_px])

    def compatible(a: tuple[int, float, float, float], b: tuple[int, float, float, float]) -> bool:
        """Two placed labels, each (row, left, right, line x)."""
        if a[0] == b[0]:  # one row: side by side
            return a[2] + LABEL_GAP <= b[1] or b[2] + LABEL_GAP <= a[1]
        lower, higher = (a, b) if a[0] < b[0] else (b, a)  # the higher label's line crosses the lower row
        return not lower[1] - LABEL_GAP <= higher[3] <= lower[2] + LABEL_GAP

    budget = [FLAG_SEARCH_BUDGET]

    def search(index: int, rows: int, placed: list) -> list | None:
        if index == len(xs):
            return placed
        for row in range(rows):
            for leftwards, left, right in options[index]:
                budget[0] -= 1
                if budget[0] < 0:
                    return None
                candidate = (row, left, right, xs[index])
                if all(compatible(candidate, other) for other, _ in placed):
                    found = search(index + 1, rows, [*placed, (candidate, leftwards)])
                    if found is not None:
                        return found
        return None

    for rows in range(1, max_rows + 1):
        found = search(0, rows, [])
        if found is not None:
            return [(place[0], leftwards) for place, leftwards in found]
    return None


def _draw_flags(fig: go.Figure, key_events: pd.DataFrame, flags: Flags, row_y, plots_bottom: float) -> None:
    """Each key event: a dotted line from the bottom of the plots up to its label (a short title or
    a number), the label on a white background beside the line's top."""
    for (_, event), (row, leftwards), text in zip(
        key_events.iterrows(), flags.places, flags.texts, strict=True
    ):
        y = row_y(row)
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=event["date"],
            x1=event["date"],
            y0=plots_bottom,
            y1=y,
            line={"color": TEXT_COLOR, "width": 1, "dash": "dot"},
            name=f"event-{event['event_id']}",
        )
        fig.add_annotation(
            x=event["date"],
            y=y,
            xref="x",
            yref="paper",
            xanchor="right" if leftwards else "left",
            yanchor="middle",
            xshift=-FLAG_SHIFT if leftwards else FLAG_SHIFT,
            showarrow=False,
            text=f"<b>{esc(text)}</b>" if flags.numbered else esc(text),
            font={"size": EVENT_FONT, "color": TEXT_COLOR},
            bgcolor=LABEL_BG,
            borderpad=1,
            name=f"event-{event['event_id']}",
        )


def _event_key_lines(key_events: pd.DataFrame, flags: Flags, plot_px: float) -> list[str]:
    """The numbered key events' key: "number · date · short title", wrapped to the plot, never cut."""
    width = int((plot_px - 12) / (KEY_FONT * KEY_CHAR_EM))
    lines = []
    for (_, event), number in zip(key_events.iterrows(), flags.texts, strict=True):
        text = wrap(f"{event['date_text']} · {_short(event)}", width - len(number) - 3).split("<br>")
        lines.append(f"<b>{number}</b> · {text[0]}")
        lines.extend(f"&nbsp;&nbsp;&nbsp;&nbsp;{line}" for line in text[1:])
    return lines


def indicator_summary(indicators: pd.DataFrame, *, indicator_ids: Sequence[str], lang: str = "en") -> str:
    """One sentence: for each chosen indicator, its first and last values with their years (and caveats)."""
    wanted = [i for i in dict.fromkeys(indicator_ids) if i in set(indicators["indicator_id"])]
    if not wanted:
        return t("chart.indicators.summary_empty", lang)
    parts = []
    for indicator_id in wanted:
        rows = indicators[indicators["indicator_id"] == indicator_id].sort_values("x")
        first, last = rows.iloc[0], rows.iloc[-1]
        missing = len(indicator_series(indicators, indicator_id)) - len(rows)
        parts.append(
            t(
                "chart.indicators.summary_part",
                lang,
                label=first["label"],
                first=helpers.fmt_number(first["value"], lang),
                first_when=_when(first, lang),
                last=helpers.fmt_number(last["value"], lang),
                last_when=_when(last, lang),
                unit=first["unit"],
                preliminary=t("chart.indicators.summary_preliminary", lang)
                if last["status"] == "preliminary"
                else "",
                missing=helpers.plural("chart.indicators.summary_missing", missing, lang) if missing else "",
            )
        )
    return t("chart.indicators.summary", lang, parts=helpers.join_list(parts, lang))
