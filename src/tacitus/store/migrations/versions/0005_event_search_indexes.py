"""covering listing indexes, and a trigram index of the evidence sentences (SQLite)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 16:00:00.000000

An event list reads the listing index of 0004 in order and tests each event against the
filters until a page is full. With only the sort columns in the index, every event tested
costs a seek into the table, and a filter that few events meet (a rare type in one country, a
toll no event reaches) tests most of the store: on 100,000 events about 70 ms. The listing
indexes below also carry the columns the event-only filters test (dates, status, country,
the five type codes, confidence, toll) and the id of the event's place, so an event that
fails them is rejected from the index alone, about ten times faster, and its place is joined
without a table read; the table is read only for the events that pass.

The text search (`q`) tests the evidence sentence, cut out of the article's text: without an
index, a word in no evidence reads every article. On SQLite an FTS5 table with the trigram
tokenizer (case-insensitive; any substring of three characters or more) holds each event's
evidence under the event's pk, kept in step by triggers on events and articles; see
`tacitus.store.queries.evidence_contains` for how a search uses it. PostgreSQL, and a SQLite
built without FTS5 or older than 3.34 (no trigram tokenizer), search without it.

A later migration that rebuilds the events table with `batch_alter_table` (SQLite's copy,
drop and rename) drops the triggers with the old table: it must create them again
(`create_evidence_triggers`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LISTING = "ix_events_listing"
COUNTRY_LISTING = "ix_events_country_listing"
#: The event-only filter columns carried by the listing indexes (`queries.event_filters`),
#: and the event's place id, so that joining the place of an event needs no table read.
FILTERED = [
    "place_local_id",
    "last_day",
    "negated",
    "hypothetical",
    "type",
    "case_code",
    "acled_type",
    "acled_sub_type",
    "cameo",
    "confidence",
    "fatalities_best",
]
EVIDENCE_TABLE = "event_evidence"
#: The evidence of an event `row` (NEW or OLD in a trigger) from its article's text.
_EVIDENCE_OF = "substr({text}, {row}.evidence_start + 1, {row}.evidence_end - {row}.evidence_start)"
_TRIGGERS = {
    "event_evidence_insert": f"""
        AFTER INSERT ON events BEGIN
            INSERT INTO {EVIDENCE_TABLE} (rowid, evidence)
            SELECT NEW.pk, {_EVIDENCE_OF.format(text="articles.text", row="NEW")}
            FROM articles WHERE articles.id = NEW.article_id;
        END""",
    "event_evidence_delete": f"""
        AFTER DELETE ON events BEGIN
            DELETE FROM {EVIDENCE_TABLE} WHERE rowid = OLD.pk;
        END""",
    "event_evidence_update": f"""
        AFTER UPDATE OF article_id, evidence_start, evidence_end ON events BEGIN
            UPDATE {EVIDENCE_TABLE}
            SET evidence = (
                SELECT {_EVIDENCE_OF.format(text="articles.text", row="NEW")}
                FROM articles WHERE articles.id = NEW.article_id
            )
            WHERE rowid = NEW.pk;
        END""",
    "event_evidence_article_text": f"""
        AFTER UPDATE OF text ON articles BEGIN
            UPDATE {EVIDENCE_TABLE}
            SET evidence = (
                SELECT {_EVIDENCE_OF.format(text="NEW.text", row="events")}
                FROM events WHERE events.pk = {EVIDENCE_TABLE}.rowid
            )
            WHERE rowid IN (SELECT pk FROM events WHERE article_id = NEW.id);
        END""",
}


def _newest_first() -> sa.TextClause:
    nulls_last = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    return sa.text(f"first_day DESC{nulls_last}")


def _create_listing_indexes(filtered: list[str]) -> None:
    op.create_index(LISTING, "events", [_newest_first(), "article_id", "pk", *filtered])
    op.create_index(
        COUNTRY_LISTING, "events", ["country", _newest_first(), "article_id", "pk", *filtered]
    )


def _drop_listing_indexes() -> None:
    op.drop_index(COUNTRY_LISTING, table_name="events")
    op.drop_index(LISTING, table_name="events")


def trigram_available(connection) -> bool:
    """Whether this SQLite has FTS5 and its trigram tokenizer (3.34 and later)."""
    try:
        connection.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp.tacitus_trigram_probe USING fts5(x, tokenize='trigram')"
        )
    except sa.exc.OperationalError:
        return False
    connection.exec_driver_sql("DROP TABLE temp.tacitus_trigram_probe")
    return True


def create_evidence_triggers() -> None:
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    _drop_listing_indexes()
    _create_listing_indexes(FILTERED)
    connection = op.get_bind()
    if connection.dialect.name != "sqlite" or not trigram_available(connection):
        return
    op.execute(
        f"CREATE VIRTUAL TABLE {EVIDENCE_TABLE}"
        " USING fts5(evidence, tokenize='trigram case_sensitive 0')"
    )
    op.execute(
        f"INSERT INTO {EVIDENCE_TABLE} (rowid, evidence)"
        f" SELECT events.pk, {_EVIDENCE_OF.format(text='articles.text', row='events')}"
        " FROM events JOIN articles ON articles.id = events.article_id"
    )
    create_evidence_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {EVIDENCE_TABLE}")
    _drop_listing_indexes()
    _create_listing_indexes([])
