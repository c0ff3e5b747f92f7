"""The acled-rows scorer: reading rows, judging the fields of events against a row, and the
note-level figures, on rows and extractions written here; a smoke run on the shared data."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tacitus.evaluation.acled_rows import (
    AcledRow,
    extract_notes,
    judge_note,
    metrics_of,
    read_acled_rows,
    row_of,
)
from tacitus.evaluation.registry import EvalContext, load_gold_sets

#: A row of an invented town at 10N 20E, one death on 4 March 2021, coded to the day.
ROW = AcledRow(
    data_id="1",
    note="On 4 March 2021, gunmen shot dead a trader in Lowtown (Midshire).",
    event_date=date(2021, 3, 4),
    time_precision=1,
    sub_event_type="Attack",
    latitude=10.0,
    longitude=20.0,
    fatalities=1,
    published=date(2021, 3, 9),
)
LOWTOWN = {"id": "p1", "name": "Lowtown", "lat": 10.1, "lon": 20.1, "feature": "city"}
#: about 111 km north of the row's point
FARTOWN = {"id": "p2", "name": "Fartown", "lat": 11.0, "lon": 20.0, "feature": "city"}
MIDSHIRE = {"id": "p3", "name": "Midshire", "lat": None, "lon": None, "feature": "admin1"}


def event(start: int = 0, **fields) -> dict:
    """An asserted event with all four fields as ROW codes them, unless `fields` say otherwise."""
    return {
        "acled_sub_type": "Attack",
        "time": {"first_day": "2021-03-04", "last_day": "2021-03-04", "precision": "day"},
        "place": "p1",
        "fatalities": {"best": 1, "low": 1, "high": 1},
        "hypothetical": False,
        "negated": False,
        "confidence": 0.5,
        "trigger": {"text": "shot", "start": start, "end": start + 4},
    } | fields


def extraction(*events: dict) -> dict:
    return {"events": list(events), "places": [LOWTOWN, FARTOWN, MIDSHIRE]}


def week_of_march_1() -> dict:
    return {"first_day": "2021-03-01", "last_day": "2021-03-07", "precision": "week"}


# --- reading ---------------------------------------------------------------------------------

RECORD = {
    "data_id": "7",
    "notes": " On 4 March 2021, protesters marched in Lowtown. ",
    "event_date": "4-Mar-21",
    "time_precision": "1",
    "sub_event_type": "Peaceful protest",
    "latitude": "10.0",
    "longitude": "20.0",
    "fatalities": "0",
    "timestamp": "1615334400",  # 2021-03-10 00:00 UTC
}


def test_a_record_is_read_with_its_acled_date_and_publication_day():
    row = row_of(RECORD)
    assert row is not None
    assert row.note == "On 4 March 2021, protesters marched in Lowtown."
    assert row.event_date == date(2021, 3, 4)
    assert row.published == date(2021, 3, 10)
    assert (row.latitude, row.longitude, row.fatalities) == (10.0, 20.0, 0)


@pytest.mark.parametrize(("column", "value"), [("notes", ""), ("latitude", ""),
                                               ("fatalities", "unknown"),
                                               ("event_date", "sometime")])  # fmt: skip
def test_a_record_missing_a_compared_column_is_skipped(column, value):
    assert row_of(RECORD | {column: value}) is None


def test_a_blank_timestamp_leaves_the_row_undated():
    row = row_of(RECORD | {"timestamp": ""})
    assert row is not None and row.published is None


def test_rows_are_read_in_order_up_to_the_limit_skipping_unreadable_ones(tmp_path: Path):
    path = tmp_path / "acled.csv"
    records = [RECORD | {"data_id": "1"}, RECORD | {"data_id": "2", "notes": ""},
               RECORD | {"data_id": "3"}, RECORD | {"data_id": "4"}]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(RECORD))
        writer.writeheader()
        writer.writerows(records)
    assert [row.data_id for row in read_acled_rows(path, limit=2)] == ["1", "3"]
    assert [row.data_id for row in read_acled_rows(path)] == ["1", "3", "4"]


# --- judging the fields --------------------------------------------------------------------


def test_an_event_with_the_rows_four_fields_is_right_on_all_four():
    verdict = judge_note(extraction(event()), ROW)
    assert verdict.all_four
    assert verdict.main == dict.fromkeys(("sub_type", "date", "place", "fatalities"), True)


@pytest.mark.parametrize(
    ("fields", "wrong"),
    [
        ({"acled_sub_type": "Armed clash"}, "sub_type"),
        ({"acled_sub_type": None}, "sub_type"),
        ({"time": None}, "date"),
        (
            {"time": {"first_day": "2021-03-05", "last_day": "2021-03-05", "precision": "day"}},
            "date",
        ),
        ({"place": "p2"}, "place"),  # a town over 50 km away
        ({"place": "p3"}, "place"),  # a place without a point
        ({"place": None}, "place"),
        ({"fatalities": {"best": 2, "low": 2, "high": 2}}, "fatalities"),
        ({"fatalities": None}, "fatalities"),  # none stated is 0, the row says 1
    ],
)
def test_each_field_is_judged_on_its_own(fields, wrong):
    verdict = judge_note(extraction(event(**fields)), ROW)
    assert not verdict.all_four
    assert {name for name, right in verdict.main.items() if not right} == {wrong}


def test_no_fatalities_stated_matches_a_row_of_none():
    verdict = judge_note(extraction(event(fatalities=None)), replace(ROW, fatalities=0))
    assert verdict.all_four


def test_a_week_or_month_row_takes_an_event_whose_window_holds_its_date():
    in_week = extraction(event(time=week_of_march_1()))
    assert judge_note(in_week, replace(ROW, time_precision=2)).main["date"]
    assert judge_note(in_week, replace(ROW, time_precision=3)).main["date"]
    assert not judge_note(in_week, ROW).main["date"]  # a day-precise row needs its day
    before = replace(ROW, time_precision=2, event_date=date(2021, 2, 27))
    assert not judge_note(in_week, before).main["date"]


def test_hypothetical_and_negated_events_are_not_counted():
    verdict = judge_note(extraction(event(hypothetical=True), event(negated=True)), ROW)
    assert verdict.events == 0
    assert not verdict.all_four
    assert not any(verdict.any.values())


def test_all_four_needs_one_event_with_all_four_not_fields_spread_over_events():
    place_only = event(acled_sub_type="Armed clash", start=0)
    rest_only = event(place="p2", start=20)
    verdict = judge_note(extraction(place_only, rest_only), ROW)
    assert all(verdict.any.values())
    assert not verdict.all_four


def test_the_notes_main_event_is_its_most_confident_then_earliest():
    confident = event(acled_sub_type="Arrests", confidence=0.9, start=30)
    verdict = judge_note(extraction(event(confidence=0.6, start=0), confident), ROW)
    assert verdict.all_four
    assert not verdict.main["sub_type"]
    earliest_wrong = event(acled_sub_type="Arrests", start=0)
    assert not judge_note(extraction(event(start=10), earliest_wrong), ROW).main["sub_type"]


# --- note-level figures ----------------------------------------------------------------------


def test_figures_count_notes_events_and_notes_without_an_event():
    verdicts = [
        judge_note(extraction(event()), ROW),
        judge_note(extraction(event(), event(place="p2", start=20)), ROW),
        judge_note(extraction(), ROW),
        judge_note(extraction(event(fatalities=None)), ROW),
    ]
    metrics = metrics_of(verdicts, "x_")
    assert metrics["x_notes"] == 4
    assert metrics["x_all_four_share"] == 0.5
    assert metrics["x_events_per_note"] == 1.0
    assert metrics["x_one_event_share"] == 0.5
    assert metrics["x_notes_with_no_event"] == 1
    assert metrics["x_place_accuracy"] == 0.75
    assert metrics["x_fatalities_accuracy"] == 0.5
    assert metrics["x_fatalities_any"] == 0.5


def test_no_notes_gives_zero_shares():
    metrics = metrics_of([])
    assert metrics["notes"] == 0 and metrics["all_four_share"] == 0.0


# --- running the product ---------------------------------------------------------------------


def test_each_row_is_its_own_article_undated_or_dated_on_the_rows_publication(nlp, tmp_path):
    twin = replace(ROW, data_id="2")
    ctx = EvalContext(tmp_path, _nlp=nlp)
    undated = extract_notes(ctx, [ROW, twin], dated=False)
    dated = extract_notes(ctx, [ROW, twin], dated=True)
    assert [e["article"]["id"] for e in undated] == ["1", "2"]
    assert {e["article"]["published"] for e in undated} == {None}
    assert {e["article"]["published"] for e in dated} == {"2021-03-09"}
    assert undated[0]["article"]["text"] == ROW.note


def test_acled_rows_is_registered():
    assert "acled-rows" in load_gold_sets()


@pytest.mark.gold
def test_acled_rows_sample(gold_data, nlp):
    metrics = load_gold_sets()["acled-rows"].score(EvalContext(gold_data, limit=20, _nlp=nlp))
    assert metrics["notes"] == metrics["dated_notes"] == 20
    assert 0 < metrics["heldout_notes"] < 20
    for name in ("all_four_share", "sub_type_accuracy", "date_any", "place_any"):
        assert 0.0 < metrics[name] <= 1.0, name
    assert metrics["all_four_share"] <= min(metrics["sub_type_any"], metrics["place_any"])
    assert metrics["notes_with_no_event"] < 20
