"""The link is the view: README's parameter table matches components/state.py, every parameter survives
a reload (AppTest opens the URL and reads back what the app wrote), and the Copy link equals the address."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from components import state
from tests.test_pages import filter_line, navigation_mode, run_app, theme_widget, url_values  # noqa: F401 (autouse fixture)

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGE_FILES = {name: f"pages/{name}.py" for name in state.PAGES}


def readme_param_rows() -> list[list[str]]:
    """The cells of each row of README's "Links and URL parameters" table."""
    section = README.split("### Links and URL parameters", 1)[1]
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
        elif rows and not line.startswith("|"):
            break
    return rows


def documented(param: state.Param) -> list[str]:
    """The first six cells README must show for `param`: name, pages, scope, type, repeatable, default."""
    return [
        f"`{param.name}`",
        "all" if param.pages == state.PAGES else ", ".join(param.pages),
        param.scope,
        param.type,
        "yes" if param.repeatable else "no",
        ", ".join(f"`{v}`" for v in param.default) or "—",
    ]


def readme_examples() -> list[tuple[str, str]]:
    """(parameter, example link) for every row of the table."""
    return [(row[0].strip("`"), row[7].strip("`")) for row in readme_param_rows()]


def test_readme_lists_exactly_the_parameters_of_the_table():
    rows = readme_param_rows()
    assert [row[:6] for row in rows] == [documented(p) for p in state.PARAMS]


def test_every_readme_example_names_its_parameter():
    for name, link in readme_examples():
        assert name in parse_qs(urlsplit(link).query, keep_blank_values=True), (name, link)


def open_link(link: str):
    """Open a path-and-query link in AppTest, as a browser would open it in a fresh session."""
    parts = urlsplit(link)
    page = parts.path.strip("/") or "overview"
    query = parse_qs(parts.query, keep_blank_values=True)
    return run_app(PAGE_FILES[page], **query), page, query


def written(at) -> dict[str, list[str]]:
    return {name: url_values(at, name) for name in at.query_params}


@pytest.mark.parametrize(("name", "link"), readme_examples(), ids=[n for n, _ in readme_examples()])
def test_every_readme_example_reopens_the_same_view(name, link):
    """Open each documented link: no notice, and the app writes back the same query (defaults left out)."""
    at, page, query = open_link(link)
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    param = state.PARAM_BY_NAME[name]
    expected = {k: v for k, v in query.items() if not (k == name and tuple(v) == param.default)}
    assert written(at) == expected


def test_from_2006_stays_in_the_url():
    """2006 is the year pickers' first option; it is still written (Streamlit's own binding dropped it)."""
    at = run_app("pages/timeline.py", **{"from": "2006"})
    assert url_values(at, "from") == ["2006"]
    assert at.selectbox(key="sidebar_from").value == 2006
    at.selectbox(key="sidebar_from").set_value(2010).run()
    at.selectbox(key="sidebar_from").set_value(2006).run()
    assert url_values(at, "from") == ["2006"]
    assert "2006–2021" in filter_line(at)


def test_picking_years_writes_them_and_the_default_drops_out():
    at = run_app("pages/timeline.py")
    at.selectbox(key="sidebar_to").set_value(2025).run()
    assert url_values(at, "to") == ["2025"] and url_values(at, "from") == []
    at.selectbox(key="sidebar_to").set_value(2021).run()
    assert url_values(at, "to") == []


def test_from_after_to_in_the_url_is_swapped_with_one_notice():
    at = run_app("pages/timeline.py", **{"from": "2020", "to": "2010"})
    assert not at.exception, at.exception
    assert len(at.warning) == 1
    assert "swapped" in at.warning[0].value and "not understood" not in at.warning[0].value
    assert (at.selectbox(key="sidebar_from").value, at.selectbox(key="sidebar_to").value) == (2010, 2020)
    assert (url_values(at, "from"), url_values(at, "to")) == (["2010"], ["2020"])


