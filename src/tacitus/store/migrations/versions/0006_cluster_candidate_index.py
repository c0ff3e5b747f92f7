"""an index that finds the stored reports an event may be clustered with

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 17:00:00.000000

Clustering an event looks up the stored events of its type whose windows lie near its own
(`tacitus.store.clusters.candidate_clusters`: first day within a bounded range, since no
clustered window is longer than `CLUSTER_MAX_WINDOW_DAYS`). With only single-column indexes
SQLite's planner, given no statistics, reads the type index and tests every stored event of
that type, so each event clustered cost more as the store grew. This index answers the lookup
from one range of itself (type, then first day), carrying the other columns the lookup tests,
so its cost follows the number of events near in time, not the size of the store.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CANDIDATES = "ix_events_cluster_candidates"


def upgrade() -> None:
    op.create_index(
        CANDIDATES,
        "events",
        ["type", "window_first", "window_last", "country", "cluster_id", "article_id"],
    )


def downgrade() -> None:
    op.drop_index(CANDIDATES, table_name="events")
