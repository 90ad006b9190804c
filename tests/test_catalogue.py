"""The catalogues: every language has every key, with the same placeholders, and no key is unused."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from components.i18n import CATALOGUES, DEFAULT_LANG, LANGUAGES

ROOT = Path(__file__).resolve().parents[1]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT_LANG])
def test_every_language_has_every_key(lang):
    english, other = CATALOGUES[DEFAULT_LANG], CATALOGUES[lang]
    assert sorted(set(english) - set(other)) == [], f"missing in {lang}"
    assert sorted(set(other) - set(english)) == [], f"only in {lang}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT_LANG])
def test_placeholders_are_the_same_in_every_language(lang):
    english, other = CATALOGUES[DEFAULT_LANG], CATALOGUES[lang]
    differ = [
        key for key in english if key in other and placeholders(english[key]) != placeholders(other[key])
    ]
    assert differ == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_formats(lang):
    for template in CATALOGUES[lang].values():
        template.format(**{name: "x" for name in placeholders(template)})  # raises on a broken brace


def code_strings() -> set[str]:
    """Every string constant (and f-string fragment) in the app's code."""
    files = [ROOT / "app.py", *(ROOT / "components").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
    found: set[str] = set()
    for path in files:
        if path.parent.name == "i18n" and path.stem[:3] in ("en_", "es_"):
            continue  # the catalogues themselves
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_no_key_is_unused():
    """A key is used when the code names it, or names the prefix it is built from (f"relation.{r}")."""
    strings = code_strings()
    prefixes = {s for s in strings if s.endswith((".", "_"))}
    unused = []
    for key in CATALOGUES[DEFAULT_LANG]:
        stem = key.rsplit(".", 1)[0] if key.endswith((".one", ".other")) else key
        if stem in strings or any(key.startswith(prefix) for prefix in prefixes):
            continue
        unused.append(key)
    assert unused == []