def test_a_bad_value_and_swapped_years_share_one_notice():
    at = run_app("pages/timeline.py", theme="nonsense", **{"from": "2020", "to": "2010"})
    assert len(at.warning) == 1
    text = at.warning[0].value.replace("\\", "")
    assert "theme=nonsense" in text and "swapped" in text


def test_from_after_to_in_the_sidebar_is_swapped_with_one_notice():
    at = run_app("pages/timeline.py")
    at.selectbox(key="sidebar_from").set_value(2015).run()
    at.selectbox(key="sidebar_to").set_value(2009).run()
    assert len(at.warning) == 1
    assert (at.selectbox(key="sidebar_from").value, at.selectbox(key="sidebar_to").value) == (2009, 2015)
    assert (url_values(at, "from"), url_values(at, "to")) == (["2009"], ["2015"])


# --- page-level parameters written by the page's own controls -------------------------------------


def reopen(at, page: str):
    """A fresh session opened at the URL `at` wrote (what a reader gets when reloading or sharing)."""
    return run_app(PAGE_FILES[page], **written(at))


@pytest.mark.parametrize(
    ("page", "kind", "key", "value", "param", "expected"),
    [
        ("goals", "segmented_control", "goals_measure", "share", "measure", ["share"]),
        ("compare", "toggle", "compare_show_figure", True, "figure", ["1"]),
        ("sources", "text_input", "sources_search", "GAO-10-837", "q", ["GAO-10-837"]),
        ("sources", "multiselect", "sources_kinds", ["audit", "official"], "kind", ["audit", "official"]),
        ("timeline", "multiselect", "timeline_categories", ["agreement"], "category", ["agreement"]),
        ("timeline", "multiselect", "timeline_countries", ["mx", "us"], "country", ["mx", "us"]),
        ("timeline", "radio", "timeline_lanes", "country", "lanes", ["country"]),
        ("outcomes", "multiselect", "outcomes_kinds", ["criticism"], "assessment", ["criticism"]),
        ("outcomes", "multiselect", "outcomes_indicators", [], "indicator", [""]),
        ("goals", "selectbox", "goals_pillar", "bic-g3", "pillar", ["bic-g3"]),
    ],
)
def test_page_controls_round_trip_through_the_url(page, kind, key, value, param, expected):
    """Change a page's control: the URL says so; reopening that URL restores the control."""
    at = run_app(PAGE_FILES[page])
    control = next(w for w in getattr(at, kind) if w.key == key)
    (control.input(value) if kind == "text_input" else control.set_value(value)).run()
    assert not at.exception, at.exception
    assert url_values(at, param) == expected
    again = reopen(at, page)
    assert not again.exception and not again.warning
    restored = next(w for w in getattr(again, kind) if w.key == key)
    assert restored.value == value
    assert url_values(again, param) == expected


def test_page_params_stay_on_their_page_and_come_back():
    """Goals' measure is not written on Compare, and returns with Goals."""
    at = run_app("pages/goals.py")
    at.segmented_control(key="goals_measure").set_value("share").run()
    at.switch_page("pages/compare.py").run()
    assert url_values(at, "measure") == []
    at.switch_page("pages/goals.py").run()
    assert at.segmented_control(key="goals_measure").value == "share"
    assert url_values(at, "measure") == ["share"]


def test_timeline_event_from_the_url_is_kept():
    at = run_app("pages/timeline.py", event="hlsd-2021-bicentennial-launch", lanes="country")
    assert url_values(at, "event") == ["hlsd-2021-bicentennial-launch"]
    assert url_values(at, "lanes") == ["country"]


# --- the Copy link ----------------------------------------------------------------------------------


def copy_link(at) -> str:
    """The address in the Copy link popover (the one code block whose text starts with '/')."""
    links = [c.value for c in at.code if c.value.startswith("/")]
    assert len(links) == 1, links
    return links[0]


