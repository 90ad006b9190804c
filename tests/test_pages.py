"""AppTest for every page: runs without exceptions, draws its charts, follows the theme filter, and keeps the URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from components.i18n import t

PAGES = {
    "pages/overview.py": 1,
    "pages/compare.py": 1,
    "pages/timeline.py": 1,
    "pages/goals.py": 2,
    "pages/outcomes.py": 1,
}
TIMEOUT = 60
ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DATA_DIR = ROOT / "data"
DEFAULT_PAIR = ["merida", "bicentennial"]  # the editorial default comparison (components/editorial.py)


def data_file(relative: str) -> dict:
    """A shipped data file read directly, independently of the app's loader."""
    return yaml.safe_load((DATA_DIR / relative).read_text(encoding="utf-8"))


def framework_order() -> list[str]:
    """Framework ids in start-date order, from the framework files."""
    documents = [data_file(f"frameworks/{path.name}") for path in (DATA_DIR / "frameworks").glob("*.yaml")]
    return [d["id"] for d in sorted(documents, key=lambda d: (str(d["start"]), d["id"]))]


def short_name(framework_id: str) -> str:
    return data_file(f"frameworks/{framework_id}.yaml")["short_name"]["en"]


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    """Run AppTest as the server runs once st.navigation has been called.

    AppTest re-detects the app's mode on every run and, because a pages/ folder exists, runs a switched-to
    page file directly (the old pages-directory mode) instead of app.py. The live server switches to
    st.navigation mode for good on its first run; this shim does the same so app.py's shell runs too.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def run_app(page: str | None = None, **query: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    if page is not None:
        at.switch_page(page)
    at.run()
    return at


def url_values(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def shown_text(at: AppTest) -> str:
    """All markdown on the page, with the escaping backslashes removed."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def charts(at: AppTest) -> list[dict]:
    """Every wide (desktop) chart on the page: a default session gets only those; a phone-width
    session's charts are keyed '<key>-narrow' (components/ui/viewport.py) and left out here."""
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart") if not e.proto.id.endswith("-narrow")]


def theme_widget(at: AppTest):
    return at.multiselect(key="sidebar_theme")


@pytest.mark.parametrize(("page", "n_charts"), PAGES.items())
def test_page_runs_and_draws_its_charts(page, n_charts):
    at = run_app(page)
    assert not at.exception, at.exception
    figures = charts(at)
    assert len(figures) == n_charts
    for figure in figures:
        assert figure["layout"]["title"]["text"], "every figure has a title"
        footer = [a for a in figure["layout"].get("annotations", []) if "data as of" in a.get("text", "")]
        assert footer, "every figure carries the footer with the data date"


@pytest.mark.parametrize("page", [p for p in PAGES if p != "pages/outcomes.py"])
def test_theme_filter_changes_the_figures(page):
    at = run_app(page)
    before = charts(at)
    theme_widget(at).set_value(["arms-trafficking"]).run()
    assert not at.exception, at.exception
    after = charts(at)
    assert after != before
    assert "Arms trafficking" in after[0]["layout"]["title"]["subtitle"]["text"]
    assert url_values(at, "theme") == ["arms-trafficking"]


def test_opening_a_url_restores_the_view():
    at = run_app("pages/timeline.py", theme=["human-rights", "rule-of-law"], phase="merida-2007")
    assert not at.exception
    assert theme_widget(at).value == ["human-rights", "rule-of-law"]
    subtitle = charts(at)[0]["layout"]["title"]["subtitle"]["text"]
    assert "Human rights" in subtitle and "Rule of law" in subtitle
    assert not at.warning, "a valid URL gives no notice"
    # The timeline shows no phase picker, but the phase stays in the link and reaches Compare.
    assert url_values(at, "phase") == ["merida-2007"]
    at.switch_page("pages/compare.py").run()
    assert at.selectbox(key="sidebar_phase_merida").value == "merida-2007"


