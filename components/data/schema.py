"""Closed pydantic models for every file under data/; the single definition of the data shape."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

# Every check below raises PydanticCustomError("<registry code>", message, {"expected": …}): the code
# names the problem in components/data/codes.py, so validation.py never guesses it from a message.

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
VERSION_PATTERN = r"^\d+\.\d+\.\d+$"

# Limits, in characters. The longest shipped values (measured when the limits were set) are in the
# comments; each limit leaves at least twice that room without letting a file carry a novel.
ID_MAX = 80  # longest shipped id: 44
SHORT_TITLE_MAX = 36  # a label drawn on a chart next to others
LINE_MAX = 300  # names, titles, labels, publishers: longest shipped 153 (an assessment title)
DOCUMENT_TITLE_MAX = 1000  # a source's full title as published: longest shipped 351 (a DOF decree)
PROSE_MAX = 3000  # summaries, descriptions, notes: longest shipped 1,266 (a sourced note)
URL_MAX = 2000  # longest shipped 249
DATE_MIN_YEAR, DATE_MAX_YEAR = 1900, 2100
COUNT_MAX = 100_000  # counts of goals, actions… in a plan (largest shipped: a few dozen)
VALUE_MAX = 1e15  # an indicator value: beyond any count of people or dollars the dashboard shows

Country = Literal["us", "mx", "bilateral"]
Party = Literal["us", "mx", "both"]


def _error(name: str, message: str, expected: str) -> PydanticCustomError:
    return PydanticCustomError(name, message, {"expected": expected})


def _end_before_start(what: str, start: dt.date, end: dt.date) -> PydanticCustomError:
    return PydanticCustomError(
        "end-before-start",
        f"the {what} ends before it starts",
        {"expected": f"an end on or after {start}", "got": f"end {end}"},
    )


# --- text -----------------------------------------------------------------------------------------

# Characters no text may hold: controls (the reader already refuses most; tab and line breaks get
# through), line and paragraph separators, and the bidirectional marks, embeddings, overrides and
# isolates that can make text display in an order other than the one stored.
_NEVER = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_BAD_IN_LINE = re.compile(f"[{_NEVER}\t\n]")  # names, titles, labels: one line
_BAD_IN_PROSE = re.compile(f"[{_NEVER}\t]")  # summaries and descriptions may break lines
# Letters that draw nothing (Hangul fillers, the blank Braille pattern, the Mongolian vowel separator).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"})


# Printable ASCII but the space: visible, decided without a Unicode database look-up (most text starts so).
_VISIBLE_ASCII = frozenset(chr(code) for code in range(0x21, 0x7F))


def _visible(char: str) -> bool:
    if char in _VISIBLE_ASCII:
        return True
    return char not in _BLANK_LETTERS and unicodedata.category(char) not in _INVISIBLE_CATEGORIES


def _text_check(max_length: int, single_line: bool):
    bad = _BAD_IN_LINE if single_line else _BAD_IN_PROSE

    def check(value: str) -> str:
        if not value:
            raise _error("empty-text", "text is empty", "non-empty text")
        if len(value) > max_length:
            raise PydanticCustomError(
                "too-long",
                "text is too long",
                {"expected": f"at most {max_length:,} characters", "got": f"{len(value):,} characters"},
            )
        # str.isprintable is false for every character `bad` matches, and is much faster than a search.
        found = None if value.isprintable() else bad.search(value)
        if found:
            what = "a line break" if found.group() == "\n" else f"U+{ord(found.group()):04X}"
            raise PydanticCustomError(
                "bad-character",
                "text holds a character it may not" + (" (this field is one line)" if single_line else ""),
                {"expected": "one line of printable text" if single_line else "printable text", "got": what},
            )
        if not _visible(value[0]) and not any(_visible(char) for char in value):  # most start visibly
            raise _error("no-visible-text", "text has no visible character", "at least one visible character")
        return value

    return check


def _text(max_length: int, single_line: bool, description: str) -> object:
    """A str with a length limit, at least one visible character, and one line unless it is prose."""
    return Annotated[
        str,
        AfterValidator(_text_check(max_length, single_line)),
        WithJsonSchema(
            {"type": "string", "minLength": 1, "maxLength": max_length, "description": description}
        ),
    ]


Line = _text(LINE_MAX, True, "One line of text.")
DocumentTitle = _text(DOCUMENT_TITLE_MAX, True, "A document's full title, on one line.")
ShortLabel = _text(SHORT_TITLE_MAX, True, "A short label drawn on a chart, on one line.")
Prose = _text(PROSE_MAX, False, "Text of a few sentences; may break lines.")


def _pattern_check(pattern: str, name: str, expected: str, max_length: int):
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if len(value) > max_length:
            raise PydanticCustomError(
                "too-long",
                "value is too long",
                {"expected": f"at most {max_length:,} characters", "got": f"{len(value):,} characters"},
            )
        if not compiled.match(value):
            raise _error(name, "value does not have the expected form", expected)
        return value

    return check


def _patterned(pattern: str, name: str, expected: str, max_length: int) -> object:
    return Annotated[
        str,
        AfterValidator(_pattern_check(pattern, name, expected, max_length)),
        WithJsonSchema({"type": "string", "pattern": pattern, "maxLength": max_length}),
    ]


Slug = _patterned(SLUG_PATTERN, "bad-id", "a lowercase slug (letters, digits, hyphens)", ID_MAX)
Color = _patterned(COLOR_PATTERN, "bad-color", "a colour as #RRGGBB", 7)
HttpUrl = _patterned(URL_PATTERN, "bad-url", "an http:// or https:// URL", URL_MAX)
Version = _patterned(VERSION_PATTERN, "bad-value", "a version as MAJOR.MINOR.PATCH", 40)


# --- dates ----------------------------------------------------------------------------------------


def _check_year(year: int, value: object) -> None:
    if not DATE_MIN_YEAR <= year <= DATE_MAX_YEAR:
        raise PydanticCustomError(
            "date-out-of-range",
            "date lies outside the years the dashboard covers",
            {"expected": f"a year from {DATE_MIN_YEAR} to {DATE_MAX_YEAR}", "got": repr(value)},
        )


_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


def _parse_partial(value: object, form: str) -> list[int]:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' -> [year, month, day] as far as given; checks that it exists."""
    if not isinstance(value, str):
        raise _error("bad-date", "a date is written as a quoted string", form)
    if not _PARTIAL_DATE.fullmatch(value):
        raise _error("bad-date", "not a date in the expected form", form)
    parts = [int(part) for part in value.split("-")]
    _check_year(parts[0], value)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise _error("bad-date", "not a real month", form)
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            raise _error("bad-date", "not a real calendar day", form) from None
    return parts


