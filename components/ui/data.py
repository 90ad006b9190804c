"""Cached access to the dataset and its frames: thin st.cache_resource wrappers around the loader.

The shipped data is loaded and framed once per server process. A framework a reader uploads lives in
their session only (st.session_state[UPLOAD_STATE]): every accessor below looks at this session's
upload and, when it is valid, returns the shipped data plus that framework, cached under the SHA-256
of the uploaded bytes. So shipped data stays cached once, a session sees only its own upload, and a
session without one gets exactly the shipped objects.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import typing
import weakref

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import editorial, view
from components.charts.style import FigureMeta
from components.data import schema
from components.data.frames import Frames, build_frames
from components.data.loader import DATA_DIR, LoadResult, load_dataset
from components.data.upload import UploadResult, load_framework_upload, with_upload
from components.i18n import formats, t
from components.state import Choices, Filters
from components.ui.viewport import is_narrow

UPLOAD_STATE = "_uploaded_framework"  # this session's SessionUpload; never in a shared cache key alone
UPLOAD_CACHE_ENTRIES = 16  # uploads (by digest) kept framed at once, across sessions; older ones rebuild


@dataclasses.dataclass(frozen=True)
class SessionUpload:
    """A framework file uploaded in this session: its name, its bytes and their SHA-256.

    `raw` is empty when the file was refused for its size before parsing (`size` says how big it was).
    """

    filename: str
    raw: bytes
    size: int
    digest: str

    @property
    def key(self) -> str:
        """The cache key of what this upload produces: its content and its name (problems name the file)."""
        return f"{self.digest}/{self.filename}"

    @property
    def too_large(self) -> bool:
        return not self.digest


def session_upload() -> SessionUpload | None:
    return st.session_state.get(UPLOAD_STATE)


def set_session_upload(filename: str, raw: bytes, *, max_bytes: int) -> SessionUpload:
    """Keep `raw` as this session's upload; a file over `max_bytes` is kept only by name and size."""
    if len(raw) > max_bytes:
        upload = SessionUpload(filename, b"", len(raw), "")
    else:
        upload = SessionUpload(filename, raw, len(raw), hashlib.sha256(raw).hexdigest())
    st.session_state[UPLOAD_STATE] = upload
    return upload


def clear_session_upload() -> None:
    st.session_state.pop(UPLOAD_STATE, None)


@st.cache_resource(show_spinner=False)
def shipped_load_result() -> LoadResult:
    """The shipped data, loaded once per server process; problems are kept for display."""
    return load_dataset(DATA_DIR)


@st.cache_resource(max_entries=UPLOAD_CACHE_ENTRIES, show_spinner=False)
def _upload_result(key: str, _upload: SessionUpload) -> UploadResult:
    # Keyed on the digest (the underscore keeps Streamlit from hashing up to 1 MB on every call).
    return load_framework_upload(_upload.raw, _upload.filename, shipped_load_result().dataset)


def get_upload_result() -> UploadResult | None:
    """What the loader made of this session's upload, or None without one (or one refused for size)."""
    upload = session_upload()
    if upload is None or upload.too_large:
        return None
    return _upload_result(upload.key, upload)


def _valid_upload() -> SessionUpload | None:
    """This session's upload when it loaded without a problem (all or nothing), else None."""
    result = get_upload_result()
    return session_upload() if result is not None and result.ok else None


@st.cache_resource(max_entries=UPLOAD_CACHE_ENTRIES, show_spinner=False)
def _uploaded_load_result(key: str, _upload: SessionUpload) -> LoadResult:
    shipped = shipped_load_result()
    return LoadResult(with_upload(shipped.dataset, _upload_result(key, _upload)), shipped.problems)


def get_load_result() -> LoadResult:
    """This session's data: the shipped data, plus its uploaded framework if it has a valid one.

    `problems` are always the shipped data's (an upload with problems is never added).
    """
    upload = _valid_upload()
    return shipped_load_result() if upload is None else _uploaded_load_result(upload.key, upload)


@st.cache_resource(show_spinner=False)
def _shipped_frames(lang: str) -> Frames:
    return build_frames(shipped_load_result().dataset, lang)


