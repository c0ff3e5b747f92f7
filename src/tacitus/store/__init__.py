"""The store: SQLite by default, PostgreSQL by URL; Alembic keeps its schema current."""

from tacitus.store.database import StoreError, one_line, open_store, resolve_url
from tacitus.store.ingest import IngestReport, ingest, stored_article_ids
from tacitus.store.queries import Filters, article_rows, event_rows, stored_extraction

__all__ = [
    "Filters",
    "IngestReport",
    "StoreError",
    "article_rows",
    "event_rows",
    "ingest",
    "one_line",
    "open_store",
    "resolve_url",
    "stored_article_ids",
    "stored_extraction",
]
