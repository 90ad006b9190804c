"""Filters and their URL form, pure: parse query parameters, write them back, and apply filters to frames.

Nothing here imports Streamlit, so every rule about the URL is unit-tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pandas as pd

from components.editorial import DEFAULT_YEARS

YEAR_MIN = 2006  # the timeline's earliest year: the presidencies in office when Mérida was agreed
DEFAULT_FROM, DEFAULT_TO = DEFAULT_YEARS
LANGS = ("en",)
LANES = ("category", "country")
MAX_SHOWN_VALUE = 40

# Query parameter names. Global ones travel with every page; page ones only where the page uses them.
P_THEME, P_COMPARE, P_PHASE, P_FROM, P_TO, P_EVENT, P_INDICATOR, P_LANG, P_PRESENT, P_LANES = (
    "theme", "compare", "phase", "from", "to", "event", "indicator", "lang", "present", "lanes",
)  # fmt: skip
GLOBAL_PARAMS = (P_THEME, P_COMPARE, P_PHASE, P_FROM, P_TO, P_LANG, P_PRESENT)
PAGE_PARAMS = (P_EVENT, P_INDICATOR, P_LANES)
# Parameters Streamlit itself may put in a URL; never reported as unknown.
STREAMLIT_PARAMS = ("embed", "embed_options")
COMPARED = 2  # a comparison sets exactly two frameworks side by side


@dataclass(frozen=True)
class Choices:
    """The values the data allows, so the URL can be checked against them.

    frameworks are in start-date order; phases are (phase id, framework id) pairs; default_compare is the
    pair a first visit shows and default_phases the phase each framework shows unless the URL picks one.
    """

    themes: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    phases: tuple[tuple[str, str], ...] = ()
    default_compare: tuple[str, ...] = ()
    default_phases: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    year_max: int = DEFAULT_TO


@dataclass(frozen=True)
class Filters:
    """The whole view state that a link reproduces. Defaults mean 'not in the URL'.

    compare holds two framework ids in start-date order, or () for the editorial default pair; phases
    holds the phases picked for multi-phase frameworks, only where they differ from the default phase.
    """

    themes: tuple[str, ...] = ()  # empty = all themes
    compare: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    year_from: int = DEFAULT_FROM
    year_to: int = DEFAULT_TO
    event: str | None = None
    indicators: tuple[str, ...] = ()  # empty = the page's default set
    lanes: str = "category"
    lang: str = "en"
    present: bool = False


@dataclass(frozen=True)
class Ignored:
    """One query parameter value that was not understood and fell back to its default."""

    name: str
    value: str

    def shown_value(self) -> str:
        value = self.value if len(self.value) <= MAX_SHOWN_VALUE else self.value[: MAX_SHOWN_VALUE - 1] + "…"
        return value


def _values(params: Mapping[str, object], name: str) -> list[str]:
    raw = params.get(name)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]  # type: ignore[union-attr]


def _year(text: str, year_max: int) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    return year if YEAR_MIN <= year <= year_max else None


def normal_compare(framework_ids: Iterable[str], choices: Choices) -> tuple[str, ...]:
    """Two distinct known framework ids in start-date order; () when they are the default pair."""
    order = {f: i for i, f in enumerate(choices.frameworks)}
    pair = tuple(sorted(dict.fromkeys(f for f in framework_ids if f in order), key=order.__getitem__))
    return () if pair == tuple(choices.default_compare) else pair


def normal_phases(phase_ids: Iterable[str], choices: Choices) -> tuple[str, ...]:
    """At most one known phase per framework, leaving out each framework's default phase."""
    owner = dict(choices.phases)
    kept: dict[str, str] = {}
    for phase_id in phase_ids:
        framework_id = owner.get(phase_id)
        if framework_id is not None and framework_id not in kept:
            kept[framework_id] = phase_id
    return tuple(p for p in kept.values() if p not in choices.default_phases)


