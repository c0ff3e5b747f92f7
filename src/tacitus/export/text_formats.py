"""The text export formats: ACLED-column CSV, JSON Lines, and GeoJSON (RFC 7946)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tacitus.export.records import COLUMN_NAMES

#: How a CSV cell writes a boolean: as JSON and pandas read it back.
CSV_BOOLEANS = {True: "true", False: "false"}


def write_csv(records: list[dict], out_path: Path) -> int:
    """One header line of COLUMN_NAMES, one line per event; an empty cell is a null."""
    with out_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMN_NAMES)
        writer.writerows([_csv_cell(record[name]) for name in COLUMN_NAMES] for record in records)
    return len(records)


def write_jsonl(records: list[dict], out_path: Path) -> int:
    """One JSON object per line with every column: numbers as numbers, nulls as null."""
    with out_path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(_json_values(record), ensure_ascii=False) + "\n")
    return len(records)


def write_geojson(
    records: list[dict], out_path: Path, report: Callable[[str], None] | None = None
) -> int:
    """A FeatureCollection of one Point per event that has coordinates; `report` hears how many
    events were left out for having none."""
    features = [_feature(record) for record in records if _has_coordinates(record)]
    collection = {"type": "FeatureCollection", "features": features}
    with out_path.open("w", encoding="utf-8") as out:
        json.dump(collection, out, ensure_ascii=False)
    left_out = len(records) - len(features)
    if left_out and report is not None:
        report(f"{left_out} event(s) without coordinates left out of the GeoJSON")
    return len(features)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return CSV_BOOLEANS[value]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_values(record: dict) -> dict:
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in record.items()
    }


def _has_coordinates(record: dict) -> bool:
    return record["latitude"] is not None and record["longitude"] is not None


def _feature(record: dict) -> dict:
    # RFC 7946 section 3.1.1: a position is longitude first, then latitude
    return {
        "type": "Feature",
        "id": record["event_id_cnty"],
        "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
        "properties": _json_values(record),
    }
