"""Exports of stored events: ACLED-compatible CSV, JSON Lines, GeoJSON and Parquet.

Every format carries the same columns (``tacitus.export.records.COLUMNS``): ACLED's, in
ACLED's order and with ACLED's meanings, then Tacitus's own. ``export_events`` is the entry
point the ``tacitus export`` command calls.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from tacitus.export.records import COLUMN_NAMES, COLUMNS, event_records
from tacitus.export.text_formats import write_csv, write_geojson, write_jsonl
from tacitus.store.queries import Filters

FORMATS = ("csv", "jsonl", "geojson", "parquet")


def export_events(
    engine: Engine,
    filters: Filters,
    format: str,
    out_path: Path,
    report: Callable[[str], None] | None = None,
) -> int:
    """Write the events `filters` selects to `out_path` in `format`; the rows written.

    `report` hears one line per notable omission (events without coordinates in GeoJSON).
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    records = event_records(engine, filters)
    if format == "csv":
        return write_csv(records, out_path)
    if format == "jsonl":
        return write_jsonl(records, out_path)
    if format == "geojson":
        return write_geojson(records, out_path, report)
    # imported here: pyarrow takes longer to import than the other formats take to write
    from tacitus.export.parquet import write_parquet

    return write_parquet(records, out_path)


__all__ = ["COLUMNS", "COLUMN_NAMES", "FORMATS", "event_records", "export_events"]
