"""Numbers and dates per language (Babel): expected strings written by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from components.i18n import formats


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (36685, "en", "36,685"),
        (36685, "es", "36,685"),
        (1.5, "en", "1.5"),
        (3.5, "es", "3.5"),
        (2.25, "en", "2.25"),
        (107941.0, "es", "107,941"),
        (0, "en", "0"),
    ],
)
def test_numbers(value, lang, expected):
    assert formats.fmt_number(value, lang) == expected


@pytest.mark.parametrize(
    ("share", "lang", "expected"),
    [(0.254, "en", "25%"), (0.004, "en", "0.4%"), (0.254, "es", "25%"), (0, "es", "0%")],
)
def test_percent(share, lang, expected):
    assert formats.fmt_percent(share, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2021-10-08", "en", "October 8, 2021"),
        ("2021-10-08", "es", "8 de octubre de 2021"),
        ("2021-10", "en", "October 2021"),
        ("2021-10", "es", "octubre de 2021"),
        ("2021", "es", "2021"),
    ],
)
def test_partial_dates(text, lang, expected):
    assert formats.fmt_partial_date(text, lang) == expected


def test_unknown_language_falls_back_to_english():
    assert formats.fmt_date(dt.date(2025, 9, 3), "fr") == "September 3, 2025"
