"""Each chart is sent once, in the variant the reader's screen needs; figures are cached by their inputs.

The browser side (the probe reporting a phone-width viewport) is covered by tests/browser/test_layout.py
at 390 px; here the server side: what a session that is (or is not) narrow is sent.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.ui import data as ui_data
from components.ui.viewport import NARROW_KEY
from tests.test_pages import APP, PAGES, TIMEOUT, navigation_mode  # noqa: F401  (fixture)

# finalize() in components/charts/style.py: body text 13 px wide, 12 px on a phone.
WIDE_FONT, NARROW_FONT = 13, 12


def run(page: str, narrow: bool | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if narrow is not None:
        at.session_state[NARROW_KEY] = narrow
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("page", "n_charts"), PAGES.items())
@pytest.mark.parametrize(("narrow", "font"), [(None, WIDE_FONT), (True, NARROW_FONT)])
def test_each_chart_is_sent_once_in_the_screens_variant(page, n_charts, narrow, font):
    at = run(page, narrow)
    specs = [json.loads(element.proto.spec) for element in at.get("plotly_chart")]
    assert len(specs) == n_charts, "one figure per chart, no hidden second variant"
    assert [spec["layout"]["font"]["size"] for spec in specs] == [font] * n_charts


def test_a_desktop_session_without_a_report_gets_the_wide_variant():
    at = run("pages/overview.py", None)
    assert at.session_state[NARROW_KEY] is False  # AppTest sends no "Mobi" User-Agent


def test_figures_are_cached_by_frame_content_not_identity():
    calls = []

    def builder(frame, *, meta):
        calls.append(1)
        return object()

    frame = pd.DataFrame({"id": ["a", "b"], "themes": [("t1",), ("t1", "t2")]})
    first = ui_data.cached_figure(builder, frame, meta="m")
    again = ui_data.cached_figure(builder, frame.copy(), meta="m")
    changed = ui_data.cached_figure(builder, frame.assign(themes=[("t1",), ("t2",)]), meta="m")
    assert first is again
    assert changed is not first
    assert len(calls) == 2


@pytest.mark.parametrize("page", list(PAGES))
def test_a_closed_table_view_sends_no_table(page):
    at = run(page, None)
    labels = [expander.label for expander in at.expander]
    assert "Table view of this chart" in labels
    assert not at.dataframe, "the table is sent only when its view is opened"


def test_an_opened_table_view_sends_its_table():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["table-timeline_chart"] = True
    at.switch_page("pages/timeline.py")
    at.run()
    assert not at.exception, at.exception
    assert len(at.dataframe) == 1
    assert len(at.dataframe[0].value) > 0


def test_a_frame_is_digested_once_while_it_lives(monkeypatch):
    pickled = []
    real_dumps = ui_data.pickle.dumps
    monkeypatch.setattr(ui_data.pickle, "dumps", lambda obj, **kw: pickled.append(1) or real_dumps(obj, **kw))
    frame = pd.DataFrame({"id": ["a", "b"], "themes": [("t1",), ("t1", "t2")]})
    first = ui_data._frame_digest(frame)
    assert ui_data._frame_digest(frame) == first
    assert len(pickled) == 1, "the same live frame is not pickled again"
    assert ui_data._frame_digest(frame.copy()) == first, "an equal copy has the same digest"
    assert ui_data._frame_digest(frame.assign(id=["a", "c"])) != first
    assert len(pickled) == 3


def test_figures_are_cached_by_the_labels_they_carry():
    from components.charts.style import FigureMeta

    calls = []

    def builder(*, meta):
        calls.append(meta.subtitle)
        return object()

    def meta(subtitle: str, names: tuple) -> FigureMeta:
        return FigureMeta(
            subtitle=subtitle, dashboard="D", data_date="1 May", lang="en", source_names=names, narrow=False
        )

    names = (("s1", "Source one"), ("s2", "Source two"))
    first = ui_data.cached_figure(builder, meta=meta("Human rights", names))
    assert ui_data.cached_figure(builder, meta=meta("Human rights", tuple(names))) is first
    assert ui_data.cached_figure(builder, meta=meta("Migration", names)) is not first
    assert ui_data.cached_figure(builder, meta=meta("Human rights", names[:1])) is not first
    assert calls == ["Human rights", "Migration", "Human rights"]


def test_a_cached_figure_is_converted_for_sending_once(monkeypatch):
    import plotly.graph_objects as go

    conversions = []
    real = go.Figure.to_dict
    monkeypatch.setattr(go.Figure, "to_dict", lambda self: conversions.append(1) or real(self))

    def builder(*, meta):
        return go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": meta}})

    figure = ui_data.cached_figure(builder, meta="Converted once")
    first, second = figure.to_dict(), figure.to_dict()
    assert len(conversions) == 1
    assert first == second and first is not second, "each caller gets its own top-level dict"
    assert first["layout"]["title"]["text"] == "Converted once"
    assert list(first["data"][0]["x"]) == ["a", "b"]


def test_sessions_with_the_same_filters_share_one_view():
    first, second = run("pages/compare.py", None), run("pages/compare.py", None)
    assert first.session_state[ui_data._VIEW_MEMO][2] is second.session_state[ui_data._VIEW_MEMO][2]
    other = AppTest.from_file(APP, default_timeout=TIMEOUT)
    other.query_params["theme"] = "human-rights"
    other.switch_page("pages/compare.py")
    other.run()
    assert not other.exception, other.exception
    narrowed = other.session_state[ui_data._VIEW_MEMO]
    assert narrowed[1].themes == ("human-rights",)
    assert narrowed[2] is not first.session_state[ui_data._VIEW_MEMO][2]
