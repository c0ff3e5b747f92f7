"""The REST API over a store of a few articles: every endpoint, its filters and pages, who
may write, and bad input answered with a 4xx."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import json
import threading
from datetime import date
from pathlib import Path

import anyio.to_thread
import httpx
import pytest
from alembic import command
from fastapi.testclient import TestClient
from test_store import make_extraction

from tacitus import Extraction, Extractor, SourceArticle
from tacitus.api import create_app
from tacitus.api.app import (
    HANDLER_THREADS,
    MAX_BODY_BYTES,
    MAX_POINTS_PAGE,
    Pipeline,
    app_from_environment,
)
from tacitus.api.params import MAX_PAGE_SIZE
from tacitus.api.security import SECURITY_HEADERS
from tacitus.api.ui import UI_POLICY
from tacitus.export import COLUMN_NAMES, export_events
from tacitus.store import Filters, article_rows, event_rows, ingest, open_store, queries
from tacitus.store.clusters import cluster_views
from tacitus.store.database import _alembic_config

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

AIRSTRIKE = (
    "Government aircraft bombed a market in the town of Maarat al-Numan in Idlib province on"
    " Sunday, killing seven people, a local rescue group said.\n\n"
    "The strikes destroyed several shops."
)
PROTEST = "Thousands of nurses demonstrated in Lagos on Wednesday against unpaid salaries."
SCRIPT = "<script>alert('owned')</script>"
ARRESTS = f"Police arrested three activists in Tunis on Monday, their lawyer said. {SCRIPT}"
CONVOY = (
    '"We will answer every attack on our villages," said Amina Yusuf, the governor of Borno'
    " State, on Tuesday.\n\nGunmen attacked a convoy near Maiduguri on Monday, killing four"
    " soldiers."
)
ARTICLES = [
    SourceArticle(
        text=AIRSTRIKE,
        origin="airstrike",
        id="idlib-strike",
        outlet="Orontes Post",
        published=date(2024, 3, 11),
    ),
    SourceArticle(
        text=PROTEST,
        origin="protest",
        id="lagos-protest",
        outlet="Harbour Times",
        published=date(2024, 5, 16),
    ),
    SourceArticle(
        text=ARRESTS,
        origin="arrests",
        id="tunis-arrests",
        outlet="Medina Wire",
        published=date(2024, 2, 6),
    ),
    SourceArticle(
        text=CONVOY,
        origin="convoy",
        id="borno-convoy",
        outlet="Sahel Courier",
        published=date(2024, 4, 10),
    ),
]
#: Shellings in Ukraine, several a day (pages break inside a day and clusters get several
#: reports) and some undated (pages cross into the undated rows listed last).
SHELLING_DAYS = ["2023-01-02"] * 4 + ["2023-01-05"] * 3 + ["2023-01-09", "2023-01-12"] + [None] * 3


def shellings() -> list[Extraction]:
    made = [
        make_extraction(f"shelling-{number:02}", day, "UKR", "ASSAULT")
        for number, day in enumerate(SHELLING_DAYS)
    ]
    made.append(
        make_extraction("maybe-shelling", "2023-01-20", "UKR", "ASSAULT", hypothetical=True)
    )
    made.append(make_extraction("shelling-unplaced", "2023-01-15", "UKR", "ASSAULT", place=None))
    return made


@pytest.fixture(scope="module")
def extractions(nlp) -> list[Extraction]:
    return list(Extractor(nlp=nlp).pipe(ARTICLES))


@pytest.fixture(scope="module")
def store_url(extractions, tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}"
    stored = ingest(open_store(url), [*extractions, *shellings()]).stored
    assert stored == len(ARTICLES) + len(SHELLING_DAYS) + 2
    return url


@pytest.fixture(scope="module")
def engine(store_url):
    return open_store(store_url)


@pytest.fixture(scope="module")
def client(store_url, nlp) -> TestClient:
    """A client of the seeded store; the tests using it only read."""
    return TestClient(create_app(store_url, TOKEN, nlp=nlp))


@pytest.fixture
def writable_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def writable(writable_url, nlp) -> TestClient:
    """A client of an empty store of its own, for the tests that write."""
    return TestClient(create_app(writable_url, TOKEN, nlp=nlp))


def items(client: TestClient, path: str, **params) -> list[dict]:
    response = client.get(path, params={"limit": MAX_PAGE_SIZE, **params})
    assert response.status_code == 200, response.text
    assert response.json()["next"] is None
    return response.json()["items"]


def event_ids(rows: list[dict]) -> list[str]:
    return [f"{row['article']}/{row['event']}" for row in rows]


def walk(client: TestClient, path: str, limit: int, **params) -> list[dict]:
    """Every row of `path`, a page of `limit` at a time."""
    rows, cursor, pages = [], None, 0
    while True:
        query = {"limit": limit, **params, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, params=query).json()
        assert len(page["items"]) <= limit
        rows.extend(page["items"])
        pages += 1
        cursor = page["next"]
        if cursor is None:
            return rows
        assert pages < 100, "pagination does not end"


# --- reading ---------------------------------------------------------------------------


def test_articles_are_listed_newest_first_with_what_was_found(client, engine) -> None:
    rows = items(client, "/articles")
    assert [row["id"] for row in rows] == [row["id"] for row in article_rows(engine, Filters())]
    strike = next(row for row in rows if row["id"] == "idlib-strike")
    assert strike["published"] == "2024-03-11"
    assert strike["outlet"] == "Orontes Post"
    assert strike["events"] >= 1
    assert strike["characters"] == len(AIRSTRIKE)


def test_articles_by_publication_date(client) -> None:
    rows = items(client, "/articles", since="2024-02-01", until="2024-03-31")
    assert {row["id"] for row in rows} == {"idlib-strike", "tunis-arrests"}


def test_one_article_is_its_stored_schema_v1_extraction(client, extractions) -> None:
    response = client.get("/articles/idlib-strike")
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "tacitus/1"
    stored = next(e for e in extractions if e.article.id == "idlib-strike")
    assert Extraction.model_validate(body) == stored


def test_an_unknown_article_is_404(client) -> None:
    assert client.get("/articles/no-such-article").status_code == 404


def test_events_are_listed_in_the_order_of_tacitus_events(client, engine) -> None:
    rows = items(client, "/events")
    assert event_ids(rows) == event_ids(event_rows(engine, Filters()))
    strike = next(row for row in rows if row["article"] == "idlib-strike")
    assert strike["type"] == "ASSAULT"
    assert strike["country"] == "SYR"
    assert strike["fatalities"] == 7
    assert "market" in strike["evidence"]
    assert strike["cluster"]


@pytest.mark.parametrize(
    ("params", "filters"),
    [
        ({"country": "syr"}, Filters(country="SYR")),
        ({"type": "PROTEST"}, Filters(type="PROTEST")),
        ({"type": "Air/drone strike"}, Filters(type="Air/drone strike")),
        (
            {"since": "2024-01-01", "until": "2024-03-31"},
            Filters(date(2024, 1, 1), date(2024, 3, 31)),
        ),
        ({"admin1": "idlib"}, Filters(admin1="idlib")),
        ({"bbox": "35,35,37,37"}, Filters(bbox=(35, 35, 37, 37))),
        ({"actor": "RUSMIL"}, Filters(actor="RUSMIL")),
        ({"min_confidence": 0.89}, Filters(min_confidence=0.89)),
        ({"include_hypothetical": "true"}, Filters(include_hypothetical=True)),
    ],
)
def test_event_filters_are_those_of_tacitus_events(client, engine, params, filters) -> None:
    everything = event_rows(engine, Filters())
    expected = event_ids(event_rows(engine, filters))
    assert expected and expected != event_ids(everything), "the filter should narrow"
    assert event_ids(items(client, "/events", **params)) == expected


def test_events_of_at_least_so_many_killed(client) -> None:
    rows = items(client, "/events", min_fatalities=5)
    assert [row["article"] for row in rows] == ["idlib-strike"]


def test_text_search_in_the_evidence_ignores_case(client) -> None:
    assert [row["article"] for row in items(client, "/events", q="MARKET")] == ["idlib-strike"]
    assert items(client, "/events", q="market", country="UKR") == []


def test_text_search_takes_sql_wildcards_literally(client) -> None:
    assert items(client, "/events", q="%") == []
    assert items(client, "/events", q="_") == []


#: (FEW_MATCHES, SOME_MATCHES) of `tacitus.store.queries` that send every text search of
#: three characters or more down one way: read off the trigram index, tested against the
#: index's matches as the listing is read, or the substring test on each event.
SEARCH_WAYS = {"index": (10**9, 10**9), "set": (0, 10**9), "substring": (0, 0)}


@pytest.mark.parametrize(
    ("params", "found_any"),
    [
        ({"q": "shelled"}, True),
        ({"q": "SHELLED", "country": "UKR", "limit": 3}, True),
        ({"q": "market"}, True),
        ({"q": "Maarat al-Num"}, True),
        ({"q": "shelled", "bbox": "37,49,38,50"}, True),
        ({"q": "no such words"}, False),
        # the index's query syntax: quotes, a star, NEAR, a column filter are all text
        ({"q": 'a "quoted" NEAR(word)* evidence:'}, False),
    ],
)
def test_text_search_finds_the_same_events_whichever_way_it_reads(
    client, monkeypatch, params, found_any
) -> None:
    """Text in few, some or many events is searched three ways (`evidence_contains`); on
    ASCII text they agree, pages included."""
    found = {}
    for way, (few, some) in SEARCH_WAYS.items():
        monkeypatch.setattr(queries, "FEW_MATCHES", few)
        monkeypatch.setattr(queries, "SOME_MATCHES", some)
        found[way] = walk(client, "/events", **{"limit": 500, **params})
        stats = client.get("/stats", params={"q": params["q"]}).json()
        assert stats["events"] == len(items(client, "/events", q=params["q"]))
    assert found["index"] == found["set"] == found["substring"]
    assert bool(found["index"]) == found_any


def test_the_trigram_index_follows_the_events_stored_and_deleted(writable, writable_url):
    """The triggers of migration 0005: an article posted is found by its words at once; an
    article deleted (its events cascade) leaves nothing in the index."""
    body = {"text": CONVOY, "id": "convoy", "published": "2024-04-10"}
    assert writable.post("/articles", json=body, headers=AUTH).json()["stored"] == 1
    assert {row["article"] for row in items(writable, "/events", q="convoy near")} == {"convoy"}
    with open_store(writable_url).begin() as connection:
        indexed = "SELECT count(*) FROM event_evidence WHERE event_evidence MATCH '\"convoy\"'"
        assert connection.exec_driver_sql(indexed).scalar() >= 1
        connection.exec_driver_sql("DELETE FROM articles WHERE id = 'convoy'")
        assert connection.exec_driver_sql("SELECT count(*) FROM event_evidence").scalar() == 0
    assert items(writable, "/events", q="convoy near") == []


def test_hypothetical_events_only_when_asked(client) -> None:
    assert "maybe-shelling" not in {row["article"] for row in items(client, "/events")}
    shown = items(client, "/events", include_hypothetical="true")
    assert "maybe-shelling" in {row["article"] for row in shown}


def test_clusters_are_listed_as_tacitus_clusters_lists_them(client, engine) -> None:
    rows = items(client, "/clusters")
    assert rows == [view.to_row() for view in cluster_views(engine)]
    same_day = next(row for row in rows if row["first_day"] == "2023-01-02")
    assert same_day["reports"] == 4


def test_cluster_filters(client) -> None:
    syrian = items(client, "/clusters", country="SYR")
    assert [row["country"] for row in syrian] == ["SYR"]
    assert items(client, "/clusters", min_fatalities=5) == syrian
    assert items(client, "/clusters", q="market") == syrian
    assert items(client, "/clusters", q="market", country="UKR") == []


def test_stats_count_events_by_day_type_and_country(client) -> None:
    events = items(client, "/events")
    stats = client.get("/stats").json()
    assert stats["events"] == len(events)
    assert stats["articles"] == len({row["article"] for row in events})
    assert stats["clusters"] == len({row["cluster"] for row in events})
    dated = [row for row in events if row["first_day"]]
    assert sum(day["events"] for day in stats["by_day"]) == len(dated)
    assert {"day": "2023-01-02", "events": 4} in stats["by_day"]
    assert sum(kind["events"] for kind in stats["by_type"]) == len(events)
    assert stats["by_country"][0] == {
        "country": "UKR",
        "events": sum(row["country"] == "UKR" for row in events),
    }


def test_stats_take_the_event_filters(client) -> None:
    stats = client.get("/stats", params={"country": "SYR"}).json()
    assert (stats["events"], stats["articles"]) == (1, 1)
    assert stats["by_country"] == [{"country": "SYR", "events": 1}]


def test_events_carry_the_precision_of_their_place(client) -> None:
    rows = items(client, "/events")
    convoy = next(row for row in rows if row["article"] == "borno-convoy")
    places = client.get("/articles/borno-convoy").json()["places"]
    maiduguri = next(place for place in places if place["name"] == "Maiduguri")
    assert convoy["place"] == "Maiduguri"
    assert convoy["geo_precision"] == maiduguri["geo_precision"] in (1, 2, 3)
    assert {row["geo_precision"] for row in rows if row["lat"] is None} == {None}


def test_events_of_one_cluster_are_its_reports(client) -> None:
    first = next(row for row in items(client, "/events") if row["article"] == "shelling-00")
    reports = items(client, "/events", cluster=first["cluster"])
    assert {row["first_day"] for row in reports} == {"2023-01-02"}
    assert len(reports) == 4
    (cluster,) = items(client, "/clusters", cluster=first["cluster"])
    assert cluster["reports"] == 4


def test_points_are_the_placed_events_in_the_order_of_events(client) -> None:
    page = client.get("/points", params={"limit": MAX_POINTS_PAGE}).json()
    assert page["next"] is None
    points = [dict(zip(page["columns"], row, strict=True)) for row in page["rows"]]
    placed = [row for row in items(client, "/events") if row["lat"] is not None]
    assert len(placed) < len(items(client, "/events")), "some events should have no place"
    fields = ["article", "event", "type", "first_day", "lat", "lon", "geo_precision", "cluster"]
    assert [[point[f] for f in fields] for point in points] == [
        [row[f] for f in fields] for row in placed
    ]


def test_points_take_the_filters_and_pages(client) -> None:
    page = client.get("/points", params={"type": "PROTEST"}).json()
    assert {row[page["columns"].index("type")] for row in page["rows"]} == {"PROTEST"}
    everything = client.get("/points").json()["rows"]
    rows, cursor = [], None
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/points", params=query).json()
        rows.extend(page["rows"])
        cursor = page["next"]
        if cursor is None:
            break
    assert rows == everything


def test_actors_are_listed_per_article_with_their_events(client) -> None:
    rows = items(client, "/actors", article="borno-convoy")
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == {"Amina Yusuf", "Gunmen", "soldiers"}
    assert by_name["Gunmen"]["events"] == 1
    assert by_name["Amina Yusuf"]["events"] == 0
    assert by_name["Amina Yusuf"]["published"] == "2024-04-10"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"code": "rusmil"}, {"Russian troops"}),
        ({"name": "TROOPS"}, {"Russian troops"}),
        ({"country": "rus"}, {"Russian troops"}),
        ({"kind": "civilians", "article": "shelling-00"}, {"civilians"}),
    ],
)
def test_actor_filters(client, params, expected) -> None:
    rows = items(client, "/actors", **params)
    assert rows and {row["name"] for row in rows} == expected


def test_places_are_listed_per_article_with_their_events(client) -> None:
    rows = items(client, "/places", article="borno-convoy")
    by_name = {row["name"]: row for row in rows}
    assert by_name["Maiduguri"]["events"] == 1
    stored = client.get("/articles/borno-convoy").json()["places"]
    assert {place["name"]: place["geo_precision"] for place in stored} == {
        name: row["geo_precision"] for name, row in by_name.items()
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "UKR"}, {"Izium"}),
        ({"name": "izi"}, {"Izium"}),
        ({"admin1": "kharkiv oblast"}, {"Izium"}),
        ({"bbox": "37,49,38,50"}, {"Izium"}),
        ({"feature": "city", "article": "lagos-protest"}, {"Lagos"}),
    ],
)
def test_place_filters(client, params, expected) -> None:
    rows = items(client, "/places", **params)
    assert rows and {row["name"] for row in rows} == expected


def test_quotes_are_listed_with_their_speakers(client) -> None:
    (quote,) = items(client, "/quotes", speaker="yusuf")
    assert quote["article"] == "borno-convoy"
    assert quote["text"] == CONVOY[quote["start"] : quote["end"]]
    assert (quote["speaker"], quote["cue"], quote["kind"]) == ("Amina Yusuf", "said", "direct")
    assert items(client, "/quotes", q="VILLAGES") == [quote]
    assert items(client, "/quotes", since="2024-04-11") == []
    assert quote in items(client, "/quotes", since="2024-04-10", until="2024-04-10")


def test_the_actor_graph_weighs_who_acted_on_whom_by_events(client) -> None:
    graph = client.get("/actors/graph").json()
    shellings = [row for row in items(client, "/events") if row["article"].startswith("shelling")]
    heaviest = graph["edges"][0]
    assert heaviest == {"source": "RUSMIL", "target": "civilians", "events": len(shellings)}
    weights = [edge["events"] for edge in graph["edges"]]
    assert weights == sorted(weights, reverse=True)
    ends = {edge["source"] for edge in graph["edges"]} | {e["target"] for e in graph["edges"]}
    assert {node["id"] for node in graph["nodes"]} == ends
    russians = next(node for node in graph["nodes"] if node["id"] == "RUSMIL")
    assert (russians["name"], russians["country"]) == ("Russian troops", "RUS")


def test_the_actor_graph_takes_the_event_filters(client) -> None:
    graph = client.get("/actors/graph", params={"country": "NGA"}).json()
    assert graph["edges"] and "RUSMIL" not in {node["id"] for node in graph["nodes"]}
    assert len(client.get("/actors/graph", params={"limit": 1}).json()["edges"]) == 1
    # the filters that read the article (text) and the place (region, box) join them
    izium = {"q": "SHELLED", "bbox": "37,49,38,50", "admin1": "Kharkiv Oblast"}
    (edge,) = client.get("/actors/graph", params=izium).json()["edges"]
    assert edge["events"] == len(items(client, "/events", **izium))


@pytest.mark.parametrize(
    "params",
    [{"q": "market"}, {"admin1": "Kharkiv Oblast"}, {"bbox": "37,49,38,50", "q": "shelled"}],
)
def test_stats_count_the_events_the_filters_list(client, params) -> None:
    assert client.get("/stats", params=params).json()["events"] == len(
        items(client, "/events", **params)
    )


# --- exports ----------------------------------------------------------------------------


@pytest.mark.parametrize("export_format", ["csv", "jsonl", "geojson", "parquet"])
@pytest.mark.parametrize("params", [{}, {"country": "UKR", "since": "2023-01-05"}])
def test_exports_are_those_of_tacitus_export(client, engine, tmp_path, export_format, params):
    response = client.get("/export", params={"format": export_format, **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment;")
    expected = tmp_path / f"expected.{export_format}"
    filters = Filters(
        country=params.get("country"),
        since=date.fromisoformat(params["since"]) if "since" in params else None,
    )
    rows = export_events(engine, filters, export_format, expected)
    assert response.headers["x-tacitus-rows"] == str(len(event_rows(engine, filters)))
    if export_format == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(response.content))
        assert table.equals(pq.read_table(expected))
        assert table.num_rows == rows
    else:
        assert response.content == expected.read_bytes()


def test_a_csv_export_has_acleds_columns_and_one_line_per_event(client) -> None:
    response = client.get("/export", params={"format": "csv", "country": "SYR"})
    assert response.headers["content-type"].startswith("text/csv")
    header, *lines = list(csv.reader(io.StringIO(response.text)))
    assert tuple(header) == COLUMN_NAMES
    assert [line[header.index("article_id")] for line in lines] == ["idlib-strike"]


@pytest.mark.parametrize(
    ("params", "articles"),
    [
        ({"min_fatalities": 5}, {"idlib-strike"}),
        ({"q": "MARKET"}, {"idlib-strike"}),
        ({"type": "PROTEST", "limit": 1}, {"lagos-protest"}),
    ],
)
def test_exports_take_the_api_filters(client, params, articles) -> None:
    response = client.get("/export", params={"format": "jsonl", **params})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert {line["article_id"] for line in lines} == articles


def test_the_export_of_one_cluster(client) -> None:
    cluster = next(r for r in items(client, "/events") if r["article"] == "shelling-00")["cluster"]
    response = client.get("/export", params={"format": "geojson", "cluster": cluster})
    features = response.json()["features"]
    assert len(features) == 4
    assert {f["properties"]["cluster_id"] for f in features} == {cluster}


# --- pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/articles", "/events", "/clusters", "/actors", "/places"])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_walking_the_pages_gives_every_row_once_in_order(client, path, limit) -> None:
    everything = items(client, path)
    assert len(everything) > limit
    assert walk(client, path, limit) == everything


def test_pages_keep_the_filters(client) -> None:
    assert walk(client, "/events", 2, country="UKR") == items(client, "/events", country="UKR")


def test_the_same_cursor_gives_the_same_page(client) -> None:
    cursor = client.get("/events", params={"limit": 3}).json()["next"]
    pages = [client.get("/events", params={"limit": 3, "cursor": cursor}).json() for _ in "ab"]
    assert pages[0] == pages[1]


def test_a_worker_of_serve_reads_its_store_and_token_from_the_environment(
    store_url, monkeypatch
) -> None:
    """`serve --workers N` starts each worker from an import string: the store and the write
    token reach it through $TACITUS_DB and $TACITUS_API_TOKEN."""
    monkeypatch.setenv("TACITUS_DB", store_url)
    monkeypatch.setenv("TACITUS_API_TOKEN", TOKEN)
    client = TestClient(app_from_environment())
    assert {row["article"] for row in items(client, "/events")} >= {"shelling-00"}
    refused = client.post(
        "/extract", json={"text": PROTEST}, headers={"Authorization": "Bearer wrong"}
    )
    assert refused.status_code == 403


def test_a_store_of_revision_0004_gets_its_events_indexed_for_search(tmp_path, nlp) -> None:
    """Migration 0005 fills the trigram index with the events stored before it (stored here
    at the latest revision, then taken down to 0004: ingest writes the latest schema)."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_store(url)
    ingest(engine, shellings()[:2])
    engine.dispose()
    config = _alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    command.downgrade(config, "0004")
    client = TestClient(create_app(url, TOKEN, nlp=nlp))
    found = {row["article"] for row in items(client, "/events", q="town of izium")}
    assert found == {"shelling-00", "shelling-01"}


