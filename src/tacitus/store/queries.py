"""Reading the store back: events and articles with the filters analysts use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session, aliased

from tacitus.store.models import ActorRow, ArticleRow, EventActorRow, EventRow, PlaceRow


@dataclass
class Filters:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    limit: int | None = None
    #: Events only: at least this confidence.
    min_confidence: float | None = None
    #: Events only: also negated ("did not attack") and hypothetical ("may attack") events.
    include_hypothetical: bool = False
    #: Events only: the first-level region of the event's place (case-insensitive).
    admin1: str | None = None
    #: Events only: (min lon, min lat, max lon, max lat) around the event's place.
    bbox: tuple[float, float, float, float] | None = None


def _actor_matches(actor_filter: str):
    """An actor whose name, code or country matches the filter (case-insensitive)."""
    pattern = f"%{actor_filter.lower()}%"
    return or_(
        func.lower(ActorRow.name).like(pattern),
        func.lower(ActorRow.code) == actor_filter.lower(),
    )


def _event_type_matches(type_filter: str):
    wanted = type_filter.upper()
    return or_(
        EventRow.type == wanted,
        func.upper(EventRow.case_code) == wanted,
        func.upper(EventRow.acled_type) == wanted,
        func.upper(EventRow.acled_sub_type) == wanted,
        EventRow.cameo == type_filter,
    )


def event_rows(engine: Engine, filters: Filters) -> list[dict]:
    """Stored events, newest first (undated last), as flat dicts (one per event).

    Two queries whatever the number of events: the events with their place and evidence
    sentence (cut out by the database, so article texts are never loaded), then their actors.
    """
    place = aliased(PlaceRow)
    query: Select = (
        select(*event_columns(place))
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(place, place_of_event(place))
    )
    query = event_filters(query, filters, EVENT_OWN_PLACE)
    query = query.order_by(
        EventRow.first_day.desc().nulls_last(), EventRow.article_id, EventRow.pk
    ).limit(filters.limit)
    with Session(engine) as session:
        found = session.execute(query).all()
        roles = event_actor_names(session, [row.pk for row in found])
        return [event_dict(row, roles.get(row.pk, {})) for row in found]


def event_columns(place) -> tuple:
    """The columns `event_dict` reads, from a query of events joined to their article and
    outer-joined to their place (`place`: PlaceRow or an alias of it). Columns, not mapped
    objects: building an EventRow per listed event cost more than the query."""
    return (
        EventRow.pk,
        EventRow.article_id,
        EventRow.local_id,
        EventRow.type,
        EventRow.case_code,
        EventRow.acled_sub_type,
        EventRow.first_day,
        EventRow.last_day,
        EventRow.country,
        EventRow.fatalities_best,
        EventRow.confidence,
        EventRow.negated,
        EventRow.hypothetical,
        EventRow.cluster_id,
        place.name.label("place_name"),
        place.admin1,
        place.lat,
        place.lon,
        place.geo_precision,
        place.feature,
        evidence_sentence().label("evidence"),
        ArticleRow.published,
        ArticleRow.title,
    )


def evidence_sentence() -> ColumnElement[str]:
    """An event's evidence, cut out of its article's text by the database (so listing events
    never loads article texts); the query must join the event's article."""
    return func.substr(
        ArticleRow.text,
        EventRow.evidence_start + 1,
        EventRow.evidence_end - EventRow.evidence_start,
    )


#: The trigram index of the evidence sentences (FTS5, migration 0005; SQLite only): each
#: event's evidence under the event's pk as rowid.
EVIDENCE_INDEX = table("event_evidence", column("evidence"))
EVIDENCE_ROWID = literal_column("event_evidence.rowid")
#: The shortest text the trigram index can look up (one trigram).
TRIGRAM_CHARACTERS = 3
#: Text in at most this many events: the events are read off the index's matches and sorted
#: (a few milliseconds at most), however selective the other filters are.
FEW_MATCHES = 2_000
#: Text in at most this many events: the listing is read in order and an event is tested
#: against the set of the index's matches (built once, about 0.4 ms a thousand), so an event
#: without the text is rejected before its article or place is read.
SOME_MATCHES = 20_000


