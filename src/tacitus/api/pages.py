"""Pages of stored articles, events and clusters in a stable order, and counts of events.

Each list is ordered by a key unique to a row (the order of `tacitus events` and `tacitus
clusters`, with the row's id last), and a page starts after the key of the previous page's
last row (keyset pagination): a page never repeats or skips a row, even while an ingest adds
rows, and costs the same however deep it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import ColumnElement, Connection, Engine, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from tacitus.api.params import EventQuery, encode_cursor
from tacitus.export.acled import geo_precision
from tacitus.store.clusters import cluster_views
from tacitus.store.models import ArticleRow, EventRow, PlaceRow
from tacitus.store.queries import (
    EVENT_OWN_PLACE,
    event_actor_names,
    event_columns,
    event_dict,
    event_filters,
    events_of_article,
    evidence_contains,
    place_of_event,
)

#: The place of an event, as the event lists join it: one alias for every request, so that a
#: request does not build its columns anew (SQLAlchemy constructs are shared read-only).
EVENT_PLACE = aliased(PlaceRow, name="event_place")

#: The sort keys the cursors of each list encode.
EventKey = tuple[date | None, str, int]
ArticleKey = tuple[date | None, str]
ClusterKey = tuple[date, str]


@dataclass(frozen=True)
class Page:
    items: list[dict]
    #: The cursor of the next page; None on the last.
    next: str | None

    def to_json(self) -> dict:
        return {"items": self.items, "next": self.next}


def cut_page(rows: list, size: int, key_of) -> tuple[list, str | None]:
    """The first `size` of `rows` (fetched one past the page) and the next page's cursor."""
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    return rows, encode_cursor(key_of(rows[-1]))


def after_newest_first(day_column, day: date | None, tie_breaks: ColumnElement[bool]):
    """Rows after (`day`, ...) in the order day descending with undated rows last, then the
    tie-breaking columns ascending (`tie_breaks`: those columns after the cursor's)."""
    if day is None:
        return and_(day_column.is_(None), tie_breaks)
    return or_(
        day_column < day,
        day_column.is_(None),
        and_(day_column == day, tie_breaks),
    )


def event_page(engine: Engine, wanted: EventQuery, after: EventKey | None, size: int) -> Page:
    """Events newest first (undated last), as `tacitus events` lists them, with their cluster.

    Two steps: the page's events are chosen by a query that reads only what the filters
    test (`narrowed`), then the columns shown, the article's and the place's with them, are
    read for the page's events alone: an event tested but not listed never has its evidence
    cut out or its title read.
    """
    place = EVENT_PLACE
    keys = select(EventRow.pk, EventRow.first_day, EventRow.article_id).select_from(EventRow)
    with engine.connect() as connection:
        chosen = _in_event_order(narrowed(keys, wanted, connection), after, size)
        found, next_cursor = cut_page(connection.execute(chosen).all(), size, _event_key)
        pks = [row.pk for row in found]
        columns = (
            select(*event_columns(place))
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .outerjoin(place, place_of_event(place))
            .where(EventRow.pk.in_(pks))
        )
        by_pk = {row.pk: row for row in connection.execute(columns).all()}
        roles = event_actor_names(connection, pks)
    items = [
        {
            **event_dict(row, roles.get(pk, {})),
            "geo_precision": geo_precision(row.geo_precision, row.feature),
            "cluster": row.cluster_id,
        }
        for pk in pks
        if (row := by_pk.get(pk)) is not None
    ]
    return Page(items, next_cursor)


#: The columns of a page of map points, in the order of each row.
POINT_COLUMNS = (
    "article",
    "event",
    "type",
    "first_day",
    "lat",
    "lon",
    "geo_precision",
    "fatalities",
    "cluster",
)


def point_page(engine: Engine, wanted: EventQuery, after: EventKey | None, size: int) -> dict:
    """The placed events meeting `wanted` as compact rows for a map (`POINT_COLUMNS`), in the
    order of `event_page`: ten thousand of them weigh a few hundred kilobytes, no text."""
    place = EVENT_PLACE
    query: Select = (
        select(
            EventRow.article_id,
            EventRow.local_id,
            EventRow.type,
            EventRow.first_day,
            place.lat,
            place.lon,
            place.geo_precision,
            place.feature,
            EventRow.fatalities_best,
            EventRow.cluster_id,
            EventRow.pk,
        )
        .join(place, place_of_event(place))
        .where(place.lat.is_not(None), place.lon.is_not(None))
    )
    with engine.connect() as connection:
        query = _in_event_order(narrowed(query, wanted, connection), after, size)
        rows = connection.execute(query).all()
    found, next_cursor = cut_page(rows, size, _event_key)
    return {
        "columns": list(POINT_COLUMNS),
        "rows": [
            [
                row.article_id,
                row.local_id,
                row.type,
                row.first_day.isoformat() if row.first_day else None,
                row.lat,
                row.lon,
                geo_precision(row.geo_precision, row.feature),
                row.fatalities_best,
                row.cluster_id,
            ]
            for row in found
        ],
        "next": next_cursor,
    }


def _event_key(row) -> EventKey:
    return (row.first_day, row.article_id, row.pk)


