"""Pages of the facts stored with each article (actors, places, quotes) and the actor graph.

Each list is ordered as the articles are (newest first, undated last), then by the fact's
row id, and pages with the keyset cursor of `tacitus.api.pages`: the key of a page's last row.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from tacitus.api.pages import (
    Page,
    after_newest_first,
    cut_page,
    narrowed,
)
from tacitus.api.params import ActorQuery, EventQuery, PlaceQuery, QuoteQuery
from tacitus.export.acled import geo_precision
from tacitus.store.models import ActorRow, ArticleRow, EventActorRow, EventRow, PlaceRow, QuoteRow
from tacitus.store.queries import inside_bbox

#: The sort key the cursors of the fact lists encode: article date, article id, row id.
FactKey = tuple[date | None, str, int]


def _contains(column, words: str):
    return func.lower(column).contains(words.lower(), autoescape=True)


def _fact_page(engine: Engine, query: Select, model, after: FactKey | None, size: int, item):
    """A page of `query` (rows of `model` joined to their article) in article order; `item`
    turns a row into its JSON dict."""
    if after is not None:
        day, article_id, pk = after
        later = or_(
            model.article_id > article_id, and_(model.article_id == article_id, model.pk > pk)
        )
        query = query.where(after_newest_first(ArticleRow.published, day, later))
    query = query.order_by(
        ArticleRow.published.desc().nulls_last(), model.article_id, model.pk
    ).limit(size + 1)
    with Session(engine) as session:
        rows = session.execute(query).all()
    found, next_cursor = cut_page(
        rows, size, lambda row: (row.published, row[0].article_id, row[0].pk)
    )
    return Page([item(row) for row in found], next_cursor)


def _published(row) -> str | None:
    return row.published.isoformat() if row.published else None


def actor_page(engine: Engine, wanted: ActorQuery, after: FactKey | None, size: int) -> Page:
    """Stored actors, one row per actor of each article, with the events it takes part in."""
    events = (
        select(func.count(EventActorRow.event_pk.distinct()))
        .where(EventActorRow.actor_pk == ActorRow.pk)
        .scalar_subquery()
    )
    query = select(ActorRow, ArticleRow.published, events.label("events")).join(
        ArticleRow, ArticleRow.id == ActorRow.article_id
    )
    if wanted.article is not None:
        query = query.where(ActorRow.article_id == wanted.article)
    if wanted.country is not None:
        query = query.where(ActorRow.country == wanted.country)
    if wanted.kind is not None:
        query = query.where(func.lower(ActorRow.kind) == wanted.kind.lower())
    if wanted.code is not None:
        query = query.where(func.upper(ActorRow.code) == wanted.code.upper())
    if wanted.name is not None:
        query = query.where(_contains(ActorRow.name, wanted.name))

    def item(row) -> dict:
        actor: ActorRow = row[0]
        return {
            "article": actor.article_id,
            "actor": actor.local_id,
            "name": actor.name,
            "kind": actor.kind,
            "country": actor.country,
            "sector": actor.sector,
            "code": actor.code,
            "aliases": actor.aliases,
            "mentions": len(actor.mentions),
            "events": row.events,
            "published": _published(row),
        }

    return _fact_page(engine, query, ActorRow, after, size, item)


def place_page(engine: Engine, wanted: PlaceQuery, after: FactKey | None, size: int) -> Page:
    """Stored places, one row per place of each article, with the events placed there."""
    events = (
        select(func.count(EventRow.pk))
        .where(
            EventRow.article_id == PlaceRow.article_id, EventRow.place_local_id == PlaceRow.local_id
        )
        .scalar_subquery()
    )
    query = select(PlaceRow, ArticleRow.published, events.label("events")).join(
        ArticleRow, ArticleRow.id == PlaceRow.article_id
    )
    if wanted.article is not None:
        query = query.where(PlaceRow.article_id == wanted.article)
    if wanted.country is not None:
        query = query.where(PlaceRow.country == wanted.country)
    if wanted.admin1 is not None:
        query = query.where(func.lower(PlaceRow.admin1) == wanted.admin1.lower())
    if wanted.feature is not None:
        query = query.where(PlaceRow.feature == wanted.feature.lower())
    if wanted.name is not None:
        query = query.where(_contains(PlaceRow.name, wanted.name))
    if wanted.bbox is not None:
        query = query.where(*inside_bbox(PlaceRow, wanted.bbox))

    def item(row) -> dict:
        place: PlaceRow = row[0]
        return {
            "article": place.article_id,
            "place": place.local_id,
            "name": place.name,
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "admin1": place.admin1,
            "feature": place.feature,
            "geonames_id": place.geonames_id,
            "geo_precision": geo_precision(place.geo_precision, place.feature),
            "mentions": len(place.mentions),
            "events": row.events,
            "published": _published(row),
        }

    return _fact_page(engine, query, PlaceRow, after, size, item)


def quote_page(engine: Engine, wanted: QuoteQuery, after: FactKey | None, size: int) -> Page:
    """Stored quotes with their speakers, one row per quote."""
    query = select(QuoteRow, ArticleRow.published, ArticleRow.title).join(
        ArticleRow, ArticleRow.id == QuoteRow.article_id
    )
    if wanted.article is not None:
        query = query.where(QuoteRow.article_id == wanted.article)
    if wanted.speaker is not None:
        query = query.where(_contains(QuoteRow.speaker, wanted.speaker))
    if wanted.text is not None:
        query = query.where(_contains(QuoteRow.text, wanted.text))
    if wanted.since is not None:
        query = query.where(ArticleRow.published >= wanted.since)
    if wanted.until is not None:
        query = query.where(ArticleRow.published <= wanted.until)

    def item(row) -> dict:
        quote: QuoteRow = row[0]
        return {
            "article": quote.article_id,
            "text": quote.text,
            "start": quote.start,
            "end": quote.end,
            "speaker": quote.speaker,
            "speaker_actor": quote.speaker_actor,
            "cue": quote.cue,
            "kind": quote.kind,
            "published": _published(row),
            "title": row.title,
        }

    return _fact_page(engine, query, QuoteRow, after, size, item)


def actor_graph(engine: Engine, wanted: EventQuery, size: int) -> dict:
    """Who acted on whom in the events meeting `wanted`: one edge per (source, target) pair,
    weighted by the events they share, heaviest first (at most `size`), and their nodes.

    An actor is the same node across articles when it has the same code (RUSMIL), else the
    same name ignoring case: articles name one force in many ways, and its code unites them.
    """
    source, target = aliased(ActorRow), aliased(ActorRow)
    as_source, as_target = aliased(EventActorRow), aliased(EventActorRow)
    source_key = func.coalesce(source.code, func.lower(source.name))
    target_key = func.coalesce(target.code, func.lower(target.name))
    weight = func.count(EventRow.pk.distinct())
    query = (
        select(
            source_key.label("source"),
            target_key.label("target"),
            weight.label("events"),
            func.min(source.name).label("source_name"),
            func.min(target.name).label("target_name"),
            func.min(source.country).label("source_country"),
            func.min(target.country).label("target_country"),
        )
        .select_from(EventRow)
        .join(as_source, and_(as_source.event_pk == EventRow.pk, as_source.role == "source"))
        .join(source, source.pk == as_source.actor_pk)
        .join(as_target, and_(as_target.event_pk == EventRow.pk, as_target.role == "target"))
        .join(target, target.pk == as_target.actor_pk)
    )
    with engine.connect() as connection:
        query = (
            narrowed(query, wanted, connection)
            .where(source_key != target_key)
            .group_by(source_key, target_key)
            .order_by(weight.desc(), source_key, target_key)
            .limit(size)
        )
        rows = connection.execute(query).all()
    nodes: dict[str, dict] = {}
    for row in rows:
        for key, name, country in (
            (row.source, row.source_name, row.source_country),
            (row.target, row.target_name, row.target_country),
        ):
            node = nodes.setdefault(key, {"id": key, "name": name, "country": country, "weight": 0})
            node["weight"] += row.events
    edges = [{"source": row.source, "target": row.target, "events": row.events} for row in rows]
    return {"nodes": list(nodes.values()), "edges": edges}