@st.cache_resource(max_entries=UPLOAD_CACHE_ENTRIES, show_spinner=False)
def _uploaded_frames(lang: str, key: str, _upload: SessionUpload) -> Frames:
    return build_frames(_uploaded_load_result(key, _upload).dataset, lang)


_FRAMES_MEMO = "_frames_memo"  # session key: (upload key or None, {lang: Frames})


def get_frames(lang: str = "en") -> Frames:
    """This session's frames in `lang` (see get_load_result).

    Cards and labels ask for them dozens of times per run, and each call of a cached function hashes
    its arguments and takes a lock; the answer for this session's upload (or none) is kept in the
    session, so only the first call of a run after an upload changes goes through the caches.
    """
    current = session_upload()
    upload_key = current.key if current is not None else None
    memo = st.session_state.get(_FRAMES_MEMO)
    if memo is None or memo[0] != upload_key:
        memo = (upload_key, {})
        st.session_state[_FRAMES_MEMO] = memo
    by_lang = memo[1]
    if lang not in by_lang:
        upload = _valid_upload()
        by_lang[lang] = (
            _shipped_frames(lang) if upload is None else _uploaded_frames(lang, upload.key, upload)
        )
    return by_lang[lang]


def get_choices() -> Choices:
    """What a URL may name (themes, frameworks, phases, events, indicators, years, and the values of the
    pages' own controls: categories, countries, kinds, pillars), from this session's data."""
    upload = _valid_upload()
    return _shipped_choices() if upload is None else _uploaded_choices(upload.key, upload)


@st.cache_resource(show_spinner=False)
def _shipped_choices() -> Choices:
    return _choices_of(_shipped_frames("en"))


@st.cache_resource(max_entries=UPLOAD_CACHE_ENTRIES, show_spinner=False)
def _uploaded_choices(key: str, _upload: SessionUpload) -> Choices:
    return _choices_of(_uploaded_frames("en", key, _upload))


def _choices_of(frames: Frames) -> Choices:
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


_VIEW_MEMO = "_view_memo"  # session key: (frames, filters, view) of the last selection


def get_view(filters: Filters) -> view.View:
    """The frameworks and phases this view compares, with their rows (components/view.select_view).

    A page asks for it two or three times per run with the same filters; the last answer is kept in
    the session (keyed by the frames object and the filters), so the selection runs once. Sessions with
    the same data and filters share one answer (_shared_view): a new session's first run, the usual cost
    of a shared link, then selects nothing, and the sessions a server keeps do not each hold a copy.
    """
    frames = get_frames(filters.lang)
    memo = st.session_state.get(_VIEW_MEMO)
    if memo is None or memo[0] is not frames or memo[1] != filters:
        upload = _valid_upload()
        memo = (frames, filters, _shared_view(upload.key if upload else "", filters, frames))
        st.session_state[_VIEW_MEMO] = memo
    return memo[2]


def _filters_key(filters: Filters) -> str:
    # Filters is a frozen dataclass of strings, numbers and tuples: its repr names every field and value,
    # so equal keys mean equal filters; Streamlit would deep-copy it into a dict first.
    return repr(filters)


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs={Filters: _filters_key})
def _shared_view(upload_key: str, filters: Filters, _frames: Frames) -> view.View:
    # `_frames` is not hashed: the frames of a session are determined by its upload and the language,
    # which `upload_key` and `filters.lang` are. Views are read, never changed, so sharing is safe.
    return view.select_view(_frames, filters)


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


# Lookups built from a frame (id -> label, …), by the id of the frame and a name: the frames are cached
# objects (shipped data, or shipped data plus one upload), so a page with dozens of cards builds each
# lookup once instead of once per card. The weak reference tells a live frame from a new one reusing its id.
_LOOKUPS: dict[tuple[int, str], tuple[weakref.ref, object]] = {}
_LOOKUP_LIMIT = 256  # lookups and figure-cache digests of the frames alive now