def test_years_from_url_are_set_in_the_pickers():
    at = run_app("pages/timeline.py", **{"from": "2010", "to": "2012"})
    assert at.selectbox(key="sidebar_from").value == 2010
    assert at.selectbox(key="sidebar_to").value == 2012
    figure = charts(at)[0]
    assert figure["layout"]["xaxis"]["range"][0].startswith("2010")
    assert "2010–2012" in figure["layout"]["title"]["subtitle"]["text"]


def test_filters_survive_a_page_switch():
    at = run_app()
    theme_widget(at).set_value(["illicit-finance"]).run()
    at.switch_page("pages/compare.py").run()
    assert theme_widget(at).value == ["illicit-finance"]
    assert url_values(at, "theme") == ["illicit-finance"]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"theme": "<script>alert(1)</script>"}, "theme=<script>alert(1)</script>"),
        ({"from": "abc"}, "from=abc"),
        ({"to": "99999"}, "to=99999"),
        ({"event": "../../etc/passwd"}, "event=../../etc/passwd"),
        ({"phase": "nope"}, "phase=nope"),
        ({"compare": "nonsense"}, "compare=nonsense"),
    ],
)
def test_malformed_url_values_fall_back_with_one_notice(query, named):
    at = run_app("pages/timeline.py", **query)
    assert not at.exception, at.exception
    assert len(at.warning) == 1
    shown = at.warning[0].value.replace("\\", "")
    assert named in shown
    assert theme_widget(at).value == []
    assert len(charts(at)) == 1


def test_event_in_url_selects_and_highlights_it():
    at = run_app("pages/timeline.py", event="hlsd-2021-bicentennial-launch")
    assert not at.exception
    assert "Bicentennial Framework launched at the High-Level Security Dialogue" in shown_text(at)
    assert url_values(at, "event") == ["hlsd-2021-bicentennial-launch"]


def test_compare_phase_switch_changes_the_columns():
    at = run_app("pages/compare.py", phase="merida-2007")
    text_2007 = shown_text(at)
    at.selectbox(key="sidebar_phase_merida").set_value("merida-2011").run()
    text_2011 = shown_text(at)
    assert "Disrupt Capacity of Organized Crime to Operate" in text_2011
    assert "Disrupt Capacity of Organized Crime to Operate" not in text_2007
    assert url_values(at, "phase") == []


def test_no_data_text_is_rendered_as_html():
    at = run_app("pages/compare.py")
    assert not [m for m in at.markdown if m.proto.allow_html]


def test_sources_page_lists_every_source_and_offers_downloads():
    at = run_app("pages/sources.py")
    assert not at.exception, at.exception
    assert len(at.dataframe) >= 2
    total = len(data_file("sources.yaml")["sources"])
    assert f"All {total} sources" in " ".join(h.value for h in at.subheader)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("ZIP" in label for label in labels) and any("JSON" in label for label in labels)


def test_sources_search_narrows_the_list():
    at = run_app("pages/sources.py")
    at.text_input(key="sources_search").input("GAO-10-837").run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert 0 < len(shown) < len(data_file("sources.yaml")["sources"])
    assert shown["short"].str.contains("GAO-10-837").any()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["mexico-homicides", "us-overdose-deaths"]),
        ({"indicator": "merida-cumulative-appropriations"}, ["merida-cumulative-appropriations"]),
        (
            {"indicator": ["us-overdose-deaths", "mexico-homicides"]},
            ["us-overdose-deaths", "mexico-homicides"],
        ),
    ],
)
def test_outcomes_indicators_follow_the_url(query, expected):
    at = run_app("pages/outcomes.py", **query)
    assert not at.exception, at.exception
    assert at.multiselect(key="outcomes_indicators").value == expected
    figure = charts(at)[0]
    assert len([trace for trace in figure["data"] if trace.get("type") == "scatter"]) >= len(expected)


def test_outcomes_bad_indicator_gives_notice():
    at = run_app("pages/outcomes.py", indicator="gdp")
    assert not at.exception
    assert len(at.warning) == 1 and "indicator=gdp" in at.warning[0].value.replace("\\", "")


def test_outcomes_picking_an_indicator_writes_the_url():
    at = run_app("pages/outcomes.py")
    at.multiselect(key="outcomes_indicators").set_value(["merida-cumulative-appropriations"]).run()
    assert url_values(at, "indicator") == ["merida-cumulative-appropriations"]


