"""The ``acled-rows`` set: does the product code an ACLED note as ACLED coded it?

Each note of the 2020 global dev file goes through the product as a user runs it
(``Extractor().pipe`` over ``SourceArticle(text=clean_text(note))``), and its asserted events
(neither ``hypothetical`` nor ``negated``) are compared with the row. An event gets a field
right when:

- sub-type: its ``acled_sub_type`` is the row's ``sub_event_type``;
- date: its time's ``first_day`` is the row's ``event_date``; when the row's
  ``time_precision`` is 2 or 3 (ACLED knows only the week or the month and codes a day inside
  it), its ``first_day``-``last_day`` window containing ``event_date`` is right too;
- place: its place's point lies within 50 km of the row's latitude/longitude (ACLED's
  tolerance); an event without a place, or with a place without a point, is wrong;
- fatalities: its ``fatalities.best`` (none stated counts as 0, as ACLED codes "no
  fatalities reported") is the row's ``fatalities``.

A note scores ``all_four_share`` when SOME asserted event has all four right. Each field is
reported on the note's main event, its asserted event of highest confidence (the earliest on
a tie), as ``<field>_accuracy``, and on any of its asserted events, as ``<field>_any``. A
note without an asserted event has every field wrong. ACLED codes one event per row, hence
``events_per_note`` (asserted events) and ``one_event_share``, which a floor can hold.

The publication date: an ACLED note has none of its own, and the row's ``event_date`` would
give the date field away. The headline figures pass ``published=None``, which is what
``tacitus extract notes.csv --text-column notes`` does on an ACLED export (it has no
``published`` column); the notes state their date ("On 9 May 2020, ..."). The ``dated_``
figures pass the day of the row's ``timestamp`` (UTC), when ACLED published the row: like a
newspaper's date it comes after the event (1 to 20 days here), and it lets relative dates
("last week") resolve. The first day of the row's month is not used: it precedes the event,
a date no report of the event can carry.

The sub-type classifier was trained on four folds of this file; the ``heldout_`` figures are
the same measures on the fold it never saw (``event_classifier.is_held_out``), the honest
estimate of the sub-type and therefore of ``all_four_share`` on unseen notes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import great_circle_km, ratio
from tacitus.event_classifier import is_held_out
from tacitus.extractor import Extractor
from tacitus.sources import SourceArticle
from tacitus.sources.cleaning import clean_text

ACLED_FILE = "acled/acled_global_2020-05_dev.csv"
#: An event placed within this distance of ACLED's point is right (ACLED's tolerance).
PLACE_KM = 50.0
#: ACLED's time precisions that code a day inside a known week (2) or month (3).
WINDOW_PRECISIONS = frozenset({2, 3})
FIELDS = ("sub_type", "date", "place", "fatalities")


@dataclass(frozen=True)
class AcledRow:
    """The part of an ACLED row the scorer compares with the product's events."""

    data_id: str
    note: str
    event_date: date
    time_precision: int
    sub_event_type: str
    latitude: float
    longitude: float
    fatalities: int
    published: date | None  # when ACLED published the row


def read_acled_rows(path: Path, limit: int | None = None) -> Iterator[AcledRow]:
    """The rows with a note and every compared column readable, in file order."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        taken = 0
        for record in csv.DictReader(handle):
            row = row_of(record)
            if row is None:
                continue
            yield row
            taken += 1
            if limit is not None and taken >= limit:
                return


def row_of(record: dict[str, str]) -> AcledRow | None:
    """One CSV record as an `AcledRow`; None when a compared column is blank or unreadable."""
    value = {key: (text or "").strip() for key, text in record.items()}
    if not value.get("notes"):
        return None
    try:
        return AcledRow(
            data_id=value["data_id"],
            note=value["notes"],
            event_date=acled_date(value["event_date"]),
            time_precision=int(value["time_precision"]),
            sub_event_type=value["sub_event_type"],
            latitude=float(value["latitude"]),
            longitude=float(value["longitude"]),
            fatalities=int(value["fatalities"]),
            published=publication_day(value.get("timestamp", "")),
        )
    except (KeyError, ValueError):
        return None


def acled_date(text: str) -> date:
    """ACLED's export date, "9-May-20", or ISO "2020-05-09"."""
    for layout in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable ACLED date {text!r}")


def publication_day(timestamp: str) -> date | None:
    """The UTC day of ACLED's Unix `timestamp`; None when it is blank."""
    if not timestamp:
        return None
    return datetime.fromtimestamp(int(timestamp), UTC).date()


# --- judging one note's events ---------------------------------------------------------------


def asserted_events(extraction: dict) -> list[dict]:
    """Events the product reports as having happened: hypothetical or negated ones are not."""
    return [e for e in extraction["events"] if not (e["hypothetical"] or e["negated"])]


def main_event(events: list[dict]) -> dict | None:
    """The note's event: the most confident, the earliest on a tie."""
    if not events:
        return None
    return min(events, key=lambda e: (-e["confidence"], e["trigger"]["start"]))


