"""Unit tests for the pure filter state: URL parsing, URL writing and applying filters to frames."""

import pandas as pd
import pytest

from components import state
from components.state import Choices, Filters, Ignored

CHOICES = Choices(
    themes=("arms-trafficking", "human-rights", "rule-of-law"),
    phases=("merida-2007", "merida-2011"),
    events=("hlsd-2021", "merida-launch"),
    indicators=("mexico-homicides", "us-overdose-deaths"),
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
        ({"phase": "merida-2007"}, Filters(phase="merida-2007")),
        ({"from": "2010", "to": "2015"}, Filters(year_from=2010, year_to=2015)),
        ({"from": "2006", "to": "2024"}, Filters(year_from=2006, year_to=2024)),
        ({"event": "hlsd-2021"}, Filters(event="hlsd-2021")),
        ({"indicator": ["us-overdose-deaths"]}, Filters(indicators=("us-overdose-deaths",))),
        ({"lanes": "country"}, Filters(lanes="country")),
        ({"present": "1"}, Filters(present=True)),
        ({"embed": "true"}, Filters()),
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
        ({"phase": "merida-1999"}, [Ignored("phase", "merida-1999")]),
        ({"indicator": "gdp"}, [Ignored("indicator", "gdp")]),
        ({"lanes": "x"}, [Ignored("lanes", "x")]),
        ({"lang": "fr"}, [Ignored("lang", "fr")]),
        ({"present": "yes"}, [Ignored("present", "yes")]),
        ({"foo": "bar"}, [Ignored("foo", "bar")]),
        ({"from": "2020", "to": "2010"}, [Ignored("from/to", "2020>2010")]),
    ],
)
def test_malformed_values_fall_back_and_are_named(params, ignored):
    filters, reported = parse(params)
    assert reported == ignored
    assert filters == Filters()


def test_good_values_survive_next_to_bad_ones():
    filters, ignored = parse({"theme": ["human-rights", "nope"], "from": "2010", "to": "x"})
    assert filters == Filters(themes=("human-rights",), year_from=2010)
    assert ignored == [Ignored("theme", "nope"), Ignored("to", "x")]


def test_long_ignored_values_are_shortened_for_display():
    assert len(Ignored("theme", "x" * 500).shown_value()) == state.MAX_SHOWN_VALUE


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(
            themes=("arms-trafficking", "rule-of-law"), phase="merida-2007", year_from=2009, year_to=2012
        ),
        Filters(event="hlsd-2021", lanes="country", present=True),
        Filters(indicators=("mexico-homicides", "us-overdose-deaths")),
    ],
)
def test_url_round_trip(filters):
    params = state.to_query_params(filters, page_params=state.PAGE_PARAMS)
    assert parse(params) == (filters, [])


def test_defaults_are_left_out_of_the_url():
    assert state.to_query_params(Filters()) == {}
    assert state.to_query_params(Filters(event="hlsd-2021")) == {}  # page param not asked for
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


def test_phase_selection_keeps_bicentennial():
    assert list(state.phase_objectives(frame(), "merida-2007")["id"]) == ["a", "c"]
    assert list(state.phase_pillars(frame(), "merida-2011")["id"]) == ["b", "c"]


def test_filter_spans_keeps_overlapping():
    spans = pd.DataFrame(
        {
            "start": pd.to_datetime(["2001-01-20", "2009-01-20"]),
            "end": pd.to_datetime(["2009-01-20", "2017-01-20"]),
        }
    )
    assert len(state.filter_spans(spans, 2010, 2012)) == 1
    assert len(state.filter_spans(spans, 2007, 2021)) == 2
