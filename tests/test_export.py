"""Exports of stored events: every format round-trips, and the CSV means what ACLED's means."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import event
from test_store import postgres_url

from tacitus import Extraction, Extractor, SourceArticle
from tacitus.export import COLUMN_NAMES, COLUMNS, acled, event_records, export_events
from tacitus.export.parquet import SCHEMA
from tacitus.store import Filters, ingest, open_store

SHELLING = (
    "KHARKIV, Ukraine (Northwire) - Russian forces shelled the city of Kharkiv on Tuesday, "
    "killing four civilians, regional officials said.\n\n"
    "The strikes hit a residential district in the north of the city."
)
PROTEST = (
    "Hundreds of students protested in Nairobi on Friday against a proposed tax increase, "
    "marching to parliament.\n\n"
    "Police fired tear gas to disperse the crowd, witnesses said."
)
CHECKPOINT_ATTACK = (
    "Islamic State militants attacked an army checkpoint in Diyala province last week, "
    "killing three soldiers, the Iraqi military said in a statement."
)
ARTICLES = [
    SourceArticle(
        text=SHELLING,
        origin="shelling",
        id="kharkiv-shelling",
        outlet="Northwire",
        published=date(2025, 3, 12),
    ),
    SourceArticle(
        text=PROTEST,
        origin="protest",
        id="nairobi-protest",
        outlet="Lakeside Daily",
        published=date(2024, 6, 22),
    ),
    SourceArticle(
        text=CHECKPOINT_ATTACK,
        origin="checkpoint",
        id="diyala-attack",
        outlet="Gulf Ledger",
        published=date(2023, 10, 9),
    ),
]
TEXTS = {article.id: article.text for article in ARTICLES}


@pytest.fixture(scope="module")
def extractions(nlp) -> list[Extraction]:
    return list(Extractor(nlp=nlp).pipe(ARTICLES))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request, extractions, tmp_path_factory):
    if request.param == "sqlite":
        store = open_store(f"sqlite:///{tmp_path_factory.mktemp('export') / 'store.db'}")
    else:
        store = open_store(postgres_url())
        _empty(store)
    assert ingest(store, extractions).stored == len(ARTICLES)
    yield store
    if request.param == "postgresql":
        _empty(store)


def _empty(store) -> None:
    with store.begin() as connection:
        connection.exec_driver_sql("TRUNCATE articles CASCADE")


@pytest.fixture(scope="module")
def records(engine) -> list[dict]:
    found = event_records(engine, Filters())
    assert found, "the test articles produced no stored event"
    return found


def main_event(records: list[dict], article_id: str, plover_type: str) -> dict:
    """The article's event of that type that has a place (the one its headline reports)."""
    return next(
        record
        for record in records
        if record["article_id"] == article_id
        and record["plover_type"] == plover_type
        and record["location"]
    )


def typed(cell: str, kind: str):
    """A CSV cell read back as the value of its column type; an empty cell is a null."""
    if cell == "":
        return None
    readers = {
        "int": int,
        "float": float,
        "bool": {"true": True, "false": False}.__getitem__,
        "date": date.fromisoformat,
        "str": str,
    }
    return readers[kind](cell)


def as_json(record: dict) -> dict:
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in record.items()
    }


