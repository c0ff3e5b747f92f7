"""The store on SQLite and PostgreSQL: idempotent, filtered, resumable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from subprocess import PIPE

import pytest
from alembic import command
from sqlalchemy import event, inspect

from tacitus.schema import Extraction
from tacitus.store import Filters, article_rows, event_rows, ingest, open_store
from tacitus.store.database import StoreError, _alembic_config

POSTGRES_ENV = "TACITUS_TEST_POSTGRES"


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{POSTGRES_ENV} must name a PostgreSQL database in CI")
    pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV}=postgresql+psycopg://... to test it")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path: Path):
    if request.param == "sqlite":
        yield open_store(f"sqlite:///{tmp_path / 'store.db'}")
        return
    engine = open_store(postgres_url())
    yield engine
    with engine.begin() as connection:
        connection.exec_driver_sql("TRUNCATE articles CASCADE")


def make_extraction(
    article_id: str,
    published: str | None,
    country: str,
    event_type: str,
    **event_fields,
) -> Extraction:
    """One article about one shelling; `event_fields` override the event's (e.g. hypothetical).
    An undated article's event has no time."""
    text = "Russian troops shelled the town of Izium on Monday, killing two civilians."
    time = {"first_day": published, "last_day": published, "precision": "day"}
    event = {
        "id": "e1",
        "type": event_type,
        "cameo": "195",
        "case_code": "ART_MISS_ATTACK",
        "trigger": {"text": "shelled", "start": 15, "end": 22},
        "source_actors": ["a1"],
        "target_actors": ["a2"],
        "place": "p1",
        "time": time if published else None,
        "fatalities": {"best": 2, "low": 2, "high": 2},
        "evidence": {"start": 0, "end": len(text)},
        "confidence": 0.9,
        **event_fields,
    }
    return Extraction.model_validate(
        {
            "article": {
                "id": article_id,
                "text": text,
                "published": published,
                "title": article_id,
            },
            "actors": [
                {
                    "id": "a1",
                    "name": "Russian troops",
                    "kind": "military",
                    "country": "RUS",
                    "sector": "MIL",
                    "code": "RUSMIL",
                    "mentions": [[0, 14]],
                },
                {"id": "a2", "name": "civilians", "kind": "civilians", "mentions": [[65, 74]]},
            ],
            "places": [
                {
                    "id": "p1",
                    "name": "Izium",
                    "lat": 49.19,
                    "lon": 37.28,
                    "country": country,
                    "admin1": "Kharkiv Oblast",
                    "feature": "city",
                    "geo_precision": 1,
                    "mentions": [[35, 40]],
                },
            ],
            "counts": [
                {
                    "kind": "killed",
                    "best": 2,
                    "low": 2,
                    "high": 2,
                    "approximate": False,
                    "who": "civilians",
                    "text": "two civilians",
                    "start": 61,
                    "end": 74,
                    "event": "e1",
                },
            ],
            "events": [event],
        }
    )


def test_tables_are_plural(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "events", "actors", "places", "times", "counts", "quotes"} <= tables


def test_ingest_is_idempotent(engine):
    first = make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")
    assert ingest(engine, [first, first]).stored == 1
    report = ingest(engine, [first])
    assert (report.stored, report.already_stored) == (0, 1)
    assert len(article_rows(engine, Filters())) == 1


def test_filters(engine):
    ingest(
        engine,
        [
            make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT"),
            make_extraction("art-2", "2021-01-10", "SYR", "COERCE"),
        ],
    )
    assert [r["article"] for r in event_rows(engine, Filters(country="ukr"))] == ["art-1"]
    assert [r["article"] for r in event_rows(engine, Filters(type="coerce"))] == ["art-2"]
    recent = event_rows(engine, Filters(since=_day("2022-01-01")))
    assert [r["article"] for r in recent] == ["art-1"]
    assert len(event_rows(engine, Filters(actor="RUSMIL"))) == 2
    assert event_rows(engine, Filters(actor="Ukrainian army")) == []
    [row] = event_rows(engine, Filters(until=_day("2021-12-31")))
    assert row["source"] == "Russian troops" and row["target"] == "civilians"
    assert row["fatalities"] == 2 and row["evidence"].startswith("Russian troops shelled")
    assert row["status"] == "fact"
    assert [r["id"] for r in article_rows(engine, Filters(country="SYR"))] == ["art-2"]
    assert [r["id"] for r in article_rows(engine, Filters(actor="russian"))] == ["art-1", "art-2"]


def test_a_failed_batch_keeps_earlier_batches(engine):
    good = make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")
    broken = make_extraction("art-2", "2022-03-08", "UKR", "ASSAULT")
    broken.actors[0].name = None  # violates NOT NULL: the second batch fails as a whole
    with pytest.raises(StoreError):
        ingest(engine, [good, broken], batch_size=1)
    assert [r["id"] for r in article_rows(engine, Filters())] == ["art-1"]
    retried = make_extraction("art-2", "2022-03-08", "UKR", "ASSAULT")
    assert ingest(engine, [good, retried]).stored == 1


