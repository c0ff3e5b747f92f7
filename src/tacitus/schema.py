"""Schema v1, the output contract (field names fixed by DESIGN.md; add, never rename).

Offsets are character offsets into ``article.text``, the cleaned text that is output.
The committed JSON Schema ``schema/tacitus-1.json`` is generated from these models
(``tacitus schema > schema/tacitus-1.json``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tacitus.settings import SCHEMA_ID

Span = tuple[int, int]

Precision = Literal[
    "day", "week", "month", "quarter", "season", "year", "range", "duration", "set", "unknown"
]
PlaceFeature = Literal["country", "admin1", "admin2", "city", "locality", "region", "other"]
GeoPrecision = Literal[1, 2, 3]
CountKind = Literal[
    "killed",
    "injured",
    "displaced",
    "trapped",
    "arrested",
    "abducted",
    "missing",
    "participants",
    "other",
]
QuoteKind = Literal["direct", "partial", "indirect"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(Model):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD", pattern=r"^\d{4}-\d{2}-\d{2}$")
    text: str


class Actor(Model):
    id: str
    name: str
    kind: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    sector: str | None = None
    code: str | None = None
    aliases: list[str] = []
    mentions: list[Span] = []


class Place(Model):
    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    admin1: str | None = None
    feature: PlaceFeature
    geonames_id: int | None = None
    geo_precision: GeoPrecision = Field(
        description=(
            "ACLED's geo-precision of the point: 1 a town or finer, 2 near a town or part of"
            " a region (a district), 3 a region, province or country (or no point)"
        )
    )
    mentions: list[Span] = []


class Time(Model):
    text: str
    start: int
    end: int
    value: str | None = Field(None, description="TimeML value")
    first_day: str | None = None
    last_day: str | None = None
    precision: Precision


class Count(Model):
    kind: CountKind
    best: int
    low: int
    high: int
    approximate: bool
    who: str | None = None
    text: str
    start: int
    end: int
    event: str | None = None


class Quote(Model):
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_actor: str | None = None
    cue: str | None = None
    kind: QuoteKind


class Attribution(Model):
    claim: str
    start: int
    end: int
    source: str
    source_actor: str | None = None
    cue: str


class Trigger(Model):
    text: str
    start: int
    end: int


class EventTime(Model):
    first_day: str | None = None
    last_day: str | None = None
    precision: Precision


class Fatalities(Model):
    best: int
    low: int
    high: int


class Evidence(Model):
    start: int
    end: int


class Event(Model):
    id: str
    type: str = Field(description="PLOVER event type, upper case")
    mode: str | None = None
    cameo: str | None = None
    acled_type: str | None = None
    acled_sub_type: str | None = None
    case_code: str | None = None
    trigger: Trigger
    source_actors: list[str] = []
    target_actors: list[str] = []
    place: str | None = None
    time: EventTime | None = None
    fatalities: Fatalities | None = None
    negated: bool = False
    hypothetical: bool = False
    attribution: str | None = None
    evidence: Evidence
    confidence: float
    evidence_spans: list[Evidence] = Field(
        [], description="every mention of the event in the article, the first being `evidence`"
    )


class Extraction(Model):
    schema_: Literal["tacitus/1"] = Field(SCHEMA_ID, alias="schema")
    article: Article
    case_code: str | None = None
    actors: list[Actor] = []
    places: list[Place] = []
    times: list[Time] = []
    counts: list[Count] = []
    quotes: list[Quote] = []
    attributions: list[Attribution] = []
    events: list[Event] = []

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        """The schema v1 object, with the field named ``schema``."""
        return self.model_dump(mode="json", by_alias=True)


def json_schema() -> dict:
    """The JSON Schema of schema v1, as committed in schema/tacitus-1.json."""
    return Extraction.model_json_schema(by_alias=True)
