"""the coordinates and region of an event's place on the event's row

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 19:30:00.000000

The bounding-box and region filters (`bbox`, `admin1`) tested the event's place, joined from
the places table: the listing index (0005) rejected an event failing the other filters from
the index alone, but for these two every event tested cost a search of the places' index
and a read of the place's row. On 100,000 events a box or a region that few events meet,
with a text search, took 40 to 130 ms a page. The events now carry copies of their place's
latitude, longitude and region (a place is written with its events and never changed), and
the listing indexes carry them too, so these filters are tested from the index as the
others are. The event's country has been on its row since 0001. Existing rows are filled
from their places here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LISTING = "ix_events_listing"
COUNTRY_LISTING = "ix_events_country_listing"
#: The columns the listing indexes of 0005 carry after their sort columns.
FILTERED_0005 = [
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
PLACE_COLUMNS = {"lat": sa.Float(), "lon": sa.Float(), "admin1": sa.Text()}


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


def upgrade() -> None:
    # ADD COLUMN, not a batch copy of the table: the evidence triggers of 0005 stay
    for name, kind in PLACE_COLUMNS.items():
        op.add_column("events", sa.Column(name, kind, nullable=True))
    copied = ", ".join(
        f"{name} = (SELECT places.{name} FROM places WHERE places.article_id ="
        " events.article_id AND places.local_id = events.place_local_id)"
        for name in PLACE_COLUMNS
    )
    op.execute(f"UPDATE events SET {copied} WHERE place_local_id IS NOT NULL")
    _drop_listing_indexes()
    _create_listing_indexes([*FILTERED_0005, *PLACE_COLUMNS])


def downgrade() -> None:
    _drop_listing_indexes()
    _create_listing_indexes(FILTERED_0005)
    # DROP COLUMN (PostgreSQL, SQLite 3.35 and later), not a batch copy, for the same reason
    for name in PLACE_COLUMNS:
        op.execute(f"ALTER TABLE events DROP COLUMN {name}")
