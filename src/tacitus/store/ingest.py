"""Writing extractions to the store: idempotent, one transaction per batch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tacitus.schema import Extraction
from tacitus.settings import INGEST_BATCH_SIZE
from tacitus.store.database import StoreError
from tacitus.store.models import (
    ActorRow,
    ArticleRow,
    AttributionRow,
    CountRow,
    EventActorRow,
    EventRow,
    PlaceRow,
    QuoteRow,
    TimeRow,
)


@dataclass
class IngestReport:
    stored: int = 0
    already_stored: int = 0


def stored_article_ids(engine: Engine, ids: Iterable[str]) -> set[str]:
    """Which of `ids` the store already holds."""
    wanted = list(ids)
    if not wanted:
        return set()
    with Session(engine) as session:
        return set(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(wanted))))


def ingest(
    engine: Engine, extractions: Iterable[Extraction], batch_size: int = INGEST_BATCH_SIZE
) -> IngestReport:
    """Store every extraction whose article is not stored yet, a batch per transaction.

    A killed run loses at most its open batch; running it again stores the rest.
    """
    report = IngestReport()
    for batch in _batches(extractions, batch_size):
        fresh = _unique_new(engine, batch)
        report.already_stored += len(batch) - len(fresh)
        try:
            with Session(engine) as session, session.begin():
                for extraction in fresh:
                    _add_extraction(session, extraction)
        except SQLAlchemyError as error:
            raise StoreError(f"could not store a batch of articles: {error}") from error
        report.stored += len(fresh)
    return report


def _batches(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _unique_new(engine: Engine, batch: list[Extraction]) -> list[Extraction]:
    """The extractions of `batch` not yet stored, each article once."""
    stored = stored_article_ids(engine, {e.article.id for e in batch})
    fresh: dict[str, Extraction] = {}
    for extraction in batch:
        if extraction.article.id not in stored:
            fresh.setdefault(extraction.article.id, extraction)
    return list(fresh.values())


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _add_extraction(session: Session, extraction: Extraction) -> None:
    article = extraction.article
    article_id = article.id
    session.add(
        ArticleRow(
            id=article_id,
            title=article.title,
            url=article.url,
            outlet=article.outlet,
            author=article.author,
            published=_day(article.published),
            text=article.text,
            case_code=extraction.case_code,
            extraction=extraction.to_json_dict(),
        )
    )
    session.flush()  # the article row first: the facts below reference it
    actors = {
        actor.id: ActorRow(
            article_id=article_id, local_id=actor.id, **actor.model_dump(exclude={"id"})
        )
        for actor in extraction.actors
    }
    session.add_all(actors.values())
    places = {place.id: place for place in extraction.places}
    session.add_all(
        PlaceRow(article_id=article_id, local_id=place.id, **place.model_dump(exclude={"id"}))
        for place in extraction.places
    )
    session.add_all(
        TimeRow(
            article_id=article_id,
            **time.model_dump(exclude={"first_day", "last_day"}),
            first_day=_day(time.first_day),
            last_day=_day(time.last_day),
        )
        for time in extraction.times
    )
    session.add_all(
        CountRow(
            article_id=article_id, event_local_id=count.event, **count.model_dump(exclude={"event"})
        )
        for count in extraction.counts
    )
    session.add_all(
        QuoteRow(article_id=article_id, **quote.model_dump()) for quote in extraction.quotes
    )
    session.add_all(
        AttributionRow(article_id=article_id, **attribution.model_dump())
        for attribution in extraction.attributions
    )
    session.flush()
    for event in extraction.events:
        place = places.get(event.place) if event.place else None
        row = EventRow(
            article_id=article_id,
            local_id=event.id,
            type=event.type,
            mode=event.mode,
            cameo=event.cameo,
            acled_type=event.acled_type,
            acled_sub_type=event.acled_sub_type,
            case_code=event.case_code,
            trigger_text=event.trigger.text,
            trigger_start=event.trigger.start,
            trigger_end=event.trigger.end,
            place_local_id=event.place,
            country=place.country if place else None,
            first_day=_day(event.time.first_day) if event.time else None,
            last_day=_day(event.time.last_day) if event.time else None,
            precision=event.time.precision if event.time else None,
            fatalities_best=event.fatalities.best if event.fatalities else None,
            fatalities_low=event.fatalities.low if event.fatalities else None,
            fatalities_high=event.fatalities.high if event.fatalities else None,
            negated=event.negated,
            hypothetical=event.hypothetical,
            attribution=event.attribution,
            evidence_start=event.evidence.start,
            evidence_end=event.evidence.end,
            confidence=event.confidence,
        )
        row.actors = [
            EventActorRow(actor_pk=actors[actor_id].pk, role=role)
            for role, ids in (("source", event.source_actors), ("target", event.target_actors))
            for actor_id in dict.fromkeys(ids)
            if actor_id in actors
        ]
        session.add(row)
