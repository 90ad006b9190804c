"""Unit tests for the pure filter state: URL parsing, URL writing and applying filters to frames."""

import dataclasses

import pandas as pd
import pytest

from components import state, view
from components.data import frames as fr
from components.state import Choices, Filters, Ignored

CHOICES = Choices(
    themes=("arms-trafficking", "human-rights", "rule-of-law"),
    frameworks=("merida", "bicentennial", "program-2025"),
    phases=(
        ("merida-2007", "merida"),
        ("merida-2011", "merida"),
        ("bicentennial-2021", "bicentennial"),
        ("program-2025-a", "program-2025"),
        ("program-2025-b", "program-2025"),
    ),
    default_compare=("merida", "bicentennial"),
    default_phases=("merida-2011", "bicentennial-2021", "program-2025-b"),
    events=("hlsd-2021", "merida-launch"),
    indicators=("mexico-homicides", "us-overdose-deaths", "merida-funding"),
    year_max=2025,
    categories=("agreement", "funding", "dialogue"),
    countries=("us", "mx", "bilateral"),
    assessment_kinds=("achievement", "criticism", "finding"),
    source_kinds=("official", "audit"),
    pillars=("merida-p1", "merida-p2", "bic-g1"),
    default_indicators=("mexico-homicides", "us-overdose-deaths"),
)


def parse(params):
    return state.from_query_params(params, CHOICES)


def test_empty_url_gives_defaults():
    assert parse({}) == (Filters(), [])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"theme": ["arms-trafficking", "human-rights"]},
            Filters(themes=("arms-trafficking", "human-rights")),
        ),
        ({"theme": "human-rights"}, Filters(themes=("human-rights",))),
        ({"theme": ["human-rights", "human-rights"]}, Filters(themes=("human-rights",))),
        ({"phase": "merida-2007"}, Filters(phases=("merida-2007",))),
        ({"phase": ["merida-2007", "program-2025-a"]}, Filters(phases=("merida-2007", "program-2025-a"))),
        ({"phase": "merida-2011"}, Filters()),  # the default phase is left out
        ({"phase": ["merida-2011", "program-2025-a"]}, Filters(phases=("program-2025-a",))),
        ({"compare": ["bicentennial", "program-2025"]}, Filters(compare=("bicentennial", "program-2025"))),
        (
            {"compare": ["program-2025", "merida"]},
            Filters(compare=("merida", "program-2025")),
        ),  # start-date order
        ({"compare": ["bicentennial", "merida"]}, Filters()),  # the default pair is left out
        ({"from": "2010", "to": "2015"}, Filters(year_from=2010, year_to=2015)),
        ({"from": "2006", "to": "2024"}, Filters(year_from=2006, year_to=2024)),
        ({"from": "2006", "to": "2025"}, Filters(year_from=2006, year_to=2025)),  # up to choices.year_max
        ({"event": "hlsd-2021"}, Filters(event="hlsd-2021")),
        ({"indicator": ["us-overdose-deaths"]}, Filters(indicators=("us-overdose-deaths",))),
        ({"lanes": "country"}, Filters(lanes="country")),
        ({"present": "1"}, Filters(present=True)),
        ({"embed": "true"}, Filters()),
        ({"category": ["funding", "agreement"]}, Filters(categories=("funding", "agreement"))),
        ({"country": "mx"}, Filters(countries=("mx",))),
        ({"assessment": "criticism"}, Filters(assessment_kinds=("criticism",))),
        ({"figure": "1", "hide": "1"}, Filters(figure=True, hide=True)),
        ({"pillar": "bic-g1"}, Filters(pillar="bic-g1")),
        ({"measure": "share"}, Filters(measure="share")),
        ({"q": "  GAO-10-837 "}, Filters(search="GAO-10-837")),
        (
            {"q": "<b>x</b> & café"},
            Filters(search="<b>x</b> & café"),
        ),  # text, never markup: escaped when shown
        ({"kind": ["audit", "official"]}, Filters(source_kinds=("audit", "official"))),
        ({"indicator": ""}, Filters(indicators=())),  # ?indicator= : none chosen
        (
            {"indicator": ["us-overdose-deaths", "mexico-homicides"]},
            Filters(indicators=("us-overdose-deaths", "mexico-homicides")),
        ),
    ],
)
def test_valid_values_are_restored(params, expected):
    filters, ignored = parse(params)
    assert filters == expected
    assert ignored == []


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"theme": "<script>alert(1)</script>"}, [Ignored("theme", "<script>alert(1)</script>")]),
        ({"from": "abc"}, [Ignored("from", "abc")]),
        ({"to": "99999"}, [Ignored("to", "99999")]),
        ({"from": "2005"}, [Ignored("from", "2005")]),
        ({"from": "２０１０"}, [Ignored("from", "２０１０")]),
        ({"event": "../../etc/passwd"}, [Ignored("event", "../../etc/passwd")]),
        ({"to": "2026"}, [Ignored("to", "2026")]),  # after choices.year_max
        ({"phase": "merida-1999"}, [Ignored("phase", "merida-1999")]),
        ({"phase": ["merida-2011", "merida-2007"]}, [Ignored("phase", "merida-2007")]),  # one per framework
        ({"compare": "nonsense"}, [Ignored("compare", "nonsense")]),
        ({"compare": "merida"}, [Ignored("compare", "merida")]),
        ({"compare": ["merida", "merida"]}, [Ignored("compare", "merida,merida")]),
        ({"compare": ["merida", "nonsense"]}, [Ignored("compare", "merida,nonsense")]),
        (
            {"compare": ["merida", "bicentennial", "program-2025"]},
            [Ignored("compare", "merida,bicentennial,program-2025")],
        ),
        ({"indicator": "gdp"}, [Ignored("indicator", "gdp")]),
        ({"lanes": "x"}, [Ignored("lanes", "x")]),
        ({"lang": "fr"}, [Ignored("lang", "fr")]),
        ({"present": "yes"}, [Ignored("present", "yes")]),
        ({"foo": "bar"}, [Ignored("foo", "bar")]),
        ({"category": "war"}, [Ignored("category", "war")]),
        ({"country": "ca"}, [Ignored("country", "ca")]),
        ({"assessment": "praise"}, [Ignored("assessment", "praise")]),
        ({"figure": "yes"}, [Ignored("figure", "yes")]),
        ({"hide": "2"}, [Ignored("hide", "2")]),
        ({"pillar": "nope"}, [Ignored("pillar", "nope")]),
        ({"measure": "percent"}, [Ignored("measure", "percent")]),
        ({"q": "x" * 101}, [Ignored("q", "x" * 101)]),
        ({"q": "a\x00b"}, [Ignored("q", "a\x00b")]),
        ({"kind": "blog"}, [Ignored("kind", "blog")]),
    ],
)
def test_malformed_values_fall_back_and_are_named(params, ignored):
    filters, reported = parse(params)
    assert reported == ignored
    assert filters == Filters()


