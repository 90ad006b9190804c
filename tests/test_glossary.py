"""Words people know: every acronym in the data's English text and in the pages' strings is in the glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from components.i18n import en_common, en_pages
from components.ui.glossary import glossary_markdown, glossary_terms

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&/\-]*[A-Z0-9]\b")
URL = re.compile(r"https?://\S+")
CRS_PRODUCT = re.compile(r"(IF|IN|R|RS)\d{4,5}")  # Congressional Research Service report numbers
SKIPPED_KEYS = {"es", "id", "url", "via", "color"}  # not English prose a reader sees

# Capitalised tokens that are not acronyms a reader needs spelled out: names of news outlets and
# publishers (as their mastheads write them), Roman numerals, Spanish words in capitalised titles,
# a newspaper page, the dossier's evidence tags, a licence, file types, and ICD-10 chapter codes.
NOT_ACRONYMS = {
    "ABC", "AFX", "BBC", "CBS", "CBS/KYMA", "CCO", "CNN", "C-SPAN", "DF", "DU", "DW", "EFE", "EIN", "EIR", "FM",
    "GLM", "KRDO", "KVIA", "LA", "MAP", "MENAFN", "NPR", "NRATV", "NX", "PUBT", "RT", "SUN", "TRT", "UC",
    "UPI", "VOA", "VI", "TAG24", "TN8", "A23", "MX",
    "II", "III", "IV",
    "ACUERDO", "DECRETO", "FUENTE", "HOJA", "INFORMATIVA", "FACT", "SHEET", "WORLD",
    "SECONDARY", "CC", "BY", "PDF", "URL", "DNA", "TV", "US", "AK-47",
    "X40", "X44", "X60", "X64", "X85", "Y10", "Y14",
}  # fmt: skip


def english_texts(node: object):
    """Every string a reader may see in a data file (Spanish, ids and URLs left out)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in SKIPPED_KEYS:
                yield from english_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from english_texts(value)
    elif isinstance(node, str):
        yield node


def data_acronyms() -> set[str]:
    found: set[str] = set()
    for path in DATA_DIR.rglob("*.yaml"):
        for text in english_texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found.update(ACRONYM.findall(URL.sub("", text)))
    return found


def page_acronyms() -> set[str]:
    found: set[str] = set()
    for text in [*en_pages.STRINGS.values(), *en_common.STRINGS.values()]:
        found.update(ACRONYM.findall(text))
    return found


TERMS = {term for term, _ in glossary_terms()}


def explained(token: str) -> bool:
    """In the glossary (or not an acronym), or made of explained parts (CDC/NCHS), or a number under an
    explained stem (GAO-10-837, FY2008, FY2008-FY2021), or a CRS product number (R40135, IF10578)."""
    if token in TERMS or token in NOT_ACRONYMS or CRS_PRODUCT.fullmatch(token):
        return True
    parts = token.split("/")
    if len(parts) > 1:
        return all(explained(part) for part in parts)
    stem = re.sub(r"\d+$", "", token.split("-")[0])
    return stem != token and stem in TERMS


def test_the_scan_finds_the_acronyms_it_should():
    found = data_acronyms()
    assert {"GAO", "INEGI", "CALEA", "TCO", "SRE"} <= found


@pytest.mark.parametrize("token", sorted(data_acronyms() | page_acronyms()))
def test_every_acronym_is_in_the_glossary(token):
    assert explained(token), (
        f"add glossary.term.{token} to components/i18n/en_pages.py (or list it in NOT_ACRONYMS)"
    )


@pytest.mark.parametrize(
    "term",
    ["TCO", "HLSD", "HLCG", "INL", "CALEA", "ATF", "DOJ", "OIG", "GAO", "CRS", "SRE", "SSPC", "SEDENA", "INEGI",
     "CDC/NCHS", "FTO", "SDGT", "GIS", "SIG", "ESF", "INCLE", "IMET", "USMCA", "DOF", "SCJN"],
)  # fmt: skip
def test_the_glossary_expands_the_terms_readers_asked_about(term):
    assert term in TERMS


def test_the_glossary_is_sorted_and_rendered_as_text():
    terms = [term for term, _ in glossary_terms()]
    assert terms == sorted(terms, key=str.casefold)
    assert all(meaning and meaning != term for term, meaning in glossary_terms())
    assert "<" not in glossary_markdown()
