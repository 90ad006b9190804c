"""The one translation function: every string a user reads comes from a catalogue through `t`.

Catalogues are plain dicts, one module per area (common, charts, pages, data) and language, merged per
language; every language has the same keys and the same {placeholders} (tests/test_catalogue.py).
A missing key raises KeyError in tests (so no literal slips through) and is never shown raw.
"""

from __future__ import annotations

from collections.abc import Iterable

from components.i18n import (
    en_charts,
    en_common,
    en_data,
    en_pages,
    es_charts,
    es_common,
    es_data,
    es_pages,
)

LANGUAGES = ("en", "es")
DEFAULT_LANG = "en"

CATALOGUES: dict[str, dict[str, str]] = {
    "en": {**en_common.STRINGS, **en_charts.STRINGS, **en_pages.STRINGS, **en_data.STRINGS},
    "es": {**es_common.STRINGS, **es_charts.STRINGS, **es_pages.STRINGS, **es_data.STRINGS},
}


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The string for `key` in `lang` (falling back to English), formatted with `values`."""
    catalogue = CATALOGUES.get(lang, CATALOGUES[DEFAULT_LANG])
    template = catalogue.get(key)
    if template is None:
        template = CATALOGUES[DEFAULT_LANG][key]
    return template.format(**values) if values else template


def _word(prefix: str, word: str, lang: str) -> str:
    key = prefix + word
    return t(key, lang) if key in CATALOGUES[DEFAULT_LANG] else word


def download_name(parts: Iterable[str], lang: str = DEFAULT_LANG) -> list[str]:
    """The words of a download's file name in `lang` (ids, years and unknown words stay as they are)."""
    return [_word("file.", part, lang) for part in parts]


def csv_headers(columns: Iterable[str], lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Frame column -> its CSV header in `lang` (English keeps the frames' machine-friendly names)."""
    return {column: _word("csv.", column, lang) for column in columns}