def test_a_single_valued_param_keeps_its_first_value_and_names_the_rest():
    assert parse({"from": ["2010", "2011"]}) == (Filters(year_from=2010), [Ignored("from", "2011")])


def test_from_after_to_is_swapped_with_one_notice():
    """One behaviour for From > To: the years are swapped and that is said once (no fallback to defaults)."""
    filters, ignored = parse({"from": "2020", "to": "2010"})
    assert filters == Filters(year_from=2010, year_to=2020)
    assert ignored == [Ignored("from/to", "2020>2010", "swapped")]


def test_from_after_the_default_to_is_swapped_too():
    filters, ignored = parse({"from": "2024"})
    assert (filters.year_from, filters.year_to) == (state.DEFAULT_TO, 2024)
    assert [i.reason for i in ignored] == ["swapped"]


@pytest.mark.parametrize("param", [p for p in state.PARAMS if p.default], ids=lambda p: p.name)
def test_a_default_written_out_means_the_default(param):
    """Each parameter's documented default (README) is what leaving it out means."""
    assert parse({param.name: list(param.default)}) == (Filters(), [])


def test_every_param_sets_a_field_of_filters():
    fields = {f.name for f in dataclasses.fields(Filters)}
    assert [p.field for p in state.PARAMS if p.field not in fields] == []
    assert len({p.name for p in state.PARAMS}) == len(state.PARAMS)
    assert {page for p in state.PARAMS for page in p.pages} <= set(state.PAGES)