def _in_event_order(query: Select, after: EventKey | None, size: int) -> Select:
    """`query` of events in the order of `tacitus events`, from after the key `after`, one
    row past a page of `size` (so `_page` knows whether another page follows)."""
    if after is not None:
        day, article_id, pk = after
        later_in_day = or_(
            EventRow.article_id > article_id,
            and_(EventRow.article_id == article_id, EventRow.pk > pk),
        )
        query = query.where(after_newest_first(EventRow.first_day, day, later_in_day))
    return query.order_by(
        EventRow.first_day.desc().nulls_last(), EventRow.article_id, EventRow.pk
    ).limit(size + 1)


def narrowed(query: Select, wanted: EventQuery, connection: Connection) -> Select:
    """`query` of events narrowed by `wanted`. It need not join the events' articles (the text
    search reads the evidence itself, `evidence_contains`) nor their places (the region and
    box are tested on the event's copies of them, `EVENT_OWN_PLACE`): a page is chosen from
    the listing index alone. `connection` is the one that will run it (a text search first
    probes the store's index)."""
    filters = wanted.filters
    query = event_filters(query, filters, EVENT_OWN_PLACE)
    if wanted.cluster is not None:
        query = query.where(EventRow.cluster_id == wanted.cluster)
    if wanted.min_fatalities is not None:
        query = query.where(EventRow.fatalities_best >= wanted.min_fatalities)
    if wanted.text is not None:
        query = query.where(evidence_contains(connection, wanted.text))
    return query


def article_page(
    engine: Engine, since: date | None, until: date | None, after: ArticleKey | None, size: int
) -> Page:
    """Articles newest first (undated last), as `tacitus articles` lists them."""
    event_count = events_of_article()
    query: Select = select(
        ArticleRow.id,
        ArticleRow.published,
        ArticleRow.title,
        ArticleRow.url,
        ArticleRow.outlet,
        ArticleRow.author,
        ArticleRow.case_code,
        event_count.label("events"),
        func.length(ArticleRow.text).label("characters"),
    )
    if since:
        query = query.where(ArticleRow.published >= since)
    if until:
        query = query.where(ArticleRow.published <= until)
    if after is not None:
        day, article_id = after
        query = query.where(
            after_newest_first(ArticleRow.published, day, ArticleRow.id > article_id)
        )
    query = query.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
    with Session(engine) as session:
        rows = session.execute(query.limit(size + 1)).all()
    found, next_cursor = cut_page(rows, size, lambda row: (row.published, row.id))
    items = [
        {**row._asdict(), "published": row.published.isoformat() if row.published else None}
        for row in found
    ]
    return Page(items, next_cursor)


def cluster_page(engine: Engine, wanted: EventQuery, after: ClusterKey | None, size: int) -> Page:
    """Clusters with a report meeting the filters, newest first (undated last), as `tacitus
    clusters` lists them.

    The merged views are computed from their reports on every read (the store keeps only
    membership), so a page costs the views of every matching cluster, not only its own.
    """
    views = cluster_views(engine, replace(wanted.filters, limit=None))
    if wanted.cluster is not None:
        views = [view for view in views if view.id == wanted.cluster]
    if wanted.text is not None:
        searched = _clusters_with_report(engine, wanted)
        views = [view for view in views if view.id in searched]
    if wanted.min_fatalities is not None:
        views = [
            view
            for view in views
            if view.fatalities is not None and view.fatalities[0] >= wanted.min_fatalities
        ]

    def key_of(view) -> ClusterKey:
        return (view.first_day or date.min, view.id)

    if after is not None:
        views = [view for view in views if key_of(view) < after]
    found, next_cursor = cut_page(views, size, key_of)
    return Page([view.to_row() for view in found], next_cursor)


def _clusters_with_report(engine: Engine, wanted: EventQuery) -> set[str]:
    """The clusters with one report meeting all of `wanted`, its text search included."""
    query = select(EventRow.cluster_id).where(EventRow.cluster_id.is_not(None))
    with engine.connect() as connection:
        query = narrowed(query, replace(wanted, min_fatalities=None), connection)
        return set(connection.scalars(query.distinct()))


def event_stats(engine: Engine, wanted: EventQuery) -> dict:
    """How many events meet `wanted` (and in how many articles and clusters), by day of the
    event (dated events only), by PLOVER type and by country."""
    with engine.connect() as connection:

        def counted(*columns) -> Select:
            query = select(*columns).select_from(EventRow)
            return narrowed(query, wanted, connection)

        def by(column) -> Select:
            return counted(column, func.count(EventRow.pk)).group_by(column)

        totals = counted(
            func.count(EventRow.pk),
            func.count(EventRow.article_id.distinct()),
            func.count(EventRow.cluster_id.distinct()),
        )
        events, articles, clusters = connection.execute(totals).one()
        days = connection.execute(
            by(EventRow.first_day)
            .where(EventRow.first_day.is_not(None))
            .order_by(EventRow.first_day)
        ).all()
        types = connection.execute(by(EventRow.type)).all()
        countries = connection.execute(by(EventRow.country)).all()
    return {
        "events": events,
        "articles": articles,
        "clusters": clusters,
        "by_day": [{"day": day.isoformat(), "events": count} for day, count in days],
        "by_type": _most_first("type", types),
        "by_country": _most_first("country", countries),
    }


def _most_first(name: str, counts) -> list[dict]:
    ordered = sorted(counts, key=lambda pair: (-pair[1], pair[0] is None, pair[0] or ""))
    return [{name: value, "events": count} for value, count in ordered]
