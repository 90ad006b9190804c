"""The view's state in the session, its widgets, and the URL: one loop that keeps the three equal.

The session keeps the whole view (`state.Filters`: global filters and every page's own parameters).
It is read from the URL when the URL is news (a new session, a link opened in the same tab), so a
shared link restores the view; otherwise from the session, overlaid with the value of any bound widget
the reader has just changed. Widgets are
seeded from it when they are drawn (a widget hidden on one page keeps its value for the next), and at
the end of every run `write_url` rewrites the address bar from it, so the address bar is always the
share link. Each bound widget is declared once in BINDINGS (widget key → URL parameter, and how its
value maps to the state); the sidebar draws only the global filters its page uses
(`state.params_used_on`), and pages draw their own controls through `control()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components import state
from components.i18n import t
from components.safe_text import md_escape
from components.state import Choices, Filters
from components.ui.data import describe_view, framework_names, get_choices, phase_labels, theme_labels

SESSION_FILTERS = "_filters"
THEME_KEY = "sidebar_theme"
COMPARE_KEY = "sidebar_compare"
FROM_KEY, TO_KEY = "sidebar_from", "sidebar_to"
PHASE_KEY_PREFIX = "sidebar_phase_"  # + framework id: one phase picker per multi-phase framework
_WRITTEN = "_written_query"  # the query this session last wrote, to tell a newly opened link from it
_YEARS_SWAPPED = "_years_swapped"  # set by the year pickers' callback, shown once by the sidebar
SIDEBAR_PARAMS = (state.P_THEME, state.P_FROM, state.P_TO, state.P_COMPARE, state.P_PHASE)


@dataclass(frozen=True)
class Binding:
    """A widget bound to a URL parameter: how the widget's value maps to the state and back.

    to_state None: the value depends on the page's options (the pillar picker), so `pillar_picker`
    sets it from the widget's callback instead.
    """

    key: str
    param: str
    to_state: Callable[[Any, Choices], Any] | None
    to_widget: Callable[[Filters, Choices], Any]

    @property
    def field(self) -> str:
        return state.PARAM_BY_NAME[self.param].field


def _binding(key: str, param_name: str) -> Binding:
    """The usual mapping for a parameter's kind: lists ⇄ tuples, None ⇄ the default."""
    param = state.PARAM_BY_NAME[param_name]
    default = getattr(state.DEFAULTS, param.field)

    def to_widget(filters: Filters, _choices: Choices) -> Any:
        value = getattr(filters, param.field)
        return list(value) if param.kind == "ids" else value

    def to_state(value: Any, _choices: Choices) -> Any:
        if param.kind == "ids":
            return tuple(value or ())
        if param.kind == "flag":
            return bool(value)
        if param.kind == "text":
            return str(value or "").strip()[: state.MAX_SEARCH]
        return default if value is None else value

    return Binding(key, param_name, to_state, to_widget)


LANG_KEY = "sidebar_lang"
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each language in its own name, never translated

BINDINGS: tuple[Binding, ...] = (
    _binding(LANG_KEY, state.P_LANG),
    _binding(THEME_KEY, state.P_THEME),
    Binding(
        COMPARE_KEY,
        state.P_COMPARE,
        lambda value, c: state.normal_compare(value, c) if len(value or ()) == state.COMPARED else (),
        lambda f, c: list(f.compare or c.default_compare),
    ),
    _binding(FROM_KEY, state.P_FROM),
    _binding(TO_KEY, state.P_TO),
    _binding("timeline_lanes", state.P_LANES),
    _binding("timeline_categories", "category"),
    _binding("timeline_countries", "country"),
    Binding(
        "outcomes_indicators",
        state.P_INDICATOR,
        lambda value, c: state.normal_indicators(value or (), c),
        lambda f, c: list(c.default_indicators if f.indicators is None else f.indicators),
    ),
    _binding("outcomes_kinds", "assessment"),
    _binding("compare_show_figure", "figure"),
    _binding("compare_hide", "hide"),
    Binding("compare_pillar", "pillar", None, lambda f, c: f.pillar),
    Binding("goals_pillar", "pillar", None, lambda f, c: f.pillar),
    _binding("goals_measure", "measure"),
    _binding("sources_search", "q"),
    _binding("sources_kinds", "kind"),
)
BINDING_BY_KEY = {b.key: b for b in BINDINGS}


def _multi_phase(choices: Choices) -> dict[str, list[str]]:
    """framework id -> its phase ids, for frameworks with more than one phase (start-date order)."""
    grouped: dict[str, list[str]] = {}
    for phase_id, framework_id in choices.phases:
        grouped.setdefault(framework_id, []).append(phase_id)
    return {f: ids for f, ids in grouped.items() if len(ids) > 1}