def test_reads_are_answered_while_writes_wait_for_the_pipeline(store_url, nlp, monkeypatch):
    """More writes than the read threads (`HANDLER_THREADS`) queue in the pipeline's own
    thread, so a read is answered while every one of them waits."""
    release = threading.Event()

    def held_extract(_pipeline, _articles):
        release.wait(timeout=30)
        return [], []

    monkeypatch.setattr(Pipeline, "extract", held_extract)
    app = create_app(store_url, TOKEN, nlp=nlp)

    async def read_while_writes_wait() -> int:
        anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            body = {"text": PROTEST}
            writes = [
                asyncio.create_task(client.post("/articles", json=body, headers=AUTH))
                for _ in range(HANDLER_THREADS + 2)
            ]
            await asyncio.sleep(0.2)
            try:
                read = await asyncio.wait_for(client.get("/events", params={"limit": 5}), 10)
            finally:
                release.set()
            assert all(write.status_code == 200 for write in await asyncio.gather(*writes))
            return read.status_code

    assert asyncio.run(read_while_writes_wait()) == 200


def test_rows_stored_while_paging_neither_repeat_nor_shift_a_page(writable, writable_url) -> None:
    store = open_store(writable_url)
    ingest(store, shellings())
    first = writable.get("/events", params={"limit": 4}).json()
    ingest(store, [make_extraction("late-news", "2023-06-01", "UKR", "ASSAULT")])
    rest = walk(writable, "/events", 4, cursor=first["next"])
    seen = event_ids(first["items"]) + event_ids(rest)
    assert len(seen) == len(set(seen))
    assert "late-news/e1" not in seen  # newer than the first page: it starts the next walk


