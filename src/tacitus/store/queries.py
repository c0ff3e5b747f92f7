"""Reading the store back: events and articles with the filters analysts use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Engine, Select, and_, exists, func, or_, select
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
    evidence = evidence_sentence()
    query: Select = (
        select(
            EventRow,
            place.name,
            place.admin1,
            place.lat,
            place.lon,
            evidence,
            ArticleRow.published,
            ArticleRow.title,
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(place, place_of_event(place))
    )
    query = event_filters(query, filters, place)
    query = query.order_by(
        EventRow.first_day.desc().nulls_last(), EventRow.article_id, EventRow.pk
    ).limit(filters.limit)
    with Session(engine) as session:
        found = session.execute(query).all()
        roles = event_actor_names(session, [row[0].pk for row in found])
        return [event_dict(*row, roles.get(row[0].pk, {})) for row in found]


def evidence_sentence() -> ColumnElement[str]:
    """An event's evidence, cut out of its article's text by the database (so listing events
    never loads article texts); the query must join the event's article."""
    return func.substr(
        ArticleRow.text,
        EventRow.evidence_start + 1,
        EventRow.evidence_end - EventRow.evidence_start,
    )


def place_of_event(place) -> ColumnElement[bool]:
    """The join condition of an event's place (`place`: PlaceRow or an alias of it)."""
    return and_(place.article_id == EventRow.article_id, place.local_id == EventRow.place_local_id)


def event_filters(query: Select, filters: Filters, place) -> Select:
    """`query` (of events, with `place` outer-joined by `place_of_event`) narrowed by
    `filters`; its limit is the caller's."""
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
    """The conditions that a place (`PlaceRow` or an alias of it) lies inside `bbox`
    (minlon, minlat, maxlon, maxlat)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    return place.lon.between(min_lon, max_lon), place.lat.between(min_lat, max_lat)


def event_actor_names(session: Session, event_pks: list[int]) -> dict[int, dict[str, list]]:
    """event pk -> role -> actor names, in the order the extraction listed the actors."""
    if not event_pks:
        return {}
    links = session.execute(
        select(EventActorRow.event_pk, EventActorRow.role, ActorRow.name)
        .join(ActorRow, ActorRow.pk == EventActorRow.actor_pk)
        .where(EventActorRow.event_pk.in_(event_pks))
        .order_by(EventActorRow.event_pk, ActorRow.pk)
    )
    names: dict[int, dict[str, list]] = {}
    for event_pk, role, name in links:
        names.setdefault(event_pk, {}).setdefault(role, []).append(name)
    return names


def event_dict(
    event: EventRow,
    place_name: str | None,
    admin1: str | None,
    lat: float | None,
    lon: float | None,
    evidence: str | None,
    published: date | None,
    title: str | None,
    roles: dict[str, list[str]],
) -> dict:
    return {
        "article": event.article_id,
        "event": event.local_id,
        "type": event.type,
        "case_code": event.case_code,
        "acled_sub_type": event.acled_sub_type,
        "first_day": event.first_day.isoformat() if event.first_day else None,
        "last_day": event.last_day.isoformat() if event.last_day else None,
        "place": place_name,
        "admin1": admin1,
        "country": event.country,
        "lat": lat,
        "lon": lon,
        "source": "; ".join(roles.get("source", [])),
        "target": "; ".join(roles.get("target", [])),
        "fatalities": event.fatalities_best,
        "confidence": event.confidence,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "status": "negated" if event.negated else "hypothetical" if event.hypothetical else "fact",
        "evidence": evidence,
        "published": published.isoformat() if published else None,
        "title": title,
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
