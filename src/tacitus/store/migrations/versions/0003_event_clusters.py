"""events.cluster_id and the time window clustering compares

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 09:00:00.000000

Events stored before this revision keep no cluster: clusters grow from the articles ingested
after it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("window_first", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("window_last", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("cluster_id", sa.String(length=16), nullable=True))
        batch_op.create_index("ix_events_window_first", ["window_first"])
        batch_op.create_index("ix_events_cluster_id", ["cluster_id"])


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_cluster_id")
        batch_op.drop_index("ix_events_window_first")
        batch_op.drop_column("cluster_id")
        batch_op.drop_column("window_last")
        batch_op.drop_column("window_first")