def test_filters_of_place_confidence_and_status(engine):
    ingest(
        engine,
        [
            make_extraction("sure", "2022-03-07", "UKR", "ASSAULT", confidence=0.9),
            make_extraction("unsure", "2022-03-08", "UKR", "ASSAULT", confidence=0.4),
            make_extraction("maybe", "2022-03-09", "UKR", "ASSAULT", hypothetical=True),
            make_extraction("denied", "2022-03-10", "UKR", "ASSAULT", negated=True),
        ],
    )
    facts = ["unsure", "sure"]
    assert [r["article"] for r in event_rows(engine, Filters())] == facts
    every = event_rows(engine, Filters(include_hypothetical=True))
    assert [(r["article"], r["status"]) for r in every] == [
        ("denied", "negated"),
        ("maybe", "hypothetical"),
        ("unsure", "fact"),
        ("sure", "fact"),
    ]
    assert [r["article"] for r in event_rows(engine, Filters(min_confidence=0.5))] == ["sure"]
    assert [r["article"] for r in event_rows(engine, Filters(admin1="kharkiv oblast"))] == facts
    assert event_rows(engine, Filters(admin1="Donetsk Oblast")) == []
    around_izium = (37.0, 49.0, 37.5, 49.5)
    assert [r["article"] for r in event_rows(engine, Filters(bbox=around_izium))] == facts
    assert event_rows(engine, Filters(bbox=(30.0, 45.0, 31.0, 46.0))) == []
    row = event_rows(engine, Filters())[0]
    assert (row["place"], row["admin1"], row["country"]) == ("Izium", "Kharkiv Oblast", "UKR")
    assert (row["lat"], row["lon"]) == (49.19, 37.28)


def test_undated_events_and_articles_sort_last(engine):
    ingest(
        engine,
        [
            make_extraction("old", "2020-01-01", "UKR", "ASSAULT"),
            make_extraction("undated", None, "UKR", "ASSAULT"),
            make_extraction("new", "2022-01-01", "UKR", "ASSAULT"),
        ],
    )
    assert [r["article"] for r in event_rows(engine, Filters())] == ["new", "old", "undated"]
    assert [r["id"] for r in article_rows(engine, Filters())] == ["new", "old", "undated"]


