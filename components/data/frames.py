"""Turn a Dataset into tidy pandas DataFrames with documented columns; charts and pages use only these.

Every builder takes `lang` ("en" or "es") and picks the Spanish text where it exists, else English.
List-valued columns (themes, sources, frameworks) hold tuples so frames stay hashable-friendly.
Items a reader uploaded in their session (Dataset.uploaded) carry `uploaded` True, and an uploaded
framework's names carry a visible mark ("… (uploaded)"), so every chart, card and export says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.data import schema
from components.data.loader import Dataset
from components.i18n import t


def pick(text: schema.Text | None, lang: str = "en") -> str:
    """The text in `lang`, falling back to English; '' for None."""
    if text is None:
        return ""
    return (text.es if lang == "es" and text.es else text.en) or ""


def original(text: schema.Text | None, verbatim: bool, lang: str = "en") -> str:
    """The English wording of a quotation when it is shown in the project's Spanish translation, else ''.

    Quotations stay in their original language: a verbatim English text read in Spanish is shown in
    English with the project's translation beside it (the Spanish is official only when es_verbatim).
    """
    if text is None or lang != "es" or not verbatim or text.es_verbatim:
        return ""
    return text.en


def uploaded_ids(ds: Dataset) -> frozenset[str]:
    """Ids of the frameworks and sources uploaded in this session (none for the shipped data)."""
    return ds.uploaded


def framework_names(framework: schema.Framework, uploaded: frozenset[str], lang: str) -> tuple[str, str]:
    """(name, short name) in `lang`, each marked "(uploaded)" when the reader uploaded the framework."""
    name, short = pick(framework.name, lang), pick(framework.short_name, lang)
    if framework.id in uploaded:
        return t("upload.mark", lang, name=name), t("upload.mark", lang, name=short)
    return name, short


def partial_date_start(value: str) -> pd.Timestamp:
    """'2009-03' -> 2009-03-01; '2009' -> 2009-01-01; full dates unchanged."""
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return pd.Timestamp(dt.date(*parts))


def partial_date_precision(value: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(value.split("-"))]


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of `frame` as dicts of plain Python values (column -> value), in order.

    What DataFrame.to_dict("records") gives, at a fraction of its fixed cost per call (about 1 ms, even
    for one row): pages turn dozens of small frames into cards on every run.
    """
    columns = list(frame.columns)
    values = zip(*(frame[c].tolist() for c in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A frame with fixed columns, also when there are no rows (so empty states keep their schema)."""
    return pd.DataFrame(rows, columns=columns)


THEME_COLUMNS = ["theme_id", "label", "description", "color", "order"]


def themes_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per theme: theme_id, label, description, color (#RRGGBB), order (display position)."""
    rows = [
        {
            "theme_id": t.id,
            "label": pick(t.label, lang),
            "description": pick(t.description, lang),
            "color": t.color,
            "order": i,
        }
        for i, t in enumerate(ds.themes)
    ]
    return _frame(rows, THEME_COLUMNS)


SOURCE_COLUMNS = [
    "source_id", "short", "title", "publisher", "authors", "date", "url", "via", "kind", "note", "uploaded",
]  # fmt: skip


def sources_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per source: source_id, short, title, publisher, authors, date (partial date text), url, via, kind,
    note, uploaded (declared by a framework file the reader uploaded; its short name then carries the mark)."""
    uploaded = uploaded_ids(ds)
    rows = [
        {
            "source_id": s.id,
            "short": t("upload.mark", lang, name=s.short) if s.id in uploaded else s.short,
            "title": s.title,
            "publisher": s.publisher,
            "authors": s.authors or "",
            "date": s.date or "",
            "url": s.url,
            "via": s.via or "",
            "kind": s.kind,
            "note": pick(s.note, lang),
            "uploaded": s.id in uploaded,
        }
        for s in ds.sources
    ]
    return _frame(rows, SOURCE_COLUMNS)


FRAMEWORK_COLUMNS = [
    "framework_id", "order", "name", "short_name", "color", "start", "end", "summary", "n_phases", "sources",
    "uploaded",
]  # fmt: skip


def frameworks_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per framework, in start-date order.

    Columns: framework_id, order (0-based position by start date), name, short_name, color (#RRGGBB),
    start, end (NaT while in force or when no source dates an end), summary, n_phases, sources, uploaded
    (the reader uploaded it; name and short_name then carry the "(uploaded)" mark).
    """
    uploaded = uploaded_ids(ds)
    rows = [
        {
            "framework_id": f.id,
            "order": i,
            "name": framework_names(f, uploaded, lang)[0],
            "short_name": framework_names(f, uploaded, lang)[1],
            "color": f.color,
            "start": pd.Timestamp(f.start),
            "end": pd.Timestamp(f.end) if f.end else pd.NaT,
            "summary": pick(f.summary, lang),
            "n_phases": len(f.phases),
            "sources": tuple(f.sources),
            "uploaded": f.id in uploaded,
        }
        for i, f in enumerate(ds.frameworks)
    ]
    return _frame(rows, FRAMEWORK_COLUMNS)


PHASE_COLUMNS = [
    "framework_id", "framework_short", "phase_id", "phase_number", "label", "start", "end", "pillar_word", "pillar_words",
    "n_pillars", "n_objectives", "uploaded",
]  # fmt: skip


def phases_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per phase, frameworks in start-date order, phases in their order.

    Columns: framework_id, framework_short, phase_id, phase_number (from 1 within its framework), label,
    start, end (NaT while it continues), pillar_word, pillar_words (plural), n_pillars, n_objectives,
    uploaded (its framework was uploaded by the reader).
    """
    uploaded = uploaded_ids(ds)
    rows = [
        {
            "framework_id": f.id,
            "framework_short": framework_names(f, uploaded, lang)[1],
            "phase_id": phase.id,
            "phase_number": n,
            "label": pick(phase.label, lang),
            "start": pd.Timestamp(phase.start),
            "end": pd.Timestamp(phase.end) if phase.end else pd.NaT,
            "pillar_word": pick(phase.pillar_word, lang),
            "pillar_words": pick(phase.pillar_words, lang),
            "n_pillars": len(phase.pillars),
            "n_objectives": sum(len(pillar.objectives) for pillar in phase.pillars),
            "uploaded": f.id in uploaded,
        }
        for f in ds.frameworks
        for n, phase in enumerate(f.phases, start=1)
    ]
    return _frame(rows, PHASE_COLUMNS)


PILLAR_COLUMNS = [
    "framework_id", "framework_short", "framework_order", "framework_color", "phase_id", "phase_label", "pillar_word", "pillar_words", "pillar_id", "pillar_number",
    "title", "title_verbatim", "summary", "summary_original", "summary_verbatim", "themes", "sources", "n_objectives", "uploaded",
]  # fmt: skip


def pillars_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per pillar/goal of every phase.

    Columns: framework_id, framework_short, framework_order (position by start date), framework_color,
    phase_id, phase_label, pillar_word (e.g. 'pillar', 'goal'), pillar_id, pillar_number, title,
    title_verbatim, summary ('' if none), summary_verbatim, themes (tuple of theme ids: the union of its
    objectives' themes, so it always agrees with them), sources (tuple of source ids), n_objectives,
    uploaded (its framework was uploaded by the reader; framework_short then carries the mark).
    """
    uploaded = uploaded_ids(ds)
    rows = []
    for order, f in enumerate(ds.frameworks):
        short = framework_names(f, uploaded, lang)[1]
        for phase in f.phases:
            for pillar in phase.pillars:
                rows.append(
                    {
                        "framework_id": f.id,
                        "framework_short": short,
                        "framework_order": order,
                        "framework_color": f.color,
                        "phase_id": phase.id,
                        "phase_label": pick(phase.label, lang),
                        "pillar_word": pick(phase.pillar_word, lang),
                        "pillar_words": pick(phase.pillar_words, lang),
                        "pillar_id": pillar.id,
                        "pillar_number": pillar.number,
                        "title": pick(pillar.title, lang),
                        "title_verbatim": pillar.title_verbatim,
                        "summary": pick(pillar.summary, lang),
                        "summary_original": original(pillar.summary, pillar.summary_verbatim, lang),
                        "summary_verbatim": pillar.summary_verbatim,
                        "themes": tuple(pillar.themes),
                        "sources": tuple(pillar.sources),
                        "n_objectives": len(pillar.objectives),
                        "uploaded": f.id in uploaded,
                    }
                )
    return _frame(rows, PILLAR_COLUMNS)


OBJECTIVE_COLUMNS = [
    "framework_id", "framework_short", "framework_order", "framework_color", "phase_id", "pillar_id", "pillar_number", "pillar_title",
    "objective_id", "objective_number", "label", "text", "original", "verbatim", "themes", "primary_theme", "sources", "uploaded",
]  # fmt: skip


def objectives_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per objective.

    Columns: framework_id, framework_short, framework_order, framework_color, phase_id, pillar_id,
    pillar_number, pillar_title, objective_id, objective_number (position within its pillar, from 1),
    label (official short name or ''), text, verbatim, themes (tuple), primary_theme (first theme, used
    for colour), sources (tuple), uploaded (its framework was uploaded by the reader).
    """
    uploaded = uploaded_ids(ds)
    rows = []
    for order, f in enumerate(ds.frameworks):
        short = framework_names(f, uploaded, lang)[1]
        for phase in f.phases:
            for pillar in phase.pillars:
                for n, objective in enumerate(pillar.objectives, start=1):
                    rows.append(
                        {
                            "framework_id": f.id,
                            "framework_short": short,
                            "framework_order": order,
                            "framework_color": f.color,
                            "phase_id": phase.id,
                            "pillar_id": pillar.id,
                            "pillar_number": pillar.number,
                            "pillar_title": pick(pillar.title, lang),
                            "objective_id": objective.id,
                            "objective_number": n,
                            "label": pick(objective.label, lang),
                            "text": pick(objective.text, lang),
                            "original": original(objective.text, objective.verbatim, lang),
                            "verbatim": objective.verbatim,
                            "themes": tuple(objective.themes),
                            "primary_theme": objective.themes[0],
                            "sources": tuple(objective.sources),
                            "uploaded": f.id in uploaded,
                        }
                    )
    return _frame(rows, OBJECTIVE_COLUMNS)


def explode_themes(frame: pd.DataFrame, column: str = "themes") -> pd.DataFrame:
    """One row per (item, theme): the tuple column `column` becomes a scalar column 'theme_id'."""
    if frame.empty:
        return frame.assign(theme_id=pd.Series(dtype="object"))
    out = frame.explode(column, ignore_index=True)
    return out.rename(columns={column: "theme_id"})


EVENT_COLUMNS = [
    "event_id", "date", "date_text", "precision", "year", "title", "short", "description", "category", "country",
    "frameworks", "themes", "sources", "date_note", "note",
]  # fmt: skip


def events_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per timeline event, in date order.

    Columns: event_id, date (Timestamp; first day of the month/year for partial dates), date_text (as written),
    precision ('day' | 'month' | 'year'), year, title, short (the chart label: the short title, else the
    title), description, category, country ('us' | 'mx' | 'bilateral'),
    frameworks (tuple), themes (tuple), sources (tuple), date_note ('' if none), note (caveat, '' if none).
    """
    rows = [
        {
            "event_id": e.id,
            "date": partial_date_start(e.date),
            "date_text": e.date,
            "precision": partial_date_precision(e.date),
            "year": int(e.date[:4]),
            "title": pick(e.title, lang),
            "short": pick(e.short, lang) or pick(e.title, lang),
            "description": pick(e.description, lang),
            "category": e.category,
            "country": e.country,
            "frameworks": tuple(e.frameworks),
            "themes": tuple(e.themes),
            "sources": tuple(e.sources),
            "date_note": pick(e.date_note, lang),
            "note": pick(e.note, lang),
        }
        for e in ds.events
    ]
    frame = _frame(rows, EVENT_COLUMNS)
    return frame.sort_values(["date", "event_id"], ignore_index=True) if not frame.empty else frame


SPAN_COLUMNS = [
    "span_id", "kind", "label", "country", "start", "end", "framework", "color", "sources", "uploaded",
]  # fmt: skip


def spans_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per span.

    Columns: span_id, kind ('presidency' | 'framework'), label, country, start, end (Timestamp; NaT while
    the span continues or when no source dates its end: charts draw it open-ended, never to a made-up
    day), framework (id or ''), color (the framework's colour, '' for presidencies), sources, uploaded.
    An uploaded framework has no span in timeline.yaml: its period is added from its own dates, labelled
    with its marked short name, so the timeline and the outcomes chart shade it too.
    """
    colors = {f.id: f.color for f in ds.frameworks}
    uploaded = uploaded_ids(ds)
    rows = [
        {
            "span_id": s.id,
            "kind": s.kind,
            "label": pick(s.label, lang),
            "country": s.country,
            "start": pd.Timestamp(s.start),
            "end": pd.Timestamp(s.end) if s.end else pd.NaT,
            "framework": s.framework or "",
            "color": colors.get(s.framework or "", ""),
            "sources": tuple(s.sources),
            "uploaded": False,
        }
        for s in ds.spans
    ]
    rows += [
        {
            "span_id": f"uploaded-{f.id}",
            "kind": "framework",
            "label": framework_names(f, uploaded, lang)[1],
            "country": "",  # a framework file names no country; periods are drawn without one
            "start": pd.Timestamp(f.start),
            "end": pd.Timestamp(f.end) if f.end else pd.NaT,
            "framework": f.id,
            "color": f.color,
            "sources": tuple(f.sources),
            "uploaded": True,
        }
        for f in ds.frameworks
        if f.id in uploaded
    ]
    return _frame(rows, SPAN_COLUMNS)


COMMITMENT_COLUMNS = [
    "commitment_id", "framework_id", "party", "text", "original", "verbatim", "themes", "sources",
]  # fmt: skip


def commitments_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per commitment: commitment_id, framework_id, party ('us' | 'mx' | 'both'), text, verbatim, themes, sources."""
    rows = [
        {
            "commitment_id": c.id,
            "framework_id": c.framework,
            "party": c.party,
            "text": pick(c.text, lang),
            "original": original(c.text, c.verbatim, lang),
            "verbatim": c.verbatim,
            "themes": tuple(c.themes),
            "sources": tuple(c.sources),
        }
        for c in ds.commitments
    ]
    return _frame(rows, COMMITMENT_COLUMNS)


ASSESSMENT_COLUMNS = [
    "assessment_id", "framework_id", "kind", "title", "text", "original", "verbatim", "by", "date", "date_text", "figure",
    "note", "themes", "sources",
]  # fmt: skip


def assessments_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per assessment, in date order.

    Columns: assessment_id, framework_id, kind ('achievement' | 'criticism' | 'finding'), title, text, verbatim,
    by, date (Timestamp, first day for partial dates), date_text, figure ('' if none), note (caveat, ''
    if none), themes, sources.
    """
    rows = [
        {
            "assessment_id": a.id,
            "framework_id": a.framework,
            "kind": a.kind,
            "title": pick(a.title, lang),
            "text": pick(a.text, lang),
            "original": original(a.text, a.verbatim, lang),
            "verbatim": a.verbatim,
            "by": a.by,
            "date": partial_date_start(a.date),
            "date_text": a.date,
            "figure": a.figure or "",
            "note": pick(a.note, lang),
            "themes": tuple(a.themes),
            "sources": tuple(a.sources),
        }
        for a in ds.assessments
    ]
    frame = _frame(rows, ASSESSMENT_COLUMNS)
    return frame.sort_values(["date", "assessment_id"], ignore_index=True) if not frame.empty else frame


@dataclass(frozen=True)
class _ItemInfo:
    label: str
    pillar_id: str
    pillar_label: str
    phase_id: str
    framework_id: str
    themes: tuple[str, ...]


def _item_index(ds: Dataset, lang: str) -> dict[str, _ItemInfo]:
    """Pillar or objective id -> its label, its pillar, its phase, its framework and its themes."""
    index = {}
    for f in ds.frameworks:
        for phase in f.phases:
            for pillar in phase.pillars:
                pillar_label = f"{pillar.number}. {pick(pillar.title, lang)}"
                index[pillar.id] = _ItemInfo(
                    pillar_label, pillar.id, pillar_label, phase.id, f.id, tuple(pillar.themes)
                )
                for objective in pillar.objectives:
                    label = pick(objective.label, lang) or pick(objective.text, lang)
                    index[objective.id] = _ItemInfo(
                        label, pillar.id, pillar_label, phase.id, f.id, tuple(objective.themes)
                    )
    return index


CROSSWALK_COLUMNS = [
    "link_id", "relation", "from_framework_id", "to_framework_id", "from_id", "from_label", "from_pillar_id",
    "from_pillar_label", "from_phase_id", "to_id", "to_label", "to_pillar_id", "to_pillar_label", "to_phase_id",
    "themes", "rationale", "sources",
]  # fmt: skip


def crosswalk_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per crosswalk link: the project's analysis of how a framework maps onto the next one.

    Columns: link_id, relation, from_framework_id / to_framework_id (the pair the link belongs to, also
    for 'new' and 'dropped' links, whose missing end is the neighbouring framework by start date),
    from_id / to_id ('' for new / dropped), from_label / to_label (item label), from_pillar_id /
    to_pillar_id and *_pillar_label (the pillar the item belongs to, itself if a pillar), from_phase_id /
    to_phase_id ('' where the end is missing), themes (union of both ends' themes), rationale, sources.
    """
    index = _item_index(ds, lang)
    # The crosswalk joins consecutive shipped frameworks: an upload dated between two of them is not
    # the missing end of their 'new' and 'dropped' links.
    uploaded = uploaded_ids(ds)
    order = [f.id for f in ds.frameworks if f.id not in uploaded]
    successor = dict(zip(order, order[1:], strict=False))
    predecessor = {after: before for before, after in successor.items()}
    empty = _ItemInfo("", "", "", "", "", ())
    rows = []
    for link in ds.crosswalk:
        source = index.get(link.from_id or "", empty)
        target = index.get(link.to_id or "", empty)
        themes = tuple(dict.fromkeys(source.themes + target.themes))
        rows.append(
            {
                "link_id": link.id,
                "relation": link.relation,
                "from_framework_id": source.framework_id or predecessor.get(target.framework_id, ""),
                "to_framework_id": target.framework_id or successor.get(source.framework_id, ""),
                "from_id": link.from_id or "",
                "from_label": source.label,
                "from_pillar_id": source.pillar_id,
                "from_pillar_label": source.pillar_label,
                "from_phase_id": source.phase_id,
                "to_id": link.to_id or "",
                "to_label": target.label,
                "to_pillar_id": target.pillar_id,
                "to_pillar_label": target.pillar_label,
                "to_phase_id": target.phase_id,
                "themes": themes,
                "rationale": pick(link.rationale, lang),
                "sources": tuple(link.sources),
            }
        )
    return _frame(rows, CROSSWALK_COLUMNS)


INDICATOR_COLUMNS = [
    "indicator_id", "label", "unit", "country", "year", "as_of", "x", "value", "status", "note", "sources",
]  # fmt: skip


def indicators_frame(ds: Dataset, lang: str = "en") -> pd.DataFrame:
    """One row per indicator value; missing years have no row (never interpolated).

    Columns: indicator_id, label, unit, country, year, as_of (Timestamp or NaT), x (plot position: as_of, else
    July 1 of the year), value, status ('final' | 'preliminary'), note, sources.
    """
    rows = []
    for indicator in ds.indicators:
        for v in indicator.values:
            as_of = pd.Timestamp(v.as_of) if v.as_of else pd.NaT
            rows.append(
                {
                    "indicator_id": indicator.id,
                    "label": pick(indicator.label, lang),
                    "unit": pick(indicator.unit, lang),
                    "country": indicator.country,
                    "year": v.year,
                    "as_of": as_of,
                    "x": as_of if v.as_of else pd.Timestamp(dt.date(v.year, 7, 1)),
                    "value": float(v.value),
                    "status": v.status,
                    "note": pick(v.note, lang),
                    "sources": tuple(v.sources),
                }
            )
    return _frame(rows, INDICATOR_COLUMNS)


@dataclass(frozen=True)
class Frames:
    """All frames of one dataset in one language; built once and cached by the UI layer."""

    themes: pd.DataFrame
    sources: pd.DataFrame
    frameworks: pd.DataFrame
    phases: pd.DataFrame
    pillars: pd.DataFrame
    objectives: pd.DataFrame
    events: pd.DataFrame
    spans: pd.DataFrame
    commitments: pd.DataFrame
    assessments: pd.DataFrame
    crosswalk: pd.DataFrame
    indicators: pd.DataFrame


def build_frames(ds: Dataset, lang: str = "en") -> Frames:
    return Frames(
        themes=themes_frame(ds, lang),
        sources=sources_frame(ds, lang),
        frameworks=frameworks_frame(ds, lang),
        phases=phases_frame(ds, lang),
        pillars=pillars_frame(ds, lang),
        objectives=objectives_frame(ds, lang),
        events=events_frame(ds, lang),
        spans=spans_frame(ds, lang),
        commitments=commitments_frame(ds, lang),
        assessments=assessments_frame(ds, lang),
        crosswalk=crosswalk_frame(ds, lang),
        indicators=indicators_frame(ds, lang),
    )