def test_global_params_travel_and_page_params_stay_home():
    filters = Filters(
        themes=("human-rights",), year_from=2010, measure="share", event="hlsd-2021", search="gao"
    )
    assert state.to_query_params(filters, page="goals") == {
        "theme": ["human-rights"],
        "from": "2010",
        "measure": "share",
    }
    assert state.to_query_params(filters, page="timeline") == {
        "theme": ["human-rights"],
        "from": "2010",
        "event": "hlsd-2021",
    }
    assert state.to_query_params(filters, page="sources") == {
        "theme": ["human-rights"],
        "from": "2010",
        "q": "gao",
    }
    assert state.to_query_params(filters) == {"theme": ["human-rights"], "from": "2010"}


def test_none_chosen_is_written_as_an_empty_value():
    assert state.to_query_params(Filters(indicators=()), page="outcomes") == {"indicator": [""]}
    assert state.query_string({"indicator": [""]}) == "?indicator="


def test_reset_and_is_default():
    params = [state.PARAM_BY_NAME[n] for n in ("theme", "from", "category")]
    busy = Filters(themes=("human-rights",), year_from=2010, categories=("funding",), measure="share")
    assert not state.is_default(busy, params)
    cleared = state.reset(busy, params)
    assert cleared == Filters(measure="share")  # what was not named keeps its value
    assert state.is_default(cleared, params)


def test_good_values_survive_next_to_bad_ones():
    filters, ignored = parse({"theme": ["human-rights", "nope"], "from": "2010", "to": "x"})
    assert filters == Filters(themes=("human-rights",), year_from=2010)
    assert ignored == [Ignored("theme", "nope"), Ignored("to", "x")]


def test_a_bad_compare_is_one_notice_and_keeps_the_other_filters():
    filters, ignored = parse(
        {"compare": ["merida", "nonsense"], "phase": "merida-2007", "theme": "human-rights"}
    )
    assert filters == Filters(themes=("human-rights",), phases=("merida-2007",))
    assert [i.name for i in ignored] == ["compare"]


def test_year_max_comes_from_the_choices():
    later = Choices(themes=CHOICES.themes, year_max=2030)
    assert state.from_query_params({"to": "2030"}, later) == (Filters(year_to=2030), [])
    assert state.from_query_params({"to": "2031"}, later)[1] == [Ignored("to", "2031")]


def test_normal_compare_and_normal_phases():
    assert state.normal_compare(["program-2025", "bicentennial"], CHOICES) == ("bicentennial", "program-2025")
    assert state.normal_compare(["merida", "bicentennial"], CHOICES) == ()
    assert state.normal_compare(["bicentennial", "nonsense", "merida"], CHOICES) == ()
    assert state.normal_phases(["program-2025-a", "merida-2007"], CHOICES) == (
        "program-2025-a",
        "merida-2007",
    )
    assert state.normal_phases(["merida-2011", "bicentennial-2021"], CHOICES) == ()
    assert state.normal_phases(["merida-2007", "merida-2011", "nonsense"], CHOICES) == ("merida-2007",)


def test_long_ignored_values_are_shortened_for_display():
    assert len(Ignored("theme", "x" * 500).shown_value()) == state.MAX_SHOWN_VALUE


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(
            themes=("arms-trafficking", "rule-of-law"), phases=("merida-2007",), year_from=2009, year_to=2012
        ),
        Filters(compare=("merida", "program-2025"), phases=("merida-2007", "program-2025-a")),
        Filters(compare=("bicentennial", "program-2025"), year_to=2025),
        Filters(event="hlsd-2021", lanes="country", present=True),
        Filters(indicators=("us-overdose-deaths",)),
        Filters(indicators=()),
        Filters(year_from=2006),  # the first year a picker offers is still written
        Filters(categories=("funding",), countries=("us", "mx"), assessment_kinds=("finding",)),
        Filters(figure=True, hide=True, pillar="merida-p2", measure="share"),
        Filters(search="Mérida & GAO", source_kinds=("audit",)),
    ],
)
def test_url_round_trip(filters):
    params = state.to_query_params(filters, page=state.EVERY_PAGE)
    assert parse(params) == (filters, [])


def test_defaults_are_left_out_of_the_url():
    assert state.to_query_params(Filters(), page=state.EVERY_PAGE) == {}
    assert state.to_query_params(Filters(event="hlsd-2021")) == {}  # page param not asked for
    assert state.to_query_params(Filters(indicators=None), page="outcomes") == {}
    assert state.query_string({}) == ""


