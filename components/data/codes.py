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
    Code(
        "missing-dir",
        "read",
        "The data directory does not exist.",
        "tests/test_validate_cli.py::test_missing_directory_exits_1_cleanly",
    ),
    Code(
        "missing-file",
        "read",
        "A required data file, or every file of a required folder, is missing.",
        "missing-file--crosswalk.yaml",
    ),
    Code(
        "too-large",
        "read",
        "A file is larger than the byte limit for a data file.",
        "tests/test_loader.py::test_hostile_input_is_rejected",
    ),
    Code("not-utf8", "read", "A file is not valid UTF-8 text.", "not-utf8--latin1-byte.yaml"),
    Code("empty-file", "read", "A file holds no YAML document.", "empty-file--comments-only.yaml"),
    Code(
        "multiple-documents",
        "read",
        "A file holds more than one YAML document (a second '---').",
        "multiple-documents--second-document.yaml",
    ),
    Code("yaml-syntax", "read", "The YAML cannot be parsed.", "yaml-syntax--unterminated-quote.yaml"),
    Code("tab-indent", "read", "A tab character is used for indentation.", "tab-indent--about.yaml"),
    Code(
        "alias-limit",
        "read",
        "Too many YAML aliases (a possible alias bomb).",
        "alias-limit--billion-laughs.yaml",
    ),
    Code(
        "alias-cycle",
        "read",
        "An alias refers to a collection that contains it.",
        "alias-cycle--recursive-alias.yaml",
    ),
    Code(
        "too-deep",
        "read",
        "Collections are nested deeper than the limit.",
        "too-deep--nesting-1000-flow.yaml",
    ),
    Code(
        "unsafe-tag",
        "read",
        "A custom or language-specific YAML tag (e.g. !!python/object).",
        "unsafe-tag--python-object.yaml",
    ),
    Code(
        "duplicate-key",
        "read",
        "The same key appears twice in one mapping.",
        "duplicate-key--theme-color.yaml",
    ),
    Code(
        "bad-key",
        "read",
        "A mapping key is a list or mapping instead of a plain word.",
        "bad-key--list-as-key.yaml",
    ),
    Code(
        "root-not-mapping",
        "read",
        "The top level of a file is not a mapping of keys.",
        "root-not-mapping--list.yaml",
    ),
    Code(
        "yaml11-boolean",
        "read",
        "A word YAML 1.1 reads as a boolean (yes, no, on, off…) without quotes.",
        "yaml11-boolean--unquoted-no.yaml",
    ),
    Code(
        "yaml11-octal",
        "read",
        "A number with a leading zero that YAML 1.1 reads as octal.",
        "yaml11-octal--value.yaml",
    ),
    Code(
        "yaml11-sexagesimal",
        "read",
        "A value like 1:10 that YAML 1.1 reads as a base-60 number.",
        "yaml11-sexagesimal--value.yaml",
    ),
    Code(
        "bad-number",
        "read",
        "A value that looks like a number but is not one.",
        "bad-number--explicit-float-tag.yaml",
    ),
    Code(
        "not-a-file",
        "read",
        "A *.yaml path is a directory, a FIFO, a device or a socket, not a regular file.",
        "tests/test_reader.py::test_special_files_are_refused_without_blocking",
    ),
    Code(
        "outside-data-dir",
        "read",
        "A file is a symbolic link to a place outside the data folder (e.g. /dev/zero).",
        "tests/test_reader.py::test_link_out_of_the_data_folder_is_refused",
    ),
    Code(
        "unreadable",
        "read",
        "The operating system refused to open or read a file (permissions, link loop…).",
        "tests/test_reader.py::test_unreadable_file_is_a_problem",
    ),
    Code(
        "control-character",
        "read",
        "A file contains a control character YAML forbids (NUL, ESC…).",
        "control-character--escape-in-title.yaml",
    ),
    Code(
        "too-many-nodes",
        "read",
        "A file expands to more values than the limit (aliases count as what they repeat).",
        "too-many-nodes--alias-amplification.yaml",
    ),
    Code(
        "not-finite",
        "read",
        "A number is infinite or not a number (.inf, .nan).",
        "not-finite--inf-value.yaml",
    ),
    Code(
        "number-too-large",
        "read",
        "A whole number too large to store exactly (beyond 2**53).",
        "number-too-large--huge-integer.yaml",
    ),
    Code(
        "non-decimal-number",
        "read",
        "A number written in hex, in binary or with underscores (0x7E5 for a year).",
        "non-decimal-number--hex-year.yaml",
    ),
    Code(
        "unexpected-file",
        "read",
        "A file or folder that is not part of the data layout (a typo'd name, a backup, a leftover).",
        "unexpected-file--themes-yml.yaml",
    ),
    # --- validate: each file against its model -----------------------------------------------
    Code(
        "unknown-key",
        "validate",
        "A key the schema does not define (often a typo).",
        "unknown-key--licence-typo.yaml",
    ),
    Code("missing-field", "validate", "A required field is missing.", "missing-field--about-maintainer.yaml"),
    Code(
        "wrong-type",
        "validate",
        "A value has the wrong type (text where a number is expected…).",
        "wrong-type--list-for-text.yaml",
    ),
    Code(
        "bad-id",
        "validate",
        "An id is not a lowercase slug (letters, digits, hyphens).",
        "bad-id--not-a-slug.yaml",
    ),
    Code(
        "bad-date",
        "validate",
        "A date is not a real day in the form YYYY-MM-DD (or YYYY, YYYY-MM).",
        "bad-date--february-30-event.yaml",
    ),
    Code("bad-color", "validate", "A colour is not of the form #RRGGBB.", "bad-color--five-digits.yaml"),
    Code("bad-url", "validate", "A URL is not an http:// or https:// address.", "bad-url--javascript.yaml"),
    Code(
        "bad-value",
        "validate",
        "A value is not one of the allowed words or is otherwise invalid.",
        "bad-value--party.yaml",
    ),
    Code("unsourced", "validate", "An item cites no source.", "unsourced--commitment.yaml"),
    Code("too-long", "validate", "A text is longer than its field allows.", "too-long--event-short.yaml"),
    Code("empty-text", "validate", "A text is empty.", "empty-text--theme-label.yaml"),
    Code(
        "bad-length",
        "validate",
        "A list has too few or too many items.",
        "bad-length--commitment-without-themes.yaml",
    ),
    Code(
        "end-before-start",
        "validate",
        "An end date falls before its start date.",
        "end-before-start--span.yaml",
    ),
    Code(
        "no-visible-text",
        "validate",
        "A text holds no visible character (only spaces, zero-width or control characters).",
        "no-visible-text--zero-width-title.yaml",
    ),
    Code(
        "bad-character",
        "validate",
        "A text holds a line break where one line is expected (names, titles, labels), or a tab, "
        "control or bidirectional-override character.",
        "bad-character--line-break-in-title.yaml",
    ),
    Code(
        "date-out-of-range",
        "validate",
        "A date lies outside the years 1900-2100 (e.g. 0000-01-01 or 2101).",
        "date-out-of-range--year-zero.yaml",
    ),
    Code(
        "out-of-range",
        "validate",
        "A number is outside its allowed range (a negative count, a pillar number over 20…).",
        "out-of-range--negative-value.yaml",
    ),
    # --- check: meaning across files -----------------------------------------------------------
    Code("duplicate-id", "check", "Two items of the same kind share an id.", "duplicate-id--theme.yaml"),
    Code(
        "id-file-mismatch",
        "check",
        "A framework's or indicator's id differs from its file name.",
        "id-file-mismatch--indicator.yaml",
    ),
    Code(
        "unknown-source",
        "check",
        "A source id that sources.yaml does not define.",
        "unknown-source--commitment.yaml",
    ),
    Code(
        "unknown-theme",
        "check",
        "A theme id that themes.yaml does not define.",
        "unknown-theme--commitment.yaml",
    ),
    Code(
        "unknown-framework",
        "check",
        "A framework id that no frameworks/*.yaml file defines.",
        "unknown-framework--commitment.yaml",
    ),
    Code(
        "unknown-pillar",
        "check",
        "A pillar or objective id that no framework defines.",
        "unknown-pillar--crosswalk-to-id.yaml",
    ),
    Code(
        "wrong-framework",
        "check",
        "A crosswalk link does not join a framework to the next one.",
        "wrong-framework--link-backwards.yaml",
    ),
    Code(
        "date-order",
        "check",
        "Dates are out of order (a phase before its framework, values not in time order…).",
        "date-order--phase-before-framework.yaml",
    ),
    Code(
        "bad-order",
        "check",
        "Pillar numbers do not follow their order in the file.",
        "bad-order--pillar-number.yaml",
    ),
    Code(
        "skipped-references",
        "check",
        "References not checked because the file that defines their ids failed (counted in one problem).",
        "skipped-references--sources-failed.yaml",
    ),
    Code(
        "frames-failed",
        "check",
        "The data loads but the app cannot build its tables from it (python -m components.validate).",
        "tests/test_strict.py::test_cli_reports_a_frames_failure_as_a_problem",
    ),
)

