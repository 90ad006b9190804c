"""The registry of problem codes: every code the reader, the validator and the checks can report.

Each code is declared once, here, with what it means and the fixture file under
tests/fixtures/broken/ that produces it. Code that reports a problem names its code through
`code("...")`, which fails loudly for a code that is not registered; the contributor guide's table
of codes is generated from this registry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One problem code: its name, what it means to a contributor, and a fixture that produces it."""

    name: str
    stage: str  # "read" (file and YAML), "validate" (schema), "check" (across files) or "upload"
    meaning: str
    example: str  # file or folder under tests/fixtures/broken/ that produces this code


_CODES = (
    # --- read: the data folder and each file's bytes and YAML -------------------------------
    Code("missing-dir", "read", "The data directory does not exist.", ""),
    Code("missing-file", "read", "A required data file, or every file of a required folder, is missing.", ""),
    Code("too-large", "read", "A file is larger than the byte limit for a data file.", ""),
    Code("not-utf8", "read", "A file is not valid UTF-8 text.", ""),
    Code("empty-file", "read", "A file holds no YAML document.", ""),
    Code("multiple-documents", "read", "A file holds more than one YAML document (a second '---').", ""),
    Code("yaml-syntax", "read", "The YAML cannot be parsed.", ""),
    Code("tab-indent", "read", "A tab character is used for indentation.", ""),
    Code("alias-limit", "read", "Too many YAML aliases (a possible alias bomb).", ""),
    Code("alias-cycle", "read", "An alias refers to a collection that contains it.", ""),
    Code("too-deep", "read", "Collections are nested deeper than the limit.", ""),
    Code("unsafe-tag", "read", "A custom or language-specific YAML tag (e.g. !!python/object).", ""),
    Code("duplicate-key", "read", "The same key appears twice in one mapping.", ""),
    Code("bad-key", "read", "A mapping key is a list or mapping instead of a plain word.", ""),
    Code("root-not-mapping", "read", "The top level of a file is not a mapping of keys.", ""),
    Code(
        "yaml11-boolean", "read", "A word YAML 1.1 reads as a boolean (yes, no, on, off…) without quotes.", ""
    ),
    Code("yaml11-octal", "read", "A number with a leading zero that YAML 1.1 reads as octal.", ""),
    Code("yaml11-sexagesimal", "read", "A value like 1:10 that YAML 1.1 reads as a base-60 number.", ""),
    Code("bad-number", "read", "A value that looks like a number but is not one.", ""),
    Code(
        "unexpected-file",
        "read",
        "A file or folder that is not part of the data layout (a typo'd name, a backup, a leftover).",
        "unexpected-file--themes-yml.yaml",
    ),
    # --- validate: each file against its model -----------------------------------------------
    Code("unknown-key", "validate", "A key the schema does not define (often a typo).", ""),
    Code("missing-field", "validate", "A required field is missing.", ""),
    Code("wrong-type", "validate", "A value has the wrong type (text where a number is expected…).", ""),
    Code("bad-id", "validate", "An id is not a lowercase slug (letters, digits, hyphens).", ""),
    Code("bad-date", "validate", "A date is not a real day in the form YYYY-MM-DD (or YYYY, YYYY-MM).", ""),
    Code("bad-color", "validate", "A colour is not of the form #RRGGBB.", ""),
    Code("bad-url", "validate", "A URL is not an http:// or https:// address.", ""),
    Code("bad-value", "validate", "A value is not one of the allowed words or is otherwise invalid.", ""),
    Code("unsourced", "validate", "An item cites no source.", ""),
    Code("too-long", "validate", "A text is longer than its field allows.", ""),
    Code("empty-text", "validate", "A text is empty.", ""),
    Code("bad-length", "validate", "A list has too few or too many items.", ""),
    Code("end-before-start", "validate", "An end date falls before its start date.", ""),
    # --- check: meaning across files -----------------------------------------------------------
    Code("duplicate-id", "check", "Two items of the same kind share an id.", ""),
    Code("id-file-mismatch", "check", "A framework's or indicator's id differs from its file name.", ""),
    Code("unknown-source", "check", "A source id that sources.yaml does not define.", ""),
    Code("unknown-theme", "check", "A theme id that themes.yaml does not define.", ""),
    Code("unknown-framework", "check", "A framework id that no frameworks/*.yaml file defines.", ""),
    Code("unknown-pillar", "check", "A pillar or objective id that no framework defines.", ""),
    Code("wrong-framework", "check", "A crosswalk link does not join a framework to the next one.", ""),
    Code(
        "date-order",
        "check",
        "Dates are out of order (a phase before its framework, values not in time order…).",
        "",
    ),
    Code("bad-order", "check", "Pillar numbers do not follow their order in the file.", ""),
    Code(
        "skipped-references",
        "check",
        "References not checked because the file that defines their ids failed (counted in one problem).",
        "skipped-references--sources-failed.yaml",
    ),
)

CODES: dict[str, Code] = {entry.name: entry for entry in _CODES}


def code(name: str) -> str:
    """Return `name` if it is a registered code; raise KeyError for an unregistered one (a bug)."""
    if name not in CODES:
        raise KeyError(f"problem code {name!r} is not in components/data/codes.py")
    return name
