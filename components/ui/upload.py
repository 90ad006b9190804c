"""Bring your own framework: the Compare page's uploader, its template and docs, and what became of the file.

The file lives in this session only (components/ui/data.py keeps it in st.session_state and keys every
cache on its digest); nothing is written to data/ or to disk. A valid upload joins the compared pair;
removing or replacing it sends the view back through the URL, whose parameters that named it then
fall back with the usual notice.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components import state
from components.data.safe_yaml import MAX_FILE_BYTES
from components.i18n import formats, t
from components.safe_text import md_escape
from components.ui import filters as ui_filters
from components.ui.data import (
    clear_session_upload,
    framework_names,
    get_choices,
    get_upload_result,
    session_upload,
    set_session_upload,
)
from components.ui.problems import render_problem_list

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "framework-template.yaml"
GUIDE = ROOT / "docs" / "contributing.md"
UPLOADER_KEY = "compare_upload"
FILE_TYPES = ["yaml", "yml"]


def _uploaded_ids() -> set[str]:
    """Ids of this session's valid uploaded framework, its phases, pillars and objectives (else empty)."""
    result = get_upload_result()
    if result is None or not result.ok:
        return set()
    framework = result.framework
    ids = {framework.id}
    for phase in framework.phases:
        ids.add(phase.id)
        for pillar in phase.pillars:
            ids.add(pillar.id)
            ids.update(objective.id for objective in pillar.objectives)
    return ids


def _named_by_view(ids: set[str]) -> bool:
    filters = ui_filters.current()
    return bool(ids & {*filters.compare, *filters.phases, filters.pillar or ""})


def accept_upload(filename: str, raw: bytes) -> None:
    """Make `raw` this session's upload: what the uploader's callback does with a new file.

    A file over the reader's byte limit is refused before parsing. A valid framework is compared with
    its neighbour by start date; a file that replaces an upload the view named sends the view back
    through the URL.
    """
    before = _uploaded_ids()
    set_session_upload(filename, raw, max_bytes=MAX_FILE_BYTES)
    result = get_upload_result()
    if result is not None and result.ok:
        _compare_with_neighbour(result.framework.id, forget=before)
    elif _named_by_view(before):
        ui_filters.reread_url()


def remove_upload() -> None:
    """Forget this session's upload; a view that named it falls back through the URL with a notice."""
    before = _uploaded_ids()
    clear_session_upload()
    if _named_by_view(before):
        ui_filters.reread_url()


def _on_change() -> None:
    file = st.session_state.get(UPLOADER_KEY)
    if file is None:  # the reader removed the file with the uploader's ×
        remove_upload()
    else:
        accept_upload(file.name, file.getvalue())


def _compare_with_neighbour(framework_id: str, *, forget: set[str]) -> None:
    """Compare the upload with the framework before it by start date (after it, if it is the first).

    `forget`: ids of an upload this one replaces; a phase picked for it is dropped from the view.
    """
    choices = get_choices()
    order = list(choices.frameworks)
    if len(order) < state.COMPARED:
        return
    at = order.index(framework_id)
    partner = order[at - 1] if at > 0 else order[at + 1]
    pair = [f for f in order if f in (framework_id, partner)]
    phases = tuple(p for p in ui_filters.current().phases if p not in forget)
    ui_filters.update(compare=state.normal_compare(pair, choices), phases=phases, pillar=None)
    st.session_state[ui_filters.COMPARE_KEY] = pair  # the sidebar picker shows the new pair


def render_upload_section(lang: str) -> None:
    """The uploader with the template, the guide and the schema, then what became of the file."""
    upload = session_upload()
    with st.expander(t("upload.title", lang), expanded=upload is not None):
        st.markdown(t("upload.intro", lang))
        st.file_uploader(
            t("upload.label", lang),
            type=FILE_TYPES,
            accept_multiple_files=False,
            key=UPLOADER_KEY,
            on_change=_on_change,
            help=t("upload.help", lang),
        )
        _render_outcome(lang)
        with st.container(horizontal=True, gap="small"):
            for key, path, label, mime in (
                ("compare_upload_template", TEMPLATE, "upload.template", "application/yaml"),
                ("compare_upload_guide", GUIDE, "upload.guide", "text/markdown"),
            ):
                if path.is_file():  # read when clicked: not every visit to Compare needs the file
                    st.download_button(
                        t(label, lang), data=path.read_bytes, file_name=path.name, mime=mime, key=key,
                        on_click="ignore",
                    )  # fmt: skip
            st.page_link("pages/sources.py", label=t("upload.schema", lang))


def _render_outcome(lang: str) -> None:
    """Loaded, refused for its size, or every problem as plain text; and a way to remove it."""
    upload = session_upload()
    if upload is None:
        return
    file = md_escape(upload.filename)
    result = get_upload_result()
    if upload.too_large:
        size, limit = formats.fmt_number(upload.size, lang), formats.fmt_number(MAX_FILE_BYTES, lang)
        st.error(t("upload.too_large", lang, file=file, size=size, limit=limit), icon=":material/block:")
    elif result.ok:
        name = md_escape(framework_names(lang).get(result.framework.id, result.framework.id))
        st.success(t("upload.ok", lang, file=file, name=name), icon=":material/check_circle:")
    else:
        st.error(t("upload.problems", lang, file=file, count=len(result.problems)), icon=":material/error:")
        render_problem_list(result.problems, lang)
    if st.session_state.get(UPLOADER_KEY) is None:
        # Drawn again after a visit to another page, the uploader is empty: this button removes the file.
        st.caption(t("upload.in_session", lang, file=file))
        st.button(t("upload.remove", lang), key="compare_upload_remove", on_click=remove_upload)
