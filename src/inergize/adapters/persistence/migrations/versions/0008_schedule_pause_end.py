"""scheduling: an end date for a paused queue (vacation mode resumes by itself)

Revision ID: 0008
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

PAUSE_END_WHERE = sa.text("paused_until IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("schedule_settings") as batch:
        batch.add_column(sa.Column("paused_until", itypes.UTCDateTime(), nullable=True))
    op.create_index("ix_schedule_settings_pause_end", "schedule_settings", ["paused_until"], unique=False,
                    postgresql_where=PAUSE_END_WHERE, sqlite_where=PAUSE_END_WHERE)


def downgrade() -> None:
    op.drop_index("ix_schedule_settings_pause_end", table_name="schedule_settings",
                  postgresql_where=PAUSE_END_WHERE, sqlite_where=PAUSE_END_WHERE)
    with op.batch_alter_table("schedule_settings") as batch:
        batch.drop_column("paused_until")
