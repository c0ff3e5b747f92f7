"""Loading a batch output into the store: `tacitus ingest --from-parquet DIR`.

The extractions are stored as a normal ingest stores them (`tacitus.store.ingest`: a batch
per transaction, each event put in its cluster as it is written), day by day so that the
clusters grow in the order the news came. An article already stored is skipped before its
JSON is parsed, so loading the same output twice changes nothing. Shards a batch run left
unfinished (files, no marker) are not loaded: their articles come with a later rerun.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from tacitus.batch.parquet_out import complete_markers, read_extractions, unfinished_shards
from tacitus.progress import with_progress
from tacitus.store import IngestReport, ingest, stored_article_ids


@dataclass
class LoadReport:
    ingest: IngestReport
    #: Shards with files but no marker, left out.
    unfinished: list[str] = field(default_factory=list)


def ingest_batch_output(engine: Engine, out: Path) -> LoadReport:
    """Store every article of the complete shards of `out` not stored yet."""
    markers = complete_markers(out)
    skipped = 0

    def stored(ids: list[str]) -> set[str]:
        nonlocal skipped
        found = stored_article_ids(engine, ids)
        skipped += len(found)
        return found

    extractions = read_extractions(out, markers, stored)
    total = sum(marker.written for marker in markers)
    report = ingest(engine, with_progress(extractions, "ingesting", total))
    report.already_stored += skipped
    return LoadReport(report, sorted(unfinished_shards(out, markers)))