def test_present_mode_hides_controls_and_keeps_figures():
    at = run_app("pages/timeline.py", present="1")
    assert not at.exception, at.exception
    assert len(at.multiselect) == 0 and len(at.radio) == 0
    assert len(charts(at)) == 1
    assert not at.get("download_button")
    assert url_values(at, "present") == ["1"]


def test_outcomes_theme_filter_narrows_the_assessments():
    """Indicators are national totals with no theme; the theme filter narrows the assessment cards."""
    at = run_app("pages/outcomes.py")
    before = shown_text(at)
    theme_widget(at).set_value(["arms-trafficking"]).run()
    after = shown_text(at)
    assert "GAO-09-709" in after
    assert len(after) < len(before)


def test_compare_draws_the_comparison_figure_on_request():
    at = run_app("pages/compare.py")
    at.toggle(key="compare_show_figure").set_value(True).run()
    assert not at.exception
    titles = [figure["layout"]["title"]["text"] for figure in charts(at)]
    assert any("side by side" in title for title in titles)


def test_goals_pillar_picker_shows_objective_texts():
    at = run_app("pages/goals.py")
    picker = at.selectbox(key="goals_pillar")
    assert picker.value == "merida-p1", "Mérida comes first"
    picker.set_value("bic-g3").run()
    assert "Increase Cooperation on Extraditions" in shown_text(at)


# --- choosing the frameworks and phases to compare ------------------------------------------------


COMPARING_PAGES = ["pages/overview.py", "pages/compare.py", "pages/goals.py"]


@pytest.mark.parametrize("pair", [("bicentennial", "program-2025"), ("merida", "program-2025")])
@pytest.mark.parametrize("page", COMPARING_PAGES)
def test_pages_compare_the_frameworks_in_the_url(page, pair):
    if not (DATA_DIR / "frameworks" / "program-2025.yaml").exists():
        pytest.skip("data/frameworks/program-2025.yaml is not in the data yet")
    order = framework_order()
    consecutive = order.index(pair[1]) - order.index(pair[0]) == 1
    at = run_app(page, compare=list(pair))
    assert not at.exception, at.exception
    assert not at.warning, "a valid URL gives no notice"
    assert at.multiselect(key="sidebar_compare").value == list(pair)
    assert url_values(at, "compare") == list(pair)
    figures = charts(at)
    if page == "pages/compare.py" and not consecutive:
        # No crosswalk between frameworks that do not follow each other: a notice instead of the Sankey.
        assert len(figures) == PAGES[page] - 1
        assert t("compare.not_consecutive") in " ".join(i.value for i in at.info)
    else:
        assert len(figures) == PAGES[page]
    for figure in figures:
        assert figure["layout"]["title"]["text"]
    if page == "pages/compare.py":
        headers = [h.value for h in at.subheader]
        assert [short_name(f) for f in pair] == [h for h in headers if h in {short_name(f) for f in order}]


def test_phase_in_url_selects_meridas_2007_phase_on_compare():
    merida = data_file("frameworks/merida.yaml")
    phases = {phase["id"]: phase for phase in merida["phases"]}
    at = run_app("pages/compare.py", phase="merida-2007")
    assert not at.exception, at.exception
    assert not at.warning
    assert at.selectbox(key="sidebar_phase_merida").value == "merida-2007"
    assert url_values(at, "phase") == ["merida-2007"]
    text = shown_text(at)
    assert all(pillar["title"]["en"] in text for pillar in phases["merida-2007"]["pillars"])
    assert not any(pillar["title"]["en"] in text for pillar in phases["merida-2011"]["pillars"])
    sankey_title = charts(at)[0]["layout"]["title"]["text"]
    assert phases["merida-2007"]["label"]["en"] in sankey_title
    assert phases["merida-2011"]["label"]["en"] not in sankey_title


