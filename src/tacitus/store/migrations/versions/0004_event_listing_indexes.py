"""indexes in the order events are listed (newest first, undated last, then article and id)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 13:00:00.000000

Every event list (`tacitus events`, GET /events, /points, the exports) is ordered by
first_day descending with undated events last, then article_id and pk. With an index in that
very order a page is read straight off the index, stopping after its last row, instead of
sorting every matching event first; the second index does the same within one country, the
most common filter. PostgreSQL puts NULLs first in a descending index unless told otherwise;
SQLite already puts them last.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LISTING = "ix_events_listing"
COUNTRY_LISTING = "ix_events_country_listing"


def _newest_first() -> sa.TextClause:
    nulls_last = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    return sa.text(f"first_day DESC{nulls_last}")


def upgrade() -> None:
    op.create_index(LISTING, "events", [_newest_first(), "article_id", "pk"])
    op.create_index(COUNTRY_LISTING, "events", ["country", _newest_first(), "article_id", "pk"])


def downgrade() -> None:
    op.drop_index(COUNTRY_LISTING, table_name="events")
    op.drop_index(LISTING, table_name="events")
