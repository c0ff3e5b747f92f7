"""The relational store of schema v1: one row per article and per extracted fact."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _article_fk() -> Mapped[str]:
    return mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(256))
    author: Mapped[str | None] = mapped_column(String(256))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    case_code: Mapped[str | None] = mapped_column(String(64))
    extraction: Mapped[dict] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    events: Mapped[list[EventRow]] = relationship(back_populates="article")


class ActorRow(Base):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("article_id", "local_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    sector: Mapped[str | None] = mapped_column(String(32))
    code: Mapped[str | None] = mapped_column(String(64), index=True)
    aliases: Mapped[list] = mapped_column(JSON)
    mentions: Mapped[list] = mapped_column(JSON)


class PlaceRow(Base):
    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("article_id", "local_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    feature: Mapped[str] = mapped_column(String(16))
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    #: ACLED's geo_precision: 1 the town itself, 2 near a town or part of a region, 3 a region.
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    mentions: Mapped[list] = mapped_column(JSON)


class TimeRow(Base):
    __tablename__ = "times"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[str | None] = mapped_column(String(64))
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(16))


class CountRow(Base):
    __tablename__ = "counts"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    kind: Mapped[str] = mapped_column(String(16), index=True)
    best: Mapped[int] = mapped_column(Integer)
    low: Mapped[int] = mapped_column(Integer)
    high: Mapped[int] = mapped_column(Integer)
    approximate: Mapped[bool] = mapped_column(Boolean)
    who: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    event_local_id: Mapped[str | None] = mapped_column(String(32))


class QuoteRow(Base):
    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_actor: Mapped[str | None] = mapped_column(String(32))
    cue: Mapped[str | None] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))


class AttributionRow(Base):
    __tablename__ = "attributions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    claim: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    source_actor: Mapped[str | None] = mapped_column(String(32))
    cue: Mapped[str] = mapped_column(String(128))


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("article_id", "local_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    cameo: Mapped[str | None] = mapped_column(String(8))
    acled_type: Mapped[str | None] = mapped_column(String(64))
    acled_sub_type: Mapped[str | None] = mapped_column(String(128))
    case_code: Mapped[str | None] = mapped_column(String(64), index=True)
    trigger_text: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    place_local_id: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    #: Copies of the event's place's coordinates and region (migration 0007), so the box and
    #: region filters are tested on the event's row (and its listing index) with no join; a
    #: place is written with its events and never changed, so the copies cannot go stale.
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(Text)
    first_day: Mapped[date | None] = mapped_column(Date, index=True)
    last_day: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str | None] = mapped_column(String(16))
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    negated: Mapped[bool] = mapped_column(Boolean)
    hypothetical: Mapped[bool] = mapped_column(Boolean)
    attribution: Mapped[str | None] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    #: The days the event may have happened on, as clustering compares them (its own time,
    #: else the days up to its article's publication); None for events never clustered.
    window_first: Mapped[date | None] = mapped_column(Date, index=True)
    window_last: Mapped[date | None] = mapped_column(Date)
    #: The real-world event this report belongs to, shared with the other articles' reports
    #: of it (`tacitus.store.clusters`); None for hypothetical and negated events.
    cluster_id: Mapped[str | None] = mapped_column(String(16), index=True)

    article: Mapped[ArticleRow] = relationship(back_populates="events")
    actors: Mapped[list[EventActorRow]] = relationship(cascade="all, delete-orphan")


class EventActorRow(Base):
    """Which stored actor plays which role in which event."""

    __tablename__ = "event_actors"

    event_pk: Mapped[int] = mapped_column(
        ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True
    )
    actor_pk: Mapped[int] = mapped_column(
        ForeignKey("actors.pk", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(8), primary_key=True)

    actor: Mapped[ActorRow] = relationship()