def _to_date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):  # built in Python code
        _check_year(value.year, value)
        return value
    form = "a real day as YYYY-MM-DD"
    if isinstance(value, str) and len(value.split("-")) != 3:
        raise _error("bad-date", "not a date in the expected form", form)
    return dt.date(*_parse_partial(value, form))


def _to_partial_date(value: object) -> str:
    _parse_partial(value, "a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value


# A day, written in YAML as a quoted ISO string ("2021-10-08"); the YAML reader keeps dates as text, so
# an int (2021) or a YAML timestamp never becomes a date by accident.
IsoDate = Annotated[dt.date, BeforeValidator(_to_date)]
PartialDate = Annotated[
    str,
    BeforeValidator(_to_partial_date),
    WithJsonSchema({"type": "string", "pattern": PARTIAL_DATE_PATTERN}),
]


class Closed(BaseModel):
    """Base for every model: unknown keys are errors, values are never coerced, loaded values never change.

    Strict: a quoted "NO" is not a bool, "3" is not an int, an int is not a date.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)


class Text(Closed):
    """Text a user reads, in English and Spanish: a few sentences at most (summaries, descriptions, notes)."""

    en: Prose = Field(description=f"English text; required, at most {PROSE_MAX:,} characters.")
    es: Prose = Field(
        description=(
            "Spanish text; required. The official Spanish wording where one exists (then es_verbatim), "
            "else the project's translation."
        ),
    )
    es_verbatim: bool = Field(
        default=False,
        description=(
            "True when the Spanish text is an exact quotation of an official Spanish text (cited among the "
            "item's sources); False when it is the project's own translation."
        ),
    )


class Name(Text):
    """A name, title or label in English and Spanish: one line each."""

    en: Line = Field(description=f"English name; one line, at most {LINE_MAX} characters.")
    es: Line = Field(description=f"Spanish name; required; one line, at most {LINE_MAX} characters.")


class ShortText(Closed):
    """A short label drawn on charts (e.g. an event's short title), in English and Spanish."""

    en: ShortLabel = Field(description=f"English label; at most {SHORT_TITLE_MAX} characters.")
    es: ShortLabel = Field(description=f"Spanish label; required; at most {SHORT_TITLE_MAX} characters.")


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value (or each list item) is the id of another kind of item.

    Declared once, on the field; components/data/checks.py walks every model and checks each such id
    against the ids that exist, so no reference is checked by hand.
    """

    kind: Literal["source", "theme", "framework", "pillar"]  # pillar: a pillar or objective id

    def __post_init__(self) -> None:
        if self.kind not in REF_KINDS:  # a typo here would silently leave a reference unchecked
            raise ValueError(f"unknown reference kind {self.kind!r}; expected one of {REF_KINDS}")


REF_KINDS = ("source", "theme", "framework", "pillar")


def _at_least_one_source(ids: list[str]) -> list[str]:
    if not ids:
        raise _error("unsourced", "item cites no source", "at least one source id")
    return ids


def _at_least_one_theme(ids: list[str]) -> list[str]:
    if not ids:
        raise _error("bad-length", "item has no theme", "at least one theme id")
    return ids


SourceIds = Annotated[
    list[Slug],
    Ref("source"),
    AfterValidator(_at_least_one_source),
    Field(
        json_schema_extra={"minItems": 1},
        description="Ids of entries in sources.yaml that support this item; at least one.",
    ),
]
ThemeIds = Annotated[
    list[Slug],
    Ref("theme"),
    AfterValidator(_at_least_one_theme),
    Field(
        json_schema_extra={"minItems": 1},
        description="Ids of themes in themes.yaml this item belongs to; at least one.",
    ),
]


# --- about.yaml -------------------------------------------------------------


class About(Closed):
    """The file data/about.yaml: what the dataset is and when it was last reviewed."""

    title: Name = Field(description="Name of the dashboard and dataset, printed in every chart footer.")
    data_date: IsoDate = Field(description="Day the data was last reviewed against its sources.")
    version: Version = Field(description="Dataset version (semver).")
    maintainer: Line = Field(description="Who maintains the dataset.")
    repository: HttpUrl | None = Field(
        default=None, description="Where the dataset and code live, if public."
    )
    license: Line = Field(description="Licence of the compiled dataset.")


# --- sources.yaml -----------------------------------------------------------


class Source(Closed):
    """One citable document, page or dataset."""

    id: Slug = Field(
        description="Unique slug; by convention the research dossier's bracket id in lower case (e.g. s12, g1, t17b)."
    )
    short: Line = Field(description="Short name printed in chart footers, e.g. 'CRS IF10578 (2021)'.")
    title: DocumentTitle = Field(description="Full title of the document as published.")
    publisher: Line = Field(description="Organisation (or outlet) that published it.")
    authors: Line | None = Field(default=None, description="Authors, where the document names them.")
    date: PartialDate | None = Field(
        description="Publication date (YYYY, YYYY-MM or YYYY-MM-DD); null only when the document is undated."
    )
    url: HttpUrl = Field(description="Address of the original document (http or https).")
    via: HttpUrl | None = Field(
        default=None,
        description="Address of the mirror or repost that was actually read, when not the original.",
    )
    kind: Literal["official", "congressional-research", "audit", "analysis", "news", "dataset"] = Field(
        description="What sort of source this is."
    )
    accessed: IsoDate | None = Field(default=None, description="Date the source was read, if recorded.")
    note: Text | None = Field(
        default=None, description="Caveat about the source (mirror quality, truncation, reliability)."
    )


class SourcesFile(Closed):
    """The file data/sources.yaml."""

    sources: list[Source] = Field(min_length=1, description="Every source the dataset cites.")


# --- themes.yaml ------------------------------------------------------------


class Theme(Closed):
    """One theme of the closed taxonomy shared by both frameworks."""

    id: Slug = Field(description="Unique slug of the theme.")
    label: Name = Field(description="Short label shown on chips, legends and filters.")
    description: Text = Field(description="One or two sentences saying what belongs in the theme.")
    color: Color = Field(
        description="Fixed colour (#RRGGBB) from the colour-blind-safe palette; stable across filters."
    )


class ThemesFile(Closed):
    """The file data/themes.yaml."""

    themes: list[Theme] = Field(
        min_length=1, max_length=14, description="The closed taxonomy, in display order."
    )


# --- frameworks/<id>.yaml ---------------------------------------------------


class SourcedText(Closed):
    """A sentence with its own sources (principles, alternate wordings, caveats)."""

    text: Text = Field(description="The text.")
    verbatim: bool = Field(
        default=False, description="True when the English text is an exact quotation of the first source."
    )
    sources: SourceIds


class Person(Closed):
    """A leader or participant named by a source."""

    name: Line = Field(description="Full name as the source gives it.")
    role: Name = Field(description="Office held at the time.")
    country: Literal["us", "mx", "intl"] = Field(description="Government the person represented.")
    sources: SourceIds


class Objective(Closed):
    """One objective (or sub-activity) under a pillar or goal."""

    id: Slug = Field(description="Unique slug across all pillars and objectives.")
    label: Name | None = Field(
        default=None, description="Official short name of the objective, where it has one."
    )
    text: Text = Field(description="The objective's text.")
    verbatim: bool = Field(
        default=False, description="True when the English text is an exact quotation of the first source."
    )
    themes: ThemeIds
    sources: SourceIds


class Pillar(Closed):
    """A Mérida pillar or focus area, or a Bicentennial goal."""

    id: Slug = Field(description="Unique slug across all pillars and objectives.")
    number: int = Field(ge=1, le=20, description="Position in the official order, from 1.")
    title: Name = Field(description="Official title of the pillar or goal.")
    title_verbatim: bool = Field(
        default=False, description="True when the English title is the exact official wording."
    )
    summary: Text | None = Field(
        default=None, description="Official description of the pillar, where one was read."
    )
    summary_verbatim: bool = Field(
        default=False, description="True when the English summary is an exact quotation."
    )
    alternate_titles: list[SourcedText] = Field(
        default_factory=list, description="Other official wordings of the same pillar."
    )
    sources: SourceIds
    objectives: list[Objective] = Field(
        default_factory=list, description="Objectives or sub-activities, in official order."
    )

    @property
    def themes(self) -> tuple[str, ...]:
        """The union of the objectives' themes, in first-seen order: one theme model, never tagged twice.

        A pillar with no objectives has no themes; every count by theme is a count of objectives.
        """
        return tuple(dict.fromkeys(theme for objective in self.objectives for theme in objective.themes))


class Phase(Closed):
    """A period of a framework with its own set of pillars (Mérida 2007–2010, 2011–2021)."""

    id: Slug = Field(description="Unique slug of the phase; the value of ?phase= in URLs.")
    label: Name = Field(description="Label shown in the phase picker.")
    start: IsoDate = Field(description="First day of the phase.")
    end: IsoDate | None = Field(default=None, description="Last day of the phase; null while it continues.")
    date_note: Text | None = Field(
        default=None, description="Caveat on the dating of the phase (e.g. conflicting sources)."
    )
    summary: Text = Field(description="What distinguishes the phase, in one or two sentences.")
    pillar_word: Name = Field(
        description="What the framework calls its top-level items in this phase (pillar, focus area, goal)."
    )
    pillar_words: Name = Field(description="The same word in the plural (pillars, focus areas, goals).")
    sources: SourceIds
    pillars: list[Pillar] = Field(
        min_length=1, description="Pillars or goals of the phase, in official order."
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> Phase:
        if self.end is not None and self.end < self.start:
            raise _end_before_start("phase", self.start, self.end)
        return self


class Meeting(Closed):
    """A dated meeting with its participants (e.g. the October 8, 2021 High-Level Security Dialogue)."""

    name: Name = Field(description="Name of the meeting.")
    date: IsoDate = Field(description="Day the meeting took place.")
    place: Name = Field(description="City (and venue) of the meeting.")
    participants: list[Person] = Field(default_factory=list, description="Participants named by the sources.")
    sources: SourceIds


class ActionPlan(Closed):
    """The published structure of an implementation plan (counts only, as sources report them)."""

    name: Name = Field(description="Name of the plan.")
    date: IsoDate = Field(description="Day the plan was agreed.")
    period: Name = Field(description="Years the plan covers, as the sources say.")
    goals: int = Field(ge=0, le=COUNT_MAX, description="Number of goals.")
    cooperation_areas: int = Field(ge=0, le=COUNT_MAX, description="Number of cooperation areas.")
    joint_objectives: int = Field(ge=0, le=COUNT_MAX, description="Number of joint objectives.")
    actions: int = Field(ge=0, le=COUNT_MAX, description="Number of cooperative actions.")
    conflicts: list[SourcedText] = Field(
        default_factory=list, description="Sources that report different counts."
    )
    sources: SourceIds


LeadersKind = Literal["presidents-at-launch", "officials-at-launch", "presidents-over-period"]


class Framework(Closed):
    """One framework file: data/frameworks/<id>.yaml. Frameworks are ordered by start date everywhere."""

    id: Slug = Field(description="Unique slug; also the file name and the value of ?compare= in URLs.")
    name: Name = Field(description="Official full name.")
    name_note: SourcedText | None = Field(
        default=None,
        description="Caveat on the name, e.g. that one language's name is the project's translation.",
    )
    short_name: Name = Field(description="Short name used in legends and column headers.")
    color: Color = Field(
        description="Fixed colour (#RRGGBB) of the framework in every chart; colour-blind-safe palette."
    )
    start: IsoDate = Field(description="Day the framework was launched.")
    end: IsoDate | None = Field(
        default=None,
        description="Day it formally ended or was superseded; null while in force or when no source dates an end.",
    )
    end_note: SourcedText | None = Field(
        default=None,
        description="How the framework ended or faded when no formal end date exists (shown instead of an end date).",
    )
    leaders_kind: LeadersKind = Field(
        description="What the leaders list holds: the presidents who launched it, the officials at its launch, or every president over its period."
    )
    leaders: list[Person] = Field(min_length=1, description="The people named by leaders_kind, each sourced.")
    principles: list[SourcedText] = Field(
        min_length=1, description="Stated principles (e.g. shared responsibility)."
    )
    summary: Text = Field(description="Two or three plain-language sentences on what the framework is.")
    launch: Meeting | None = Field(
        default=None, description="The meeting that launched it, where documented."
    )
    action_plan: ActionPlan | None = Field(
        default=None, description="Structure of its implementation plan, where published."
    )
    notes: list[SourcedText] = Field(
        default_factory=list, description="Sourced caveats shown next to the framework."
    )
    sources: SourceIds
    phases: list[Phase] = Field(
        min_length=1, description="Phases in chronological order; most frameworks have one."
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> Framework:
        if self.end is not None and self.end < self.start:
            raise _end_before_start("framework", self.start, self.end)
        return self


# --- commitments.yaml -------------------------------------------------------


class Commitment(Closed):
    """What one party committed to under shared responsibility."""

    id: Slug = Field(description="Unique slug.")
    framework: Annotated[Slug, Ref("framework")] = Field(
        description="Id of the framework the commitment belongs to."
    )
    party: Party = Field(description="Who committed: us, mx or both.")
    text: Text = Field(description="The commitment.")
    verbatim: bool = Field(
        default=False, description="True when the English text is an exact quotation of the first source."
    )
    themes: ThemeIds
    sources: SourceIds


class CommitmentsFile(Closed):
    """The file data/commitments.yaml."""

    commitments: list[Commitment] = Field(min_length=1, description="Commitments by party.")


# --- assessments.yaml -------------------------------------------------------


class Assessment(Closed):
    """An evaluation of a framework: an achievement, a criticism or an audit finding."""

    id: Slug = Field(description="Unique slug.")
    framework: Annotated[Slug, Ref("framework")] = Field(description="Id of the framework assessed.")
    kind: Literal["achievement", "criticism", "finding"] = Field(description="What sort of assessment.")
    title: Name = Field(description="One-line headline.")
    text: Text = Field(description="What the source says.")
    verbatim: bool = Field(
        default=False, description="True when the English text is an exact quotation of the first source."
    )
    by: Line = Field(description="Who made it (e.g. 'GAO-10-837', 'U.S. Embassy Mexico').")
    date: PartialDate = Field(description="When it was made or published (YYYY, YYYY-MM or YYYY-MM-DD).")
    figure: Line | None = Field(
        default=None, description="A headline number quoted by the source, if any (e.g. '81 facilities')."
    )
    note: Text | None = Field(
        default=None,
        description="Caveat shown with the assessment, e.g. that a figure is cumulative and predates the framework.",
    )
    themes: ThemeIds
    sources: SourceIds


class AssessmentsFile(Closed):
    """The file data/assessments.yaml."""

    assessments: list[Assessment] = Field(min_length=1, description="Achievements, criticisms and findings.")


# --- crosswalk.yaml ---------------------------------------------------------

Relation = Literal["continued", "expanded", "narrowed", "new", "dropped"]


class CrosswalkLink(Closed):
    """The project's analytical judgment of how an item of one framework maps onto its successor's.

    Both ends must lie in consecutive frameworks (ordered by start date): from_id in the earlier one,
    to_id in the next. A 'new' link has only to_id, a 'dropped' link only from_id.
    """

    id: Slug = Field(description="Unique slug.")
    from_id: Annotated[Slug | None, Ref("pillar")] = Field(
        description="Pillar or objective id in the earlier framework; null only for relation 'new'."
    )
    to_id: Annotated[Slug | None, Ref("pillar")] = Field(
        description="Pillar or objective id in the next framework; null only for relation 'dropped'."
    )
    relation: Relation = Field(description="continued, expanded, narrowed, new or dropped.")
    rationale: Text = Field(description="Why the project judges the relation so.")
    sources: SourceIds

    @model_validator(mode="after")
    def _ends_match_relation(self) -> CrosswalkLink:
        if self.from_id is None and self.to_id is None:
            raise _error("bad-value", "a link needs from_id, to_id or both", "from_id, to_id or both")
        if (self.from_id is None) != (self.relation == "new"):
            raise _error(
                "bad-value", "from_id is null exactly when relation is 'new'", "from_id null only for 'new'"
            )
        if (self.to_id is None) != (self.relation == "dropped"):
            raise _error(
                "bad-value",
                "to_id is null exactly when relation is 'dropped'",
                "to_id null only for 'dropped'",
            )
        return self


class CrosswalkFile(Closed):
    """The file data/crosswalk.yaml."""

    links: list[CrosswalkLink] = Field(min_length=1, description="Crosswalk links.")


# --- timeline.yaml ----------------------------------------------------------

EventCategory = Literal[
    "agreement", "funding", "leadership", "policy", "security-operation", "evaluation", "dialogue", "legal"
]


class Event(Closed):
    """One dated event."""

    id: Slug = Field(description="Unique slug; the value of ?event= in URLs.")
    date: PartialDate = Field(
        description="YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known."
    )
    title: Name = Field(description="Headline of the event.")
    short: ShortText | None = Field(
        default=None,
        description="Label drawn on the timeline and outcome charts; needed when the title is longer than the limit.",
    )
    description: Text = Field(description="One to three sentences on what happened.")
    category: EventCategory = Field(description="Lane of the event on the timeline.")
    country: Country = Field(description="Where the event belongs: us, mx or bilateral.")
    frameworks: Annotated[list[Slug], Ref("framework")] = Field(
        default_factory=list, description="Ids of frameworks the event concerns."
    )
    date_note: Text | None = Field(default=None, description="Caveat when sources disagree on the date.")
    note: Text | None = Field(
        default=None,
        description="Caveat on the event itself, e.g. that it rests on one secondary source (SECONDARY in the dossier).",
    )
    themes: ThemeIds
    sources: SourceIds


class Span(Closed):
    """A period drawn as a band: a presidency or a framework period."""

    id: Slug = Field(description="Unique slug.")
    kind: Literal["presidency", "framework"] = Field(description="What the span is.")
    label: Name = Field(description="Label drawn on the band.")
    country: Country = Field(description="us, mx or bilateral.")
    start: IsoDate = Field(description="First day.")
    end: IsoDate | None = Field(
        default=None,
        description="Last day (the day of handover for presidencies); null while it continues or when no source dates an end.",
    )
    framework: Annotated[Slug | None, Ref("framework")] = Field(
        default=None, description="Framework id, for framework periods."
    )
    sources: SourceIds

    @model_validator(mode="after")
    def _end_after_start(self) -> Span:
        if self.end is not None and self.end < self.start:
            raise _end_before_start("span", self.start, self.end)
        return self


class TimelineFile(Closed):
    """The file data/timeline.yaml."""

    events: list[Event] = Field(min_length=1, description="Dated events.")
    spans: list[Span] = Field(default_factory=list, description="Presidencies and framework periods.")


# --- indicators/<id>.yaml ---------------------------------------------------


class IndicatorValue(Closed):
    """One observed value; years without a value are simply absent."""

    year: int = Field(
        ge=1990, le=2100, description="Year the value refers to (or the year it was reported, with as_of)."
    )
    as_of: IsoDate | None = Field(
        default=None, description="Report date, for series 'as reported over time'."
    )
    value: float = Field(
        ge=0, le=VALUE_MAX, allow_inf_nan=False, description="The value in the indicator's unit."
    )
    status: Literal["final", "preliminary"] = Field(
        description="final, or preliminary (subject to revision)."
    )
    note: Text | None = Field(
        default=None, description="Caveat for this value (e.g. earlier preliminary figure)."
    )
    sources: SourceIds


class Indicator(Closed):
    """One indicator file: data/indicators/<id>.yaml."""

    id: Slug = Field(description="Unique slug; the value of ?indicator= in URLs.")
    label: Name = Field(description="Name of the indicator.")
    unit: Name = Field(description="Unit of the values (e.g. 'deaths', 'billion US$').")
    country: Country = Field(description="Country the indicator measures.")
    definition: Text = Field(description="What is counted, as the source defines it.")
    notes: list[SourcedText] = Field(default_factory=list, description="Caveats shown under the chart.")
    sources: SourceIds
    values: list[IndicatorValue] = Field(
        min_length=1, description="Values in time order; missing years stay missing."
    )


# --- an uploaded framework ----------------------------------------------------


class FrameworkUpload(Framework):
    """A framework file uploaded in the app: a framework plus the sources it cites that sources.yaml lacks."""

    declared_sources: list[Source] = Field(
        default_factory=list,
        description="Entries in the sources.yaml format for sources the file cites that the shipped data lacks.",
    )
