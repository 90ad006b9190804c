"""Cards: a framework at a glance, a pillar with its objectives, a commitment, an event's details."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from components.data import schema
from components.data.frames import framework_names, original, pick, records
from components.i18n import formats, t
from components.safe_text import md_escape
from components.ui.data import get_load_result
from components.ui.widgets import render_card, render_card_list, render_sources_line, theme_chips

SHORT_PRINCIPLE = 60  # characters


def _date(value, lang: str) -> str:
    """'October 8, 2021' / '8 de octubre de 2021' (Babel)."""
    return formats.fmt_date(pd.Timestamp(value).date(), lang)


def render_framework_card(
    framework: schema.Framework,
    pillars: pd.DataFrame,
    objectives: pd.DataFrame,
    lang: str,
    *,
    present: bool = False,
) -> None:
    """Dates, leaders, principle, counts of pillars/goals and objectives per phase, summary, sources.

    A framework without a sourced end says so ("no formal end") and shows its end note, never a date.
    Its further notes sit in an expander, left out in presentation mode.
    """
    if framework.end:
        end = _date(framework.end, lang)
    else:
        end = t("overview.no_end" if framework.end_note else "overview.in_force", lang)
    leaders = "; ".join(f"{md_escape(p.name)} ({md_escape(pick(p.role, lang))})" for p in framework.leaders)
    notes = [n for n in (framework.name_note, framework.end_note) if n is not None]
    principle = framework.principles[0]
    # A list of short principles (e.g. the 2025 program's four) reads better whole than its first word.
    short = all(len(pick(p.text, lang)) <= SHORT_PRINCIPLE for p in framework.principles)
    principle_text = (
        "; ".join(_quoted_text(p.text, p.verbatim, lang) for p in framework.principles)
        if short
        else _quoted_text(principle.text, principle.verbatim, lang)
    )
    phase_lines = [
        t(
            "overview.phase_counts",
            lang,
            phase=md_escape(pick(phase.label, lang)),
            pillars=int((pillars["phase_id"] == phase.id).sum()),
            words=md_escape(pick(phase.pillar_words, lang)),
            objectives=int((objectives["phase_id"] == phase.id).sum()),
        )
        for phase in framework.phases
    ]
    blocks = [
        f"### {md_escape(framework_names(framework, get_load_result().dataset.uploaded, lang)[0])}",
        t("overview.dates", lang, start=_date(framework.start, lang), end=end),
        *(f"*{md_escape(pick(note.text, lang))}*" for note in notes),
        t(f"overview.leaders.{framework.leaders_kind}", lang, leaders=leaders),
        t("overview.principles" if short else "overview.principle", lang, principle=principle_text),
        *phase_lines,
        md_escape(pick(framework.summary, lang)),
    ]
    shown = framework.principles if short else [principle]
    cited = [
        *framework.sources,
        *(s for p in shown for s in p.sources),
        *(s for n in notes for s in n.sources),
    ]
    render_card(blocks, cited, lang)
    if framework.notes and not present:
        with st.expander(t("overview.notes", lang, count=len(framework.notes))):
            render_card_list(
                [([_quoted_text(n.text, n.verbatim, lang)], n.sources) for n in framework.notes],
                lang,
            )


def _quoted(text: str, verbatim: bool, original: str = "", lang: str = "en") -> str:
    """A quotation in quotation marks; read in translation, the original wording first, then the
    project's translation, labelled as such (quotations stay in their original language)."""
    if original:
        return t("ui.quote_translated", lang, original=md_escape(original), translation=text)
    return f"“{text}”" if verbatim else text


def _quoted_text(text: schema.Text, verbatim: bool, lang: str) -> str:
    """_quoted for a model's bilingual text (principles, notes)."""
    return _quoted(md_escape(pick(text, lang)), verbatim, original(text, verbatim, lang), lang)


def _rows(rows: pd.DataFrame | Sequence[Mapping]) -> Sequence[Mapping]:
    """Rows as mappings: a frame's records, or the mappings given."""
    return records(rows) if isinstance(rows, pd.DataFrame) else rows


