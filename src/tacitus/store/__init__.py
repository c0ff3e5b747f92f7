"""The store: SQLite by default, PostgreSQL by URL; Alembic keeps its schema current."""

from tacitus.store.database import StoreError, open_store, resolve_url
from tacitus.store.ingest import IngestReport, ingest, stored_article_ids
from tacitus.store.queries import Filters, article_rows, event_rows

__all__ = [
    "Filters",
    "IngestReport",
    "StoreError",
    "article_rows",
    "event_rows",
    "ingest",
    "open_store",
    "resolve_url",
    "stored_article_ids",
]
