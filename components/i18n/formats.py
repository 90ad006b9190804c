"""Numbers and dates in the reader's language, formatted by Babel (CLDR data), never by hand.

English follows U.S. usage (36,685; October 8, 2021). Spanish follows Mexican usage (es_MX): a comma
for thousands and a point for decimals, as INEGI and the Mexican press write them (36,685; 3.5), and
dates as "8 de octubre de 2021".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

LOCALES = {"en": "en_US", "es": "es_MX"}


def locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def fmt_number(value: float, lang: str = "en") -> str:
    """1234 -> '1,234'; 1.5 -> '1.5'; 2.25 -> '2.25' (at most two decimals, no trailing zeros)."""
    return format_decimal(float(value), format="#,##0.##", locale=locale(lang))


def fmt_percent(share: float, lang: str = "en") -> str:
    """0.254 -> '25%'; shares under 1% but above 0 keep one decimal so they do not read as nothing."""
    percent = share * 100
    pattern = "0.0" if 0 < percent < 1 else "0"
    return format_decimal(percent, format=pattern, locale=locale(lang)) + "%"


def fmt_date(value: dt.date, lang: str = "en", precision: str = "day") -> str:
    """A day ('October 8, 2021' / '8 de octubre de 2021'), a month ('October 2021' / 'octubre de 2021')
    or a year ('2021'), by the precision the source gives."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale(lang))
    return format_date(value, format="long", locale=locale(lang))


def fmt_partial_date(text: str, lang: str = "en") -> str:
    """'2021-10-08' / '2021-10' / '2021' (as written in the data) in the reader's language."""
    parts = [int(p) for p in text.split("-")]
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    while len(parts) < 3:
        parts.append(1)
    return fmt_date(dt.date(*parts), lang, precision)
