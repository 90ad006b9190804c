"""The two compared frameworks as one exportable figure: cards per pillar, and the crosswalk between them.

Drawn with shapes and annotations on hidden axes measured in text lines (y grows downward), so the figure
height follows its content and a PNG export shows every card in full. Wide: the earlier framework left,
the later right, and each pillar-level crosswalk link a curve from a card on the left to its card on the
right, coloured by relation, with the relation key above. Narrow (phones): the two columns stacked,
the earlier first, and each card says in words where its links go (a relation badge per linked pillar)
instead of drawing curves. With themes selected, cards, objectives and links that miss them turn grey.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from components.charts import helpers
from components.charts.style import (
    MUTED_TEXT,
    RELATION_COLORS,
    RELATION_ORDER,
    TEXT_COLOR,
    FigureContext,
    FigureMeta,
    bottom_margin,
    esc,
    finalize,
    wrap,
)
from components.i18n import t

LINE_PX = 17  # pixels per text line (12–13 px fonts at Plotly's 1.3 line spacing)
ITEM_CHARS = 110  # objectives without an official label are cut to this many characters
CARD_GAP = 0.7  # lines between cards
CARD_PAD = 0.4  # lines above and below a card's text
INDENT = "&nbsp;&nbsp;&nbsp;"
TOP_MARGIN = 90  # finalize's top margin
FADED_BORDER = "#C4C4C4"
FADED_TEXT = "#9A9A9A"
FADED_LINK = "#BDBDBD"
FADED_LINK_OPACITY = 0.6
LINK_OPACITY = 0.85


@dataclass(frozen=True)
class Layout:
    """Where the columns go (x in axis units) and how many characters a line holds, per variant."""

    columns: tuple[tuple[float, float], tuple[float, float]]  # (x0, x1) of each column's cards
    x_range: float
    stacked: bool  # columns one under the other (narrow) instead of side by side
    title_width: int  # characters per line of a card title
    item_width: int  # characters per line of an objective or a badge
    text_inset: float  # axis units between a card's edge and its text


WIDE = Layout(((0.0, 0.72), (1.28, 2.0)), 2.0, False, 40, 42, 0.03)  # fits a 1280 px screen
WIDE_PLAIN = Layout(((0.01, 0.99), (1.01, 1.99)), 2.0, False, 46, 52, 0.025)  # no links: no gap needed
NARROW = Layout(((0.0, 1.0), (0.0, 1.0)), 1.0, True, 40, 48, 0.035)


def _lit(themes: Iterable[str], highlight: set[str]) -> bool:
    return not highlight or bool(highlight.intersection(themes))


def _item_lines(item: pd.Series, width: int, color: str) -> list[str]:
    text = item["label"] or helpers.shorten(item["text"], ITEM_CHARS)
    lines = wrap(text, width).split("<br>")
    lines = [f"• {lines[0]}"] + [f"{INDENT}{line}" for line in lines[1:]]
    return [f'<span style="color:{color}">{line}</span>' for line in lines] if color else lines


def _card(
    pillar: pd.Series, items: pd.DataFrame, badges: list[str], layout: Layout, highlight: set[str], lang: str
) -> list[str]:
    """The text lines of one pillar card: bold title, relation badges, then one bullet per objective."""
    title = wrap(f"{pillar['pillar_number']}. {pillar['title']}", layout.title_width).split("<br>")
    faded = not _lit(pillar["themes"], highlight)
    color = f' style="color:{FADED_TEXT}"' if faded else ""
    lines = [f"<b><span{color}>{line}</span></b>" if color else f"<b>{line}</b>" for line in title]
    lines += badges
    if items.empty:
        lines.append(f"<i>{esc(t('chart.comparison.no_objectives', lang))}</i>")
    for _, item in items.sort_values("objective_number").iterrows():
        lines.extend(
            _item_lines(item, layout.item_width, "" if _lit(item["themes"], highlight) else FADED_TEXT)
        )
    return lines


def _columns(pillars: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(framework_id, its pillars) per column, in start-date order (the pillars are already selected)."""
    pillars = helpers.ordered_pillars(pillars)
    return [(f, pillars[pillars["framework_id"] == f]) for f in helpers.ordered_frameworks(pillars)[:2]]


