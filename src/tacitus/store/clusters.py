"""Cluster membership in the store: each new event joins a stored cluster or starts one.

Only the membership is stored (`events.cluster_id`, with each event's time window in
`window_first`/`window_last` so candidates are found by an indexed range); a cluster's merged
view is computed from its reports when it is read, so it can never disagree with them.
Assigning an event reads the stored events of its type whose windows overlap its own, then
every member of the clusters they belong to, in three queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Engine, Select, or_, select
from sqlalchemy.orm import Session, aliased

from tacitus.clusters.assign import choose_cluster, new_cluster_id
from tacitus.clusters.match import candidate_days
from tacitus.clusters.merge import ClusterView, merged_view
from tacitus.clusters.reports import EventReport, ReportActor, report_place
from tacitus.store.models import ActorRow, ArticleRow, EventActorRow, EventRow, PlaceRow
from tacitus.store.queries import Filters, event_filters, place_of_event


def assign_clusters(session: Session, rows_and_reports: Iterable[tuple[EventRow, EventReport]]
                    ) -> None:  # fmt: skip
    """Give each new event row its cluster; the rows must be flushed, the session open."""
    for row, report in rows_and_reports:
        candidates = candidate_clusters(session, report)
        row.cluster_id = choose_cluster(report, candidates) or new_cluster_id(report)
        session.flush()


def candidate_clusters(session: Session, report: EventReport) -> dict[str, list[EventReport]]:
    """The stored clusters `report` could join, each with all its reports: those of the stored
    events of its type near it in time (`candidate_days`, one range of the index of 0006)."""
    days = candidate_days(report)
    if days is None:
        return {}
    earliest_first, latest_first, earliest_last = days
    overlapping = select(EventRow.cluster_id).where(
        EventRow.cluster_id.is_not(None),
        EventRow.type == report.type,
        EventRow.window_first >= earliest_first,
        EventRow.window_first <= latest_first,
        EventRow.window_last >= earliest_last,
        EventRow.article_id != report.article_id,
    )
    if report.country is not None:
        overlapping = overlapping.where(
            or_(EventRow.country.is_(None), EventRow.country == report.country)
        )
    cluster_ids = set(session.scalars(overlapping))
    if not cluster_ids:
        return {}
    members: dict[str, list[EventReport]] = defaultdict(list)
    for cluster_id, member in stored_reports(session, EventRow.cluster_id.in_(cluster_ids)):
        members[cluster_id].append(member)
    return dict(members)


def stored_reports(session: Session, condition) -> list[tuple[str | None, EventReport]]:
    """(cluster id, report) of every stored event meeting `condition`, in clustering order."""
    rows = session.execute(_report_query().where(condition).order_by(EventRow.pk)).all()
    actors = _actors_of(session, [row.EventRow.pk for row in rows])
    return [(row.EventRow.cluster_id, _report(row, actors)) for row in rows]


def _report_query() -> Select:
    return (
        select(EventRow, ArticleRow.outlet, PlaceRow)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(PlaceRow, place_of_event(PlaceRow))
    )


def _actors_of(session: Session, event_pks: list[int]) -> dict[tuple[int, str], list[ReportActor]]:
    found: dict[tuple[int, str], list[ReportActor]] = defaultdict(list)
    if not event_pks:
        return found
    query = (
        select(
            EventActorRow.event_pk,
            EventActorRow.role,
            ActorRow.name,
            ActorRow.code,
            ActorRow.country,
        )  # fmt: skip
        .join(ActorRow)
        .where(EventActorRow.event_pk.in_(event_pks))
        .order_by(EventActorRow.event_pk, ActorRow.pk)
    )
    for event_pk, role, name, code, country in session.execute(query):
        found[(event_pk, role)].append(ReportActor(name, code, country))
    return found


def _report(row, actors: dict[tuple[int, str], list[ReportActor]]) -> EventReport:
    event: EventRow = row.EventRow
    place: PlaceRow | None = row.PlaceRow
    fatalities = (
        (event.fatalities_best, event.fatalities_low, event.fatalities_high)
        if event.fatalities_best is not None
        else None
    )
    return EventReport(
        article_id=event.article_id,
        event_id=event.local_id,
        outlet=row.outlet,
        type=event.type,
        acled_type=event.acled_type,
        acled_sub_type=event.acled_sub_type,
        first_day=event.window_first,
        last_day=event.window_last,
        dated=event.first_day is not None,
        place=report_place(place) if place is not None else None,
        country=event.country,
        source_actors=tuple(actors.get((event.pk, "source"), ())),
        target_actors=tuple(actors.get((event.pk, "target"), ())),
        fatalities=fatalities,
        evidence=(event.evidence_start, event.evidence_end),
        confidence=event.confidence,
    )


def article_clusters(engine: Engine, article_ids: Iterable[str]
                     ) -> dict[tuple[str, str], set[str]]:  # fmt: skip
    """(article id, event type) -> the clusters that article's events of that type are in."""
    wanted = list(article_ids)
    query = select(EventRow.article_id, EventRow.type, EventRow.cluster_id).where(
        EventRow.article_id.in_(wanted), EventRow.cluster_id.is_not(None)
    )
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    with Session(engine) as session:
        for article_id, event_type, cluster_id in session.execute(query):
            found[(article_id, event_type)].add(cluster_id)
    return dict(found)


def cluster_views(engine: Engine, filters: Filters | None = None) -> list[ClusterView]:
    """The merged view of every cluster with a report meeting `filters` (the filters of
    `tacitus events`), newest first, undated last, at most `filters.limit`."""
    filters = filters or Filters()
    place = aliased(PlaceRow)
    chosen = (
        select(EventRow.cluster_id)
        .outerjoin(place, place_of_event(place))
        .where(EventRow.cluster_id.is_not(None))
    )
    chosen = event_filters(chosen, filters, place)
    with Session(engine) as session:
        cluster_ids = set(session.scalars(chosen.distinct()))
        members: dict[str, list[EventReport]] = defaultdict(list)
        for cluster_id, report in stored_reports(session, EventRow.cluster_id.in_(cluster_ids)):
            members[cluster_id].append(report)
    views = [merged_view(cluster_id, reports) for cluster_id, reports in members.items()]
    views.sort(key=lambda view: (view.first_day or date.min, view.id), reverse=True)
    return views[: filters.limit] if filters.limit is not None else views
