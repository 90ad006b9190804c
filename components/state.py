"""Filters and their URL form, pure: one table of URL parameters drives parsing, writing and notices.

`PARAMS` is the single description of the URL: each parameter's name, the `Filters` field it sets, its
type, whether it repeats, its default and the pages that use it. `from_query_params` and
`to_query_params` read and write through it, the UI keeps the address bar equal to
`to_query_params(filters, page=...)`, and tests/test_url.py checks that README's parameter table lists
exactly these parameters with these defaults. Nothing here imports Streamlit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlencode

import pandas as pd

from components import editorial

YEAR_MIN = 2006  # the timeline's earliest year: the presidencies in office when Mérida was agreed
DEFAULT_FROM, DEFAULT_TO = editorial.DEFAULT_YEARS
LANGS = ("en", "es")
LANES = ("category", "country")
MEASURES = ("count", "share")
MAX_SHOWN_VALUE = 40  # characters of an ignored parameter's name or value shown in the notice
MAX_SHOWN_ITEMS = 5  # ignored parameters listed in the notice; the rest are counted ("and 3 more")
MAX_SEARCH = 100  # characters of free text a link may carry (the Sources search)
COMPARED = 2  # a comparison sets exactly two frameworks side by side

# Pages by url_path, as app.py registers them.
PAGES = ("overview", "compare", "timeline", "goals", "outcomes", "sources")
EVERY_PAGE = "*"  # to_query_params(page=EVERY_PAGE): every page's parameters at once (tests, docs)
# Parameters Streamlit itself may put in a URL; never reported as unknown, never removed.
STREAMLIT_PARAMS = ("embed", "embed_options")


@dataclass(frozen=True)
class Param:
    """One URL parameter.

    field: the Filters attribute it sets. kind: how values are read (ids | one | year | flag | text |
    pair | phase). options: the Choices attribute listing the allowed values. default: the URL values
    that mean the same as leaving the parameter out (() = absent: all, none or the page's first item).
    pages: the pages whose view it changes. scope: "global" parameters stay in the URL on every page
    (so a filter hidden on one page keeps its value); "page" parameters appear only on their pages.
    role: "filter" narrows what a page shows (named in the line under the title and reset by its
    Clear button); "view" changes how it is shown; "mode" changes the whole app.
    explicit_empty: an empty value (`?indicator=`) means "none chosen" rather than the default.
    """

    name: str
    field: str
    type: str
    kind: Literal["ids", "one", "year", "flag", "text", "pair", "phase"]
    repeatable: bool
    default: tuple[str, ...]
    pages: tuple[str, ...]
    scope: Literal["global", "page"]
    role: Literal["filter", "view", "mode"]
    options: str = ""
    explicit_empty: bool = False


_THEMED = ("overview", "compare", "timeline", "goals", "outcomes")
_COMPARING = ("overview", "compare", "goals")

# One row per parameter: name, field, type, kind, repeatable, default, pages, scope, role, options.
PARAMS: tuple[Param, ...] = (
    Param("theme", "themes", "theme id", "ids", True, (), _THEMED, "global", "filter", "themes"),
    Param(
        "compare", "compare", "framework id (exactly two)", "pair", True, editorial.DEFAULT_COMPARE, _COMPARING, "global",
        "filter", "frameworks",
    ),
    Param(
        "phase", "phases", "phase id (one per framework)", "phase", True, tuple(editorial.DEFAULT_PHASES.values()), _COMPARING,
        "global", "filter",
    ),
    Param("from", "year_from", "year", "year", False, (str(DEFAULT_FROM),), ("timeline",), "global", "filter"),
    Param("to", "year_to", "year", "year", False, (str(DEFAULT_TO),), ("timeline",), "global", "filter"),
    Param("lang", "lang", "language code", "one", False, ("en",), PAGES, "global", "mode", "langs"),
    Param("present", "present", "1 or 0", "flag", False, ("0",), PAGES, "global", "mode"),
    Param("event", "event", "event id", "one", False, (), ("timeline",), "page", "view", "events"),
    Param("lanes", "lanes", "category or country", "one", False, ("category",), ("timeline",), "page", "view", "lanes"),
    Param("category", "categories", "event category", "ids", True, (), ("timeline",), "page", "filter", "categories"),
    Param("country", "countries", "event country", "ids", True, (), ("timeline",), "page", "filter", "countries"),
    Param(
        "indicator", "indicators", "indicator id", "ids", True, editorial.OUTCOME_DEFAULT_INDICATORS,
        ("outcomes",), "page", "view", "indicators", explicit_empty=True,
    ),
    Param(
        "assessment", "assessment_kinds", "assessment kind", "ids", True, (), ("outcomes",), "page", "filter",
        "assessment_kinds",
    ),
    Param("figure", "figure", "1 or 0", "flag", False, ("0",), ("compare",), "page", "view"),
    Param("hide", "hide", "1 or 0", "flag", False, ("0",), ("compare",), "page", "view"),
    Param("pillar", "pillar", "pillar or goal id", "one", False, (), ("compare", "goals"), "page", "view", "pillars"),
    Param("measure", "measure", "count or share", "one", False, ("count",), ("goals",), "page", "view", "measures"),
    Param("q", "search", "text (up to 100 characters)", "text", False, (), ("sources",), "page", "filter"),
    Param("kind", "source_kinds", "source kind", "ids", True, (), ("sources",), "page", "filter", "source_kinds"),
)  # fmt: skip
PARAM_BY_NAME = {p.name: p for p in PARAMS}

# Names kept as constants for the code that needs one parameter by name.
P_THEME, P_COMPARE, P_PHASE, P_FROM, P_TO, P_EVENT, P_INDICATOR, P_LANG, P_PRESENT, P_LANES = (
    "theme", "compare", "phase", "from", "to", "event", "indicator", "lang", "present", "lanes",
)  # fmt: skip
GLOBAL_PARAMS = tuple(p.name for p in PARAMS if p.scope == "global")
PAGE_PARAMS = tuple(p.name for p in PARAMS if p.scope == "page")


def params_used_on(page: str) -> tuple[Param, ...]:
    """The parameters that change what `page` shows (its controls, its filter line)."""
    return tuple(p for p in PARAMS if page in p.pages)


def params_written_on(page: str | None) -> tuple[Param, ...]:
    """The parameters the URL of `page` carries: every global one, and the page's own."""
    return tuple(
        p
        for p in PARAMS
        if p.scope == "global" or page == EVERY_PAGE or (page is not None and page in p.pages)
    )


@dataclass(frozen=True)
class Choices:
    """The values the data allows, so the URL can be checked against them.

    frameworks are in start-date order; phases are (phase id, framework id) pairs; default_compare is the
    pair a first visit shows and default_phases the phase each framework shows unless the URL picks one;
    default_indicators the Outcomes page's indicators unless the URL picks others.
    """

    themes: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    phases: tuple[tuple[str, str], ...] = ()
    default_compare: tuple[str, ...] = ()
    default_phases: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    year_max: int = DEFAULT_TO
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    assessment_kinds: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    default_indicators: tuple[str, ...] = ()
    langs: tuple[str, ...] = LANGS
    lanes: tuple[str, ...] = LANES
    measures: tuple[str, ...] = MEASURES


@dataclass(frozen=True)
class Filters:
    """The whole view state that a link reproduces. Defaults mean 'not in the URL'.

    compare holds two framework ids in start-date order, or () for the editorial default pair; phases
    holds the phases picked for multi-phase frameworks, only where they differ from the default phase.
    indicators is None for the Outcomes page's default set and () when none is chosen. Empty tuples of
    categories, countries and kinds mean all of them; pillar None means the first one listed.
    """

    themes: tuple[str, ...] = ()  # empty = all themes
    compare: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    year_from: int = DEFAULT_FROM
    year_to: int = DEFAULT_TO
    event: str | None = None
    indicators: tuple[str, ...] | None = None
    lanes: str = "category"
    lang: str = "en"
    present: bool = False
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    assessment_kinds: tuple[str, ...] = ()
    figure: bool = False
    hide: bool = False
    pillar: str | None = None
    measure: str = "count"
    search: str = ""
    source_kinds: tuple[str, ...] = ()


DEFAULTS = Filters()


@dataclass(frozen=True)
class Ignored:
    """One query parameter value that was not used as written.

    reason "ignored": not understood, so the default stands; "swapped": from/to given the wrong way
    round, so the two years were swapped (one notice, not a warning plus a fallback).
    """

    name: str
    value: str
    reason: Literal["ignored", "swapped"] = "ignored"

    def shown_name(self) -> str:
        """The name, cut to MAX_SHOWN_VALUE characters: a crafted URL cannot fill the notice."""
        return _shorten(self.name)

    def shown_value(self) -> str:
        """The value, cut to MAX_SHOWN_VALUE characters."""
        return _shorten(self.value)


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_SHOWN_VALUE else text[: MAX_SHOWN_VALUE - 1] + "…"


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


def _text(text: str) -> str | None:
    """Free text a link may carry: printable, at most MAX_SEARCH characters (None when it is not)."""
    text = text.strip()
    if len(text) > MAX_SEARCH or any(unicodedata.category(ch).startswith("C") for ch in text):
        return None
    return text


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


def normal_indicators(indicator_ids: Iterable[str], choices: Choices) -> tuple[str, ...] | None:
    """The chosen indicators, or None when they are the page's default set (in its order)."""
    chosen = tuple(dict.fromkeys(indicator_ids))
    return None if chosen == tuple(choices.default_indicators) else chosen


def _parse_one(param: Param, values: list[str], choices: Choices, ignored: list[Ignored]) -> object:
    """The value for one parameter from its URL values; what is not understood goes to `ignored`."""
    default = getattr(DEFAULTS, param.field)
    if param.kind == "pair":
        given = [v for v in values if v != ""]
        known = [v for v in dict.fromkeys(given) if v in choices.frameworks]
        if not given:
            return default
        if len(known) == COMPARED and len(given) == COMPARED:
            return normal_compare(known, choices)
        ignored.append(Ignored(param.name, ",".join(given)))
        return default
    if param.kind == "phase":
        owner = dict(choices.phases)
        kept: list[str] = []
        for value in values:
            if value in owner and owner[value] not in {owner[p] for p in kept}:
                kept.append(value)
            elif value != "":
                ignored.append(Ignored(param.name, value))
        return normal_phases(kept, choices)
    if param.kind == "ids":
        allowed = getattr(choices, param.options)
        kept = []
        for value in values:
            if value in allowed:
                kept.append(value)
            elif value != "":
                ignored.append(Ignored(param.name, value))
        if param.explicit_empty and values and all(v == "" for v in values):
            return ()  # `?indicator=`: none chosen
        if not kept:
            return default
        chosen = tuple(dict.fromkeys(kept))
        return normal_indicators(chosen, choices) if param.explicit_empty else chosen
    # Single-valued kinds: the first value counts; any further value is reported.
    first, extra = values[0], values[1:]
    ignored.extend(Ignored(param.name, v) for v in extra)
    value: object
    if param.kind == "year":
        value = _year(first, choices.year_max)
    elif param.kind == "flag":
        value = {"1": True, "0": False}.get(first)
    elif param.kind == "text":
        value = _text(first)
    else:
        value = first if first in getattr(choices, param.options) else None
    if value is None:
        ignored.append(Ignored(param.name, first))
        return default
    return value


def from_query_params(params: Mapping[str, object], choices: Choices) -> tuple[Filters, list[Ignored]]:
    """Parse query parameters into Filters; every value not used as written is reported once.

    Unknown parameters and values fall back to their defaults. From after To swaps the two years and
    reports that once (reason "swapped").
    """
    ignored: list[Ignored] = []
    known = set(PARAM_BY_NAME) | set(STREAMLIT_PARAMS)
    for name in params:
        if name not in known:
            for value in _values(params, name) or [""]:
                ignored.append(Ignored(name, value))
    changes: dict[str, object] = {}
    for param in PARAMS:
        values = _values(params, param.name)
        if values:
            changes[param.field] = _parse_one(param, values, choices, ignored)
    filters = replace(DEFAULTS, **changes)
    if filters.year_from > filters.year_to:
        ignored.append(Ignored(f"{P_FROM}/{P_TO}", f"{filters.year_from}>{filters.year_to}", "swapped"))
        filters = replace(filters, year_from=filters.year_to, year_to=filters.year_from)
    return filters, ignored


def _encode(value: object) -> list[str]:
    if isinstance(value, bool):
        return ["1" if value else "0"]
    if isinstance(value, tuple):
        return [str(v) for v in value] or [""]  # () differs from the default only where it means "none"
    return [str(value)]


def to_query_params(filters: Filters, *, page: str | None = None) -> dict[str, str | list[str]]:
    """The shortest query that reproduces `filters` on `page`: defaults are left out, and so are other
    pages' parameters (page None: the global parameters only; EVERY_PAGE: all of them)."""
    out: dict[str, str | list[str]] = {}
    for param in params_written_on(page):
        value = getattr(filters, param.field)
        if value == getattr(DEFAULTS, param.field):
            continue
        encoded = _encode(value)
        out[param.name] = encoded if param.repeatable else encoded[0]
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


def reset(filters: Filters, params: Iterable[Param]) -> Filters:
    """`filters` with the fields of `params` back at their defaults."""
    return replace(filters, **{p.field: getattr(DEFAULTS, p.field) for p in params})


def is_default(filters: Filters, params: Iterable[Param]) -> bool:
    return all(getattr(filters, p.field) == getattr(DEFAULTS, p.field) for p in params)


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