def frame_lookup(
    frame: pd.DataFrame, name: str, build: typing.Callable[[pd.DataFrame], typing.Any]
) -> typing.Any:
    """`build(frame)`, kept while `frame` lives (under `name`: one frame can have several lookups)."""
    entry = _LOOKUPS.get((id(frame), name))
    if entry is None or entry[0]() is not frame:
        if len(_LOOKUPS) >= _LOOKUP_LIMIT:
            _LOOKUPS.clear()
        entry = (weakref.ref(frame), build(frame))
        _LOOKUPS[(id(frame), name)] = entry
    return entry[1]


def figure_meta(filters: Filters, subtitle: str, *, narrow: bool = False) -> FigureMeta:
    """What builders need to label a figure; `narrow` asks for the phone-width variant."""
    frame = get_frames(filters.lang).sources
    return FigureMeta(
        subtitle=subtitle,
        dashboard=t("app.title", filters.lang),
        data_date=data_date(filters.lang),
        lang=filters.lang,
        source_names=frame_lookup(
            frame, "source_names", lambda f: tuple(zip(f["source_id"], f["short"], strict=True))
        ),
        narrow=narrow,
    )


def cached_figures(builder, *args, meta: FigureMeta, **kwargs):
    """The one variant of a figure this reader's screen needs, wide or phone-width (components/ui/viewport),
    built once per distinct input (see cached_figure). Only that variant is built and sent."""
    narrow = is_narrow()
    if narrow != meta.narrow:
        meta = dataclasses.replace(meta, narrow=narrow)
    return cached_figure(builder, *args, meta=meta, **kwargs)


def source_names(lang: str = "en") -> dict[str, str]:
    """Source id -> short name, for hover text and table views."""
    frame = get_frames(lang).sources
    return dict(zip(frame["source_id"], frame["short"], strict=True))


def _frame_digest(frame: pd.DataFrame) -> bytes:
    """A cache key for a frame: the digest of its pickle (dtypes, index and values).

    Streamlit's own frame hashing falls back to a slow path for cells holding lists and tuples (themes,
    sources): 5–90 ms per frame, several frames per figure, on every rerun. Pickling the same small
    frame takes well under a millisecond to a few. Equal content pickles equally; a pickle that differs
    for equal content only costs a rebuild, never a wrong figure.
    """
    # Kept while the frame lives (frame_lookup): the shared frames (the session's data, its view) are the
    # same objects on every run, so their digest is taken once; frames a page derives during a run are
    # new objects and digested anew. Frames are never changed in place once built (pandas copy-on-write;
    # no page assigns into one).
    return frame_lookup(frame, "digest", lambda f: hashlib.sha256(pickle.dumps(f, protocol=5)).digest())


def _meta_digest(meta: FigureMeta) -> bytes:
    """A cache key for a figure's labels: the digest of their pickle. Streamlit hashes a dataclass by
    deep-copying it into a dict and hashing every value: 6 ms for the 231 source names, per figure."""
    return hashlib.sha256(pickle.dumps(meta, protocol=5)).digest()


@st.cache_resource(
    max_entries=512,
    show_spinner=False,
    hash_funcs={pd.DataFrame: _frame_digest, pd.Series: _frame_digest, FigureMeta: _meta_digest},
)
def _cached_figure(builder_name: str, _builder, *args, **kwargs):
    # The leading underscore keeps Streamlit from hashing the function; its name is the key instead.
    built = _builder(*args, **kwargs)
    if isinstance(built, go.Figure):
        _convert_once(built)
    return built


def _convert_once(figure: go.Figure) -> None:
    """Make the dict st.plotly_chart asks for once, not on every run.

    st.plotly_chart calls figure.to_dict() each time it sends a figure: a deep copy plus a walk that
    encodes every array (26 ms for the timeline's figure). A cached figure is never changed (builders
    are pure, and nothing edits what they return), so its dict is the same every time; a shallow copy is
    handed out so that a caller replacing a top-level key does not change the cached one.
    """
    converted = figure.to_dict()
    figure.to_dict = lambda: dict(converted)


def cached_figure(builder, *args, **kwargs):
    """Build a figure through its pure builder once per distinct input; later reruns reuse it.

    Builders are pure, so equal inputs give equal figures; Streamlit only serialises the figure and
    never mutates it, so sharing one object across sessions is safe.
    """
    return _cached_figure(f"{builder.__module__}.{builder.__qualname__}", builder, *args, **kwargs)
