"""scheduling: publications, schedule settings, CSV imports

Revision ID: 0006
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = "0006"
down_revision = "0001"
branch_labels = ("scheduling",)
depends_on = None

DUE_WHERE = sa.text("state = 'scheduled' AND held = false")
IN_FLIGHT_WHERE = sa.text("state IN ('claimed', 'publishing')")


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("content_id", sa.Uuid(), nullable=False),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("media", itypes.JSONType, nullable=False),
        sa.Column("due_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("run_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("held", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failure_reason", sa.String(length=48), nullable=True),
        sa.Column("outcome_unknown", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("media_urns", itypes.JSONType, nullable=False),
        sa.Column("post_urn", sa.String(length=200), nullable=True),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("claim_token", sa.Uuid(), nullable=True),
        sa.Column("claim_expires_at", itypes.UTCDateTime(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("published_at", itypes.UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_publications_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_publications_idempotency_key")),
    )
    op.create_index("ix_publications_due", "publications", ["run_at"], postgresql_where=DUE_WHERE,
                    sqlite_where=DUE_WHERE)
    op.create_index("ix_publications_claim_expiry", "publications", ["claim_expires_at"],
                    postgresql_where=IN_FLIGHT_WHERE, sqlite_where=IN_FLIGHT_WHERE)
    op.create_index("ix_publications_user_due", "publications", ["user_id", "due_at"])
    op.create_table(
        "schedule_settings",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("slots", itypes.JSONType, nullable=False),
        sa.Column("min_gap_minutes", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_schedule_settings_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_schedule_settings")),
    )
    op.create_table(
        "schedule_imports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("total_rows", sa.Integer(), server_default="0", nullable=False),
        sa.Column("processed_rows", sa.Integer(), server_default="0", nullable=False),
        sa.Column("imported", sa.Integer(), server_default="0", nullable=False),
        sa.Column("errors", itypes.JSONType, nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("created_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", itypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_schedule_imports_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_imports")),
    )
    op.create_index("ix_schedule_imports_user", "schedule_imports", ["user_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_schedule_imports_user", table_name="schedule_imports")
    op.drop_table("schedule_imports")
    op.drop_table("schedule_settings")
    op.drop_index("ix_publications_user_due", table_name="publications")
    op.drop_index("ix_publications_claim_expiry", table_name="publications")
    op.drop_index("ix_publications_due", table_name="publications")
    op.drop_table("publications")
