"""compliance: automation accounts, campaigns, campaign targets and steps, contact records

Revision ID: 0007
Revises: 0001
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = "0007"
down_revision = "0001"
branch_labels = ("compliance",)
depends_on = None


def _timestamps() -> list[sa.Column[Any]]:
    return [sa.Column("created_at", itypes.UTCDateTime(), nullable=False),
            sa.Column("updated_at", itypes.UTCDateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "automation_accounts",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("paused", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("pause_reason", sa.String(length=64), nullable=True),
        sa.Column("paused_at", itypes.UTCDateTime(), nullable=True),
        sa.Column("automation_since", itypes.UTCDateTime(), nullable=False),
        sa.Column("last_restriction_at", itypes.UTCDateTime(), nullable=True),
        sa.Column("health", sa.Integer(), server_default="100", nullable=False),
        sa.Column("settings", itypes.JSONType, nullable=False),
        sa.Column("updated_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_automation_accounts_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_automation_accounts")),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("assisted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("config", itypes.JSONType, nullable=False),
        *_timestamps(),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_campaigns_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_index("ix_campaigns_user_created", "campaigns", ["user_id", "created_at", "id"])
    op.create_table(
        "campaign_targets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("target_key", sa.String(length=300), nullable=False),
        sa.Column("name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("company", sa.String(length=200), server_default="", nullable=False),
        sa.Column("headline", sa.String(length=300), server_default="", nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("invited_at", itypes.UTCDateTime(), nullable=True),
        sa.Column("data", itypes.JSONType, nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"],
                                name=op.f("fk_campaign_targets_campaign_id_campaigns"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_campaign_targets_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_targets")),
        sa.UniqueConstraint("campaign_id", "target_key", name=op.f("uq_campaign_targets_campaign_id_target_key")),
    )
    op.create_table(
        "campaign_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), server_default="0", nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("planned_at", itypes.UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("outcome", itypes.JSONType, nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("executed_at", itypes.UTCDateTime(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"],
                                name=op.f("fk_campaign_steps_campaign_id_campaigns"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_campaign_steps_user_id_users"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["target_id"], ["campaign_targets.id"],
                                name=op.f("fk_campaign_steps_target_id_campaign_targets"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_steps")),
        sa.UniqueConstraint("target_id", "kind", "sequence",
                            name=op.f("uq_campaign_steps_target_id_kind_sequence")),
    )
    op.create_index("ix_campaign_steps_state_planned", "campaign_steps", ["state", "planned_at"])
    op.create_index("ix_campaign_steps_user_state_planned", "campaign_steps", ["user_id", "state", "planned_at"])
    op.create_table(
        "automation_contacts",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("target_key", sa.String(length=300), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=True),
        sa.Column("step_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", itypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_automation_contacts_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "action", "sequence", "target_key", name=op.f("pk_automation_contacts")),
    )


def downgrade() -> None:
    op.drop_table("automation_contacts")
    op.drop_index("ix_campaign_steps_user_state_planned", table_name="campaign_steps")
    op.drop_index("ix_campaign_steps_state_planned", table_name="campaign_steps")
    op.drop_table("campaign_steps")
    op.drop_table("campaign_targets")
    op.drop_index("ix_campaigns_user_created", table_name="campaigns")
    op.drop_table("campaigns")
    op.drop_table("automation_accounts")