def from_query_params(params: Mapping[str, object], choices: Choices) -> tuple[Filters, list[Ignored]]:
    """Parse query parameters into Filters; every value not understood is dropped and reported."""
    ignored: list[Ignored] = []
    known = set(GLOBAL_PARAMS) | set(PAGE_PARAMS) | set(STREAMLIT_PARAMS)
    for name in params:
        if name not in known:
            for value in _values(params, name) or [""]:
                ignored.append(Ignored(name, value))

    themes: list[str] = []
    for value in _values(params, P_THEME):
        if value in choices.themes:
            if value not in themes:
                themes.append(value)
        elif value != "":
            ignored.append(Ignored(P_THEME, value))

    compare_values = [v for v in _values(params, P_COMPARE) if v != ""]
    compare: tuple[str, ...] = ()
    if compare_values:
        known = [v for v in dict.fromkeys(compare_values) if v in choices.frameworks]
        if len(known) == COMPARED and len(compare_values) == COMPARED:
            compare = normal_compare(known, choices)
        else:
            ignored.append(Ignored(P_COMPARE, ",".join(compare_values)))

    owner = dict(choices.phases)
    phase_values: list[str] = []
    for value in _values(params, P_PHASE):
        if value in owner and owner[value] not in {owner[p] for p in phase_values}:
            phase_values.append(value)
        elif value != "":
            ignored.append(Ignored(P_PHASE, value))
    phases = normal_phases(phase_values, choices)

    years = {}
    for name, default in ((P_FROM, DEFAULT_FROM), (P_TO, DEFAULT_TO)):
        years[name] = default
        for value in _values(params, name)[:1]:
            year = _year(value, choices.year_max)
            if year is None:
                ignored.append(Ignored(name, value))
            else:
                years[name] = year
    if years[P_FROM] > years[P_TO]:
        ignored.append(Ignored(f"{P_FROM}/{P_TO}", f"{years[P_FROM]}>{years[P_TO]}"))
        years = {P_FROM: DEFAULT_FROM, P_TO: DEFAULT_TO}

    event = None
    for value in _values(params, P_EVENT)[:1]:
        if value in choices.events:
            event = value
        else:
            ignored.append(Ignored(P_EVENT, value))

    indicators: list[str] = []
    for value in _values(params, P_INDICATOR):
        if value in choices.indicators:
            if value not in indicators:
                indicators.append(value)
        elif value != "":
            ignored.append(Ignored(P_INDICATOR, value))

    lanes = "category"
    for value in _values(params, P_LANES)[:1]:
        if value in LANES:
            lanes = value
        else:
            ignored.append(Ignored(P_LANES, value))

    lang = "en"
    for value in _values(params, P_LANG)[:1]:
        if value in LANGS:
            lang = value
        else:
            ignored.append(Ignored(P_LANG, value))

    present = False
    for value in _values(params, P_PRESENT)[:1]:
        if value in ("1", "0"):
            present = value == "1"
        else:
            ignored.append(Ignored(P_PRESENT, value))

    filters = Filters(
        themes=tuple(themes),
        compare=compare,
        phases=phases,
        year_from=years[P_FROM],
        year_to=years[P_TO],
        event=event,
        indicators=tuple(indicators),
        lanes=lanes,
        lang=lang,
        present=present,
    )
    return filters, ignored


def to_query_params(filters: Filters, *, page_params: Iterable[str] = ()) -> dict[str, str | list[str]]:
    """The shortest query that reproduces `filters`: defaults are left out; page params only if asked."""
    out: dict[str, str | list[str]] = {}
    if filters.themes:
        out[P_THEME] = list(filters.themes)
    if filters.compare:
        out[P_COMPARE] = list(filters.compare)
    if filters.phases:
        out[P_PHASE] = list(filters.phases)
    if filters.year_from != DEFAULT_FROM:
        out[P_FROM] = str(filters.year_from)
    if filters.year_to != DEFAULT_TO:
        out[P_TO] = str(filters.year_to)
    if filters.lang != "en":
        out[P_LANG] = filters.lang
    if filters.present:
        out[P_PRESENT] = "1"
    wanted = set(page_params)
    if P_EVENT in wanted and filters.event:
        out[P_EVENT] = filters.event
    if P_INDICATOR in wanted and filters.indicators:
        out[P_INDICATOR] = list(filters.indicators)
    if P_LANES in wanted and filters.lanes != "category":
        out[P_LANES] = filters.lanes
    return out


def query_string(params: Mapping[str, str | list[str]]) -> str:
    """'?theme=a&theme=b&from=2008' (URL-encoded), or '' when there is nothing to say."""
    pairs = []
    for name, value in params.items():
        for item in [value] if isinstance(value, str) else value:
            pairs.append((name, item))
    return "?" + urlencode(pairs) if pairs else ""


def with_changes(filters: Filters, **changes: object) -> Filters:
    return replace(filters, **changes)


# --- applying filters to frames ------------------------------------------------


def matches_themes(themes_column: pd.Series, themes: tuple[str, ...]) -> pd.Series:
    """Boolean mask: rows whose tuple of theme ids intersects `themes` (all rows when no theme is chosen)."""
    if not themes:
        return pd.Series(True, index=themes_column.index)
    wanted = set(themes)
    return themes_column.map(lambda row_themes: bool(wanted.intersection(row_themes)))


def filter_themes(frame: pd.DataFrame, themes: tuple[str, ...], column: str = "themes") -> pd.DataFrame:
    return frame[matches_themes(frame[column], themes)] if themes else frame


def filter_years(frame: pd.DataFrame, year_from: int, year_to: int, column: str = "date") -> pd.DataFrame:
    """Rows whose date (Timestamp column) or year (int column) falls in [year_from, year_to]."""
    values = frame[column]
    years = values.dt.year if pd.api.types.is_datetime64_any_dtype(values) else values
    return frame[(years >= year_from) & (years <= year_to)]


def filter_spans(spans: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """Spans that overlap the years [year_from, year_to]."""
    if spans.empty:
        return spans
    still_open = spans["end"].isna()  # no sourced end: the span reaches the end of any range
    return spans[(still_open | (spans["end"].dt.year >= year_from)) & (spans["start"].dt.year <= year_to)]
