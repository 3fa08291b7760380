"""Compliance and automation: account automation state, campaigns, their targets and steps,
and the contact records that make "never contact a target twice" a database constraint.

Pause history and every decision worth keeping live in the seed ``compliance_logs``; action outcomes
(success, 429, restriction) in the seed ``automation_logs``."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)

from inergize.adapters.persistence.tables.base import metadata, owner_column, timestamps, user_table
from inergize.adapters.persistence.types import JSONType, UTCDateTime

automation_accounts = Table(
    "automation_accounts",
    metadata,
    owner_column(primary_key=True),
    Column("paused", Boolean, nullable=False, server_default=false()),
    Column("pause_reason", String(64)),
    Column("paused_at", UTCDateTime()),
    Column("automation_since", UTCDateTime(), nullable=False),
    Column("last_restriction_at", UTCDateTime()),
    Column("health", Integer, nullable=False, server_default="100"),
    Column("settings", JSONType, nullable=False),  # lists, quiet hours, days off, pacing, rules, overrides
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
    info={"owner": "user_id"},
)

campaigns = user_table(
    "campaigns",
    Column("kind", String(16), nullable=False),
    Column("name", String(200), nullable=False),
    Column("state", String(16), nullable=False),
    Column("assisted", Boolean, nullable=False, server_default=false()),
    Column("config", JSONType, nullable=False),
    *timestamps(),
    Column("version", Integer, nullable=False, server_default="1"),
)
Index("ix_campaigns_user_created", campaigns.c.user_id, campaigns.c.created_at, campaigns.c.id)

campaign_targets = Table(
    "campaign_targets",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("campaign_id", Uuid, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    owner_column(),
    Column("target_key", String(300), nullable=False),
    Column("name", String(200), nullable=False, server_default=""),
    Column("company", String(200), nullable=False, server_default=""),
    Column("headline", String(300), nullable=False, server_default=""),
    Column("state", String(16), nullable=False),
    Column("invited_at", UTCDateTime()),
    Column("data", JSONType, nullable=False),  # invitation id, post URLs for engagement, …
    *timestamps(),
    UniqueConstraint("campaign_id", "target_key"),
    info={"owner": "user_id"},
)

campaign_steps = Table(
    "campaign_steps",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("campaign_id", Uuid, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    owner_column(),
    Column("target_id", Uuid, ForeignKey("campaign_targets.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sequence", Integer, nullable=False, server_default="0"),
    Column("state", String(16), nullable=False),
    Column("planned_at", UTCDateTime(), nullable=False),
    Column("text", Text, nullable=False, server_default=""),
    Column("outcome", JSONType, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("executed_at", UTCDateTime()),
    *timestamps(),
    # planning the same step twice (a retried job) inserts nothing the second time
    UniqueConstraint("target_id", "kind", "sequence"),
    info={"owner": "user_id"},
)
Index("ix_campaign_steps_state_planned", campaign_steps.c.state, campaign_steps.c.planned_at)
Index("ix_campaign_steps_user_state_planned", campaign_steps.c.user_id, campaign_steps.c.state,
      campaign_steps.c.planned_at)

# One row per (account, action, sequence, target) ever performed or in flight: the primary key is the
# duplicate-target protection parallel workers cannot race past (a conditional insert claims it).
automation_contacts = Table(
    "automation_contacts",
    metadata,
    owner_column(primary_key=True),
    Column("action", String(32), primary_key=True),
    Column("sequence", Integer, primary_key=True),
    Column("target_key", String(300), primary_key=True),
    Column("campaign_id", Uuid),
    Column("step_id", Uuid),
    Column("created_at", UTCDateTime(), nullable=False),
    info={"owner": "user_id"},
)