def evidence_contains(connection: Connection, text: str) -> ColumnElement[bool]:
    """The condition that an event's evidence sentence contains `text` (case-insensitive).

    Without the trigram index (PostgreSQL, an older SQLite, text under three characters) and
    for text in more than `SOME_MATCHES` events, a substring test on the evidence cut out of
    the article (SQLite folds case for ASCII letters only there): text that common is in one
    event in five or more of a large store, and a page of them turns up soon. Otherwise the
    index answers (case folded for all of Unicode), in the way a probe of it, stopped after
    `SOME_MATCHES`, says is cheapest: a word in no evidence then costs one index lookup, not
    a read of every article.
    """
    if len(text) < TRIGRAM_CHARACTERS or not _has_evidence_index(connection):
        return _evidence_like(text)
    phrase = '"' + text.replace('"', '""') + '"'
    matches = (
        select(EVIDENCE_ROWID)
        .select_from(EVIDENCE_INDEX)
        .where(EVIDENCE_INDEX.c.evidence.match(phrase))
    )
    probe = select(func.count()).select_from(matches.limit(SOME_MATCHES + 1).subquery())
    found = connection.scalar(probe)
    if found <= FEW_MATCHES:
        return EventRow.pk.in_(matches)
    if found <= SOME_MATCHES:
        # pk + 0: an expression no index serves, so SQLite keeps reading the listing index
        # and tests each event against the matches instead of starting from them
        return (EventRow.pk + 0).in_(matches)
    return _evidence_like(text)


def _evidence_like(text: str) -> ColumnElement[bool]:
    """The substring test on the evidence, read from the event's article by a subquery (so
    the query need not join the article)."""
    evidence = select(evidence_sentence()).where(ArticleRow.id == EventRow.article_id)
    return func.lower(evidence.correlate_except(ArticleRow).scalar_subquery()).contains(
        text.lower(), autoescape=True
    )


def _has_evidence_index(connection: Connection) -> bool:
    if connection.dialect.name != "sqlite":
        return False
    master = table("sqlite_master", column("name"))
    found = select(master.c.name).where(master.c.name == EVIDENCE_INDEX.name)
    return connection.scalar(found) is not None


def place_of_event(place) -> ColumnElement[bool]:
    """The join condition of an event's place (`place`: PlaceRow or an alias of it)."""
    return and_(place.article_id == EventRow.article_id, place.local_id == EventRow.place_local_id)


@dataclass(frozen=True)
class PlaceColumns:
    """Where the place filters (`admin1`, `bbox`) read an event's place: a joined PlaceRow
    (or an alias of it), or `EVENT_OWN_PLACE`."""

    lat: ColumnElement[float]
    lon: ColumnElement[float]
    admin1: ColumnElement[str]


#: The copies of its place's columns on the event's own row (migration 0007): testing them
#: needs no join, and the listing indexes carry them, so a page is chosen from the index.
EVENT_OWN_PLACE = PlaceColumns(EventRow.lat, EventRow.lon, EventRow.admin1)


def event_filters(query: Select, filters: Filters, place: PlaceColumns | type[PlaceRow]) -> Select:
    """`query` (of events) narrowed by `filters`; its limit is the caller's. `place`: where
    the region and the box are tested, `EVENT_OWN_PLACE` (no join), or the event's place
    outer-joined by `place_of_event`."""
    if filters.since:
        query = query.where(EventRow.last_day >= filters.since)
    if filters.until:
        query = query.where(EventRow.first_day <= filters.until)
    if filters.country:
        query = query.where(EventRow.country == filters.country.upper())
    if filters.type:
        query = query.where(_event_type_matches(filters.type))
    if filters.actor:
        query = query.where(
            exists(
                select(EventActorRow.event_pk)
                .join(ActorRow)
                .where(EventActorRow.event_pk == EventRow.pk, _actor_matches(filters.actor))
            )
        )
    if filters.min_confidence is not None:
        query = query.where(EventRow.confidence >= filters.min_confidence)
    if not filters.include_hypothetical:
        query = query.where(EventRow.negated.is_(False), EventRow.hypothetical.is_(False))
    if filters.admin1:
        query = query.where(func.lower(place.admin1) == filters.admin1.lower())
    if filters.bbox:
        query = query.where(*inside_bbox(place, filters.bbox))
    return query


