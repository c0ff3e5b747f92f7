"""places.geo_precision

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 08:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.add_column(sa.Column("geo_precision", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_column("geo_precision")
