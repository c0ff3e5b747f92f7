"""The store on SQLite and PostgreSQL: idempotent, filtered, resumable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import inspect

from tacitus.schema import Extraction
from tacitus.store import Filters, article_rows, event_rows, ingest, open_store
from tacitus.store.database import StoreError

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


def make_extraction(article_id: str, published: str, country: str, event_type: str) -> Extraction:
    text = "Russian troops shelled the town of Izium on Monday, killing two civilians."
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
                    "feature": "city",
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
            "events": [
                {
                    "id": "e1",
                    "type": event_type,
                    "cameo": "195",
                    "case_code": "SHELLING",
                    "trigger": {"text": "shelled", "start": 15, "end": 22},
                    "source_actors": ["a1"],
                    "target_actors": ["a2"],
                    "place": "p1",
                    "time": {"first_day": published, "last_day": published, "precision": "day"},
                    "fatalities": {"best": 2, "low": 2, "high": 2},
                    "evidence": {"start": 0, "end": len(text)},
                    "confidence": 0.9,
                },
            ],
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


def test_unreachable_database_is_a_store_error():
    with pytest.raises(StoreError):
        open_store("postgresql+psycopg://nobody:wrong@127.0.0.1:9/none?connect_timeout=2")


def _day(text: str):
    from datetime import date

    return date.fromisoformat(text)
