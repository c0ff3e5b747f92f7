"""Writing extractions to the store: idempotent, one transaction per batch."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tacitus.clusters.reports import EventReport, event_country, reports_of
from tacitus.schema import Extraction
from tacitus.settings import INGEST_BATCH_SIZE
from tacitus.store.clusters import assign_clusters
from tacitus.store.database import StoreError, one_line, writer
from tacitus.store.models import (
    ActorRow,
    ArticleRow,
    AttributionRow,
    Base,
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
    #: One line per extraction refused before anything of it was written, saying why.
    rejected: list[str] = field(default_factory=list)
    #: Seconds spent putting the stored events into clusters (what clustering adds to a run).
    clustering_seconds: float = 0.0


@dataclass
class ArticleRows:
    """The rows of one extraction, its article first, and its events' reports to cluster."""

    rows: list[Base]
    reported: list[tuple[EventRow, EventReport]]


#: The PostgreSQL advisory lock held by the transaction writing a batch (any fixed number).
INGEST_LOCK_KEY = 7_114_317


def stored_article_ids(engine: Engine, ids: Iterable[str]) -> set[str]:
    """Which of `ids` the store already holds."""
    with Session(engine) as session:
        return _stored_in(session, ids)


def _stored_in(session: Session, ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    if not wanted:
        return set()
    return set(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(wanted))))


def ingest(
    engine: Engine, extractions: Iterable[Extraction], batch_size: int = INGEST_BATCH_SIZE
) -> IngestReport:
    """Store every extraction whose article is not stored yet, a batch per transaction.

    A killed run loses at most its open batch; running it again stores the rest. An extraction
    the store cannot hold (an id longer than its column) is refused whole and reported in
    `rejected`; the others are stored. Another process ingesting into the same store at the
    same time is fine: each article is stored once.
    """
    report = IngestReport()
    for batch in _batches(extractions, batch_size):
        unique = _each_article_once(batch)
        report.already_stored += len(batch) - len(unique)
        rows = []
        for extraction in unique:
            built = _rows_of(extraction)
            problem = _too_long(built.rows)
            if problem:
                report.rejected.append(f"article {extraction.article.id[:80]!r}: {problem}")
            else:
                rows.append((extraction, built))
        stored = _store_batch(engine, rows, report)
        report.stored += stored
        report.already_stored += len(rows) - stored
    return report


def _store_batch(
    engine: Engine, rows: list[tuple[Extraction, ArticleRows]], report: IngestReport
) -> int:
    """Write the rows of the articles not stored yet in one transaction, each article's events
    put in their clusters as it is written; how many were new."""
    if not rows:
        return 0
    try:
        with Session(writer(engine)) as session, session.begin():
            _one_writer_at_a_time(session)
            stored = _stored_in(session, (extraction.article.id for extraction, _ in rows))
            fresh = [built for extraction, built in rows if extraction.article.id not in stored]
            for built in fresh:
                session.add(built.rows[0])
                session.flush()  # the article row first: the facts reference it
                session.add_all(built.rows[1:])
                session.flush()
                started = time.perf_counter()
                assign_clusters(session, built.reported)
                report.clustering_seconds += time.perf_counter() - started
            return len(fresh)
    except SQLAlchemyError as error:
        raise StoreError(f"could not store a batch of articles: {one_line(error)}") from error


def _one_writer_at_a_time(session: Session) -> None:
    """Wait until no other ingest is writing, so the check of what is stored holds until this
    transaction commits: two ingests of the same articles then store each once, and cannot
    deadlock. SQLite's BEGIN IMMEDIATE already does this (see database.py); PostgreSQL takes
    a lock for the transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK_KEY})


def _batches(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _each_article_once(batch: list[Extraction]) -> list[Extraction]:
    fresh: dict[str, Extraction] = {}
    for extraction in batch:
        fresh.setdefault(extraction.article.id, extraction)
    return list(fresh.values())


def _too_long(rows: list[Base]) -> str | None:
    """Why `rows` cannot be stored as they are (a value longer than its column), or None.

    Checked before writing because SQLite would store the value and PostgreSQL abort the run.
    """
    for row in rows:
        for column in row.__table__.columns:
            limit = getattr(column.type, "length", None)
            value = getattr(row, column.key, None)
            if limit and isinstance(value, str) and len(value) > limit:
                return (
                    f"{row.__tablename__}.{column.key} is {len(value):,} characters long,"
                    f" over the {limit} the store allows"
                )
    return None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _rows_of(extraction: Extraction) -> ArticleRows:
    """The rows of one extraction, its article first, and its reports."""
    article = extraction.article
    article_id = article.id
    article_row = ArticleRow(
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
    actors = {
        actor.id: ActorRow(
            article_id=article_id, local_id=actor.id, **actor.model_dump(exclude={"id"})
        )
        for actor in extraction.actors
    }
    places = {place.id: place for place in extraction.places}
    facts: list[Base] = [*actors.values()]
    # model_dump carries every schema field of a place, geo_precision included once it has one
    facts.extend(
        PlaceRow(article_id=article_id, local_id=place.id, **place.model_dump(exclude={"id"}))
        for place in extraction.places
    )
    facts.extend(
        TimeRow(
            article_id=article_id,
            **time.model_dump(exclude={"first_day", "last_day"}),
            first_day=_day(time.first_day),
            last_day=_day(time.last_day),
        )
        for time in extraction.times
    )
    facts.extend(
        CountRow(
            article_id=article_id, event_local_id=count.event, **count.model_dump(exclude={"event"})
        )
        for count in extraction.counts
    )
    facts.extend(
        QuoteRow(article_id=article_id, **quote.model_dump()) for quote in extraction.quotes
    )
    facts.extend(
        AttributionRow(article_id=article_id, **attribution.model_dump())
        for attribution in extraction.attributions
    )
    reports = {report.event_id: report for report in reports_of(extraction)}
    schema_actors = {actor.id: actor for actor in extraction.actors}
    reported = []
    for event in extraction.events:
        place = places.get(event.place) if event.place else None
        row = _event_row(article_id, event, actors)
        row.country = event_country(event, place, schema_actors)
        if place is not None:
            row.lat, row.lon, row.admin1 = place.lat, place.lon, place.admin1
        report = reports.get(event.id)
        if report is not None:
            row.window_first, row.window_last = report.first_day, report.last_day
            reported.append((row, report))
        facts.append(row)
    return ArticleRows([article_row, *facts], reported)


def _event_row(article_id: str, event, actors: dict[str, ActorRow]) -> EventRow:
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
        EventActorRow(actor=actors[actor_id], role=role)
        for role, ids in (("source", event.source_actors), ("target", event.target_actors))
        for actor_id in dict.fromkeys(ids)
        if actor_id in actors
    ]
    return row
