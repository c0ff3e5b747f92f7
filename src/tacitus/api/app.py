"""The FastAPI app of `tacitus serve`: the store to read, the pipeline to run, over HTTP.

Reads are open; the two writes (POST /extract runs the pipeline, POST /articles stores) need
the server's bearer token. Every parameter is validated (a 422 saying what is wrong), bodies
and pages are bounded, and every response carries the headers of `security.SECURITY_HEADERS`.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, status
from fastapi.responses import JSONResponse, Response
from pydantic import Field
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

import tacitus
from tacitus.api import ui
from tacitus.api.bodies import MAX_ARTICLES_PER_REQUEST, ArticleIn, TextIn
from tacitus.api.exports import MEDIA_TYPES, export_response
from tacitus.api.facts import (
    FactKey,
    actor_graph,
    actor_page,
    place_page,
    quote_page,
)
from tacitus.api.pages import (
    ArticleKey,
    ClusterKey,
    EventKey,
    article_page,
    cluster_page,
    event_page,
    event_stats,
    point_page,
)
from tacitus.api.params import (
    DEFAULT_PAGE_SIZE,
    ActorQuery,
    Cursor,
    EventQuery,
    PageSize,
    PlaceQuery,
    QuoteQuery,
    actor_query,
    decode_cursor,
    event_query,
    place_query,
    quote_query,
)
from tacitus.api.security import SECURITY_HEADERS, SafeJSONResponse, SecurityHeaders, token_guard
from tacitus.schema import Extraction
from tacitus.sources import SourceArticle
from tacitus.store import (
    IngestReport,
    StoreError,
    ingest,
    open_store,
    resolve_url,
    stored_extraction,
)

if TYPE_CHECKING:
    from spacy.language import Language

#: The environment variable `tacitus serve` reads the write token from.
TOKEN_ENV_VAR = "TACITUS_API_TOKEN"
#: The largest request body accepted (413 beyond): some hundred long articles.
MAX_BODY_BYTES = 2_000_000
#: Reads handled at once (in threads; the others wait their turn, in order). A handler is
#: Python holding the GIL but for its SQLite calls, so a few threads keep the cores busy,
#: and Starlette's default of 40 only adds switching between them: under 100 concurrent
#: clients a GET /events cost about twice its CPU time alone. Fewer than the engine's pool
#: of connections (5, and 10 more on demand), so no read waits for one. The writes run in
#: the pipeline's own thread (`Pipeline.run`), so writes queued for it take none of these.
HANDLER_THREADS = 8

logger = logging.getLogger(__name__)
T = TypeVar("T")

Events = Annotated[EventQuery, Depends(event_query)]
Actors = Annotated[ActorQuery, Depends(actor_query)]
Places = Annotated[PlaceQuery, Depends(place_query)]
Quotes = Annotated[QuoteQuery, Depends(quote_query)]
#: Map points per page, and the most a client may ask for: a map shows ten thousand at once.
DEFAULT_POINTS_PAGE = 5_000
MAX_POINTS_PAGE = 10_000
PointsSize = Annotated[
    int, Query(ge=1, le=MAX_POINTS_PAGE, description=f"Points per page, at most {MAX_POINTS_PAGE}.")
]
#: Edges of the actor graph when the client does not say, and the most it may ask for.
DEFAULT_GRAPH_EDGES = 100
MAX_GRAPH_EDGES = 1_000
ExportFormat = Literal["csv", "jsonl", "geojson", "parquet"]
ArticleBatch = Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_ARTICLES_PER_REQUEST)]


class Pipeline:
    """The extraction pipeline, loaded on the first request that needs it (it takes seconds)
    and run by one request at a time: a spaCy pipeline is not safe to share between threads."""

    def __init__(self, nlp: Language | None) -> None:
        self._nlp = nlp
        self._lock = threading.Lock()
        self._lane: anyio.CapacityLimiter | None = None

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` (an extraction, and the ingest of what it found) in the one thread of the
        pipeline's own lane, so a write waiting its turn for the pipeline waits there, not
        in one of the `HANDLER_THREADS` the reads need."""
        if self._lane is None:  # made on first use: a limiter needs a running event loop
            self._lane = anyio.CapacityLimiter(1)
        return await anyio.to_thread.run_sync(work, limiter=self._lane)

    def extract(self, articles: list[SourceArticle]) -> tuple[list[Extraction], list[str]]:
        """The extractions of `articles`, in order, and one line per article that failed."""
        failed: list[str] = []

        def report(article: SourceArticle, error: Exception) -> None:
            logger.error("extraction of %s failed", article.id, exc_info=error)
            failed.append(f"{article.id}: extraction failed ({type(error).__name__})")

        with self._lock:
            if self._nlp is None:
                from tacitus.nlp import shared_nlp

                self._nlp = shared_nlp()
            extractor = tacitus.Extractor(nlp=self._nlp, on_error=report)
            return list(extractor.pipe(articles)), failed


