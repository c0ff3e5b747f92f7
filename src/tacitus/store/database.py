"""Opening the store: URL resolution, engine, and schema migrations to the latest revision."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from tacitus.settings import DB_ENV_VAR, DEFAULT_DB_URL

MIGRATIONS = Path(__file__).parent / "migrations"
#: Seconds a SQLite connection waits for another process's write to finish before giving up.
SQLITE_BUSY_SECONDS = 60


class StoreError(Exception):
    """The store cannot be opened or written; the message is the one line shown."""


def resolve_url(url: str | None) -> str:
    """--db, else $TACITUS_DB, else the SQLite file in the working directory."""
    return url or os.environ.get(DB_ENV_VAR) or DEFAULT_DB_URL


def one_line(error: Exception) -> str:
    """The driver's own message of a database error, first line only: no SQL, no traceback."""
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


def open_store(url: str | None = None, create: bool = True) -> Engine:
    """An engine on the store at `url`, its schema migrated to the latest revision.

    With `create=False` (every command that only reads) a SQLite file that does not exist is
    an error instead of a new, empty store.
    """
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as error:
        raise StoreError(f"cannot use database URL {resolved!r}: {error}") from error
    if not create:
        _check_exists(parsed)
    try:
        engine = create_engine(parsed, **_engine_options(parsed.get_backend_name()))
    except (ArgumentError, ImportError) as error:
        raise StoreError(f"cannot use database URL {resolved!r}: {error}") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    try:
        with writer(engine).begin() as connection:
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as error:
        raise StoreError(f"cannot open the store {engine.url!r}: {one_line(error)}") from error
    return engine


def _check_exists(url) -> None:
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return
    if not Path(database).is_file():
        raise StoreError(
            f"no store at {database}: run `tacitus ingest` first, or name one with --db"
        )


def _engine_options(backend: str) -> dict:
    if backend == "sqlite":
        return {"connect_args": {"timeout": SQLITE_BUSY_SECONDS}}
    return {}


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _sqlite_connect(dbapi_connection, _record) -> None:
    """Foreign keys on (cascading deletes), WAL so readers don't block a running ingest, and
    transactions begun by SQLAlchemy (see `_sqlite_begin`), not by the driver."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


#: The execution option of a connection that writes (see `writer`).
WRITES = "tacitus_writes"


def writer(engine: Engine) -> Engine:
    """The engine for a transaction that writes: on SQLite it takes the write lock when it
    begins; reading transactions take none, so a read never waits behind an ingest."""
    return engine.execution_options(**{WRITES: True})


def _sqlite_begin(connection) -> None:
    """BEGIN IMMEDIATE for writers: a writing transaction takes the write lock when it starts,
    so two processes writing one file queue behind each other (up to SQLITE_BUSY_SECONDS)
    instead of one failing with "database is locked" when it turns from reading to writing.
    Readers begin as usual and, with WAL, read while a writer writes."""
    writes = connection.get_execution_options().get(WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
