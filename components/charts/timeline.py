"""The timeline: events in lanes (by category or by country), presidency bands and framework periods.

Encoding rule, the same in both lane modes: marker colour = country (COUNTRY_COLORS) and marker symbol
= category (CATEGORY_SYMBOLS). The lane repeats one of the two on the y axis and a key above the plot
names the other, and the hover names both, so neither depends on colour. Dates known only to the month or year
are drawn with the open version of the symbol and say "(month)" / "(year)" in the hover.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import (
    CATEGORY_SYMBOLS,
    COUNTRY_COLORS,
    NEUTRAL,
    TEXT_COLOR,
    FigureMeta,
    esc,
    finalize,
    wrap,
)
from components.i18n import t

LANE_MODES = ("category", "country")
LABEL_ROW_LANES = 0.5  # headroom above the first lane per row of framework-period labels
PLOT_TOP = 0.78  # the lanes end here (paper y); the presidency bands sit above
BAND_ROWS = {"us": (0.905, 0.98), "mx": (0.81, 0.885)}  # paper y0, y1 of each presidency row
BAND_ALPHAS = (0.16, 0.30)  # successive presidents alternate so neighbours stay distinct
FRAMEWORK_ALPHA = 0.07
BAND_CHARS = 160  # about how many 10 px characters fit across the whole range at 1280 px
MARKER_SIZE = 11
SELECTED_SIZE = 19


def _lane_order(lanes: str) -> tuple[str, ...]:
    return tuple(CATEGORY_SYMBOLS) if lanes == "category" else tuple(COUNTRY_COLORS)


def _lane_label(lanes: str, value: str, lang: str) -> str:
    known = CATEGORY_SYMBOLS if lanes == "category" else COUNTRY_COLORS
    return t(f"{lanes}.{value}", lang) if value in known else value


def _symbol(category: str, precision: str) -> str:
    symbol = CATEGORY_SYMBOLS.get(category, "circle")
    return symbol if precision == "day" else f"{symbol}-open"


def _date_display(date_text: str, precision: str, lang: str) -> str:
    if precision == "day":
        return date_text
    return t(f"chart.timeline.date_{precision}", lang, date=date_text)


def _fit(
    label: str, clipped: tuple[pd.Timestamp, pd.Timestamp], low: pd.Timestamp, high: pd.Timestamp
) -> str:
    """A band label cut to roughly what fits its width (a president's first months at the range's edge)."""
    share = (clipped[1] - clipped[0]) / (high - low)
    return helpers.shorten(label, max(4, int(share * BAND_CHARS)))


def _clip(start: pd.Timestamp, end: pd.Timestamp, low: pd.Timestamp, high: pd.Timestamp):
    """The part of [start, end] inside [low, high], or None; a missing end (NaT) runs to `high`."""
    x0, x1 = max(start, low), high if pd.isna(end) else min(end, high)
    return (x0, x1) if x0 < x1 else None


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
    """Events as markers in lanes from Jan 1 `start_year` to Dec 31 `end_year`.

    One scatter trace per lane value (lane order fixed: CATEGORY_SYMBOLS or COUNTRY_COLORS order), each
    point's customdata = [event_id, escaped title, date text, escaped source short names, escaped
    "category · country"]. Presidency spans become two rows of bands above the lanes (U.S. on top,
    Mexico below), framework spans shaded periods labelled with the span label. `selected_event` is drawn
    enlarged, ringed and annotated with its title. `source_names` maps source id -> short name (defaults
    to meta.source_names). `events` are already filtered by the page; nothing is filtered here.
    """
    if lanes not in LANE_MODES:
        raise ValueError(f"lanes must be one of {LANE_MODES}, got {lanes!r}")
    lang = meta.lang
    title = t("chart.timeline.title", lang, start=start_year, end=end_year)
    if events.empty:
        return helpers.empty_state(meta, title)
    names = dict(meta.source_names) if source_names is None else dict(source_names)
    low, high = pd.Timestamp(start_year, 1, 1), pd.Timestamp(end_year, 12, 31)

    order = list(_lane_order(lanes))
    present = list(dict.fromkeys(events[lanes]))
    lane_values = [v for v in order if v in present] + [v for v in present if v not in order]
    lane_labels = {v: esc(_lane_label(lanes, v, lang)) for v in lane_values}

    fig = go.Figure()
    _add_key(fig, events, lanes, lang)
    hovertemplate = (
        t(
            "chart.timeline.hover",
            lang,
            title="%{customdata[1]}",
            date="%{customdata[2]}",
            kind="%{customdata[4]}",
            sources="%{customdata[3]}",
        )
        + "<extra></extra>"
    )
    selected_row = None
    for lane in lane_values:
        rows = events[events[lanes] == lane]
        customdata, sizes, widths, line_colors = [], [], [], []
        for _, row in rows.iterrows():
            chosen = row["event_id"] == selected_event
            if chosen:
                selected_row = row
            cited = helpers.join_list([esc(names.get(s, s)) for s in row["sources"]], lang)
            kind = t(
                "chart.timeline.kind",
                lang,
                category=_lane_label("category", row["category"], lang),
                country=_lane_label("country", row["country"], lang),
            )
            customdata.append(
                [
                    row["event_id"],
                    esc(row["title"]),
                    _date_display(row["date_text"], row["precision"], lang),
                    cited,
                    esc(kind),
                ]
            )
            sizes.append(SELECTED_SIZE if chosen else MARKER_SIZE)
            # Open symbols are stroked in the marker colour, so the width is their outline.
            widths.append(3 if chosen else (1 if row["precision"] == "day" else 2))
            line_colors.append(TEXT_COLOR if chosen else "#FFFFFF")
        fig.add_trace(
            go.Scatter(
                x=list(rows["date"]),
                y=[lane_labels[lane]] * len(rows),
                mode="markers",
                cliponaxis=False,  # year-only dates sit on Jan 1, the range's edge: draw them whole
                name=lane_labels[lane],
                legendgroup=f"lane-{lane}",
                showlegend=False,
                meta={"lane": lane},
                marker={
                    "symbol": [
                        _symbol(c, p) for c, p in zip(rows["category"], rows["precision"], strict=True)
                    ],
                    "color": [COUNTRY_COLORS.get(c, NEUTRAL) for c in rows["country"]],
                    "size": sizes,
                    "line": {"width": widths, "color": line_colors},
                },
                customdata=customdata,
                hovertemplate=hovertemplate,
            )
        )

    if selected_row is not None:
        ring_y = lane_labels[selected_row[lanes]]
        fig.add_trace(
            go.Scatter(
                x=[selected_row["date"]],
                y=[ring_y],
                mode="markers",
                name="selected-event",
                showlegend=False,
                hoverinfo="skip",
                meta={"selected": selected_row["event_id"]},
                marker={
                    "symbol": "circle-open",
                    "size": SELECTED_SIZE + 12,
                    "color": TEXT_COLOR,
                    "line": {"width": 2},
                },
            )
        )
        position = (selected_row["date"] - low) / (high - low)
        anchor = "left" if position < 0.25 else "right" if position > 0.75 else "center"
        fig.add_annotation(
            x=selected_row["date"],
            y=ring_y,
            xanchor=anchor,
            xref="x",
            yref="y",
            text=f"<b>{wrap(selected_row['title'], 36)}</b>",
            showarrow=True,
            arrowhead=0,
            ax=0,
            ay=-38,
            bgcolor="rgba(255,255,255,0.9)",
            bordercolor=TEXT_COLOR,
            borderwidth=1,
            font={"size": 12},
            name="selected-event",
        )

    drawn_spans, label_rows = _add_spans(fig, spans, low, high, lang)
    fig.update_xaxes(
        type="date",
        range=[f"{start_year}-01-01", f"{end_year}-12-31"],
        showgrid=True,
        gridcolor="#EEEEEE",
    )
    fig.update_yaxes(
        type="category",
        domain=[0, PLOT_TOP],
        categoryorder="array",
        categoryarray=[lane_labels[v] for v in lane_values],
        # Reversed (first lane on top), with headroom for the rows of framework-period labels.
        range=[len(lane_values) - 0.5, -0.5 - LABEL_ROW_LANES * max(1, label_rows)],
        fixedrange=True,
        automargin=True,
        title_text=t(f"chart.timeline.axis_{lanes}", lang),
    )
    height = max(440, 250 + 44 * len(lane_values))
    ctx = meta.context(title, helpers.source_ids(events, drawn_spans))
    return finalize(fig, ctx, height=height, legend=False)


def _add_key(fig: go.Figure, events: pd.DataFrame, lanes: str, lang: str) -> None:
    """The key for the encoding the lanes do not show: countries by colour, or categories by symbol."""
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
    if (events["precision"] != "day").any():
        items.append(("○", NEUTRAL, t("chart.timeline.partial_key", lang)))
    helpers.add_key(fig, items)


def _add_spans(
    fig: go.Figure, spans: pd.DataFrame, low: pd.Timestamp, high: pd.Timestamp, lang: str
) -> pd.DataFrame:
    """Presidency bands (two rows above the lanes) and framework periods (shaded).

    Returns the spans drawn and the number of rows their period labels take.
    """
    if spans.empty:
        return spans, 0
    drawn = []
    presidencies = spans[spans["kind"] == "presidency"].sort_values("start")
    for country, (y0, y1) in BAND_ROWS.items():
        rows = presidencies[presidencies["country"] == country]
        shown = 0
        for _, row in rows.iterrows():
            clipped = _clip(row["start"], row["end"], low, high)
            if clipped is None:
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
                label={
                    "text": esc(_fit(row["label"], clipped, low, high)),
                    "font": {"size": 10, "color": TEXT_COLOR},
                },
                name=f"presidency-{row['span_id']}",
            )
            drawn.append(row)
            shown += 1
        if shown:
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
                font={"size": 10},
                name=f"band-row-{country}",
            )
    periods = []
    for _, row in spans[spans["kind"] == "framework"].sort_values("start").iterrows():
        clipped = _clip(row["start"], row["end"], low, high)
        if clipped is None:
            continue
        periods.append((row, *clipped))
        drawn.append(row)
    label_rows = helpers.add_framework_periods(
        fig, periods, low=low, high=high, y1=PLOT_TOP, edge="top", alpha=FRAMEWORK_ALPHA, lang=lang
    )
    return pd.DataFrame(drawn, columns=spans.columns), label_rows


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
