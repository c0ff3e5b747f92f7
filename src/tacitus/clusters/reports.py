"""An event as one report of a real-world happening: the fields clustering compares.

A report is read from a schema v1 extraction (or rebuilt from the store) and carries what
another outlet's report of the same happening would share: its type, its time window, its
place with its precision, its actors, its toll, and where in which article it is said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tacitus.schema import Actor, Event, Extraction, Place
from tacitus.settings import CLUSTER_UNDATED_LOOKBACK_DAYS

#: ACLED geo_precision of a place by its feature, where the place gives none itself.
FEATURE_GEO_PRECISION = {
    "city": 1,
    "locality": 1,
    "other": 1,
    "admin2": 2,
    "admin1": 3,
    "region": 3,
    "country": 3,
}


@dataclass(frozen=True)
class ReportPlace:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int


@dataclass(frozen=True)
class ReportActor:
    name: str
    code: str | None
    country: str | None

    @property
    def key(self) -> str:
        """What two reports' actors are compared by: the code, else the lower-case name."""
        return self.code or self.name.lower()


@dataclass(frozen=True)
class EventReport:
    """One event of one article, as clustering sees it."""

    article_id: str
    event_id: str
    outlet: str | None
    type: str
    acled_type: str | None
    acled_sub_type: str | None
    #: The days the event may have happened on; an undated event of a dated article gets the
    #: days before its publication (`dated` False), an undated one of an undated article none.
    first_day: date | None
    last_day: date | None
    dated: bool
    place: ReportPlace | None
    country: str | None
    source_actors: tuple[ReportActor, ...] = ()
    target_actors: tuple[ReportActor, ...] = ()
    fatalities: tuple[int, int, int] | None = None
    evidence: tuple[int, int] = (0, 0)
    confidence: float = 0.0
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)

    @property
    def actor_keys(self) -> frozenset[str]:
        return frozenset(a.key for a in self.source_actors + self.target_actors)


def is_asserted(event: Event) -> bool:
    """Only events reported as having happened are clustered: not plans, not denials."""
    return not (event.negated or event.hypothetical)


def reports_of(extraction: Extraction) -> list[EventReport]:
    """The asserted events of an extraction as reports."""
    places = {place.id: place for place in extraction.places}
    actors = {actor.id: actor for actor in extraction.actors}
    published = _day(extraction.article.published)
    reports = []
    for event in extraction.events:
        if not is_asserted(event):
            continue
        first_day, last_day, dated = _window(event, published)
        place = places.get(event.place) if event.place else None
        reports.append(
            EventReport(
                article_id=extraction.article.id,
                event_id=event.id,
                outlet=extraction.article.outlet,
                type=event.type,
                acled_type=event.acled_type,
                acled_sub_type=event.acled_sub_type,
                first_day=first_day,
                last_day=last_day,
                dated=dated,
                place=report_place(place) if place else None,
                country=event_country(event, place, actors),
                source_actors=_report_actors(event.source_actors, actors),
                target_actors=_report_actors(event.target_actors, actors),
                fatalities=(
                    (event.fatalities.best, event.fatalities.low, event.fatalities.high)
                    if event.fatalities
                    else None
                ),
                evidence=(event.evidence.start, event.evidence.end),
                confidence=event.confidence,
            )
        )
    return reports


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _window(event: Event, published: date | None) -> tuple[date | None, date | None, bool]:
    if event.time and event.time.first_day and event.time.last_day:
        first_day, last_day = _day(event.time.first_day), _day(event.time.last_day)
        return *_until_published(first_day, last_day, published), True
    if published is None:
        return None, None, False
    lookback = timedelta(days=CLUSTER_UNDATED_LOOKBACK_DAYS)
    return published - lookback, published, False


def _until_published(first_day: date, last_day: date, published: date | None
                     ) -> tuple[date, date]:  # fmt: skip
    """A window that runs past its article's publication is cut there, since what is reported
    has happened, and reaches back at least as far as an undated event's: such a window is
    mostly the article's own week given to an event the text does not date, which says no
    more than "recently". A window wholly after the publication is kept: the publication
    date, not the text, is then wrong."""
    if published is None or not first_day <= published < last_day:
        return first_day, last_day
    lookback = published - timedelta(days=CLUSTER_UNDATED_LOOKBACK_DAYS)
    return min(first_day, lookback), published


def report_place(place) -> ReportPlace:
    """A place of an extraction or of the store (both have these fields); a place without a
    `geo_precision` takes its feature's."""
    precision = getattr(place, "geo_precision", None) or FEATURE_GEO_PRECISION[place.feature]
    return ReportPlace(place.name, place.lat, place.lon, place.country, place.admin1, precision)


def _report_actors(ids: list[str], actors: dict[str, Actor]) -> tuple[ReportActor, ...]:
    return tuple(
        ReportActor(actors[i].name, actors[i].code, actors[i].country) for i in ids if i in actors
    )


def event_country(event: Event, place: Place | None, actors: dict[str, Actor]) -> str | None:
    """The event's country: its place's, else the one country of all its actors that have
    one (Russian troops shelling civilians: Russia; Russian troops and Ukrainian civilians:
    none)."""
    if place is not None and place.country:
        return place.country
    ids = event.source_actors + event.target_actors
    countries = {actors[i].country for i in ids if i in actors and actors[i].country}
    return countries.pop() if len(countries) == 1 else None