def _shown_phase(filters: Filters, framework_id: str, phase_ids: list[str], choices: Choices) -> str:
    picked = [p for p in filters.phases if p in phase_ids]
    defaults = [p for p in choices.default_phases if p in phase_ids]
    return (picked or defaults or phase_ids[-1:])[0]


# --- the state of this session -------------------------------------------------------------------


def current() -> Filters:
    """The view as the session holds it now (after this run's widget changes so far)."""
    return st.session_state.get(SESSION_FILTERS, state.DEFAULTS)


def update(**changes: object) -> Filters:
    """Record changes to the view; the URL follows at the end of the run (`write_url`)."""
    filters = state.with_changes(current(), **changes)
    st.session_state[SESSION_FILTERS] = filters
    return filters


def raw_query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params.keys()}


def _overlay(filters: Filters, choices: Choices) -> Filters:
    """`filters` with the values of the bound widgets the session holds (what the reader just changed)."""
    changes: dict[str, object] = {}
    for binding in BINDINGS:
        if binding.to_state is not None and binding.key in st.session_state:
            changes[binding.field] = binding.to_state(st.session_state[binding.key], choices)
    multi = _multi_phase(choices)
    drawn = {
        f: st.session_state[PHASE_KEY_PREFIX + f] for f in multi if PHASE_KEY_PREFIX + f in st.session_state
    }
    if drawn:
        owner = dict(choices.phases)
        kept = [p for p in filters.phases if owner.get(p) not in drawn]
        changes["phases"] = state.normal_phases([*drawn.values(), *kept], choices)
    return state.with_changes(filters, **changes)


def read_url() -> tuple[Filters, list[state.Ignored]]:
    """The view of this run: from the URL when the URL is news, else the session's, plus widget changes.

    The URL is news when a session starts, and when it holds parameters this session did not write: a
    link opened or typed in the same tab (Streamlit then resumes the tab's session) or the browser's
    Back button. An empty query is not news: page switches through the navigation drop the query.
    """
    choices = get_choices()
    query = raw_query_params()
    if SESSION_FILTERS not in st.session_state or (query and query != st.session_state.get(_WRITTEN)):
        if SESSION_FILTERS in st.session_state:
            _forget_widgets(choices)
        filters, ignored = state.from_query_params(query, choices)
        if SESSION_FILTERS not in st.session_state and state.P_LANG not in query:
            filters = state.with_changes(filters, lang=browser_language(choices))
    else:
        filters, ignored = st.session_state[SESSION_FILTERS], []
    filters = _overlay(filters, choices)
    st.session_state[SESSION_FILTERS] = filters
    return filters, ignored


def browser_language(choices: Choices) -> str:
    """The reader's preferred language on a first visit without ?lang=: the browser's, if we have it."""
    candidates = [st.context.locale or ""]
    header = st.context.headers.get("Accept-Language") or ""
    candidates += [part.split(";")[0].strip() for part in header.split(",")]
    for candidate in candidates:
        code = candidate.split("-")[0].lower()
        if code in choices.langs:
            return code
    return state.DEFAULTS.lang


def _forget_widgets(choices: Choices) -> None:
    """Drop every bound widget's value so the widgets are seeded from a newly opened link."""
    keys = [b.key for b in BINDINGS] + [PHASE_KEY_PREFIX + f for f in _multi_phase(choices)]
    for key in keys:
        st.session_state.pop(key, None)


def reread_url() -> None:
    """Read the address bar as news on the next run, as for a newly opened link (used when the data
    changes under the view: a removed upload), so values it no longer allows fall back with the notice."""
    st.session_state.pop(_WRITTEN, None)


def keep(filters: Filters) -> Filters:
    """Remember filters without drawing the sidebar (presentation mode)."""
    st.session_state[SESSION_FILTERS] = filters
    return filters


def write_url(filters: Filters, page: str) -> None:
    """Make the address bar say exactly what the view shows on `page` (= its share link)."""
    wanted = state.to_query_params(filters, page=page)
    for name in state.PARAM_BY_NAME:
        value = wanted.get(name)
        target = [] if value is None else ([value] if isinstance(value, str) else list(value))
        if st.query_params.get_all(name) == target:
            continue
        if target:
            st.query_params[name] = target if len(target) > 1 else target[0]
        elif name in st.query_params:
            del st.query_params[name]
    # Anything not understood was already reported; drop it so a shared link is clean.
    for name in list(st.query_params.keys()):
        if name not in state.PARAM_BY_NAME and name not in state.STREAMLIT_PARAMS:
            del st.query_params[name]
    st.session_state[_WRITTEN] = raw_query_params()


