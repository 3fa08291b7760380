"""jobs: processed-job ledger, pings, outbox due index

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = "0002"
down_revision = "0001"
branch_labels = ("jobs",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processed_jobs",
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("lease_until", itypes.UTCDateTime(), nullable=False),
        sa.Column("runs", sa.Integer(), server_default="1", nullable=False),
        sa.Column("finished_at", itypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_processed_jobs")),
    )
    op.create_index("ix_processed_jobs_state_finished", "processed_jobs", ["state", "finished_at"])
    op.create_table(
        "pings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", itypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pings")),
    )
    op.create_index("ix_pings_token", "pings", ["token"])
    # the relay and its sweep look for rows by when they are next due, sent or not
    op.create_index("ix_outbox_available_at", "outbox", ["available_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_available_at", table_name="outbox")
    op.drop_index("ix_pings_token", table_name="pings")
    op.drop_table("pings")
    op.drop_index("ix_processed_jobs_state_finished", table_name="processed_jobs")
    op.drop_table("processed_jobs")