def test_query_string_repeats_and_encodes():
    text = state.query_string({"theme": ["a b", "c"], "from": "2008"})
    assert text == "?theme=a+b&theme=c&from=2008"


def frame():
    return pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "themes": [("arms-trafficking",), ("human-rights", "rule-of-law"), ("rule-of-law",)],
            "date": pd.to_datetime(["2006-12-11", "2012-09-19", "2021-10-08"]),
            "framework_id": ["merida", "merida", "bicentennial"],
            "phase_id": ["merida-2007", "merida-2011", "bicentennial-2021"],
        }
    )


@pytest.mark.parametrize(
    ("themes", "ids"),
    [
        ((), ["a", "b", "c"]),
        (("rule-of-law",), ["b", "c"]),
        (("arms-trafficking", "human-rights"), ["a", "b"]),
        (("x",), []),
    ],
)
def test_filter_themes(themes, ids):
    assert list(state.filter_themes(frame(), themes)["id"]) == ids


def test_filter_years_on_dates_and_ints():
    assert list(state.filter_years(frame(), 2007, 2021)["id"]) == ["b", "c"]
    ints = pd.DataFrame({"year": [2006, 2010, 2024]})
    assert list(state.filter_years(ints, 2007, 2021, column="year")["year"]) == [2010]


def hand_frames() -> fr.Frames:
    """Frames for view.select_view: frame()'s rows as pillars and objectives, two frameworks, three phases."""

    def empty(columns):
        return pd.DataFrame(columns=columns)

    frameworks = pd.DataFrame(
        {"framework_id": ["merida", "bicentennial"], "order": [0, 1], "color": ["#004488", "#BB5566"]}
    ).reindex(columns=fr.FRAMEWORK_COLUMNS)
    phases = pd.DataFrame(
        {
            "framework_id": ["merida", "merida", "bicentennial"],
            "phase_id": ["merida-2007", "merida-2011", "bicentennial-2021"],
            "phase_number": [1, 2, 1],
        }
    ).reindex(columns=fr.PHASE_COLUMNS)
    return fr.Frames(
        themes=empty(fr.THEME_COLUMNS),
        sources=empty(fr.SOURCE_COLUMNS),
        frameworks=frameworks,
        phases=phases,
        pillars=frame(),
        objectives=frame(),
        events=empty(fr.EVENT_COLUMNS),
        spans=empty(fr.SPAN_COLUMNS),
        commitments=empty(fr.COMMITMENT_COLUMNS),
        assessments=empty(fr.ASSESSMENT_COLUMNS),
        crosswalk=empty(fr.CROSSWALK_COLUMNS),
        indicators=empty(fr.INDICATOR_COLUMNS),
    )


def test_phase_selection_keeps_bicentennial():
    """Picking a Mérida phase narrows Mérida only; the Bicentennial rows stay (components/view.py)."""
    chosen = view.select_view(hand_frames(), Filters(phases=("merida-2007",)))
    assert list(chosen.objectives["id"]) == ["a", "c"]
    default = view.select_view(hand_frames(), Filters())
    assert list(default.pillars["id"]) == ["b", "c"]


def test_filter_spans_keeps_overlapping():
    spans = pd.DataFrame(
        {
            "start": pd.to_datetime(["2001-01-20", "2009-01-20"]),
            "end": pd.to_datetime(["2009-01-20", "2017-01-20"]),
        }
    )
    assert len(state.filter_spans(spans, 2010, 2012)) == 1
    assert len(state.filter_spans(spans, 2007, 2021)) == 2


def test_filter_spans_keeps_open_spans_that_start_in_time():
    """A span with no sourced end (NaT) runs on: kept when it starts before the range ends."""
    spans = pd.DataFrame(
        {
            "id": ["closed", "open", "open-later"],
            "start": pd.to_datetime(["2001-01-20", "2021-10-08", "2025-01-20"]),
            "end": pd.to_datetime(["2009-01-20", None, None]),
        }
    )
    assert list(state.filter_spans(spans, 2022, 2024)["id"]) == ["open"]
    assert list(state.filter_spans(spans, 2007, 2021)["id"]) == ["closed", "open"]
    assert list(state.filter_spans(spans, 2007, 2025)["id"]) == ["closed", "open", "open-later"]