def _seed(key: str, value: object) -> None:
    """Give a widget its value: the one it holds, else the state's (first drawing, or drawn again).

    Assigning on every run (even the value it already holds) makes Streamlit send the value to the
    browser, which a reloaded tab needs: Streamlit resumes the session but the page lost its widgets.
    """
    st.session_state[key] = st.session_state.get(key, value)


# --- drawing ---------------------------------------------------------------------------------------


def _order_years() -> None:
    """From after To: swap the two pickers (one notice, shown by the sidebar)."""
    year_from, year_to = st.session_state.get(FROM_KEY), st.session_state.get(TO_KEY)
    if year_from is not None and year_to is not None and year_from > year_to:
        st.session_state[FROM_KEY], st.session_state[TO_KEY] = year_to, year_from
        st.session_state[_YEARS_SWAPPED] = True


def render_sidebar(filters: Filters, page: str) -> Filters:
    """Draw the global filters that `page` uses; the others keep their values (session and URL)."""
    lang = filters.lang
    used = {p.name for p in state.params_used_on(page)}
    choices = get_choices()
    with st.sidebar:
        # The language switch comes first, on every page; switching keeps every other setting.
        _seed(LANG_KEY, filters.lang)
        st.segmented_control(
            t("sidebar.language", lang),
            options=list(choices.langs),
            format_func=lambda code: LANGUAGE_NAMES.get(code, code),
            key=LANG_KEY,
            required=True,
        )
        if not used & set(SIDEBAR_PARAMS):
            st.caption(t("sidebar.no_filters", lang))
            return filters
        st.subheader(t("sidebar.filters", lang))
        if state.P_THEME in used:
            themes = theme_labels(lang)
            _seed(THEME_KEY, list(filters.themes))
            st.multiselect(
                t("sidebar.themes", lang),
                options=list(choices.themes),
                format_func=lambda theme_id: themes.get(theme_id, theme_id),
                key=THEME_KEY,
                placeholder=t("sidebar.themes_placeholder", lang),
                help=t(f"sidebar.themes_help.{page}", lang),
            )
        if state.P_FROM in used:
            years = list(range(state.YEAR_MIN, choices.year_max + 1))
            _seed(FROM_KEY, filters.year_from)
            _seed(TO_KEY, filters.year_to)
            left, right = st.columns(2)
            left.selectbox(t("sidebar.from", lang), years, key=FROM_KEY, on_change=_order_years)
            right.selectbox(t("sidebar.to", lang), years, key=TO_KEY, on_change=_order_years)
            if st.session_state.pop(_YEARS_SWAPPED, False):
                st.warning(t("sidebar.years_swapped", lang), icon=":material/swap_horiz:")
        if state.P_COMPARE in used:
            names = framework_names(lang)
            _seed(COMPARE_KEY, list(filters.compare or choices.default_compare))
            compared = st.multiselect(
                t("sidebar.compare", lang),
                options=list(choices.frameworks),
                format_func=lambda framework_id: names.get(framework_id, framework_id),
                key=COMPARE_KEY,
                max_selections=state.COMPARED,
                help=t("sidebar.compare_help", lang),
            )
            if len(compared) != state.COMPARED:
                defaults = ", ".join(md_escape(names.get(f, f)) for f in choices.default_compare)
                st.warning(
                    t("sidebar.compare_two", lang, defaults=defaults), icon=":material/compare_arrows:"
                )
        if state.P_PHASE in used:
            names, phases = framework_names(lang), phase_labels(lang)
            for framework_id, phase_ids in _multi_phase(choices).items():
                key = PHASE_KEY_PREFIX + framework_id
                _seed(key, _shown_phase(filters, framework_id, phase_ids, choices))
                st.selectbox(
                    # A widget label is Markdown; an uploaded framework names itself.
                    t("sidebar.phase", lang, framework=md_escape(names.get(framework_id, framework_id))),
                    options=phase_ids,
                    format_func=lambda phase_id: phases.get(phase_id, phase_id),
                    key=key,
                    help=t("sidebar.phase_help", lang),
                )
    return filters