CODES: dict[str, Code] = {entry.name: entry for entry in _CODES}


def code(name: str) -> str:
    """Return `name` if it is a registered code; raise KeyError for an unregistered one (a bug)."""
    if name not in CODES:
        raise KeyError(f"problem code {name!r} is not in components/data/codes.py")
    return name


# --- the contributor guide's table of codes (docs/contributing.md) ------------------------------
GUIDE = "docs/contributing.md"  # relative to the project root
TABLE_START, TABLE_END = "<!-- codes:start -->", "<!-- codes:end -->"


def markdown_table() -> str:
    """The guide's table of codes: code, stage, meaning and example, in registry order."""
    lines = ["| Code | Stage | Meaning | Example |", "| --- | --- | --- | --- |"]
    for entry in _CODES:
        meaning = entry.meaning.replace("|", "\\|")
        lines.append(f"| `{entry.name}` | {entry.stage} | {meaning} | {_example_link(entry.example)} |")
    return "\n".join(lines) + "\n"


def _example_link(example: str) -> str:
    """A link from docs/ to the fixture file, or to the test file for a case only a test can build."""
    if not example:
        return "none yet"
    if "::" in example:
        return f"[`{example}`](../{example.split('::')[0]})"
    return f"[`{example}`](../tests/fixtures/broken/{example})"


def with_table(text: str) -> str:
    """`text` with what lies between the two markers replaced by the current table."""
    head, start, rest = text.partition(TABLE_START)
    _, end, tail = rest.partition(TABLE_END)
    if not (start and end):
        raise ValueError(f"{TABLE_START} and {TABLE_END} must both be in the guide")
    return f"{head}{start}\n{markdown_table()}{end}{tail}"


if __name__ == "__main__":  # python -m components.data.codes --markdown | --write-docs
    import sys
    from pathlib import Path

    if sys.argv[1:] == ["--markdown"]:
        print(markdown_table(), end="")
    elif sys.argv[1:] == ["--write-docs"]:
        guide = Path(__file__).resolve().parents[2] / GUIDE
        guide.write_text(with_table(guide.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote the table of {len(CODES)} codes to {GUIDE}")
    else:
        sys.exit("usage: python -m components.data.codes --markdown | --write-docs")