def create_app(
    db_url: str | None = None, token: str | None = None, nlp: Language | None = None
) -> FastAPI:
    """The API over the store at `db_url` (see `tacitus.store.resolve_url`; created and
    migrated if need be). Writes need `Authorization: Bearer <token>`; with no token they are
    refused. `nlp`: the pipeline to extract with (default: the shared one, loaded on first use).
    """
    engine = open_store(db_url)
    pipeline = Pipeline(nlp)
    require_token = token_guard(token)
    app = FastAPI(
        title="Tacitus",
        version=tacitus.__version__,
        summary="Structured, sourced event data from news reports.",
        # the interactive docs load their scripts from a CDN, which the CSP forbids
        docs_url=None,
        redoc_url=None,
        default_response_class=SafeJSONResponse,
        lifespan=_handler_threads,
    )
    # added first, so inside SecurityHeaders: its 413 carries the headers too
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(StoreError, _store_unavailable)
    app.add_exception_handler(Exception, _internal_error)

    @app.get(
        "/articles", response_model=dict, summary="Stored articles, newest first (undated last)."
    )
    def list_articles(
        since: Annotated[date | None, Query(description="Published on or after.")] = None,
        until: Annotated[date | None, Query(description="Published on or before.")] = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> Response:
        after = decode_cursor(cursor, ArticleKey)
        return _json(article_page(engine, since, until, after, limit).to_json())

    @app.get("/articles/{article_id}", summary="One article's stored extraction (schema v1).")
    def get_article(article_id: Annotated[str, Path(min_length=1, max_length=128)]) -> dict:
        extraction = stored_extraction(engine, article_id)
        if extraction is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no stored article has this id")
        return extraction

    @app.get("/events", response_model=dict, summary="Stored events, newest first (undated last).")
    def list_events(
        wanted: Events, limit: PageSize = DEFAULT_PAGE_SIZE, cursor: Cursor = None
    ) -> Response:
        after = decode_cursor(cursor, EventKey)
        return _json(event_page(engine, wanted, after, limit).to_json())

    @app.get(
        "/clusters",
        response_model=dict,
        summary="Real-world events: clusters of reports across articles, newest first."
        " A cluster is listed when one of its reports meets the filters.",
    )
    def list_clusters(
        wanted: Events, limit: PageSize = DEFAULT_PAGE_SIZE, cursor: Cursor = None
    ) -> Response:
        after = decode_cursor(cursor, ClusterKey)
        return _json(cluster_page(engine, wanted, after, limit).to_json())

    @app.get(
        "/points",
        response_model=dict,
        summary="The placed events meeting the filters as compact rows for a map"
        " (`columns` names each row's values), in the order of /events.",
    )
    def list_points(
        wanted: Events, limit: PointsSize = DEFAULT_POINTS_PAGE, cursor: Cursor = None
    ) -> Response:
        after = decode_cursor(cursor, EventKey)
        return _json(point_page(engine, wanted, after, limit))

    @app.get(
        "/actors",
        response_model=dict,
        summary="Stored actors, one row per actor of each article, newest first.",
    )
    def list_actors(
        wanted: Actors, limit: PageSize = DEFAULT_PAGE_SIZE, cursor: Cursor = None
    ) -> Response:
        after = decode_cursor(cursor, FactKey)
        return _json(actor_page(engine, wanted, after, limit).to_json())

    @app.get(
        "/actors/graph",
        response_model=dict,
        summary="Who acted on whom in the events meeting the filters: (source, target) edges"
        " weighted by their events, heaviest first, and their nodes.",
    )
    def get_actor_graph(
        wanted: Events,
        limit: Annotated[
            int, Query(ge=1, le=MAX_GRAPH_EDGES, description="At most this many edges.")
        ] = DEFAULT_GRAPH_EDGES,
    ) -> Response:
        return _json(actor_graph(engine, wanted, limit))

    @app.get(
        "/places",
        response_model=dict,
        summary="Stored places, one row per place of each article, newest first.",
    )
    def list_places(
        wanted: Places, limit: PageSize = DEFAULT_PAGE_SIZE, cursor: Cursor = None
    ) -> Response:
        after = decode_cursor(cursor, FactKey)
        return _json(place_page(engine, wanted, after, limit).to_json())

    @app.get(
        "/quotes",
        response_model=dict,
        summary="Stored quotes and their speakers, newest article first.",
    )
    def list_quotes(
        wanted: Quotes, limit: PageSize = DEFAULT_PAGE_SIZE, cursor: Cursor = None
    ) -> Response:
        after = decode_cursor(cursor, FactKey)
        return _json(quote_page(engine, wanted, after, limit).to_json())

    @app.get(
        "/export",
        summary="The events meeting the filters as a file, in a format of `tacitus export`.",
        response_class=Response,
        responses={200: {"content": {media: {} for media, _ in MEDIA_TYPES.values()}}},
    )
    def export(
        wanted: Events,
        format: Annotated[ExportFormat, Query(description="csv, jsonl, geojson or parquet.")],
        limit: Annotated[
            int | None, Query(ge=1, le=10_000_000, description="At most this many events.")
        ] = None,
    ) -> Response:
        return export_response(engine, wanted, format, limit)

    @app.get(
        "/stats",
        response_model=dict,
        summary="Counts of the events meeting the filters by day, type, country.",
    )
    def stats(wanted: Events) -> Response:
        return _json(event_stats(engine, wanted))

    @app.post(
        "/extract",
        dependencies=[Depends(require_token)],
        summary="The schema v1 extraction of a text; nothing is stored.",
    )
    async def extract(article: TextIn) -> dict:
        source = article.source_article()
        extractions, failed = await pipeline.run(lambda: pipeline.extract([source]))
        if failed:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, failed[0])
        return extractions[0].to_json_dict()

    @app.post(
        "/articles",
        dependencies=[Depends(require_token)],
        summary="Extract from one article or a list, store them and put their events in"
        " clusters, as `tacitus ingest` does; an article already stored is left as it is.",
    )
    async def post_articles(articles: ArticleIn | ArticleBatch) -> dict:
        batch = articles if isinstance(articles, list) else [articles]

        def extract_and_store() -> tuple[list[Extraction], list[str], IngestReport]:
            extractions, failed = pipeline.extract([article.source_article() for article in batch])
            return extractions, failed, ingest(engine, extractions)

        extractions, failed, report = await pipeline.run(extract_and_store)
        return {
            "articles": [extraction.article.id for extraction in extractions],
            "stored": report.stored,
            "already_stored": report.already_stored,
            "rejected": report.rejected,
            "failed": failed,
        }

    app.include_router(ui.router)
    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process of `tacitus serve --workers N`: uvicorn starts each
    worker from an import string, so the store and the token come from the environment
    ($TACITUS_DB, $TACITUS_API_TOKEN), which the workers inherit from `serve`."""
    return create_app(resolve_url(None), os.environ.get(TOKEN_ENV_VAR))


@asynccontextmanager
async def _handler_threads(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
    yield


def _json(content: dict) -> Response:
    """The JSON response of a read, made here: a handler returning a dict has FastAPI walk
    every value of it through pydantic before it is encoded, which costs a page of events
    more than reading it from the store. The OpenAPI description is the same (the routes
    declare `response_model=dict`, as a `-> dict` handler does)."""
    return SafeJSONResponse(content)


def _store_unavailable(_request: Request, error: Exception) -> JSONResponse:
    logger.error("store error: %s", error)
    return SafeJSONResponse({"detail": "the store is unavailable"}, status_code=503)


def _internal_error(_request: Request, error: Exception) -> JSONResponse:
    """The 500 of a bug: no traceback or SQL to the client, the security headers still on
    (this handler runs outside the middleware)."""
    logger.error("unexpected error", exc_info=error)
    return SafeJSONResponse({"detail": "internal error"}, status_code=500, headers=SECURITY_HEADERS)