def control(key: str, widget: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Draw a page's own control bound to its URL parameter (see BINDINGS) and return its value.

    `widget` is a Streamlit widget function (st.toggle, a column's multiselect, …) called with `key`.
    The value returned is the state's (a deselected segmented control gives the default, not None).
    In presentation mode nothing is drawn and the value comes from the state (that is, the URL).
    """
    binding = BINDING_BY_KEY[key]
    choices = get_choices()
    filters = current()
    if filters.present:
        return binding.to_widget(filters, choices)
    _seed(key, binding.to_widget(filters, choices))
    value = widget(*args, key=key, **kwargs)
    if binding.to_state is None:
        return value
    return binding.to_widget(update(**{binding.field: binding.to_state(value, choices)}), choices)


def pillar_picker(
    key: str, label: str, pillar_ids: list[str], format_func: Callable[[str], str]
) -> str | None:
    """A pillar or goal to read in detail: the URL's `pillar` when this page lists it, else the first.

    The state drives the widget (not the other way round): only a reader's pick (the callback) changes
    `pillar`, so a list that changes under a theme filter never writes its first item into the URL.
    """
    filters = current()
    if not pillar_ids:
        return None
    wanted = filters.pillar if filters.pillar in pillar_ids else pillar_ids[0]
    if filters.present:
        return wanted
    st.session_state[key] = wanted
    st.selectbox(
        label, pillar_ids, format_func=format_func, key=key, on_change=_pick_pillar, args=(key, pillar_ids[0])
    )
    return wanted


def _pick_pillar(key: str, first: str) -> None:
    chosen = st.session_state[key]
    update(pillar=None if chosen == first else chosen)


def select_event(event_id: str | None) -> None:
    """Record a timeline event picked on the chart; rerun once so the highlight and the URL follow."""
    if event_id and event_id != current().event:
        update(event=event_id)
        st.rerun()


# --- the filter line and its Clear button -----------------------------------------------------------


def filter_params(page: str) -> tuple[state.Param, ...]:
    """The parameters that narrow what `page` shows: named in its filter line, reset by Clear."""
    return tuple(p for p in state.params_used_on(page) if p.role == "filter")


def clear_filters(page: str) -> None:
    """Callback of the filter line's Clear button: the page's filters back to their defaults."""
    params = filter_params(page)
    choices = get_choices()
    filters = state.reset(current(), params)
    st.session_state[SESSION_FILTERS] = filters
    names = {p.name for p in params}
    for binding in BINDINGS:
        if binding.param in names and binding.key in st.session_state:
            st.session_state[binding.key] = binding.to_widget(filters, choices)
    if state.P_PHASE in names:
        for framework_id, phase_ids in _multi_phase(choices).items():
            key = PHASE_KEY_PREFIX + framework_id
            if key in st.session_state:
                st.session_state[key] = _shown_phase(filters, framework_id, phase_ids, choices)


def describe_active(filters: Filters, page: str) -> str:
    """The page's filter line (markdown, data text escaped): the global filters it uses, always named,
    and its own filters where they are set."""
    lang = filters.lang
    used = {p.name for p in filter_params(page)}
    parts: list[str] = []
    if state.P_THEME in used:
        labels = theme_labels(lang)
        parts.append(
            t(
                "filters.themes",
                lang,
                themes=", ".join(md_escape(labels.get(th, th)) for th in filters.themes),
            )
            if filters.themes
            else t("filters.all_themes", lang)
        )
    if state.P_FROM in used:
        parts.append(t("filters.years", lang, start=filters.year_from, end=filters.year_to))
    if state.P_COMPARE in used:
        parts.append(md_escape(describe_view(filters)))
    own = [
        ("category", filters.categories, "filters.categories", "category."),
        ("country", filters.countries, "filters.countries", "country."),
        ("assessment", filters.assessment_kinds, "filters.assessment_kinds", "assessment."),
        ("kind", filters.source_kinds, "filters.source_kinds", "source_kind."),
    ]
    for name, values, key, prefix in own:
        if name in used and values:
            parts.append(t(key, lang, values=", ".join(t(prefix + v, lang) for v in values)))
    if "q" in used and filters.search:
        parts.append(t("filters.search", lang, text=md_escape(filters.search)))
    if not parts:
        return t("filters.nothing", lang)
    return t("filters.line", lang, filters=t("filters.separator", lang).join(parts))


# --- notices ----------------------------------------------------------------------------------------


def render_notice(ignored: list[state.Ignored], lang: str) -> None:
    """One visible notice for the whole URL: values ignored, and years swapped, in one box."""
    if not ignored:
        return
    sentences = []
    dropped = [i for i in ignored if i.reason == "ignored"]
    if dropped:
        # A crafted URL can carry hundreds of parameters: the first few, each cut short, then a count.
        # Names and values are escaped: they come straight from the address bar.
        shown = dropped[: state.MAX_SHOWN_ITEMS]
        items = ", ".join(
            md_escape(t("notice.item", lang, name=i.shown_name(), value=i.shown_value())) for i in shown
        )
        if len(dropped) > len(shown):
            items = t("notice.items_more", lang, items=items, count=len(dropped) - len(shown))
        sentences.append(t("notice.ignored", lang, items=items))
    for item in ignored:
        if item.reason == "swapped":
            later, earlier = item.value.split(">")
            sentences.append(t("notice.years_swapped", lang, later=later, earlier=earlier))
    st.warning(" ".join(sentences), icon=":material/link_off:")
