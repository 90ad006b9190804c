"""Bring your own framework in the app (AppTest): one session's upload, never another's; marked
"(uploaded)" everywhere; broken uploads and broken shipped data listed as plain-text problem lines.

AppTest in streamlit 1.67 drives st.file_uploader itself (`set_value((name, bytes, mime))`, `None` to
remove), so these tests go through the same widget callback a reader's browser triggers.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

import components.ui.data as ui_data
from components import state, view
from components.data.export import frame_csv
from components.data.frames import build_frames
from components.data.loader import DATA_DIR, load_dataset_strict
from components.data.upload import load_framework_upload, with_upload
from components.i18n import csv_headers, t

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
UPLOADS = ROOT / "tests" / "fixtures" / "upload"
MINIMAL_DIR = ROOT / "tests" / "fixtures" / "minimal"
VALID = (UPLOADS / "valid-framework.yaml").read_bytes()
BROKEN = (UPLOADS / "broken-framework.yaml").read_bytes()
TIMEOUT = 60
COMPARE = "pages/compare.py"
# Written by hand from tests/fixtures/upload/valid-framework.yaml (start 2015-06-01: after Mérida,
# 2007, before the Bicentennial Framework, 2021).
UPLOADED_ID = "example-upload"
UPLOADED_SHORT = "Example Upload (uploaded)"
UPLOADED_SHORT_ES = "Ejemplo subido (subido)"


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    """Run AppTest as the live server runs once st.navigation has been called (see test_pages.py)."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def run_app(page: str = COMPARE, **query: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, name: str | None, raw: bytes = b"") -> AppTest:
    """Put a file in the Compare page's uploader (None: remove it with the ×) and rerun."""
    uploader = at.file_uploader(key="compare_upload")
    uploader.set_value(None if name is None else (name, raw, "application/yaml"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def compare_picker(at: AppTest):
    return at.multiselect(key="sidebar_compare")


def url_values(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def markdown_text(at: AppTest) -> str:
    """Every Markdown-rendered string on the page (headings, captions, alerts, markdown)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in [*at.title, *at.header, *at.subheader]]
    parts += [a.value for a in [*at.error, *at.warning, *at.info, *at.success]]
    return "\n".join(parts)


# --- in the app ------------------------------------------------------------------------------------


def data_folder_state() -> list[tuple[str, int, int]]:
    return sorted(
        (str(p.relative_to(DATA_DIR)), p.stat().st_size, p.stat().st_mtime_ns) for p in DATA_DIR.rglob("*")
    )


def test_a_valid_upload_is_compared_and_marked_uploaded():
    before = data_folder_state()
    at = upload(run_app(), "valid-framework.yaml", VALID)
    assert data_folder_state() == before  # nothing written to data/
    picker = compare_picker(at)
    assert UPLOADED_SHORT in picker.options  # the picker shows names, marked
    # Compared with the framework before it by start date, the Mérida Initiative.
    assert picker.value == ["merida", UPLOADED_ID]
    assert url_values(at, "compare") == ["merida", UPLOADED_ID]
    headings = [h.value for h in at.subheader]
    assert r"Example Upload \(uploaded\)" in headings  # Markdown-escaped column heading
    # No crosswalk reaches an upload: side by side, with the notice that says why.
    assert t("compare.uploaded_no_crosswalk") in [i.value for i in at.info]
    assert not [c for c in at.get("plotly_chart") if c.key == "compare_sankey"]


def test_sessions_never_see_each_others_upload():
    first = upload(run_app(), "valid-framework.yaml", VALID)
    assert UPLOADED_SHORT in compare_picker(first).options

    second = run_app()
    assert UPLOADED_SHORT not in compare_picker(second).options
    assert compare_picker(second).options == [
        "Mérida Initiative", "Bicentennial Framework", "2025 Security Program",
    ]  # fmt: skip
    assert "Example Upload" not in markdown_text(second)
    # A link naming the other session's upload falls back with the usual notice.
    linked = run_app(compare=["merida", UPLOADED_ID])
    notice = " ".join(w.value for w in linked.warning)
    assert "example\\-upload" in notice
    assert url_values(linked, "compare") == []  # the default pair

    first.run()  # the first session still has its own
    assert UPLOADED_SHORT in compare_picker(first).options


def test_the_upload_shows_on_overview_goals_and_timeline_of_its_session():
    at = upload(run_app(), "valid-framework.yaml", VALID)
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception
    assert r"### Example Upload Framework \(uploaded\)" in markdown_text(at)  # its framework card
    at.switch_page("pages/goals.py")
    at.run()
    assert not at.exception
    assert UPLOADED_SHORT in compare_picker(at).options
    charts = json.dumps([c.proto.spec for c in at.get("plotly_chart")])
    assert UPLOADED_SHORT in charts
    at.switch_page("pages/timeline.py")
    at.run()
    assert not at.exception
    # The framework period is shaded and labelled with the marked name.
    assert UPLOADED_SHORT in json.dumps([c.proto.spec for c in at.get("plotly_chart")])


def test_a_broken_upload_lists_every_problem_as_plain_text():
    at = upload(run_app(), "broken-framework.yaml", BROKEN)
    shown = "\n".join(c.value for c in at.code)
    # Expected lines written by hand from the fixture's lines 31 and 36.
    assert (
        "broken-framework.yaml:31:22  phases[0].pillars[0].objectives[0].themes[0]  [unknown-theme]" in shown
    )
    assert "broken-framework.yaml:36:19  phases[0].pillars[1].sources[0]  [unknown-source]" in shown
    errors = " ".join(e.value for e in at.error)
    assert "broken\\-framework\\.yaml" in errors and "2 problem(s)" in errors
    # The problem lines are never rendered as Markdown.
    assert "[unknown-theme]" not in markdown_text(at)
    # The page keeps the shipped data: the default pair, with its Sankey.
    assert UPLOADED_SHORT not in compare_picker(at).options
    assert "Example Upload" not in " ".join(compare_picker(at).options)
    assert [c for c in at.get("plotly_chart") if c.key == "compare_sankey"]


def test_removing_the_upload_restores_the_shipped_view():
    at = upload(run_app(), "valid-framework.yaml", VALID)
    assert url_values(at, "compare") == ["merida", UPLOADED_ID]
    upload(at, None)
    assert compare_picker(at).options == [
        "Mérida Initiative", "Bicentennial Framework", "2025 Security Program",
    ]  # fmt: skip
    assert compare_picker(at).value == ["merida", "bicentennial"]
    assert url_values(at, "compare") == []
    assert [h.value for h in at.subheader][:2] == ["Mérida Initiative", "Bicentennial Framework"]
    # The link that named it falls back with the usual notice, naming what was ignored.
    assert "compare\\=merida\\,example\\-upload" in " ".join(w.value for w in at.warning)


def test_a_broken_file_replacing_a_compared_upload_falls_back_with_the_notice():
    at = upload(run_app(), "valid-framework.yaml", VALID)
    assert url_values(at, "compare") == ["merida", UPLOADED_ID]
    upload(at, "broken-framework.yaml", BROKEN)
    assert UPLOADED_SHORT not in compare_picker(at).options
    assert url_values(at, "compare") == []
    assert "compare\\=merida\\,example\\-upload" in " ".join(w.value for w in at.warning)


def test_a_file_over_the_limit_is_refused_before_parsing(monkeypatch):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("the loader was called for a file over the limit")

    monkeypatch.setattr(ui_data, "load_framework_upload", must_not_parse)
    at = upload(run_app(), "huge.yaml", b"#" * 1_000_001)
    errors = " ".join(e.value for e in at.error)
    assert "huge\\.yaml" in errors and "1,000,001" in errors and "1,000,000" in errors
    assert len(compare_picker(at).options) == 3


def test_csv_downloads_carry_the_uploaded_column(monkeypatch):
    """The CSVs of Compare and Goals say which rows were uploaded (recorded as the page offers them)."""
    offered: dict[str, str] = {}
    original = st.download_button

    def record(label, data=None, *args, key=None, **kwargs):
        offered[key] = data() if callable(data) else data  # CSVs are built when clicked (deferred data)
        return original(label, data, *args, key=key, **kwargs)

    monkeypatch.setattr(st, "download_button", record)
    at = upload(run_app(), "valid-framework.yaml", VALID)
    at.switch_page("pages/goals.py")
    at.run()
    assert not at.exception
    for key in ("compare_objectives_csv", "goals_csv"):
        lines = offered[key].splitlines()
        assert lines[0].split(",")[-1] == "uploaded", key
        uploaded_rows = [
            line
            for line in lines
            if line.startswith("example-upload-objective-") or (",example-upload-objective-" in line)
        ]
        assert len(uploaded_rows) == 2 and all(row.endswith(",True") for row in uploaded_rows), key
        assert sum(line.endswith(",False") for line in lines[1:]) > 0, key


def test_spanish_marks_the_upload_subido():
    at = upload(run_app(lang="es"), "valid-framework.yaml", VALID)
    assert UPLOADED_SHORT_ES in compare_picker(at).options


# --- broken shipped data -----------------------------------------------------------------------------


@pytest.fixture
def shipped_data(monkeypatch):
    """Point the app at another data folder; the caches are emptied before and after."""

    def use(folder: Path) -> None:
        monkeypatch.setattr(ui_data, "DATA_DIR", folder)
        st.cache_resource.clear()

    yield use
    monkeypatch.undo()
    st.cache_resource.clear()


def test_broken_shipped_data_lists_every_problem_and_keeps_the_rest(shipped_data, tmp_path):
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL_DIR, folder)
    (folder / "commitments.yaml").write_bytes(b"commitments: [\n")
    shipped_data(folder)
    at = run_app()
    shown = [c.value for c in at.code]
    assert "minimal/commitments.yaml:2:1  -  [yaml-syntax]  YAML syntax error" in shown[0]
    assert len(shown[0].splitlines()) == 1
    assert t("ui.data_problems", "en", count=1) in [e.value for e in at.error]
    # What is valid is still shown: the minimal data's two frameworks side by side.
    assert [h.value for h in at.subheader][:2] == ["Merida", "Bicentennial"]


@pytest.mark.parametrize("page", ["pages/overview.py", COMPARE])
def test_data_too_broken_to_draw_a_page_shows_the_list_not_a_traceback(shipped_data, tmp_path, page):
    shipped_data(tmp_path)  # an empty folder: every required file is missing
    at = run_app(page)  # asserts no exception
    assert t("problems.page_failed") in [e.value for e in at.error]
    shown = "\n".join(c.value for c in at.code)
    assert f"{tmp_path.name}/themes.yaml:1:1  -  [missing-file]" in shown


# --- the data behind it --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uploaded():
    """The shipped dataset plus the valid fixture upload, as the app builds it."""
    base = load_dataset_strict(DATA_DIR)
    result = load_framework_upload(VALID, "valid-framework.yaml", base)
    assert result.ok, [p.format() for p in result.problems]
    return with_upload(base, result)


def test_frames_mark_uploaded_items(uploaded):
    frames = build_frames(uploaded, "en")
    marked = frames.frameworks.set_index("framework_id")
    assert marked.at[UPLOADED_ID, "uploaded"] and not marked.at["merida", "uploaded"]
    assert marked.at[UPLOADED_ID, "name"] == "Example Upload Framework (uploaded)"
    assert marked.at[UPLOADED_ID, "short_name"] == UPLOADED_SHORT
    for frame in (frames.phases, frames.pillars, frames.objectives):
        assert set(frame.loc[frame["uploaded"], "framework_id"]) == {UPLOADED_ID}
    assert set(frames.pillars.loc[frames.pillars["uploaded"], "framework_short"]) == {UPLOADED_SHORT}
    assert list(frames.sources.loc[frames.sources["uploaded"], "source_id"]) == ["example-upload-source"]
    assert list(frames.sources.loc[frames.sources["uploaded"], "short"]) == [
        "Example source (2015) (uploaded)"
    ]
    assert list(frames.spans.loc[frames.spans["uploaded"], "label"]) == [UPLOADED_SHORT]
    assert list(frames.frameworks["framework_id"]) == ["merida", UPLOADED_ID, "bicentennial", "program-2025"]
    spanish = build_frames(uploaded, "es").frameworks.set_index("framework_id")
    assert spanish.at[UPLOADED_ID, "short_name"] == UPLOADED_SHORT_ES


def test_exports_carry_the_uploaded_column(uploaded):
    objectives = build_frames(uploaded, "es").objectives
    header = frame_csv(objectives.rename(columns=csv_headers(objectives.columns, "es"))).splitlines()[0]
    assert header.split(",")[-1] == "subido"
    rows = [line for line in frame_csv(objectives).splitlines() if "example-upload-objective-1" in line]
    assert len(rows) == 1 and rows[0].endswith(",True")


def test_an_upload_between_two_frameworks_leaves_their_crosswalk(uploaded):
    frames = build_frames(uploaded, "en")
    shipped = view.select_view(frames, state.Filters(compare=("merida", "bicentennial")))
    assert shipped.linked and not shipped.crosswalk.empty
    # 'new' links keep the shipped predecessor as their missing end, not the upload dated between.
    assert UPLOADED_ID not in set(frames.crosswalk["from_framework_id"]) | set(
        frames.crosswalk["to_framework_id"]
    )
    with_upload_pair = view.select_view(frames, state.Filters(compare=("merida", UPLOADED_ID)))
    assert with_upload_pair.framework_ids == ("merida", UPLOADED_ID)
    assert not with_upload_pair.linked and with_upload_pair.crosswalk.empty
