"""Stored events as flat export records: ACLED's columns first, then Tacitus's own.

Two queries whatever the number of events: the events with their article's outlet and ingest
time, their place, and their evidence sentence (cut out of ``articles.text`` by the database
with ``substr``, so no article text is loaded); then the actors of those same events.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, Select, select
from sqlalchemy.orm import Session, aliased

from tacitus.export import acled
from tacitus.store.models import ActorRow, ArticleRow, EventActorRow, EventRow, PlaceRow
from tacitus.store.queries import Filters, event_filters, evidence_sentence, place_of_event

#: Every exported column with its value type: "str", "int", "float", "bool" or "date".
COLUMNS: tuple[tuple[str, str], ...] = (
    # ACLED's columns, in ACLED's order and with ACLED's meanings
    ("event_id_cnty", "str"),
    ("event_date", "date"),
    ("year", "int"),
    ("time_precision", "int"),
    ("disorder_type", "str"),
    ("event_type", "str"),
    ("sub_event_type", "str"),
    ("actor1", "str"),
    ("assoc_actor_1", "str"),
    ("inter1", "int"),
    ("actor2", "str"),
    ("assoc_actor_2", "str"),
    ("inter2", "int"),
    ("interaction", "int"),
    ("civilian_targeting", "str"),
    ("iso", "int"),
    ("region", "str"),
    ("country", "str"),
    ("admin1", "str"),
    ("admin2", "str"),
    ("admin3", "str"),
    ("location", "str"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("geo_precision", "int"),
    ("source", "str"),
    ("source_scale", "str"),
    ("notes", "str"),
    ("fatalities", "int"),
    ("tags", "str"),
    ("timestamp", "int"),
    # Tacitus's columns
    ("plover_type", "str"),
    ("plover_mode", "str"),
    ("cameo", "str"),
    ("case_code", "str"),
    ("confidence", "float"),
    ("negated", "bool"),
    ("hypothetical", "bool"),
    ("article_id", "str"),
    ("event_local_id", "str"),
    ("evidence_start", "int"),
    ("evidence_end", "int"),
    ("cluster_id", "str"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
#: ACLED's separator between several actors or sources in one field.
LIST_SEPARATOR = "; "
CIVILIAN_TARGETING = "Civilian targeting"


@dataclass(frozen=True)
class EventActor:
    name: str
    sector: str | None
    kind: str


def event_records(engine: Engine, filters: Filters) -> list[dict]:
    """The events `filters` selects, newest first (undated last), one record each."""
    query = _events_query(filters)
    with Session(engine) as session:
        found = session.execute(query).all()
        actors = _actors_by_role(session, query)
    return [_record(row, actors.get(row.EventRow.pk, {})) for row in found]


def _events_query(filters: Filters) -> Select:
    place = aliased(PlaceRow)
    query = (
        select(
            EventRow,
            ArticleRow.outlet,
            ArticleRow.ingested_at,
            evidence_sentence().label("evidence"),
            place.name.label("place_name"),
            place.admin1,
            place.lat,
            place.lon,
            place.feature,
            place.geo_precision,
            EventRow.cluster_id,
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(place, place_of_event(place))
    )
    query = event_filters(query, filters, place)
    return query.order_by(
        EventRow.first_day.desc().nulls_last(), EventRow.article_id, EventRow.pk
    ).limit(filters.limit)


def _actors_by_role(session: Session, events_query: Select) -> dict[int, dict[str, list]]:
    """event pk -> role -> actors, in the order the extraction listed them, in one query."""
    selected = events_query.with_only_columns(EventRow.pk).subquery()
    links = session.execute(
        select(
            EventActorRow.event_pk,
            EventActorRow.role,
            ActorRow.name,
            ActorRow.sector,
            ActorRow.kind,
        )
        .join(ActorRow, ActorRow.pk == EventActorRow.actor_pk)
        .where(EventActorRow.event_pk.in_(select(selected.c.pk)))
        .order_by(EventActorRow.event_pk, ActorRow.pk)
    )
    actors: dict[int, dict[str, list]] = {}
    for event_pk, role, name, sector, kind in links:
        actors.setdefault(event_pk, {}).setdefault(role, []).append(EventActor(name, sector, kind))
    return actors


def _record(row, roles: dict[str, list[EventActor]]) -> dict:
    event: EventRow = row.EventRow
    country = acled.country(event.country)
    sources, targets = roles.get("source", []), roles.get("target", [])
    inter1 = (
        acled.source_actor_type(sources[0].sector, sources[0].kind, event.acled_type)
        if sources
        else None
    )
    inter2 = acled.actor_type(targets[0].sector, targets[0].kind) if targets else None
    disorder = acled.disorder_type(event.acled_type, event.acled_sub_type)
    record = {
        "event_id_cnty": f"{acled.event_id_prefix(event.country)}{_event_number(event)}",
        "event_date": event.first_day,
        "year": event.first_day.year if event.first_day else None,
        "time_precision": acled.time_precision(event.precision, event.first_day, event.last_day),
        "disorder_type": disorder,
        "event_type": event.acled_type,
        "sub_event_type": event.acled_sub_type,
        "actor1": sources[0].name if sources else None,
        "assoc_actor_1": _joined(actor.name for actor in sources[1:]),
        "inter1": inter1,
        "actor2": targets[0].name if targets else None,
        "assoc_actor_2": _joined(actor.name for actor in targets[1:]),
        "inter2": inter2,
        "interaction": acled.interaction(inter1, inter2),
        "civilian_targeting": _civilian_targeting(disorder, targets),
        "iso": country.iso,
        "region": country.region,
        "country": country.name,
        "admin1": row.admin1,
        "admin2": None,
        "admin3": None,
        "location": row.place_name,
        "latitude": row.lat,
        "longitude": row.lon,
        "geo_precision": acled.geo_precision(row.geo_precision, row.feature),
        "source": row.outlet,
        "source_scale": None,
        "notes": row.evidence,
        "fatalities": event.fatalities_best or 0,
        "tags": None,
        "timestamp": _unix_seconds(row.ingested_at),
        "plover_type": event.type,
        "plover_mode": event.mode,
        "cameo": event.cameo,
        "case_code": event.case_code,
        "confidence": event.confidence,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "article_id": event.article_id,
        "event_local_id": event.local_id,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "cluster_id": row.cluster_id,
    }
    return {name: record[name] for name in COLUMN_NAMES}


def _event_number(event: EventRow) -> int:
    """A number that names the event in every store: it depends only on its article and id."""
    digest = hashlib.sha256(f"{event.article_id}/{event.local_id}".encode()).hexdigest()
    return int(digest[:12], 16)


def _joined(names) -> str | None:
    return LIST_SEPARATOR.join(names) or None


def _civilian_targeting(disorder: str | None, targets: list[EventActor]) -> str | None:
    """ACLED marks political violence whose target is civilians."""
    if disorder is None or acled.POLITICAL_VIOLENCE not in disorder:
        return None
    civilians = any(acled.actor_type(t.sector, t.kind) == acled.CIVILIANS for t in targets)
    return CIVILIAN_TARGETING if civilians else None


def _unix_seconds(moment: datetime | None) -> int | None:
    """Stored ingest times are UTC without a zone (the database's now())."""
    if moment is None:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return int(aware.timestamp())
