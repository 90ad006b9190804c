"""Closed pydantic models for every file under data/; the single definition of the data shape."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Country = Literal["us", "mx", "bilateral"]
Party = Literal["us", "mx", "both"]


def _check_partial_date(value: str) -> str:
    """A 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' string that names a real day."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        dt.date(*parts)  # raises ValueError for 2021-02-30
    return value


PartialDate = Annotated[
    str,
    StringConstraints(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(_check_partial_date),
]


def _check_http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise ValueError("an http:// or https:// URL")
    return value


HttpUrl = Annotated[str, AfterValidator(_check_http_url)]


class Closed(BaseModel):
    """Base for every model: unknown keys are errors and loaded values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


NonEmptyText = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Text(Closed):
    """Text a user reads, in English and (optionally, until the Spanish issue) Spanish."""

    en: NonEmptyText = Field(description="English text; required and non-empty.")
    es: NonEmptyText = Field(
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


SHORT_TITLE_MAX = 36  # characters: a label drawn on a chart next to others


ShortLabel = Annotated[
    str, StringConstraints(min_length=1, max_length=SHORT_TITLE_MAX, strip_whitespace=True)
]


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


SourceIds = Annotated[
    list[Slug],
    Ref("source"),
    Field(min_length=1, description="Ids of entries in sources.yaml that support this item; at least one."),
]
ThemeIds = Annotated[
    list[Slug],
    Ref("theme"),
    Field(min_length=1, description="Ids of themes in themes.yaml this item belongs to; at least one."),
]


# --- about.yaml -------------------------------------------------------------


class About(Closed):
    """The file data/about.yaml: what the dataset is and when it was last reviewed."""

    title: Text = Field(description="Name of the dashboard and dataset, printed in every chart footer.")
    data_date: dt.date = Field(description="Day the data was last reviewed against its sources.")
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        description="Dataset version (semver)."
    )
    maintainer: NonEmptyText = Field(description="Who maintains the dataset.")
    repository: HttpUrl | None = Field(
        default=None, description="Where the dataset and code live, if public."
    )
    license: NonEmptyText = Field(description="Licence of the compiled dataset.")


# --- sources.yaml -----------------------------------------------------------


class Source(Closed):
    """One citable document, page or dataset."""

    id: Slug = Field(
        description="Unique slug; by convention the research dossier's bracket id in lower case (e.g. s12, g1, t17b)."
    )
    short: NonEmptyText = Field(description="Short name printed in chart footers, e.g. 'CRS IF10578 (2021)'.")
    title: NonEmptyText = Field(description="Full title of the document as published.")
    publisher: NonEmptyText = Field(description="Organisation (or outlet) that published it.")
    authors: NonEmptyText | None = Field(default=None, description="Authors, where the document names them.")
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
    accessed: dt.date | None = Field(default=None, description="Date the source was read, if recorded.")
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
    label: Text = Field(description="Short label shown on chips, legends and filters.")
    description: Text = Field(description="One or two sentences saying what belongs in the theme.")
    color: Annotated[str, StringConstraints(pattern=COLOR_PATTERN)] = Field(
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

    name: NonEmptyText = Field(description="Full name as the source gives it.")
    role: Text = Field(description="Office held at the time.")
    country: Literal["us", "mx", "intl"] = Field(description="Government the person represented.")
    sources: SourceIds


class Objective(Closed):
    """One objective (or sub-activity) under a pillar or goal."""

    id: Slug = Field(description="Unique slug across all pillars and objectives.")
    label: Text | None = Field(
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
    title: Text = Field(description="Official title of the pillar or goal.")
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
    label: Text = Field(description="Label shown in the phase picker.")
    start: dt.date = Field(description="First day of the phase.")
    end: dt.date | None = Field(default=None, description="Last day of the phase; null while it continues.")
    date_note: Text | None = Field(
        default=None, description="Caveat on the dating of the phase (e.g. conflicting sources)."
    )
    summary: Text = Field(description="What distinguishes the phase, in one or two sentences.")
    pillar_word: Text = Field(
        description="What the framework calls its top-level items in this phase (pillar, focus area, goal)."
    )
    pillar_words: Text = Field(description="The same word in the plural (pillars, focus areas, goals).")
    sources: SourceIds
    pillars: list[Pillar] = Field(
        min_length=1, description="Pillars or goals of the phase, in official order."
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> Phase:
        if self.end is not None and self.end < self.start:
            raise ValueError("end-before-start: the phase ends before it starts")
        return self


class Meeting(Closed):
    """A dated meeting with its participants (e.g. the October 8, 2021 High-Level Security Dialogue)."""

    name: Text = Field(description="Name of the meeting.")
    date: dt.date = Field(description="Day the meeting took place.")
    place: Text = Field(description="City (and venue) of the meeting.")
    participants: list[Person] = Field(default_factory=list, description="Participants named by the sources.")
    sources: SourceIds


class ActionPlan(Closed):
    """The published structure of an implementation plan (counts only, as sources report them)."""

    name: Text = Field(description="Name of the plan.")
    date: dt.date = Field(description="Day the plan was agreed.")
    period: Text = Field(description="Years the plan covers, as the sources say.")
    goals: int = Field(ge=0, description="Number of goals.")
    cooperation_areas: int = Field(ge=0, description="Number of cooperation areas.")
    joint_objectives: int = Field(ge=0, description="Number of joint objectives.")
    actions: int = Field(ge=0, description="Number of cooperative actions.")
    conflicts: list[SourcedText] = Field(
        default_factory=list, description="Sources that report different counts."
    )
    sources: SourceIds


LeadersKind = Literal["presidents-at-launch", "officials-at-launch", "presidents-over-period"]


class Framework(Closed):
    """One framework file: data/frameworks/<id>.yaml. Frameworks are ordered by start date everywhere."""

    id: Slug = Field(description="Unique slug; also the file name and the value of ?compare= in URLs.")
    name: Text = Field(description="Official full name.")
    name_note: SourcedText | None = Field(
        default=None,
        description="Caveat on the name, e.g. that one language's name is the project's translation.",
    )
    short_name: Text = Field(description="Short name used in legends and column headers.")
    color: Annotated[str, StringConstraints(pattern=COLOR_PATTERN)] = Field(
        description="Fixed colour (#RRGGBB) of the framework in every chart; colour-blind-safe palette."
    )
    start: dt.date = Field(description="Day the framework was launched.")
    end: dt.date | None = Field(
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
            raise ValueError("end-before-start: the framework ends before it starts")
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
    title: Text = Field(description="One-line headline.")
    text: Text = Field(description="What the source says.")
    verbatim: bool = Field(
        default=False, description="True when the English text is an exact quotation of the first source."
    )
    by: NonEmptyText = Field(description="Who made it (e.g. 'GAO-10-837', 'U.S. Embassy Mexico').")
    date: PartialDate = Field(description="When it was made or published (YYYY, YYYY-MM or YYYY-MM-DD).")
    figure: NonEmptyText | None = Field(
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
            raise ValueError("a link needs from_id, to_id or both")
        if (self.from_id is None) != (self.relation == "new"):
            raise ValueError("from_id is null exactly when relation is 'new'")
        if (self.to_id is None) != (self.relation == "dropped"):
            raise ValueError("to_id is null exactly when relation is 'dropped'")
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
    title: Text = Field(description="Headline of the event.")
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
    label: Text = Field(description="Label drawn on the band.")
    country: Country = Field(description="us, mx or bilateral.")
    start: dt.date = Field(description="First day.")
    end: dt.date | None = Field(
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
            raise ValueError("end-before-start: the span ends before it starts")
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
    as_of: dt.date | None = Field(
        default=None, description="Report date, for series 'as reported over time'."
    )
    value: float = Field(ge=0, description="The value in the indicator's unit.")
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
    label: Text = Field(description="Name of the indicator.")
    unit: Text = Field(description="Unit of the values (e.g. 'deaths', 'billion US$').")
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