@pytest.mark.parametrize("page", state.PAGES)
def test_copy_link_equals_the_address_bar(page):
    at = run_app(PAGE_FILES[page], theme="human-rights", **{"from": "2006"})
    link = urlsplit(copy_link(at))
    assert link.path == ("/" if page == "overview" else f"/{page}")
    assert parse_qs(link.query, keep_blank_values=True) == written(at)
    assert written(at)["from"] == ["2006"], "hidden filters stay in the link"


def test_copy_link_follows_a_control_changed_in_this_run():
    at = run_app("pages/goals.py")
    at.segmented_control(key="goals_measure").set_value("share").run()
    assert parse_qs(urlsplit(copy_link(at)).query) == {"measure": ["share"]}


def test_copy_link_is_left_out_in_presentation_mode():
    at = run_app("pages/goals.py", present="1")
    assert not [c for c in at.code if c.value.startswith("/")]


def test_search_text_from_the_url_is_shown_as_text():
    """A search carried by a link is escaped in the filter line, never rendered as markup."""
    at = run_app("pages/sources.py", q="**bold** <b>x</b>")
    assert not at.exception
    line = filter_line(at, raw=True)
    assert "\\*\\*bold\\*\\*" in line and "\\<b\\>" in line
    assert not [m for m in at.markdown if m.proto.allow_html]


def test_unknown_theme_keeps_the_hidden_filters():
    at = run_app("pages/sources.py", theme="nope", phase="merida-2007")
    assert len(at.warning) == 1
    assert url_values(at, "phase") == ["merida-2007"] and url_values(at, "theme") == []
    assert theme_widget_absent(at)


def theme_widget_absent(at) -> bool:
    try:
        theme_widget(at)
    except KeyError:
        return True
    return False


def test_the_url_table_names_real_pages():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    registered = re.findall(r'"(\w+)": st\.Page\(\s*"pages/(\w+)\.py"', app)
    assert [name for name, _ in registered] == list(state.PAGES)
    assert all(name == file for name, file in registered)


def test_a_link_opened_in_the_same_tab_wins_over_the_session():
    """Streamlit resumes a tab's session on reload; a URL this session did not write is still the view."""
    at = run_app("pages/timeline.py")
    at.selectbox(key="sidebar_from").set_value(2010).run()
    at.multiselect(key="timeline_categories").set_value(["funding"]).run()
    at.query_params.clear()
    at.query_params["from"] = "2015"
    at.query_params["country"] = "mx"
    at.run()
    assert at.selectbox(key="sidebar_from").value == 2015
    assert at.multiselect(key="timeline_categories").value == [], "the widgets follow the new link"
    assert at.multiselect(key="timeline_countries").value == ["mx"]
    assert written(at) == {"from": ["2015"], "country": ["mx"]}


def test_an_empty_query_keeps_the_session_view():
    """A page switch through the navigation drops the query; the session's view is written back."""
    at = run_app("pages/timeline.py", **{"from": "2010"})
    at.query_params.clear()
    at.run()
    assert written(at) == {"from": ["2010"]}


def test_a_pillar_list_narrowed_by_a_theme_does_not_write_a_pillar():
    at = run_app("pages/goals.py", theme="arms-trafficking")
    theme_widget(at).set_value([]).run()
    assert url_values(at, "pillar") == []
    at.selectbox(key="goals_pillar").set_value("bic-g3").run()
    assert url_values(at, "pillar") == ["bic-g3"]


GARBAGE = {"q": "x" * 101}  # any other text is a valid search; too long is not


@pytest.mark.parametrize("param", state.PARAMS, ids=lambda p: p.name)
def test_a_malformed_value_of_any_parameter_gives_one_notice_and_the_default(param):
    """Never a traceback: the value is named in one notice and left out of the rewritten URL."""
    page = param.pages[0]
    bad = GARBAGE.get(param.name, "<b>nonsense</b>")
    at = run_app(PAGE_FILES[page], **{param.name: bad})
    assert not at.exception, at.exception
    assert len(at.warning) == 1
    assert f"{param.name}={bad[: state.MAX_SHOWN_VALUE - 1]}" in at.warning[0].value.replace("\\", "")
    assert url_values(at, param.name) == []