def date_right(event: dict, row: AcledRow) -> bool:
    time = event["time"] or {}
    first_day, last_day = time.get("first_day"), time.get("last_day")
    if first_day is None:
        return False
    if date.fromisoformat(first_day) == row.event_date:
        return True
    if row.time_precision not in WINDOW_PRECISIONS or last_day is None:
        return False
    return date.fromisoformat(first_day) <= row.event_date <= date.fromisoformat(last_day)


def place_right(place: dict | None, row: AcledRow) -> bool:
    if place is None or place.get("lat") is None or place.get("lon") is None:
        return False
    distance = great_circle_km(row.latitude, row.longitude, place["lat"], place["lon"])
    return distance <= PLACE_KM


def fatalities_of(event: dict) -> int:
    return (event["fatalities"] or {}).get("best", 0)


def judge_event(event: dict, places: dict[str, dict], row: AcledRow) -> dict[str, bool]:
    """field -> whether `event` has it as the row codes it."""
    return {
        "sub_type": event["acled_sub_type"] == row.sub_event_type,
        "date": date_right(event, row),
        "place": place_right(places.get(event["place"] or ""), row),
        "fatalities": fatalities_of(event) == row.fatalities,
    }


@dataclass(frozen=True)
class NoteVerdict:
    """What one note's extraction got right."""

    events: int
    all_four: bool
    main: dict[str, bool]
    any: dict[str, bool]


def judge_note(extraction: dict, row: AcledRow) -> NoteVerdict:
    places = {place["id"]: place for place in extraction["places"]}
    events = asserted_events(extraction)
    verdicts = [judge_event(event, places, row) for event in events]
    main = main_event(events)
    wrong = dict.fromkeys(FIELDS, False)
    return NoteVerdict(
        events=len(events),
        all_four=any(all(verdict.values()) for verdict in verdicts),
        main=wrong if main is None else verdicts[events.index(main)],
        any={name: any(verdict[name] for verdict in verdicts) for name in FIELDS},
    )


def metrics_of(verdicts: list[NoteVerdict], prefix: str = "") -> Metrics:
    notes = len(verdicts)

    def share(count: int) -> float:
        return ratio(count, notes)

    metrics: Metrics = {
        f"{prefix}notes": notes,
        f"{prefix}all_four_share": share(sum(v.all_four for v in verdicts)),
        f"{prefix}main_all_four_share": share(sum(all(v.main.values()) for v in verdicts)),
    }
    for name in FIELDS:
        metrics[f"{prefix}{name}_accuracy"] = share(sum(v.main[name] for v in verdicts))
        metrics[f"{prefix}{name}_any"] = share(sum(v.any[name] for v in verdicts))
    metrics[f"{prefix}events_per_note"] = share(sum(v.events for v in verdicts))
    metrics[f"{prefix}one_event_share"] = share(sum(v.events == 1 for v in verdicts))
    metrics[f"{prefix}notes_with_no_event"] = sum(v.events == 0 for v in verdicts)
    return metrics


# --- running the product ---------------------------------------------------------------------

#: What a note the product fails on yields: no event, as a user gets.
NO_EXTRACTION = {"events": [], "places": []}


def extract_notes(ctx: EvalContext, rows: list[AcledRow], dated: bool) -> list[dict]:
    """The product's output for each note, as a user runs it (a note the product fails on
    yields nothing); `dated` dates each note on the day ACLED published it, else it goes
    undated."""
    articles = (
        SourceArticle(
            text=clean_text(row.note),
            origin=f"acled row {row.data_id}",
            id=row.data_id,  # the same note on two rows stays two articles
            published=row.published if dated else None,
        )
        for row in rows
    )
    extractor = Extractor(nlp=ctx.nlp)  # a note it fails on is reported on stderr
    by_id = {e.article.id: e.to_json_dict() for e in extractor.pipe(articles)}
    return [by_id.get(row.data_id, NO_EXTRACTION) for row in rows]


def score_rows(ctx: EvalContext, rows: list[AcledRow], dated: bool, prefix: str
               ) -> Metrics:  # fmt: skip
    """All the figures of one way of running the product, on all rows and on the held-out
    fold."""
    verdicts = [
        judge_note(extraction, row)
        for extraction, row in zip(extract_notes(ctx, rows, dated), rows, strict=True)
    ]
    held_out = [v for v, row in zip(verdicts, rows, strict=True) if is_held_out(row.data_id)]
    return metrics_of(verdicts, prefix) | metrics_of(held_out, f"heldout_{prefix}")


@gold_set(
    "acled-rows",
    "ACLED 2020 dev notes -> an event with the row's sub-type, date, place (50 km) and "
    "fatalities (undated; dated_: dated when ACLED published the row; heldout_: unseen fold)",
)
def score_acled_rows(ctx: EvalContext) -> Metrics:
    rows = list(read_acled_rows(ctx.path(ACLED_FILE), ctx.limit))
    return score_rows(ctx, rows, False, "") | score_rows(ctx, rows, True, "dated_")
