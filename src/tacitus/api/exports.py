"""GET /export: the events meeting the filters as a file in a format of `tacitus export`.

The same records and writers as the command (`tacitus.export`), written to a temporary file
that is sent and then deleted; the filters the command lacks (minimum fatalities, text
search, cluster) are applied to the records, each of which carries the field they test.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from fastapi import Response
from sqlalchemy import Engine

from tacitus.api.params import EventQuery
from tacitus.export import event_records
from tacitus.export.text_formats import write_csv, write_geojson, write_jsonl

#: The media type and file extension of each export format.
MEDIA_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


def export_response(engine: Engine, wanted: EventQuery, format: str, limit: int | None) -> Response:
    """The file of the events `wanted` selects (at most `limit`), as a download."""
    records = [
        record
        for record in event_records(engine, replace(wanted.filters, limit=None))
        if _meets(record, wanted)
    ][:limit]
    media_type, extension = MEDIA_TYPES[format]
    with tempfile.TemporaryDirectory(prefix="tacitus-export-") as folder:
        path = Path(folder) / f"events.{extension}"
        _write(format, records, path)
        body = path.read_bytes()
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="tacitus-events.{extension}"',
            "X-Tacitus-Rows": str(len(records)),
        },
    )


def _meets(record: dict, wanted: EventQuery) -> bool:
    """The API's filters that `tacitus.store.Filters` does not carry."""
    if wanted.min_fatalities is not None and record["fatalities"] < wanted.min_fatalities:
        return False
    if wanted.cluster is not None and record["cluster_id"] != wanted.cluster:
        return False
    return wanted.text is None or wanted.text.lower() in (record["notes"] or "").lower()


def _write(format: str, records: list[dict], path: Path) -> None:
    if format == "csv":
        write_csv(records, path)
    elif format == "jsonl":
        write_jsonl(records, path)
    elif format == "geojson":
        write_geojson(records, path)
    else:
        # imported here: pyarrow takes long to import, and only Parquet needs it
        from tacitus.export.parquet import write_parquet

        write_parquet(records, path)
