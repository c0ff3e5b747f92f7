"""Reading the store back: events and articles with the filters analysts use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, Select, exists, func, or_, select
from sqlalchemy.orm import Session

from tacitus.store.models import ActorRow, ArticleRow, EventActorRow, EventRow, PlaceRow


@dataclass
class Filters:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    limit: int | None = None


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
    """Stored events, newest first, as flat dicts (one per event)."""
    query: Select = select(EventRow, ArticleRow.published, ArticleRow.title).join(ArticleRow)
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
    query = query.order_by(EventRow.first_day.desc(), EventRow.pk).limit(filters.limit)
    with Session(engine) as session:
        return [
            _event_dict(session, event, published, title)
            for event, published, title in session.execute(query)
        ]


def _event_dict(
    session: Session, event: EventRow, published: date | None, title: str | None
) -> dict:
    roles: dict[str, list[str]] = {"source": [], "target": []}
    for link in event.actors:
        roles[link.role].append(link.actor.name)
    evidence = event.article.text[event.evidence_start : event.evidence_end]
    return {
        "article": event.article_id,
        "event": event.local_id,
        "type": event.type,
        "case_code": event.case_code,
        "acled_sub_type": event.acled_sub_type,
        "first_day": event.first_day.isoformat() if event.first_day else None,
        "last_day": event.last_day.isoformat() if event.last_day else None,
        "country": event.country,
        "source": "; ".join(roles["source"]),
        "target": "; ".join(roles["target"]),
        "fatalities": event.fatalities_best,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "status": "negated" if event.negated else "hypothetical" if event.hypothetical else "fact",
        "evidence": evidence,
        "published": published.isoformat() if published else None,
        "title": title,
    }


def article_rows(engine: Engine, filters: Filters) -> list[dict]:
    """Stored articles, newest first, with how much was extracted from each."""
    event_count = (
        select(func.count(EventRow.pk))
        .where(EventRow.article_id == ArticleRow.id)
        .scalar_subquery()
    )
    query: Select = select(ArticleRow, event_count)
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
    query = query.order_by(ArticleRow.published.desc(), ArticleRow.id).limit(filters.limit)
    with Session(engine) as session:
        return [
            {
                "id": article.id,
                "published": article.published.isoformat() if article.published else None,
                "title": article.title,
                "outlet": article.outlet,
                "author": article.author,
                "case_code": article.case_code,
                "events": events,
                "characters": len(article.text),
            }
            for article, events in session.execute(query)
        ]
