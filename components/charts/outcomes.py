"""Outcome indicators by year, one subplot row each, against the framework periods and key events.

Yearly series get a None row for every missing year between their first and last year, and
connectgaps=False, so the line breaks where data is missing (never interpolated). Series reported
"as of" dates are plotted point by point. Preliminary values use open markers and say so in the hover.
Line colour follows the indicator's country (COUNTRY_COLORS); the row title names the indicator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.charts import helpers
from components.charts.style import (
    COUNTRY_COLORS,
    NEUTRAL,
    STATUS_SYMBOLS,
    TEXT_COLOR,
    FigureMeta,
    esc,
    finalize,
)
from components.i18n import t

ROW_HEIGHT = 230
AXIS_PAD = pd.Timedelta(days=120)
LEFTWARDS_FROM = 0.8  # key-event labels past this share of the axis are drawn to the left of their line
OPEN_TAIL = pd.Timedelta(days=182)  # how far an open period starting after the data is shaded
FRAMEWORK_ALPHA = 0.08
EVENT_LABEL_CHARS = 28
EVENT_LABEL_LEVELS = 3  # successive event labels step down so neighbours do not overlap


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
        return t("chart.indicators.as_of", lang, date=row["as_of"].date().isoformat())
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
    titled with the unit. Framework spans are shaded across all rows and labelled; `key_event_ids` are
    drawn as dotted vertical lines with short labels. A legend keys final vs preliminary markers.
    """
    lang = meta.lang
    title = t("chart.indicators.title", lang)
    wanted = [i for i in dict.fromkeys(indicator_ids) if i in set(indicators["indicator_id"])]
    if not wanted:
        return helpers.empty_state(meta, title)

    series = {i: indicator_series(indicators, i) for i in wanted}
    first_rows = {i: indicators[indicators["indicator_id"] == i].iloc[0] for i in wanted}
    fig = make_subplots(
        rows=len(wanted),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.12, 0.3 / len(wanted)),
        subplot_titles=[esc(first_rows[i]["label"]) for i in wanted],
    )
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
    drawn = []
    for row_number, indicator_id in enumerate(wanted, start=1):
        points = series[indicator_id]
        info = first_rows[indicator_id]
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
                    "" if missing else helpers.fmt_number(point["value"]),
                    esc(info["unit"]),
                    t("chart.indicators.preliminary_note", lang) if preliminary else "",
                    f"<br>{esc(note)}" if isinstance(note, str) and note else "",
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
        drawn.append(indicators[indicators["indicator_id"] == indicator_id])

    _add_status_key(fig, any_preliminary, lang)
    xs = [x for i in wanted for x in series[i]["x"]]
    drawn_spans, (low, high) = _add_framework_periods(fig, spans, xs, lang)
    drawn_events = _add_key_events(fig, events, key_event_ids, low=low, high=high)
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#EEEEEE")
    height = 170 + ROW_HEIGHT * len(wanted)
    ctx = meta.context(title, helpers.source_ids(*drawn, drawn_spans, drawn_events))
    return finalize(fig, ctx, height=height, legend=False)


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


def _add_framework_periods(
    fig: go.Figure, spans: pd.DataFrame, xs: list[pd.Timestamp], lang: str
) -> pd.DataFrame:
    """Shade each framework period across all rows; `xs` are the plotted dates (to judge the x extent)."""
    rows = spans[spans["kind"] == "framework"].sort_values("start") if not spans.empty else spans
    if rows.empty:
        return rows, (min(xs, default=None), max(xs, default=None))
    low = min([*rows["start"], *xs])
    # A period with no sourced end is shaded to the last value, or for OPEN_TAIL past its start when it
    # starts after the last value, so it is never drawn before it began.
    open_starts = rows.loc[rows["end"].isna(), "start"]
    high = max([*rows["end"].dropna(), *xs, *(start + OPEN_TAIL for start in open_starts)])
    periods = [
        (span, span["start"], high if pd.isna(span["end"]) else span["end"]) for _, span in rows.iterrows()
    ]
    helpers.add_framework_periods(
        fig, periods, low=low, high=high, edge="bottom", alpha=FRAMEWORK_ALPHA, lang=lang
    )
    # A fixed range: the axis ends where the data and the periods end, not where Plotly pads it to.
    fig.update_xaxes(range=[low - AXIS_PAD, high + AXIS_PAD])
    return rows, (low, high)


def _add_key_events(
    fig: go.Figure, events: pd.DataFrame, key_event_ids: Iterable[str], *, low=None, high=None
) -> pd.DataFrame:
    """Dotted lines with short labels; a label near the right end of the axis is drawn to its line's left."""
    wanted = list(dict.fromkeys(key_event_ids))
    if events.empty or not wanted:
        return events.iloc[0:0]
    rows = events[events["event_id"].isin(wanted)].sort_values("date")
    for level, (_, event) in enumerate(rows.iterrows()):
        leftwards = (
            low is not None and high is not None and (event["date"] - low) / (high - low) > LEFTWARDS_FROM
        )
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=event["date"],
            x1=event["date"],
            y0=0,
            y1=1,
            line={"color": TEXT_COLOR, "width": 1, "dash": "dot"},
            name=f"event-{event['event_id']}",
        )
        fig.add_annotation(
            x=event["date"],
            y=1 - 0.035 * (level % EVENT_LABEL_LEVELS),
            xref="x",
            yref="paper",
            xanchor="right" if leftwards else "left",
            yanchor="top",
            xshift=-3 if leftwards else 3,
            showarrow=False,
            text=esc(helpers.shorten(event["title"], EVENT_LABEL_CHARS)),
            font={"size": 10, "color": TEXT_COLOR},
            bgcolor="rgba(255,255,255,0.8)",
            name=f"event-{event['event_id']}",
        )
    return rows


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
                first=helpers.fmt_number(first["value"]),
                first_when=_when(first, lang),
                last=helpers.fmt_number(last["value"]),
                last_when=_when(last, lang),
                unit=first["unit"],
                preliminary=t("chart.indicators.summary_preliminary", lang)
                if last["status"] == "preliminary"
                else "",
                missing=helpers.plural("chart.indicators.summary_missing", missing, lang) if missing else "",
            )
        )
    return t("chart.indicators.summary", lang, parts=helpers.join_list(parts, lang))