# --- writing ----------------------------------------------------------------------------


def test_extract_returns_schema_v1_and_stores_nothing(writable) -> None:
    body = {"text": AIRSTRIKE, "published": "2024-03-11", "title": "Market bombed"}
    response = writable.post("/extract", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    extraction = Extraction.model_validate(response.json())
    assert extraction.article.published == "2024-03-11"
    assert extraction.article.title == "Market bombed"
    assert [event.type for event in extraction.events] == ["ASSAULT"]
    assert items(writable, "/articles") == []


def test_posted_articles_are_stored_and_clustered(writable) -> None:
    single = {"text": AIRSTRIKE, "id": "first-report", "published": "2024-03-11", "outlet": "A"}
    response = writable.post("/articles", json=single, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 1
    second = {**single, "id": "second-report", "outlet": "B", "url": "https://b.example/1"}
    batch = [second, {"text": PROTEST, "published": "2024-05-16"}]
    report = writable.post("/articles", json=batch, headers=AUTH).json()
    assert (report["stored"], report["failed"], report["rejected"]) == (2, [], [])
    stored = writable.get("/articles/second-report").json()["article"]
    assert (stored["outlet"], stored["url"]) == ("B", "https://b.example/1")
    strikes = items(writable, "/clusters", type="ASSAULT")
    assert [(row["reports"], row["outlet_names"]) for row in strikes] == [(2, "A; B")]
    again = writable.post("/articles", json=single, headers=AUTH).json()
    assert (again["stored"], again["already_stored"]) == (0, 1)


def test_an_article_without_id_is_stored_under_the_hash_of_its_text(writable) -> None:
    report = writable.post("/articles", json={"text": PROTEST}, headers=AUTH).json()
    (article_id,) = report["articles"]
    assert writable.get(f"/articles/{article_id}").json()["article"]["text"] == PROTEST


# --- who may write ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/extract", "/articles"])
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": TOKEN}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
        ({"Authorization": "Bearer wrong-token"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
        ({"Authorization": f"Bearer {TOKEN}é".encode()}, 403),
    ],
)
def test_writes_need_the_token(writable, path, headers, status) -> None:
    response = writable.post(path, json={"text": PROTEST}, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert items(writable, "/articles") == []


@pytest.mark.parametrize("token", [None, ""])
@pytest.mark.parametrize("path", ["/extract", "/articles"])
def test_without_a_token_configured_writes_are_refused(tmp_path, nlp, token, path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'store.db'}", token, nlp=nlp))
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
        assert client.post(path, json={"text": PROTEST}, headers=headers).status_code == 403
    assert items(client, "/articles") == []


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2024-13-01"},
        {"until": "yesterday"},
        {"since": "2024-05-01", "until": "2024-04-01"},
        {"bbox": "35,35,37"},
        {"bbox": "a,b,c,d"},
        {"bbox": "37,35,35,37"},
        {"bbox": "0,0,200,10"},
        {"bbox": "nan,0,1,1"},
        {"country": "XX"},
        {"country": "XXX"},
        {"country": "SYRIA"},
        {"type": "PICNIC"},
        {"limit": 0},
        {"limit": MAX_PAGE_SIZE + 1},
        {"limit": 10**30},
        {"min_confidence": 2},
        {"min_confidence": "nan"},
        {"min_fatalities": -1},
        {"include_hypothetical": "perhaps"},
        {"q": "x" * 1000},
        {"cursor": "not-a-cursor"},
        {"cursor": base64.urlsafe_b64encode(b'["x", 1]').decode()},
    ],
)
@pytest.mark.parametrize("path", ["/events", "/clusters"])
def test_bad_parameters_are_422(client, path, params) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][0] == "query"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/points", {"limit": MAX_POINTS_PAGE + 1}),
        ("/points", {"country": "XX"}),
        ("/points", {"cursor": "!!"}),
        ("/actors", {"country": "XXX"}),
        ("/actors", {"name": ""}),
        ("/actors", {"limit": MAX_PAGE_SIZE + 1}),
        ("/actors/graph", {"limit": 0}),
        ("/actors/graph", {"since": "2024-02-30"}),
        ("/places", {"bbox": "1,2"}),
        ("/places", {"cursor": "not-a-cursor"}),
        ("/quotes", {"since": "2024-05-01", "until": "2024-04-01"}),
        ("/quotes", {"q": "x" * 1000}),
        ("/export", {}),
        ("/export", {"format": "xml"}),
        ("/export", {"format": "csv", "limit": 0}),
        ("/export", {"format": "csv", "type": "PICNIC"}),
    ],
)
def test_the_new_lists_and_the_export_validate_their_parameters(client, path, params) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_a_cursor_of_another_list_is_refused(client) -> None:
    article_cursor = client.get("/articles", params={"limit": 1}).json()["next"]
    assert client.get("/events", params={"cursor": article_cursor}).status_code == 422


