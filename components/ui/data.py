"""Cached access to the dataset and its frames: thin st.cache_resource wrappers around the loader."""

from __future__ import annotations

import dataclasses
import typing

import streamlit as st

from components import editorial, view
from components.charts.style import FigureMeta
from components.data import schema
from components.data.frames import Frames, build_frames
from components.data.loader import DATA_DIR, LoadResult, load_dataset
from components.i18n import formats, t
from components.state import Choices, Filters


@st.cache_resource(show_spinner=False)
def get_load_result() -> LoadResult:
    """The shipped data, loaded once per server process; problems are kept for display."""
    return load_dataset(DATA_DIR)


@st.cache_resource(show_spinner=False)
def get_frames(lang: str = "en") -> Frames:
    return build_frames(get_load_result().dataset, lang)


@st.cache_resource(show_spinner=False)
def get_choices() -> Choices:
    """What a URL may name (themes, frameworks, phases, events, indicators, years, and the values of the
    pages' own controls: categories, countries, kinds, pillars), from the data."""
    frames = get_frames()
    indicators = set(frames.indicators["indicator_id"])
    return dataclasses.replace(
        view.choices(frames),
        categories=_in_schema_order(frames.events["category"], schema.EventCategory),
        countries=_in_schema_order(frames.events["country"], schema.Country),
        assessment_kinds=_in_schema_order(
            frames.assessments["kind"], schema.Assessment.model_fields["kind"].annotation
        ),
        source_kinds=_in_schema_order(frames.sources["kind"], schema.Source.model_fields["kind"].annotation),
        pillars=tuple(frames.pillars["pillar_id"]),
        default_indicators=tuple(i for i in editorial.OUTCOME_DEFAULT_INDICATORS if i in indicators),
    )


def _in_schema_order(values, literal) -> tuple[str, ...]:
    """The values present in the data, in the order the schema lists them (us, mx, bilateral; …)."""
    present = set(values)
    return tuple(v for v in typing.get_args(literal) if v in present)


def get_view(filters: Filters) -> view.View:
    """The frameworks and phases this view compares, with their rows (components/view.select_view)."""
    return view.select_view(get_frames(filters.lang), filters)


def data_date(lang: str = "en") -> str:
    """The day the data was last reviewed, in the reader's language (e.g. '29 de noviembre de 2026')."""
    about = get_load_result().dataset.about
    return formats.fmt_date(about.data_date, lang) if about else ""


def theme_labels(lang: str = "en") -> dict[str, str]:
    frame = get_frames(lang).themes
    return dict(zip(frame["theme_id"], frame["label"], strict=True))


def phase_labels(lang: str = "en") -> dict[str, str]:
    frame = get_frames(lang).phases
    return dict(zip(frame["phase_id"], frame["label"], strict=True))


def framework_names(lang: str = "en") -> dict[str, str]:
    """Framework id -> short name, in start-date order."""
    frame = get_frames(lang).frameworks
    return dict(zip(frame["framework_id"], frame["short_name"], strict=True))


def describe_view(filters: Filters) -> str:
    """'Mérida Initiative (Four pillars, 2011–2021) vs Bicentennial Framework (Three goals, 2021–)'."""
    lang = filters.lang
    selected = get_view(filters)
    names, phases = framework_names(lang), phase_labels(lang)
    parts = [
        t("filters.framework_phase", lang, framework=names.get(f, f), phase=phases.get(p, p))
        for f, p in zip(selected.framework_ids, selected.phase_ids, strict=True)
    ]
    return t("filters.versus", lang).join(parts)


def describe_filters(
    filters: Filters, *, with_years: bool = False, with_phase: bool = False, with_events: bool = False
) -> str:
    """The subtitle of a figure: the active theme filter, and the years / compared frameworks / event
    categories and countries where they apply (categories and countries only when chosen)."""
    lang = filters.lang
    labels = theme_labels(lang)
    parts = [
        t("filters.themes", lang, themes=", ".join(labels.get(th, th) for th in filters.themes))
        if filters.themes
        else t("filters.all_themes", lang)
    ]
    if with_years:
        parts.append(t("filters.years", lang, start=filters.year_from, end=filters.year_to))
    if with_phase:
        parts.append(describe_view(filters))
    if with_events and filters.categories:
        names = ", ".join(t(f"category.{c}", lang) for c in filters.categories)
        parts.append(t("filters.categories", lang, values=names))
    if with_events and filters.countries:
        names = ", ".join(t(f"country.{c}", lang) for c in filters.countries)
        parts.append(t("filters.countries", lang, values=names))
    return t("filters.separator", lang).join(parts)


def figure_meta(filters: Filters, subtitle: str, *, narrow: bool = False) -> FigureMeta:
    """What builders need to label a figure; `narrow` asks for the phone-width variant."""
    frame = get_frames(filters.lang).sources
    return FigureMeta(
        subtitle=subtitle,
        dashboard=t("app.title", filters.lang),
        data_date=data_date(filters.lang),
        lang=filters.lang,
        source_names=tuple(zip(frame["source_id"], frame["short"], strict=True)),
        narrow=narrow,
    )


def cached_figures(builder, *args, meta: FigureMeta, **kwargs):
    """(wide, narrow) variants of one figure, each built once per distinct input (see cached_figure)."""
    narrow = dataclasses.replace(meta, narrow=True)
    return (
        cached_figure(builder, *args, meta=meta, **kwargs),
        cached_figure(builder, *args, meta=narrow, **kwargs),
    )


def source_names(lang: str = "en") -> dict[str, str]:
    """Source id -> short name, for hover text and table views."""
    frame = get_frames(lang).sources
    return dict(zip(frame["source_id"], frame["short"], strict=True))


@st.cache_resource(max_entries=512, show_spinner=False)
def _cached_figure(builder_name: str, _builder, *args, **kwargs):
    # The leading underscore keeps Streamlit from hashing the function; its name is the key instead.
    return _builder(*args, **kwargs)


def cached_figure(builder, *args, **kwargs):
    """Build a figure through its pure builder once per distinct input; later reruns reuse it.

    Builders are pure, so equal inputs give equal figures; Streamlit only serialises the figure and
    never mutates it, so sharing one object across sessions is safe.
    """
    return _cached_figure(f"{builder.__module__}.{builder.__qualname__}", builder, *args, **kwargs)