def render_pillar_card(
    pillar: Mapping, objectives: pd.DataFrame | Sequence[Mapping], lang: str, highlight: tuple[str, ...]
) -> None:
    """One pillar or goal: number, official title, description, objectives and theme chips."""
    word = md_escape(pillar["pillar_word"]).capitalize()
    objectives = _rows(objectives)
    items = []
    for objective in objectives:
        text = _quoted(md_escape(objective["text"]), objective["verbatim"], objective["original"], lang)
        items.append(f"- **{md_escape(objective['label'])}** — {text}" if objective["label"] else f"- {text}")
    unofficial = "" if pillar["title_verbatim"] else " " + t("compare.title_not_official", lang)
    blocks = [
        f"**{word} {pillar['pillar_number']}. {md_escape(pillar['title'])}**{unofficial}",
        _quoted(md_escape(pillar["summary"]), pillar["summary_verbatim"], pillar["summary_original"], lang)
        if pillar["summary"]
        else "",
        theme_chips(pillar["themes"], lang, highlight)
        if pillar["n_objectives"]
        else t("compare.no_objectives", lang, word=md_escape(pillar["pillar_word"])),
        "\n".join(items),
    ]
    render_card(blocks, list(pillar["sources"]) + [s for row in objectives for s in row["sources"]], lang)


def render_commitments(
    commitments: pd.DataFrame | Sequence[Mapping], lang: str, highlight: tuple[str, ...]
) -> None:
    """Commitments as one bordered list: each with its text, theme chips and sources."""
    items = [
        (
            [
                _quoted(md_escape(commitment["text"]), commitment["verbatim"], commitment["original"], lang),
                theme_chips(commitment["themes"], lang, highlight),
            ],
            commitment["sources"],
        )
        for commitment in _rows(commitments)
    ]
    render_card_list(items, lang)


def render_crosswalk_link(link: Mapping, lang: str) -> None:
    relation = t(f"relation.{link['relation']}", lang)
    source = md_escape(link["from_label"]) if link["from_id"] else t("compare.nothing_before", lang)
    target = md_escape(link["to_label"]) if link["to_id"] else t("compare.nothing_after", lang)
    render_card([f"**{relation}**: {source} → {target}", md_escape(link["rationale"])], link["sources"], lang)


def render_event_details(event: Mapping, lang: str) -> None:
    """Everything known about one event, with its sources."""
    meta = t(
        "timeline.event_meta",
        lang,
        date=md_escape(formats.fmt_partial_date(event["date_text"], lang)),
        category=t(f"category.{event['category']}", lang),
        country=t(f"country.{event['country']}", lang),
    )
    note = t("timeline.date_note", lang, note=md_escape(event["date_note"])) if event["date_note"] else ""
    caveat = t("ui.caveat", lang, note=md_escape(event["note"])) if event["note"] else ""
    blocks = [
        f"#### {md_escape(event['title'])}",
        meta,
        md_escape(event["description"]),
        note,
        caveat,
        theme_chips(event["themes"], lang),
    ]
    render_card(blocks, event["sources"], lang)


def _assessment_blocks(
    assessment: Mapping, lang: str, highlight: tuple[str, ...], compact: bool
) -> list[str]:
    kind = t(f"assessment.{assessment['kind']}", lang)
    return [
        f"**{md_escape(assessment['title'])}**",
        f"*{kind} · {md_escape(assessment['by'])} · {md_escape(formats.fmt_partial_date(assessment['date_text'], lang))}*",
        f"**{md_escape(assessment['figure'])}**" if assessment["figure"] else "",
        _quoted(md_escape(assessment["text"]), assessment["verbatim"], assessment["original"], lang),
        t("ui.caveat", lang, note=md_escape(assessment["note"])) if assessment["note"] else "",
        "" if compact else theme_chips(assessment["themes"], lang, highlight),
    ]


def render_assessment(
    assessment: Mapping, lang: str, *, highlight: tuple[str, ...] = (), compact: bool = False
) -> None:
    """An achievement, criticism or audit finding with who said it, when, and the sources."""
    render_card(_assessment_blocks(assessment, lang, highlight, compact), assessment["sources"], lang)


def render_assessments(
    assessments: pd.DataFrame | Sequence[Mapping], lang: str, highlight: tuple[str, ...]
) -> None:
    """Many assessments as one bordered list (one element, so long lists stay quick to draw)."""
    items = [
        (_assessment_blocks(assessment, lang, highlight, False), assessment["sources"])
        for assessment in _rows(assessments)
    ]
    render_card_list(items, lang)


def render_indicator_notes(indicator_ids: list[str], lang: str) -> None:
    """The caveats of the chosen indicators (definitions, revisions, conflicting totals), with sources."""
    indicators = {i.id: i for i in get_load_result().dataset.indicators}
    for indicator_id in indicator_ids:
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        # An expander label is Markdown too: the indicator's name is data, so it is escaped.
        with st.expander(t("outcomes.about_indicator", lang, label=md_escape(pick(indicator.label, lang)))):
            st.markdown(md_escape(pick(indicator.definition, lang)))
            render_sources_line(indicator.sources, lang)
            for note in indicator.notes:
                st.markdown("- " + md_escape(pick(note.text, lang)))
                render_sources_line(note.sources, lang)