def test_the_other_endpoints_validate_their_parameters_too(client) -> None:
    assert client.get("/stats", params={"bbox": "1,2"}).status_code == 422
    assert client.get("/articles", params={"since": "2024-02-30"}).status_code == 422
    assert client.get("/articles/" + "x" * 200).status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"text": "unterminated',
        json.dumps({}).encode(),
        json.dumps({"text": ""}).encode(),
        json.dumps({"text": "   \n "}).encode(),
        json.dumps({"text": 5}).encode(),
        json.dumps({"text": PROTEST, "published": "last week"}).encode(),
        json.dumps({"text": PROTEST, "colour": "red"}).encode(),
    ],
)
@pytest.mark.parametrize("path", ["/extract", "/articles"])
def test_bad_bodies_are_422(writable, path, body) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    assert writable.post(path, content=body, headers=headers).status_code == 422


@pytest.mark.parametrize("count", [0, 101])
def test_a_batch_of_articles_is_bounded(writable, count) -> None:
    batch = [{"text": f"{PROTEST} ({number})"} for number in range(count)]
    assert writable.post("/articles", json=batch, headers=AUTH).status_code == 422


def test_an_oversized_body_is_413(writable) -> None:
    body = json.dumps({"text": "word " * (MAX_BODY_BYTES // 5 + 1)})
    response = writable.post(
        "/articles", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert items(writable, "/articles") == []


def test_an_oversized_body_without_a_length_is_413(writable) -> None:
    chunks = (b"x" * 100_000 for _ in range(MAX_BODY_BYTES // 100_000 + 1))
    response = writable.post(
        "/extract", content=chunks, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 413


# --- what every response carries --------------------------------------------------------


def test_article_text_with_a_script_is_json_text_never_markup(client) -> None:
    response = client.get("/articles/tunis-arrests")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert SCRIPT in response.json()["article"]["text"]
    assert "<" not in response.text and ">" not in response.text
    assert json.loads(response.content)["article"]["text"] == ARRESTS


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/events", 200),
        ("get", "/openapi.json", 200),
        ("get", "/articles/no-such-article", 404),
        ("get", "/events?country=XXX", 422),
        ("post", "/articles", 401),
        ("get", "/nowhere", 404),
    ],
)
def test_every_response_has_the_security_headers(client, method, path, status) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_a_bug_is_a_bare_500_with_the_security_headers(store_url, nlp, monkeypatch) -> None:
    def broken(*_args):
        raise RuntimeError("SELECT secret FROM somewhere")

    monkeypatch.setattr("tacitus.api.app.event_stats", broken)
    client = TestClient(create_app(store_url, TOKEN, nlp=nlp), raise_server_exceptions=False)
    response = client.get("/stats")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
    assert response.headers["Content-Security-Policy"] == "default-src 'self'"


def test_cors_is_off(client) -> None:
    response = client.get("/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/articles",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_openapi_describes_every_endpoint_and_the_bearer_token(client) -> None:
    description = client.get("/openapi.json").json()
    assert {
        "/articles",
        "/articles/{article_id}",
        "/events",
        "/clusters",
        "/stats",
        "/extract",
        "/points",
        "/actors",
        "/actors/graph",
        "/places",
        "/quotes",
        "/export",
    } <= set(description["paths"])
    assert set(description["paths"]["/articles"]) == {"get", "post"}
    assert description["paths"]["/extract"]["post"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in description["paths"]["/events"]["get"]
    # the interactive docs would load scripts from a CDN
    assert client.get("/docs").status_code == 404


# --- the web UI -------------------------------------------------------------------------


def test_the_ui_page_is_served_with_a_strict_policy(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["Content-Security-Policy"] == UI_POLICY
    assert "script-src 'self'" in UI_POLICY and "unsafe-inline" not in UI_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"
    page = response.text
    assert page.count("<script") == page.count('<script src="/static/')


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("app.js", "text/javascript"),
        ("app.css", "text/css"),
        ("d3.min.js", "text/javascript"),
        ("topojson-client.min.js", "text/javascript"),
        ("countries-110m.json", "application/json"),
    ],
)
def test_the_ui_files_are_served(client, name, media_type) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["Content-Security-Policy"] == UI_POLICY


@pytest.mark.parametrize("name", ["index.html", "__init__.py", "..%2F__init__.py", "vendor"])
def test_only_the_ui_files_are_served(client, name) -> None:
    assert client.get(f"/static/{name}").status_code == 404