def test_csv_round_trips_with_acled_header_first(engine, records, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_events(engine, Filters(), "csv", out) == len(records)
    with out.open(encoding="utf-8", newline="") as lines:
        reader = csv.DictReader(lines)
        header = reader.fieldnames
        rows = [{name: typed(row[name], kind) for name, kind in COLUMNS} for row in reader]
    assert header[:31] == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
        "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
        "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
        "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]  # fmt: skip
    assert header[31:] == [
        "plover_type", "plover_mode", "cameo", "case_code", "confidence", "negated",
        "hypothetical", "article_id", "event_local_id", "evidence_start", "evidence_end",
        "cluster_id",
    ]  # fmt: skip
    assert rows == records


def test_jsonl_round_trips_with_typed_values(engine, records, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export_events(engine, Filters(), "jsonl", out) == len(records)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [as_json(record) for record in records]
    shelling = main_event(rows, "kharkiv-shelling", "ASSAULT")
    assert isinstance(shelling["fatalities"], int) and isinstance(shelling["latitude"], float)
    assert isinstance(shelling["negated"], bool)
    assert shelling["admin2"] is None


def test_geojson_is_rfc7946_points_of_located_events(engine, records, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    heard: list[str] = []
    written = export_events(engine, Filters(), "geojson", out, report=heard.append)
    collection = json.loads(out.read_text(encoding="utf-8"))
    located = [record for record in records if record["latitude"] is not None]
    unlocated = len(records) - len(located)
    assert unlocated, "the protest article's police event has no place: one must be left out"
    assert heard == [f"{unlocated} event(s) without coordinates left out of the GeoJSON"]
    assert written == len(located) == len(collection["features"])
    assert collection["type"] == "FeatureCollection"
    for feature, record in zip(collection["features"], located, strict=True):
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (record["longitude"], record["latitude"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"] == as_json(record)


def test_geojson_coordinates_are_longitude_first(engine, records, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    export_events(engine, Filters(country="UKR"), "geojson", out)
    kharkiv = json.loads(out.read_text(encoding="utf-8"))["features"][0]
    lon, lat = kharkiv["geometry"]["coordinates"]
    assert 35 < lon < 38 and 49 < lat < 51  # Kharkiv is about 36.2E 50.0N


def test_parquet_round_trips_with_its_schema(engine, records, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export_events(engine, Filters(), "parquet", out) == len(records)
    table = pq.read_table(out)
    assert table.schema.equals(SCHEMA)
    assert table.column_names == list(COLUMN_NAMES)
    assert table.to_pylist() == records


def test_day_town_shelling_of_civilians(records) -> None:
    shelling = main_event(records, "kharkiv-shelling", "ASSAULT")
    assert shelling["event_date"] == date(2025, 3, 11)  # the Tuesday before publication
    assert shelling["year"] == 2025
    assert shelling["time_precision"] == 1
    assert shelling["geo_precision"] == 1
    assert shelling["location"] == "Kharkiv"
    assert (shelling["iso"], shelling["country"], shelling["region"]) == (804, "Ukraine", "Europe")
    assert shelling["event_id_cnty"].startswith("UKR")
    assert shelling["event_id_cnty"][3:].isdigit()
    assert shelling["disorder_type"] == "Political violence"
    assert (shelling["inter1"], shelling["inter2"], shelling["interaction"]) == (1, 7, 17)
    assert shelling["civilian_targeting"] == "Civilian targeting"
    assert shelling["fatalities"] == 4
    assert shelling["source"] == "Northwire"
    evidence = TEXTS["kharkiv-shelling"][shelling["evidence_start"] : shelling["evidence_end"]]
    assert shelling["notes"] == evidence
    assert "shelled the city of Kharkiv" in shelling["notes"]


def test_week_region_attack_on_soldiers(records) -> None:
    attack = main_event(records, "diyala-attack", "ASSAULT")
    assert attack["time_precision"] == 2  # "last week"
    assert attack["geo_precision"] == 3  # a province
    assert (attack["iso"], attack["country"], attack["region"]) == (368, "Iraq", "Middle East")
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == (2, 1, 12)
    assert attack["civilian_targeting"] is None
    assert attack["fatalities"] == 3


def test_protest_without_deaths(records) -> None:
    protest = main_event(records, "nairobi-protest", "PROTEST")
    assert protest["disorder_type"] == "Demonstrations"
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == (6, 1, 16)
    assert protest["fatalities"] == 0
    assert (protest["iso"], protest["region"]) == (404, "Eastern Africa")
    assert protest["source"] == "Lakeside Daily"


def test_filters_select_what_is_exported(engine, records, tmp_path: Path) -> None:
    out = tmp_path / "kenya.jsonl"
    written = export_events(engine, Filters(country="KEN"), "jsonl", out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == len(rows) > 0
    assert {row["article_id"] for row in rows} == {"nairobi-protest"}
    assert not any(row["hypothetical"] or row["negated"] for row in records)
    everything = event_records(engine, Filters(include_hypothetical=True))
    assert len(everything) > len(records)
    iraq_box = Filters(bbox=(38.0, 29.0, 49.0, 38.0))
    assert {row["article_id"] for row in event_records(engine, iraq_box)} == {"diyala-attack"}


def test_export_makes_the_same_number_of_queries_for_any_number_of_events(engine) -> None:
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):  # not the store's BEGIN IMMEDIATE
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        one = len(event_records(engine, Filters(limit=1))), len(statements)
        statements.clear()
        every = len(event_records(engine, Filters(include_hypothetical=True))), len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert one[0] < every[0]
    assert one[1] == every[1] == 2
    # the evidence is cut out by the database: the article text itself is never selected
    assert not any(re.search(r"(?<!substr\()articles\.text", sql) for sql in statements)


def test_unknown_format_is_refused(engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="csv, jsonl, geojson, parquet"):
        export_events(engine, Filters(), "xlsx", tmp_path / "events.xlsx")


@pytest.mark.parametrize(
    ("precision", "first_day", "last_day", "expected"),
    [
        ("day", date(2024, 5, 3), date(2024, 5, 3), 1),
        ("week", date(2024, 4, 29), date(2024, 5, 5), 2),
        ("month", date(2024, 5, 1), date(2024, 5, 31), 3),
        ("range", date(2024, 5, 1), date(2024, 5, 4), 2),
        ("year", date(2024, 1, 1), date(2024, 12, 31), 3),
        (None, None, None, None),
    ],
)
def test_time_precision_is_acleds(precision, first_day, last_day, expected) -> None:
    assert acled.time_precision(precision, first_day, last_day) == expected


def test_interaction_puts_the_lower_actor_type_first() -> None:
    assert acled.interaction(7, 2) == 27
    assert acled.interaction(1, 1) == 11
    assert acled.interaction(6, None) == 60
    assert acled.interaction(None, None) is None


def test_actor_types_from_sector_then_kind() -> None:
    assert acled.actor_type("COP", "police") == 1
    assert acled.actor_type("REB", "rebel") == 2
    assert acled.actor_type("PRM", "militia") == 3
    assert acled.actor_type("JRN", "person") == 7
    assert acled.actor_type("IGO", "igo") == 8
    assert acled.actor_type(None, "state") == 1
    assert acled.actor_type("PTY", "party") is None
    # the crowd of a protest is protesters unless it is the state's own forces
    assert acled.source_actor_type("LAB", "other", "Protests") == 6
    assert acled.source_actor_type(None, "other", "Riots") == 5
    assert acled.source_actor_type("COP", "police", "Protests") == 1


def test_disorder_type_of_mixed_sub_event_types() -> None:
    assert (
        acled.disorder_type("Protests", "Excessive force against protesters")
        == "Political violence; Demonstrations"
    )
    assert acled.disorder_type("Riots", "Mob violence") == "Political violence"
    assert acled.disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert acled.disorder_type("Strategic developments", "Agreement") == "Strategic developments"


def test_country_names_and_regions_are_acleds() -> None:
    assert acled.country("RUS") == acled.Country(643, "Russia", "Europe")
    assert acled.country("COD") == acled.Country(
        180, "Democratic Republic of Congo", "Middle Africa"
    )
    assert acled.country("SYR") == acled.Country(760, "Syria", "Middle East")
    assert acled.country(None) == acled.Country(None, None, None)
