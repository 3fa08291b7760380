"""scheduling: the recurring series a publication belongs to (listed and stopped as one)

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

IN_SERIES_WHERE = sa.text("series_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.add_column(sa.Column("series_id", sa.Uuid(), nullable=True))
    op.create_index("ix_publications_series", "publications", ["user_id", "series_id"], unique=False,
                    postgresql_where=IN_SERIES_WHERE, sqlite_where=IN_SERIES_WHERE)


def downgrade() -> None:
    op.drop_index("ix_publications_series", table_name="publications",
                  postgresql_where=IN_SERIES_WHERE, sqlite_where=IN_SERIES_WHERE)
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("series_id")