@dataclass(frozen=True)
class PillarLink:
    """The crosswalk links between two pillars (or a pillar and nothing) with one relation, aggregated."""

    source: str  # pillar id, '' for 'new'
    target: str  # pillar id, '' for 'dropped'
    relation: str
    count: int
    lit: bool  # touches a selected theme (or none is selected)


def pillar_links(crosswalk: pd.DataFrame | None, highlight: set[str]) -> list[PillarLink]:
    """Crosswalk rows aggregated by (from pillar, to pillar, relation), in relation order."""
    if crosswalk is None or crosswalk.empty:
        return []
    groups: dict[tuple[str, str, str], list[bool]] = {}
    for _, row in crosswalk.iterrows():
        key = (row["from_pillar_id"], row["to_pillar_id"], row["relation"])
        groups.setdefault(key, []).append(_lit(row["themes"], highlight))
    rank = {relation: i for i, relation in enumerate(RELATION_ORDER)}
    ordered = sorted(groups, key=lambda k: (rank.get(k[2], len(rank)), k[0], k[1]))
    return [PillarLink(s, tg, r, len(groups[(s, tg, r)]), any(groups[(s, tg, r)])) for s, tg, r in ordered]


def _badges(
    pillar_id: str,
    links: list[PillarLink],
    names: dict[str, tuple[str, str, str]],
    layout: Layout,
    lang: str,
) -> list[str]:
    """Relation badges of one card: the relation's name (glyph in its colour) and the other end.

    `names` maps a pillar id to (its framework's word for it, its number, its title). Wide cards give
    one line per relation naming the other pillars by word and number (the curves show where they are);
    narrow cards, which have no curves, one line per linked pillar with its title and the link count.
    """
    mine = [link for link in links if pillar_id in (link.source, link.target)]
    groups: dict[str, list[PillarLink]] = {}
    for link in mine:  # already in relation order
        groups.setdefault(link.relation, []).append(link)
    entries: list[tuple[str, str, bool]] = []  # (relation, text, lit)
    for relation_id, members in groups.items():
        relation = t(f"relation.{relation_id}", lang)
        named, unnamed = [], []
        for link in members:
            other = link.target if link.source == pillar_id else link.source
            (named if other and other in names else unnamed).append((link, other))
        named.sort(key=lambda pair: _number_key(names[pair[1]][1]))
        if named:
            outgoing = named[0][0].source == pillar_id
            key = "chart.comparison.badge_to" if outgoing else "chart.comparison.badge_from"
            if layout.stacked:
                for link, other in named:
                    word, number, title = names[other]
                    text = t(key, lang, relation=relation, other=_short_name(names[other]))
                    if word:
                        text = t("chart.comparison.badge_titled", lang, badge=text, title=title)
                    if link.count > 1:
                        text = t("chart.comparison.badge_count", lang, badge=text, count=link.count)
                    entries.append((relation_id, text, link.lit))
            else:
                others = [_short_name(names[other]) for _, other in named]
                text = t(key, lang, relation=relation, other=join_items(others, lang))
                entries.append((relation_id, text, any(link.lit for link, _ in named)))
        if unnamed:
            key = f"chart.comparison.badge_{relation_id}"
            text = t(key, lang, relation=relation) if relation_id in ("new", "dropped") else relation
            count = sum(link.count for link, _ in unnamed)
            if layout.stacked and count > 1:
                text = t("chart.comparison.badge_count", lang, badge=text, count=count)
            entries.append((relation_id, text, any(link.lit for link, _ in unnamed)))
    lines: list[str] = []
    for relation_id, text, lit in entries:
        color = RELATION_COLORS.get(relation_id, RELATION_COLORS["dropped"]) if lit else FADED_LINK
        text_color = MUTED_TEXT if lit else FADED_TEXT
        wrapped = wrap(text, layout.item_width - 2).split("<br>")
        lines.append(
            f'<span style="color:{color}">■</span> <span style="color:{text_color}">{wrapped[0]}</span>'
        )
        lines += [f'{INDENT}<span style="color:{text_color}">{line}</span>' for line in wrapped[1:]]
    return lines