def test_listing_events_makes_a_constant_number_of_queries_without_article_text(engine):
    ingest(engine, [make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")])
    one_event = _statements_of(engine, lambda: event_rows(engine, Filters()))
    ingest(engine, [make_extraction(f"art-{n}", "2022-03-07", "UKR", "ASSAULT") for n in range(9)])
    statements = _statements_of(engine, lambda: event_rows(engine, Filters()))
    assert len(event_rows(engine, Filters())) == 9
    assert len(statements) == len(one_event) <= 2
    for statement in statements:  # the text only ever goes in cut to the evidence sentence
        assert statement.count("articles.text") == statement.count("substr(articles.text")


def _statements_of(engine, run) -> list[str]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def test_an_id_longer_than_its_column_is_rejected_before_anything_is_written(engine):
    too_long = make_extraction("x" * 129, "2022-03-07", "UKR", "ASSAULT")
    good = make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")
    report = ingest(engine, [too_long, good])
    assert report.stored == 1
    [problem] = report.rejected
    assert "articles.id is 129 characters long, over the 128 the store allows" in problem
    assert [r["id"] for r in article_rows(engine, Filters())] == ["art-1"]
    with engine.connect() as connection:
        places = connection.exec_driver_sql("SELECT count(*) FROM places").scalar()
    assert places == 1


def test_a_long_local_id_is_rejected_too(engine):
    extraction = make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")
    extraction.places[0].id = "p" * 40
    extraction.events[0].place = extraction.places[0].id
    [problem] = ingest(engine, [extraction]).rejected
    assert "places.local_id is 40 characters long, over the 32" in problem
    assert article_rows(engine, Filters()) == []


def test_places_have_a_geo_precision_column(engine):
    columns = {column["name"] for column in inspect(engine).get_columns("places")}
    assert "geo_precision" in columns


def test_geo_precision_of_a_place_is_stored(engine):
    extraction = make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")
    extraction.places[0].geo_precision = 2
    ingest(engine, [extraction])
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT geo_precision FROM places").scalar()
    assert stored == 2


def test_a_store_of_the_first_schema_is_upgraded(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = _alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "0001")
    engine = open_store(url)
    assert "geo_precision" in {c["name"] for c in inspect(engine).get_columns("places")}


def test_an_event_carries_its_place_coordinates_and_region(engine):
    placed = make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")
    unplaced = make_extraction("art-2", "2022-03-08", "UKR", "ASSAULT", place=None)
    ingest(engine, [placed, unplaced])
    with engine.connect() as connection:
        copies = connection.exec_driver_sql(
            "SELECT article_id, lat, lon, admin1 FROM events ORDER BY article_id"
        ).all()
    assert [tuple(row) for row in copies] == [
        ("art-1", 49.19, 37.28, "Kharkiv Oblast"),
        ("art-2", None, None, None),
    ]


def test_upgrading_to_0007_copies_each_event_place_onto_the_event(tmp_path: Path):
    """Events stored before 0007 get their place's coordinates and region from the places
    table (here: stored at head, taken down to 0006, which drops the copies, then upgraded)."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_store(url)
    ingest(engine, [make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")])
    config = _alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    command.downgrade(config, "0006")
    assert "lat" not in {c["name"] for c in inspect(engine).get_columns("events")}
    engine = open_store(url)
    with engine.connect() as connection:
        copied = connection.exec_driver_sql("SELECT lat, lon, admin1 FROM events").one()
    assert tuple(copied) == (49.19, 37.28, "Kharkiv Oblast")
    assert [row["article"] for row in event_rows(engine, Filters(admin1="Kharkiv Oblast"))] == [
        "art-1"
    ]


def test_two_processes_ingesting_one_store_both_finish_storing_each_article_once(
    backend, request, tmp_path: Path
):
    url = _concurrent_store_url(request, tmp_path)
    extractions = [
        make_extraction(f"art-{n}", "2022-03-07", "UKR", "ASSAULT").to_json_dict()
        for n in range(40)
    ]
    forward, backward = tmp_path / "forward.json", tmp_path / "backward.json"
    forward.write_text(json.dumps(extractions), encoding="utf-8")
    backward.write_text(json.dumps(extractions[::-1]), encoding="utf-8")
    runs = [
        subprocess.Popen([sys.executable, "-c", INGEST_SCRIPT, url, str(path)], stderr=PIPE)
        for path in (forward, backward)
    ]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors.decode()
    engine = open_store(url)
    with engine.connect() as connection:
        ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM articles")]
        events = connection.exec_driver_sql("SELECT count(*) FROM events").scalar()
    assert sorted(ids) == sorted(f"art-{n}" for n in range(40))
    assert events == 40


#: One ingest process: the store at argv[1], the extractions in the JSON file argv[2].
INGEST_SCRIPT = """
import json, sys
from tacitus.schema import Extraction
from tacitus.store import ingest, open_store
extractions = [Extraction.model_validate(e) for e in json.load(open(sys.argv[2]))]
ingest(open_store(sys.argv[1]), extractions, batch_size=4)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


def _concurrent_store_url(request, tmp_path: Path) -> str:
    """A store not created yet on SQLite (both processes race to create it); PostgreSQL's
    test database emptied."""
    if request.node.callspec.params["backend"] == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    url = postgres_url()
    with open_store(url).begin() as connection:
        connection.exec_driver_sql("TRUNCATE articles CASCADE")
    request.addfinalizer(lambda: _truncate(url))
    return url


def _truncate(url: str) -> None:
    with open_store(url).begin() as connection:
        connection.exec_driver_sql("TRUNCATE articles CASCADE")


def test_unreachable_database_is_a_store_error():
    with pytest.raises(StoreError) as raised:
        open_store("postgresql+psycopg://nobody:wrong@127.0.0.1:9/none?connect_timeout=2")
    assert "\n" not in str(raised.value)


def test_a_missing_sqlite_file_is_an_error_when_only_reading(tmp_path: Path):
    missing = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no store at"):
        open_store(f"sqlite:///{missing}", create=False)
    assert not missing.exists()


def _day(text: str):
    from datetime import date

    return date.fromisoformat(text)


def test_two_reports_of_one_shelling_become_one_cluster_and_reingesting_changes_nothing(engine):
    from tacitus.store.clusters import cluster_views

    first = make_extraction("wire", "2022-05-02", "UKR", "ASSAULT")
    second = make_extraction("daily", "2022-05-02", "UKR", "ASSAULT",
                             fatalities={"best": 3, "low": 2, "high": 3})  # fmt: skip
    other_day = make_extraction("later", "2022-05-20", "UKR", "ASSAULT")
    ingest(engine, [first, second, other_day])
    views = cluster_views(engine)
    assert sorted(len(view.reports) for view in views) == [1, 2]
    both = next(view for view in views if len(view.reports) == 2)
    assert both.articles == ("wire", "daily")
    assert both.fatalities == (3, 2, 3)
    assert [(toll.article_id, toll.best) for toll in both.tolls] == [("wire", 2), ("daily", 3)]
    before = [(view.id, view.articles) for view in views]
    ingest(engine, [second, first])
    assert [(view.id, view.articles) for view in cluster_views(engine)] == before


def test_hypothetical_events_are_in_no_cluster(engine):
    from tacitus.store.clusters import article_clusters

    ingest(engine, [make_extraction("plan", "2022-05-02", "UKR", "ASSAULT", hypothetical=True)])
    assert article_clusters(engine, ["plan"]) == {}


def test_an_event_takes_its_country_from_its_actors_when_it_has_no_place(engine):
    ingest(engine, [make_extraction("noplace", "2022-05-02", "UKR", "ASSAULT", place=None)])
    [row] = event_rows(engine, Filters(country="RUS"))
    assert row["article"] == "noplace"
