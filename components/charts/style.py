"""The visual language: fixed colour-blind-safe colours, one template, and the frame every figure carries.

Every builder ends with `finalize(fig, ctx)`, which adds the title, the active-filter subtitle and the
footer (sources, dashboard name, data date), so a cropped screenshot or PNG still explains itself.
Text from data goes through `esc` before it reaches Plotly, whose labels understand a little HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import plotly.graph_objects as go

from components.i18n import t
from components.safe_text import plotly_escape

# Okabe–Ito / Paul Tol colours. Framework colours are data (frameworks/*.yaml: color).
RELATION_COLORS: dict[str, str] = {
    "continued": "#009E73",
    "expanded": "#0072B2",
    "narrowed": "#E69F00",
    "new": "#CC79A7",
    "dropped": "#7F7F7F",
}
RELATION_ORDER = ("continued", "expanded", "narrowed", "new", "dropped")
COUNTRY_COLORS: dict[str, str] = {"us": "#004488", "mx": "#117733", "bilateral": "#AA4499"}
CATEGORY_SYMBOLS: dict[str, str] = {
    "agreement": "diamond",
    "funding": "square",
    "leadership": "star",
    "policy": "triangle-up",
    "security-operation": "x",
    "evaluation": "circle",
    "dialogue": "hexagon",
    "legal": "triangle-down",
}
STATUS_SYMBOLS: dict[str, str] = {"final": "circle", "preliminary": "circle-open"}
NEUTRAL = "#7F7F7F"
UNKNOWN_THEME_COLOR = "#BBBBBB"
FONT_FAMILY = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
TEXT_COLOR = "#222222"
MUTED_TEXT = "#555555"
BACKGROUND = "#FFFFFF"

FOOTER_SOURCE_LIMIT = 6
FOOTER_WIDTH = 110  # characters per footer line
# Narrow variants (phones, ≤ 640 px): characters per line of title, subtitle and footer.
NARROW_TITLE_WIDTH, NARROW_SUBTITLE_WIDTH, NARROW_FOOTER_WIDTH = 34, 48, 58
# Desktop: a ~950 px wide chart (1280 px screen with the sidebar open) fits about this many characters.
TITLE_WIDTH, SUBTITLE_WIDTH = 80, 120
NARROW_WIDTH_PX = 640  # at or below this viewport width the narrow variant of a chart is shown


@dataclass(frozen=True)
class FigureContext:
    """What a figure must say about itself: title, active filters, sources, dashboard and data date."""

    title: str
    subtitle: str
    sources: tuple[str, ...] = field(default_factory=tuple)  # short names, already de-duplicated
    dashboard: str = ""
    data_date: str = ""
    lang: str = "en"
    narrow: bool = False  # laid out for a phone-width screen


@dataclass(frozen=True)
class FigureMeta:
    """What a page knows and a builder needs to label a figure: the filter subtitle and the footer facts."""

    subtitle: str
    dashboard: str
    data_date: str
    lang: str = "en"
    source_names: tuple[tuple[str, str], ...] = ()  # (source id, short name) pairs, hashable for caching
    narrow: bool = False  # build the phone-width variant (≤ NARROW_WIDTH_PX): wrapped text, stacked keys

    def context(self, title: str, source_ids: object = ()) -> FigureContext:
        """The FigureContext for one figure, naming the short names of the sources its data cites."""
        names = dict(self.source_names)
        ordered: list[str] = []
        for source_id in _flatten(source_ids):
            name = names.get(source_id, source_id)
            if name not in ordered:
                ordered.append(name)
        return FigureContext(
            title, self.subtitle, tuple(ordered), self.dashboard, self.data_date, self.lang, self.narrow
        )


def _flatten(values: object) -> list[str]:
    """Source ids from a str, or from an iterable of str / tuples of str (a frame's `sources` column)."""
    if isinstance(values, str):
        return [values]
    out: list[str] = []
    for value in values:  # type: ignore[union-attr]
        if isinstance(value, str):
            out.append(value)
        else:
            out.extend(value)
    return out


def esc(text: object) -> str:
    """Escape data text for Plotly labels: `<b>` from data is shown, never interpreted."""
    return plotly_escape(text)


def wrap(text: str, width: int = 28) -> str:
    """Break a label onto several lines with <br> (after escaping) so long pillar titles fit."""
    words, lines, line = esc(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def safe_filename(*parts: str) -> str:
    """A descriptive, filesystem-safe PNG name, e.g. 'us-mx-security_timeline_2007-2021_themes-arms'."""
    text = "_".join(p for p in parts if p)
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-_.").lower()
    return text[:120] or "figure"


def footer_text(ctx: FigureContext) -> str:
    """The footer line(s): every source, or the first few and where the full list is; dashboard and date.

    A figure citing more than FOOTER_SOURCE_LIMIT sources names the first ones and says how many more
    there are and where they are listed (the chart's table view and the Sources & data page), so a
    cropped PNG never ends in a bare "+N more".
    """
    names = list(dict.fromkeys(ctx.sources))
    width = NARROW_FOOTER_WIDTH if ctx.narrow else FOOTER_WIDTH
    lines = []
    if len(names) > FOOTER_SOURCE_LIMIT:
        shown = "; ".join(names[:FOOTER_SOURCE_LIMIT])
        more = t("footer.more_sources", ctx.lang, count=len(names) - FOOTER_SOURCE_LIMIT)
        lines.append(wrap(t("footer.sources_more", ctx.lang, sources=shown, more=more), width))
    elif names:
        # Wrapped so a long list of sources never runs off the right edge of an exported PNG.
        lines.append(wrap(t("footer.sources", ctx.lang, sources="; ".join(names)), width))
    dashboard = t("footer.dashboard", ctx.lang, dashboard=ctx.dashboard, data_date=ctx.data_date)
    lines.append(wrap(dashboard, width) if ctx.narrow else esc(dashboard))
    return "<br>".join(lines)


TOP_MARGIN = 90  # pixels above the plot for a one-line title and a one-line subtitle
TITLE_TOP_PX, TITLE_LINE_PX = 12, 13
FOOTER_INSET = 8  # pixels between the figure's left edge and the footer  # the title's first line sits this far from the top, per extra line
LINE_PX = 20  # pixels per extra title or subtitle line


def title_block(ctx: FigureContext) -> tuple[str, str, int]:
    """The escaped title and subtitle, wrapped to the variant's width, and the top margin they need."""
    title = wrap(ctx.title, NARROW_TITLE_WIDTH if ctx.narrow else TITLE_WIDTH)
    subtitle = wrap(ctx.subtitle, NARROW_SUBTITLE_WIDTH if ctx.narrow else SUBTITLE_WIDTH)
    extra = title.count("<br>") + subtitle.count("<br>")
    bold = "<br>".join(f"<b>{line}</b>" for line in title.split("<br>"))
    return bold, subtitle, TOP_MARGIN + LINE_PX * extra


def bottom_margin(ctx: FigureContext) -> int:
    """Pixels below the plot: room for the axis and for every footer line."""
    return 60 + 16 * (footer_text(ctx).count("<br>") + 1)


def finalize(fig: go.Figure, ctx: FigureContext, *, height: int = 480, legend: bool = True) -> go.Figure:
    """Apply the template, title, subtitle and footer. The one styling hook every builder ends with."""
    footer_lines = footer_text(ctx).count("<br>") + 1
    bottom = bottom_margin(ctx)
    title, subtitle, top = title_block(ctx)
    left = 10 if ctx.narrow else 60
    fig.update_layout(
        template="plotly_white",
        height=height + (top - TOP_MARGIN),
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        font={"family": FONT_FAMILY, "size": 12 if ctx.narrow else 13, "color": TEXT_COLOR},
        title={
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 12 if ctx.narrow else 13, "color": MUTED_TEXT}},
            "x": 0.01,
            "xanchor": "left",
            # A fixed distance from the top in pixels (2% of a tall figure put the title on its subtitle);
            # Plotly anchors a multi-line title by its first line, so each extra line moves it down.
            "y": 1 - (TITLE_TOP_PX + TITLE_LINE_PX * title.count("<br>")) / (height + top - TOP_MARGIN),
            "yanchor": "top",
            "font": {"size": 16 if ctx.narrow else 18},
        },
        margin={"l": left, "r": 10 if ctx.narrow else 30, "t": top, "b": bottom},
        showlegend=legend,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.12,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 12},
        },
        hoverlabel={"bgcolor": "#FFFFFF", "font": {"family": FONT_FAMILY, "size": 12}},
    )
    fig.add_annotation(
        text=footer_text(ctx),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(bottom - 16 * footer_lines - 6),
        xshift=-(left - FOOTER_INSET),  # from the figure's left edge, not the plot's
        showarrow=False,
        align="left",
        font={"size": 11, "color": MUTED_TEXT},
        name="footer",
    )
    return fig


def empty_figure(ctx: FigureContext, message: str, *, height: int = 320) -> go.Figure:
    """An explicit empty state that says why it is empty (e.g. which filter emptied it)."""
    fig = go.Figure()
    fig.add_annotation(
        text=wrap(message, 70),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 15, "color": MUTED_TEXT},
        name="empty-state",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finalize(fig, ctx, height=height, legend=False)


def is_empty_state(fig: go.Figure) -> bool:
    return any(getattr(a, "name", None) == "empty-state" for a in fig.layout.annotations)


def export_config(filename: str) -> dict:
    """Plotly config for st.plotly_chart: PNG export at scale 2 with a descriptive file name.

    The modebar keeps only the camera and the reset button: a row of eight buttons covered titles
    and keys on phone-width charts. Charts resize with their container (responsive).
    """
    return {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": [
            "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "lasso2d", "select2d",
            "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian", "zoomInGeo",
            "zoomOutGeo", "resetGeo", "hoverClosestGeo",
        ],
    }  # fmt: skip