def test_nonsense_compare_gives_one_notice_and_the_default_pair():
    at = run_app("pages/compare.py", compare="nonsense")
    assert not at.exception, at.exception
    assert len(at.warning) == 1
    assert "compare=nonsense" in at.warning[0].value.replace("\\", "")
    assert at.multiselect(key="sidebar_compare").value == DEFAULT_PAIR
    assert url_values(at, "compare") == []  # the default pair is not written to the URL
    headers = [h.value for h in at.subheader]
    assert short_name("merida") in headers and short_name("bicentennial") in headers
    assert (
        len(charts(at)) == PAGES["pages/compare.py"]
    )  # the default pair is consecutive: the Sankey is drawn


# --- only controls that act: the sidebar per page, the filter line and its Clear button ----------------

SIDEBAR_KEYS = {
    "pages/overview.py": {"sidebar_theme", "sidebar_compare", "sidebar_phase_merida"},
    "pages/compare.py": {"sidebar_theme", "sidebar_compare", "sidebar_phase_merida"},
    "pages/timeline.py": {"sidebar_theme", "sidebar_from", "sidebar_to"},
    "pages/goals.py": {"sidebar_theme", "sidebar_compare", "sidebar_phase_merida"},
    "pages/outcomes.py": {"sidebar_theme"},
    "pages/sources.py": set(),
}


def sidebar_keys(at: AppTest) -> set[str]:
    return {w.key for w in [*at.sidebar.multiselect, *at.sidebar.selectbox] if w.key}


@pytest.mark.parametrize(("page", "keys"), SIDEBAR_KEYS.items())
def test_each_page_shows_only_the_global_filters_it_uses(page, keys):
    at = run_app(page)
    assert not at.exception, at.exception
    assert sidebar_keys(at) == keys


def test_hidden_filters_keep_their_values_across_pages():
    """Years set on the timeline stay in the URL on pages without year pickers, and come back."""
    at = run_app("pages/timeline.py")
    at.selectbox(key="sidebar_from").set_value(2010).run()
    at.selectbox(key="sidebar_to").set_value(2015).run()
    for page in ("pages/overview.py", "pages/sources.py", "pages/goals.py"):
        at.switch_page(page).run()
        assert "sidebar_from" not in sidebar_keys(at)
        assert (url_values(at, "from"), url_values(at, "to")) == (["2010"], ["2015"]), page
    at.switch_page("pages/timeline.py").run()
    assert (at.selectbox(key="sidebar_from").value, at.selectbox(key="sidebar_to").value) == (2010, 2015)


def filter_line(at: AppTest, *, raw: bool = False) -> str:
    """The line under the title naming the active filters (escaping backslashes removed unless raw)."""
    lines = [c.value for c in at.caption if c.value.startswith("**Filters:**")]
    assert len(lines) == 1, lines
    return lines[0] if raw else lines[0].replace("\\", "")


def clear_button(at: AppTest):
    return at.button(key="header_clear")


# page, how to set a filter there, what the line then names, the URL parameter it writes
FILTER_CASES = [
    ("pages/overview.py", lambda at: theme_widget(at).set_value(["human-rights"]), "Human rights", "theme"),
    ("pages/compare.py", lambda at: theme_widget(at).set_value(["human-rights"]), "Human rights", "theme"),
    (
        "pages/compare.py",
        lambda at: at.multiselect(key="sidebar_compare").set_value(["bicentennial", "program-2025"]),
        short_name("program-2025"),
        "compare",
    ),
    (
        "pages/goals.py",
        lambda at: at.selectbox(key="sidebar_phase_merida").set_value("merida-2007"),
        "2007",
        "phase",
    ),
    ("pages/timeline.py", lambda at: at.selectbox(key="sidebar_from").set_value(2012), "2012–2021", "from"),
    (
        "pages/timeline.py",
        lambda at: at.multiselect(key="timeline_categories").set_value(["funding"]),
        "Funding",
        "category",
    ),
    (
        "pages/timeline.py",
        lambda at: at.multiselect(key="timeline_countries").set_value(["mx"]),
        "Mexico",
        "country",
    ),
    (
        "pages/outcomes.py",
        lambda at: at.multiselect(key="outcomes_kinds").set_value(["finding"]),
        "Audit finding",
        "assessment",
    ),
    (
        "pages/outcomes.py",
        lambda at: theme_widget(at).set_value(["arms-trafficking"]),
        "Arms trafficking",
        "theme",
    ),
    ("pages/sources.py", lambda at: at.text_input(key="sources_search").input("Calderón"), "Calderón", "q"),
    (
        "pages/sources.py",
        lambda at: at.multiselect(key="sources_kinds").set_value(["audit"]),
        "Audit",
        "kind",
    ),
]