def _number_key(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (1_000_000, number)


def _short_name(name: tuple[str, str, str]) -> str:
    """'goal 3'; where the word is unknown (a pillar known only from the crosswalk), '3. Title'."""
    word, number, title = name
    if word:
        return f"{word} {number}"
    return f"{number}. {title}" if number else title


def join_items(items: list[str], lang: str) -> str:
    return t("chart.common.comma", lang).join(items)


def framework_comparison_figure(
    pillars: pd.DataFrame,
    objectives: pd.DataFrame,
    *,
    meta: FigureMeta,
    crosswalk: pd.DataFrame | None = None,
    highlight_themes: Iterable[str] = (),
) -> go.Figure:
    """Two columns of cards: each pillar/goal with its crosswalk badges and its objectives beneath.

    `pillars` and `objectives` are the selected view (components/view.py): one phase of each of two
    frameworks, possibly narrowed to the selected themes. Each column is headed by the framework's short
    name and phase in its colour, with pillar and objective counts. Pillars are drawn even when the
    (theme-filtered) `objectives` has none for them. `crosswalk` is the view's crosswalk (View.crosswalk):
    its links, aggregated to pillar pairs, become badges on the cards and, on the wide variant, curves
    (shapes named "link-<relation>-<from>-<to>") between the two cards, coloured by relation, with a key
    ("link-key"). With `highlight_themes`, cards, objectives and links that touch none of them are grey
    and the others keep their colours (matching cards get a thicker border).
    """
    lang = meta.lang
    layout = NARROW if meta.narrow else WIDE
    highlight = set(highlight_themes)
    columns = _columns(pillars)
    names = [own["framework_short"].iloc[0] for _, own in columns]
    title = (
        t("chart.comparison.title", lang, frameworks=helpers.join_and(names, lang))
        if names
        else t("chart.comparison.title_plain", lang)
    )
    if not columns:
        return helpers.empty_state(meta, title)

    shown = {p for _, own in columns for p in own["pillar_id"]}
    rows = crosswalk
    if rows is not None and not rows.empty:
        # Only links with an end on a drawn card ('new' and 'dropped' links have one end).
        rows = rows[rows["from_pillar_id"].isin(shown) | rows["to_pillar_id"].isin(shown)]
    links = pillar_links(rows, highlight)
    if not links and not layout.stacked:
        layout = WIDE_PLAIN

    fig = go.Figure()
    top = _add_links_heading(
        fig, links, asked=crosswalk is not None, layout=layout, highlight=highlight, lang=lang
    )
    cards = Cards(links, _pillar_names(pillars, rows), layout, highlight, lang)
    y, heights = top, []
    for column, (_, own) in enumerate(columns):
        own_objectives = objectives[objectives["pillar_id"].isin(set(own["pillar_id"]))]
        y = _add_column(fig, cards, column, own, own_objectives, y if layout.stacked else top)
        heights.append(y)
        y += CARD_GAP  # stacked: a little more room before the next framework's heading
    if not layout.stacked:
        _add_curves(fig, links, cards.spans, layout)
    total = max(heights)
    fig.update_xaxes(range=[0, layout.x_range], visible=False, fixedrange=True)
    fig.update_yaxes(range=[total, 0], visible=False, fixedrange=True)
    drawn = pillars[pillars["pillar_id"].isin(shown)]
    ctx = meta.context(title, helpers.source_ids(drawn, objectives, rows))
    return finalize(fig, ctx, height=_height(ctx, total), legend=False)


@dataclass
class Cards:
    """What every card needs: the links, the pillars' names, the variant, the highlight; and where each went."""

    links: list[PillarLink]
    names: dict[str, tuple[str, str, str]]
    layout: Layout
    highlight: set[str]
    lang: str
    spans: dict[str, tuple[float, float]] = field(default_factory=dict)  # pillar id -> (top, bottom)


def _add_column(
    fig: go.Figure, cards: Cards, column: int, own: pd.DataFrame, objectives: pd.DataFrame, y: float
) -> float:
    """One framework's heading and cards from line `y` down; returns the line below the last card."""
    layout, lang, highlight = cards.layout, cards.lang, cards.highlight
    color = helpers.color_or_neutral(own["framework_color"].iloc[0])
    x0, x1 = layout.columns[column]
    first = own.iloc[0]
    heading = wrap(f"{first['framework_short']} — {first['phase_label']}", layout.title_width)
    counts = t(
        "chart.comparison.counts",
        lang,
        pillars=helpers.plural(
            "chart.common.items", len(own), lang, word=first["pillar_word"], words=first["pillar_words"]
        ),
        objectives=helpers.plural("chart.common.objectives", len(objectives), lang),
    )
    header = [f'<b><span style="color:{color}">{line}</span></b>' for line in heading.split("<br>")]
    header.append(esc(counts))
    _add_text(fig, x0, y, header, size=13, name=f"column-{first['framework_id']}")
    y += len(header) + CARD_GAP
    for _, pillar in own.iterrows():
        items = objectives[objectives["pillar_id"] == pillar["pillar_id"]]
        badges = _badges(pillar["pillar_id"], cards.links, cards.names, layout, lang)
        lines = _card(pillar, items, badges, layout, highlight, lang)
        faded = not _lit(pillar["themes"], highlight)
        emphasised = bool(highlight) and not faded
        bottom = y + len(lines) + 2 * CARD_PAD
        fig.add_shape(
            type="rect",
            xref="x",
            yref="y",
            x0=x0,
            x1=x1,
            y0=y,
            y1=bottom,
            line={"color": FADED_BORDER if faded else color, "width": 3 if emphasised else 1.5},
            fillcolor="#FFFFFF" if faded else helpers.rgba(color, 0.1 if emphasised else 0.04),
            layer="below",
            name=f"card-{pillar['pillar_id']}",
        )
        _add_text(
            fig, x0 + layout.text_inset, y + CARD_PAD, lines, size=12, name=f"pillar-{pillar['pillar_id']}"
        )
        cards.spans[pillar["pillar_id"]] = (y, bottom)
        y = bottom + CARD_GAP
    return y


def _add_links_heading(
    fig: go.Figure, links: list[PillarLink], *, asked: bool, layout: Layout, highlight: set[str], lang: str
) -> float:
    """The relation key, or (links asked for, none to draw) a note saying why; returns the next free line."""
    if links:
        return _add_key(fig, layout, highlight, lang)
    if not asked:
        return 0.0
    # Frameworks that are not consecutive have no crosswalk: the PNG says so.
    width = layout.item_width if layout.stacked else 2 * layout.item_width
    lines = [f"<i>{line}</i>" for line in wrap(t("chart.comparison.no_links", lang), width).split("<br>")]
    _add_text(fig, 0, 0, lines, size=12, name="link-key")
    return len(lines) + CARD_GAP


def _pillar_names(pillars: pd.DataFrame, crosswalk: pd.DataFrame | None) -> dict[str, tuple[str, str, str]]:
    """pillar id -> (its framework's word for it, number, title), from the pillars, else the crosswalk labels.

    A theme-filtered page may not pass the pillar at a link's other end; the crosswalk's pillar label
    ('3. Title') still names it, with its framework's word where another of its pillars is shown.
    """
    words = dict(zip(pillars["framework_id"], pillars["pillar_word"], strict=False))
    out: dict[str, tuple[str, str, str]] = {}
    if crosswalk is not None:
        for side in ("from", "to"):
            columns = [f"{side}_pillar_id", f"{side}_pillar_label", f"{side}_framework_id"]
            for pillar_id, label, framework_id in crosswalk[columns].itertuples(index=False):
                if pillar_id:
                    number, _, rest = str(label).partition(". ")
                    if not (rest and number.isdigit()):
                        number, rest = "", str(label)
                    out[pillar_id] = (words.get(framework_id, "") if number else "", number, rest)
    for _, pillar in pillars.iterrows():
        out[pillar["pillar_id"]] = (pillar["pillar_word"], str(pillar["pillar_number"]), pillar["title"])
    return out


def _add_key(fig: go.Figure, layout: Layout, highlight: set[str], lang: str) -> float:
    """The relation key above the columns (links are the project's analysis); returns the next free line."""
    items = [
        f'<span style="color:{RELATION_COLORS[r]}">■</span> {esc(t(f"relation.{r}", lang))}'
        for r in RELATION_ORDER
    ]
    if highlight:
        items.append(
            f'<span style="color:{FADED_LINK}">■</span> {esc(t("chart.comparison.key_other", lang))}'
        )
    label = f"<b>{esc(t('chart.comparison.key_label', lang, analysis=t('analysis.label', lang)))}</b>"
    per_line = 3 if layout.stacked else len(items)
    lines = [label] if layout.stacked else []
    for start in range(0, len(items), per_line):
        lines.append("&nbsp;&nbsp;&nbsp;".join(items[start : start + per_line]))
    if not layout.stacked:
        lines = [f"{label}&nbsp;&nbsp;&nbsp;{lines[0]}"]
    _add_text(fig, 0, 0, lines, size=12, name="link-key")
    return len(lines) + CARD_GAP


def _add_curves(
    fig: go.Figure, links: list[PillarLink], spans: dict[str, tuple[float, float]], layout: Layout
) -> None:
    """A curve per pillar pair, from the left card's right edge to the right card's left edge.

    Each card spreads the ends of its curves over its height, ordered by the other card's position,
    so curves leave and arrive apart; greyed links are drawn first, under the coloured ones.
    """
    pairs = [link for link in links if link.source in spans and link.target in spans]
    ends: dict[tuple[str, int], float] = {}
    for side, far in (("source", "target"), ("target", "source")):
        by_card: dict[str, list[int]] = {}
        for i, link in enumerate(pairs):
            by_card.setdefault(getattr(link, side), []).append(i)
        for card, members in by_card.items():
            members.sort(
                key=lambda i: (sum(spans[getattr(pairs[i], far)]), RELATION_ORDER.index(pairs[i].relation))
            )
            top, bottom = spans[card]
            step = (bottom - top) / (len(members) + 1)
            for k, i in enumerate(members):
                ends[(card, i)] = top + step * (k + 1)
    x0, x1 = layout.columns[0][1], layout.columns[1][0]
    bend = (x1 - x0) * 0.45
    for i in sorted(range(len(pairs)), key=lambda i: pairs[i].lit):
        link = pairs[i]
        y0, y1 = ends[(link.source, i)], ends[(link.target, i)]
        color = RELATION_COLORS.get(link.relation, RELATION_COLORS["dropped"]) if link.lit else FADED_LINK
        fig.add_shape(
            type="path",
            xref="x",
            yref="y",
            path=f"M {x0},{y0} C {x0 + bend},{y0} {x1 - bend},{y1} {x1},{y1}",
            line={"color": color, "width": min(2 + link.count, 6)},
            opacity=LINK_OPACITY if link.lit else FADED_LINK_OPACITY,
            layer="above",
            name=f"link-{link.relation}-{link.source}-{link.target}",
        )


def _add_text(fig: go.Figure, x: float, y: float, lines: list[str], *, size: int, name: str) -> None:
    """A left-aligned block of (already escaped) lines whose top-left corner sits at (x, y)."""
    fig.add_annotation(
        x=x,
        y=y,
        xref="x",
        yref="y",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        text="<br>".join(lines),
        font={"size": size, "color": TEXT_COLOR},
        name=name,
    )


def _height(ctx: FigureContext, lines: float) -> int:
    """Figure height so that one y unit is LINE_PX pixels between finalize's top and bottom margins."""
    bottom = bottom_margin(ctx)
    return int(round(lines * LINE_PX + TOP_MARGIN + bottom))


def framework_comparison_summary(
    pillars: pd.DataFrame,
    objectives: pd.DataFrame,
    *,
    lang: str = "en",
    crosswalk: pd.DataFrame | None = None,
) -> str:
    """One sentence: each column's framework, phase, number of pillars/goals and of objectives.

    With `crosswalk` (the view's links), the sentence also says how many links the figure draws.
    """
    columns = _columns(pillars)
    if not columns:
        return t("chart.comparison.summary_empty", lang)
    parts = []
    for _, own in columns:
        first = own.iloc[0]
        count = int(objectives["pillar_id"].isin(set(own["pillar_id"])).sum())
        parts.append(
            t(
                "chart.comparison.summary_part",
                lang,
                framework=first["framework_short"],
                phase=first["phase_label"],
                pillars=helpers.plural(
                    "chart.common.items",
                    len(own),
                    lang,
                    word=first["pillar_word"],
                    words=first["pillar_words"],
                ),
                objectives=helpers.plural("chart.common.objectives", count, lang),
            )
        )
    text = t("chart.comparison.summary", lang, parts=helpers.join_and(parts, lang))
    if crosswalk is not None and not crosswalk.empty:
        shown = set(pillars["pillar_id"])
        drawn = crosswalk[crosswalk["from_pillar_id"].isin(shown) | crosswalk["to_pillar_id"].isin(shown)]
        if not drawn.empty:
            links = helpers.plural("chart.comparison.links", len(drawn), lang)
            text = t("chart.comparison.summary_links", lang, summary=text.rstrip("."), links=links)
    return text