def inside_bbox(place, bbox: tuple[float, float, float, float]) -> tuple:
    """The conditions that a place (`PlaceRow`, an alias of it, or `EVENT_OWN_PLACE`) lies
    inside `bbox` (minlon, minlat, maxlon, maxlat)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    return place.lon.between(min_lon, max_lon), place.lat.between(min_lat, max_lat)


def event_actor_names(
    connection: Connection | Session, event_pks: list[int]
) -> dict[int, dict[str, list]]:
    """event pk -> role -> actor names, in the order the extraction listed the actors."""
    if not event_pks:
        return {}
    links = connection.execute(
        select(EventActorRow.event_pk, EventActorRow.role, ActorRow.name)
        .join(ActorRow, ActorRow.pk == EventActorRow.actor_pk)
        .where(EventActorRow.event_pk.in_(event_pks))
        .order_by(EventActorRow.event_pk, ActorRow.pk)
    ).all()
    names: dict[int, dict[str, list]] = {}
    for event_pk, role, name in links:
        names.setdefault(event_pk, {}).setdefault(role, []).append(name)
    return names


def event_dict(row, roles: dict[str, list[str]]) -> dict:
    """The flat dict of an event, from a row of `event_columns` and its actors' names."""
    return {
        "article": row.article_id,
        "event": row.local_id,
        "type": row.type,
        "case_code": row.case_code,
        "acled_sub_type": row.acled_sub_type,
        "first_day": row.first_day.isoformat() if row.first_day else None,
        "last_day": row.last_day.isoformat() if row.last_day else None,
        "place": row.place_name,
        "admin1": row.admin1,
        "country": row.country,
        "lat": row.lat,
        "lon": row.lon,
        "source": "; ".join(roles.get("source", [])),
        "target": "; ".join(roles.get("target", [])),
        "fatalities": row.fatalities_best,
        "confidence": row.confidence,
        "negated": row.negated,
        "hypothetical": row.hypothetical,
        "status": "negated" if row.negated else "hypothetical" if row.hypothetical else "fact",
        "evidence": row.evidence,
        "published": row.published.isoformat() if row.published else None,
        "title": row.title,
    }


def stored_extraction(engine: Engine, article_id: str) -> dict | None:
    """The schema v1 extraction stored for `article_id`, or None when there is none."""
    with Session(engine) as session:
        return session.scalar(select(ArticleRow.extraction).where(ArticleRow.id == article_id))


def events_of_article():
    """The number of events stored for the article of the enclosing query's row."""
    return (
        select(func.count(EventRow.pk))
        .where(EventRow.article_id == ArticleRow.id)
        .scalar_subquery()
    )


def article_rows(engine: Engine, filters: Filters) -> list[dict]:
    """Stored articles, newest first, with how much was extracted from each."""
    event_count = events_of_article()
    query: Select = select(
        ArticleRow.id,
        ArticleRow.published,
        ArticleRow.title,
        ArticleRow.outlet,
        ArticleRow.author,
        ArticleRow.case_code,
        event_count.label("events"),
        func.length(ArticleRow.text).label("characters"),
    )
    if filters.since:
        query = query.where(ArticleRow.published >= filters.since)
    if filters.until:
        query = query.where(ArticleRow.published <= filters.until)
    if filters.country:
        wanted = filters.country.upper()
        query = query.where(
            or_(
                exists(
                    select(PlaceRow.pk).where(
                        PlaceRow.article_id == ArticleRow.id, PlaceRow.country == wanted
                    )
                ),
                exists(
                    select(EventRow.pk).where(
                        EventRow.article_id == ArticleRow.id, EventRow.country == wanted
                    )
                ),
            )
        )
    if filters.type:
        query = query.where(
            exists(
                select(EventRow.pk).where(
                    EventRow.article_id == ArticleRow.id, _event_type_matches(filters.type)
                )
            )
        )
    if filters.actor:
        query = query.where(
            exists(
                select(ActorRow.pk).where(
                    ActorRow.article_id == ArticleRow.id, _actor_matches(filters.actor)
                )
            )
        )
    query = query.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id).limit(
        filters.limit
    )
    with Session(engine) as session:
        return [
            {**row._asdict(), "published": row.published.isoformat() if row.published else None}
            for row in session.execute(query)
        ]