@pytest.mark.parametrize(
    ("page", "change", "named", "param"), FILTER_CASES, ids=lambda v: v if isinstance(v, str) else ""
)
def test_the_filter_line_names_active_filters_and_clear_resets_them(page, change, named, param):
    at = run_app(page)
    assert clear_button(at).disabled, "nothing to clear on a first visit"
    assert named not in filter_line(at)
    change(at).run()
    assert not at.exception, at.exception
    assert named in filter_line(at)
    assert url_values(at, param)
    assert not clear_button(at).disabled
    clear_button(at).click().run()
    assert not at.exception, at.exception
    assert named not in filter_line(at)
    assert url_values(at, param) == []
    assert clear_button(at).disabled


def test_clear_resets_the_widgets_and_keeps_other_pages_filters():
    at = run_app("pages/timeline.py", theme="human-rights", phase="merida-2007", **{"from": "2010"})
    at.multiselect(key="timeline_categories").set_value(["funding"]).run()
    clear_button(at).click().run()
    assert theme_widget(at).value == []
    assert at.selectbox(key="sidebar_from").value == 2007
    assert at.multiselect(key="timeline_categories").value == []
    assert url_values(at, "phase") == ["merida-2007"], "a filter the timeline does not use is kept"


@pytest.mark.parametrize("page", [*PAGES, "pages/sources.py"])
def test_every_page_has_a_filter_line_under_its_title(page):
    at = run_app(page)
    assert at.title[0].value
    assert filter_line(at)


@pytest.mark.parametrize("query", [{}, {"compare": ["merida", "program-2025"]}])
@pytest.mark.parametrize("page", ["pages/overview.py", "pages/compare.py"])
def test_presentation_mode_drops_hints_expanders_and_buttons(page, query):
    at = run_app(page, present="1", **query)
    assert not at.exception, at.exception
    assert not at.warning, "a valid URL gives no notice"
    assert not at.expander, [e.label for e in at.expander]
    assert not at.button and not at.toggle and not at.get("popover")
    text = " ".join(
        [*(c.value for c in at.caption), *(m.value for m in at.markdown), *(i.value for i in at.info)]
    )
    assert "sidebar" not in text and "Hover" not in text
    assert filter_line(at).startswith("**Filters:**"), (
        "the filter line stays: a screenshot says what it shows"
    )


@pytest.mark.parametrize(
    "page", ["pages/overview.py", "pages/goals.py", "pages/outcomes.py", "pages/timeline.py"]
)
def test_presentation_mode_has_no_expanders(page):
    at = run_app(page, present="1")
    assert not at.exception, at.exception
    assert not at.expander, [e.label for e in at.expander]


def test_table_views_use_human_column_names():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["table-outcomes_chart"] = True  # a table view is filled only once opened
    at.switch_page("pages/outcomes.py")
    at.run()
    columns = list(at.dataframe[0].value.columns)
    assert "Indicator" in columns and "As of" in columns
    assert not [c for c in columns if "_" in c or c.islower()]
    assert not at.dataframe[0].value.isna().any().any(), "no None cells"


def test_the_glossary_is_on_every_page():
    at = run_app("pages/timeline.py")
    assert "Transnational criminal organization" in shown_text(at)


def test_timeline_subtitle_names_the_chosen_categories_and_countries():
    """A cropped PNG still says which events it shows."""
    at = run_app("pages/timeline.py", category="funding", country="mx")
    subtitle = charts(at)[0]["layout"]["title"]["subtitle"]["text"]
    assert "Categories: Funding" in subtitle and "Countries: Mexico" in subtitle
