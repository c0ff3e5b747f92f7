"""The output of `tacitus batch`: Parquet partitioned by publication date, and shard markers.

Layout (Hive partitioning: pyarrow.dataset, Dask, Spark, DuckDB and Polars read it as is)::

    DIR/published=YYYY-MM-DD/<shard>.parquet    a shard's articles published that day
    DIR/published=__HIVE_DEFAULT_PARTITION__/<shard>.parquet    its undated articles
    DIR/_shards/<shard>.json                    the shard's marker: the shard is complete

Columns of every Parquet file, one row per article:

    article_id  string, not null  the article's id (schema v1 ``article.id``)
    title       string            the article's title, as in the extraction
    url         string            its URL
    outlet      string            its outlet
    extraction  string, not null  the full schema v1 extraction as JSON
                                  (``tacitus.schema.Extraction``, the article's text included)

``published`` (string YYYY-MM-DD, null when undated) is the partition column: it lives in the
folder name, not in the files, as Hive and Spark have it, and a dataset reader adds it:
`open_output(DIR)` is the pyarrow dataset with it (its type is given: an output of undated
articles only leaves nothing to infer it from). Each file's key-value metadata names the
schema (``tacitus/1``) and the Tacitus version that wrote it.

Restarts: every file is written under a hidden temporary name and renamed into place, the
marker last. A shard with a marker matching its articles and the pipeline is complete and
skipped by a rerun; any other shard is done again, its old marker removed first and its old
files replaced. Dataset readers skip names starting with "_" or "." (pyarrow's default), so
markers and temporary files are never read as data. A marker holds: shard, source, index,
digest (of its articles, see `shards.py`), pipeline (a fingerprint of the tacitus version,
the spaCy model and the actor dictionaries), articles (read), written, failed (one line per
article the pipeline failed on), files (relative paths) and finished (UTC time).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from tacitus import __version__
from tacitus.schema import Extraction
from tacitus.settings import SCHEMA_ID

PARTITION = "published"
#: Hive's name for the partition of a null value.
UNDATED = "__HIVE_DEFAULT_PARTITION__"
MARKERS = "_shards"
COLUMNS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("url", pa.string()),
        pa.field("outlet", pa.string()),
        pa.field("extraction", pa.string(), nullable=False),
    ],
    metadata={"tacitus.schema": SCHEMA_ID, "tacitus.version": __version__},
)
#: Rows read from a file at once when loading an output.
READ_BATCH_ROWS = 500


class BatchOutputError(Exception):
    """A folder that is not a readable batch output; the message is the one line shown."""


@dataclass
class ShardMarker:
    shard: str
    source: str
    index: int
    digest: str
    pipeline: str
    articles: int
    written: int = 0
    failed: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    finished: str = ""


def open_output(out: Path) -> ds.Dataset:
    """The output as one pyarrow dataset: the columns above, and `published`."""
    partitioning = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
    return ds.dataset(out, format="parquet", partitioning=partitioning)


def row_of(extraction: Extraction) -> dict[str, str | None]:
    """One output row (the partition value under PARTITION) of an extraction."""
    article = extraction.article
    return {
        PARTITION: article.published,
        "article_id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "extraction": extraction.model_dump_json(by_alias=True),
    }


def is_complete(out: Path, shard: str, digest: str, pipeline: str) -> bool:
    """Whether `shard` was written whole from the same articles by the same pipeline."""
    marker = _read_marker(_marker_path(out, shard))
    return (
        marker is not None
        and marker.digest == digest
        and marker.pipeline == pipeline
        and all((out / name).is_file() for name in marker.files)
    )


def write_shard(out: Path, marker: ShardMarker, rows: list[dict[str, str | None]]) -> None:
    """Write a shard's rows, one file per publication day, then its marker."""
    marker_path = _marker_path(out, marker.shard)
    marker_path.unlink(missing_ok=True)  # from here until the new marker, the shard is undone
    by_day: defaultdict[str | None, list[dict]] = defaultdict(list)
    for row in rows:
        by_day[row[PARTITION]].append(row)
    written = set()
    for day in sorted(by_day, key=lambda value: value or "~"):
        relative = Path(f"{PARTITION}={day or UNDATED}") / f"{marker.shard}.parquet"
        table = pa.Table.from_pylist(by_day[day], schema=COLUMNS)  # PARTITION is left out
        _atomically(out / relative, lambda path, table=table: pq.write_table(table, path))
        written.add(relative)
    for stale in out.glob(f"{PARTITION}=*/{marker.shard}.parquet"):
        if stale.relative_to(out) not in written:  # a day the shard's old input had
            stale.unlink()
    marker.files = sorted(str(path) for path in written)
    marker.written = len(rows)
    marker.finished = datetime.now(UTC).isoformat(timespec="seconds")
    text = json.dumps(asdict(marker), indent=2, ensure_ascii=False)
    _atomically(marker_path, lambda path: path.write_text(text, encoding="utf-8"))


def complete_markers(out: Path) -> list[ShardMarker]:
    """The markers of the output's complete shards; a folder that is no output is an error."""
    folder = out / MARKERS
    if not folder.is_dir():
        raise BatchOutputError(f"{out}: not a tacitus batch output (no {MARKERS} folder)")
    markers = []
    for path in sorted(folder.glob("*.json")):
        marker = _read_marker(path)
        if marker is None:
            raise BatchOutputError(f"{path}: unreadable shard marker; run tacitus batch again")
        markers.append(marker)
    return markers


def unfinished_shards(out: Path, markers: list[ShardMarker]) -> set[str]:
    """Shards with files but no marker: a run stopped while writing them."""
    done = {marker.shard for marker in markers}
    found = {path.stem for path in out.glob(f"{PARTITION}=*/*.parquet")}
    return found - done


def read_extractions(
    out: Path, markers: list[ShardMarker], stored: Callable[[list[str]], set[str]]
) -> Iterator[Extraction]:
    """The extractions of the complete shards, day by day (undated last), leaving out the
    articles `stored` says are stored already, without parsing their JSON."""
    files = sorted(
        (name for marker in markers for name in marker.files),
        key=lambda name: (Path(name).parent.name.endswith(UNDATED), name),
    )
    for name in files:
        batches = pq.ParquetFile(out / name).iter_batches(
            READ_BATCH_ROWS, columns=["article_id", "extraction"]
        )
        for batch in batches:
            ids = batch.column("article_id").to_pylist()
            skip = stored(ids)
            for article_id, text in zip(ids, batch.column("extraction").to_pylist(), strict=True):
                if article_id not in skip:
                    yield Extraction.model_validate_json(text)


def _marker_path(out: Path, shard: str) -> Path:
    return out / MARKERS / f"{shard}.json"


def _read_marker(path: Path) -> ShardMarker | None:
    try:
        return ShardMarker(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):  # absent, or not a marker this version wrote
        return None


def _atomically(path: Path, write: Callable[[Path], None]) -> None:
    """`write` to a hidden name beside `path`, then rename: `path` is whole or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
