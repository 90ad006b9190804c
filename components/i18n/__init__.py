"""The one translation function: every string a user reads comes from a catalogue through `t`.

Catalogues are plain dicts, one module per area (common, charts, pages), merged per language.
A missing key raises KeyError in tests (so no literal slips through) and is never shown raw.
"""

from __future__ import annotations

from components.i18n import en_charts, en_common, en_pages

LANGUAGES = ("en",)
DEFAULT_LANG = "en"

CATALOGUES: dict[str, dict[str, str]] = {
    "en": {**en_common.STRINGS, **en_charts.STRINGS, **en_pages.STRINGS},
}


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The string for `key` in `lang` (falling back to English), formatted with `values`."""
    catalogue = CATALOGUES.get(lang, CATALOGUES[DEFAULT_LANG])
    template = catalogue.get(key)
    if template is None:
        template = CATALOGUES[DEFAULT_LANG][key]
    return template.format(**values) if values else template
