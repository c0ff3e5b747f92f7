"""The query parameters of the API, each checked so that bad input is a 422 saying what is
wrong, never a 500: the filters of `tacitus events`, the text search, and page cursors."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError

from tacitus import filter_values
from tacitus.store import Filters

#: Rows per page when the client does not say, and the most it may ask for.
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
#: The longest free-text parameter (actor, region, search) accepted.
MAX_TEXT_PARAMETER = 200

PageSize = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Rows per page, at most {MAX_PAGE_SIZE}.")
]
Cursor = Annotated[
    str | None,
    Query(
        max_length=1000,
        description="The `next` of the previous page; absent for the first page.",
    ),
]


def invalid(parameter: str, value: Any, message: str) -> RequestValidationError:
    """A 422 in FastAPI's own format, naming the query parameter at fault."""
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", parameter), "msg": message, "input": value}]
    )


# The dependencies below are `async def` although they await nothing: FastAPI runs a plain
# `def` dependency in its thread pool, a second turn in the queue for the threads (see
# `tacitus.api.app.HANDLER_THREADS`) for a few microseconds of checking; these run at once.


@dataclass(frozen=True)
class EventQuery:
    """The filters of `tacitus events`, and what the API adds to them."""

    filters: Filters
    #: At least this many people killed (an event's best figure; a cluster's merged toll).
    min_fatalities: int | None = None
    #: Words the evidence sentence contains (case-insensitive).
    text: str | None = None
    #: Only the reports of this cluster (one real-world event).
    cluster: str | None = None


@dataclass(frozen=True)
class ActorQuery:
    article: str | None = None
    #: ISO3 country of the actor (not of its events).
    country: str | None = None
    kind: str | None = None
    code: str | None = None
    #: Part of the actor's name (case-insensitive).
    name: str | None = None


@dataclass(frozen=True)
class PlaceQuery:
    article: str | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    #: Part of the place's name (case-insensitive).
    name: str | None = None
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class QuoteQuery:
    article: str | None = None
    #: Part of the speaker's name (case-insensitive).
    speaker: str | None = None
    #: Part of the quoted text (case-insensitive).
    text: str | None = None
    #: The article's publication date, on or after / on or before.
    since: date | None = None
    until: date | None = None


async def event_query(
    since: Annotated[date | None, Query(description="On or after YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="On or before YYYY-MM-DD.")] = None,
    country: Annotated[
        str | None, Query(min_length=3, max_length=3, description="ISO3 country code, e.g. SYR.")
    ] = None,
    admin1: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_TEXT_PARAMETER,
            description="First-level region of the event's place, e.g. Aleppo.",
        ),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT_PARAMETER,
            description="Only events placed inside minlon,minlat,maxlon,maxlat, e.g. 35,32,43,38.",
        ),
    ] = None,
    type: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_TEXT_PARAMETER,
            description='PLOVER type (ASSAULT), ACLED event or sub-event type ("Air/drone'
            ' strike"), CASE code or CAMEO code.',
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_TEXT_PARAMETER,
            description="Actor name (part of it) or code, e.g. RUSGOV.",
        ),
    ] = None,
    min_fatalities: Annotated[
        int | None, Query(ge=0, le=10_000_000, description="At least this many killed.")
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="At least this confidence.")
    ] = None,
    include_hypothetical: Annotated[
        bool,
        Query(description='Also negated ("did not attack") and hypothetical ("may attack").'),
    ] = False,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_TEXT_PARAMETER,
            description="Text the evidence sentence contains (case-insensitive).",
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_TEXT_PARAMETER,
            description="Only the reports of this cluster (a cluster's `id`).",
        ),
    ] = None,
) -> EventQuery:
    if since and until and since > until:
        raise invalid("until", until.isoformat(), "until is before since")
    filters = Filters(
        since=since,
        until=until,
        country=_country(country),
        type=_event_type(type),
        actor=actor,
        min_confidence=min_confidence,
        include_hypothetical=include_hypothetical,
        admin1=admin1,
        bbox=_bbox(bbox),
    )
    return EventQuery(filters, min_fatalities, q, cluster)


def _country(value: str | None) -> str | None:
    return _checked(filter_values.country_code, value, "country")


def _event_type(value: str | None) -> str | None:
    return _checked(filter_values.event_type, value, "type")


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    return _checked(filter_values.bounding_box, value, "bbox")


def _checked(check, value: str | None, parameter: str):
    """`check(value)`, its ValueError a 422 naming `parameter`; None stays None."""
    if value is None:
        return None
    try:
        return check(value)
    except ValueError as error:
        raise invalid(parameter, value, str(error)) from None


def encode_cursor(key: tuple) -> str:
    """An opaque cursor: the sort key of a page's last row."""
    text = json.dumps([part.isoformat() if isinstance(part, date) else part for part in key])
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, key_type: Any) -> Any:
    """The sort key `cursor` encodes, checked to be a `key_type`; None for the first page."""
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return TypeAdapter(key_type).validate_python(json.loads(text))
    except (binascii.Error, ValueError, ValidationError):
        raise invalid("cursor", cursor, "not a cursor this API gave") from None


def _words(description: str):
    """A free-text query parameter of bounded length."""
    return Query(min_length=1, max_length=MAX_TEXT_PARAMETER, description=description)


ArticleId = Annotated[
    str | None, Query(min_length=1, max_length=128, description="Only this article's.")
]
Country = Annotated[
    str | None, Query(min_length=3, max_length=3, description="ISO3 country code, e.g. SYR.")
]


async def actor_query(
    article: ArticleId = None,
    country: Country = None,
    kind: Annotated[str | None, _words("Actor kind, e.g. military, civilians.")] = None,
    code: Annotated[str | None, _words("Actor code, e.g. RUSMIL (case-insensitive).")] = None,
    name: Annotated[str | None, _words("Part of the actor's name (case-insensitive).")] = None,
) -> ActorQuery:
    return ActorQuery(article, _country(country), kind, code, name)


async def place_query(
    article: ArticleId = None,
    country: Country = None,
    admin1: Annotated[str | None, _words("First-level region, e.g. Aleppo.")] = None,
    feature: Annotated[
        str | None, _words("Place feature: city, locality, admin1, admin2, country, region.")
    ] = None,
    name: Annotated[str | None, _words("Part of the place's name (case-insensitive).")] = None,
    bbox: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT_PARAMETER,
            description="Only places inside minlon,minlat,maxlon,maxlat, e.g. 35,32,43,38.",
        ),
    ] = None,
) -> PlaceQuery:
    return PlaceQuery(article, _country(country), admin1, feature, name, _bbox(bbox))


async def quote_query(
    article: ArticleId = None,
    speaker: Annotated[str | None, _words("Part of the speaker's name (case-insensitive).")] = None,
    q: Annotated[str | None, _words("Text the quote contains (case-insensitive).")] = None,
    since: Annotated[date | None, Query(description="Article published on or after.")] = None,
    until: Annotated[date | None, Query(description="Article published on or before.")] = None,
) -> QuoteQuery:
    if since and until and since > until:
        raise invalid("until", until.isoformat(), "until is before since")
    return QuoteQuery(article, speaker, q, since, until)
