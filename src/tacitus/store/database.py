"""Opening the store: URL resolution, engine, and schema migrations to the latest revision."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError

from tacitus.settings import DB_ENV_VAR, DEFAULT_DB_URL

MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """The store cannot be opened or written; the message is the one line shown."""


def resolve_url(url: str | None) -> str:
    """--db, else $TACITUS_DB, else the SQLite file in the working directory."""
    return url or os.environ.get(DB_ENV_VAR) or DEFAULT_DB_URL


def open_store(url: str | None = None) -> Engine:
    """An engine on the store at `url`, its schema migrated to the latest revision."""
    resolved = resolve_url(url)
    try:
        engine = create_engine(resolved)
    except (ArgumentError, ImportError) as error:
        raise StoreError(f"cannot use database URL {resolved!r}: {error}") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as connection:
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:
        raise StoreError(f"cannot open the store {engine.url!r}: {error.orig}") from error
    return engine


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys on (cascading deletes), WAL so readers don't block a running ingest."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
