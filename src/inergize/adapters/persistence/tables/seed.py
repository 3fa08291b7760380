"""The seed schema: users, linkedin_profiles, content, automation_logs, analytics_events, compliance_logs."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text, Uuid

from inergize.adapters.persistence.tables.base import metadata, owner_column, timestamps, user_table
from inergize.adapters.persistence.types import JSONType, UTCDateTime

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(255)),
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("role", String(16), nullable=False, server_default="member"),
    Column("status", String(16), nullable=False, server_default="active"),
    Column("email_verified_at", UTCDateTime()),
    Column("timezone", String(64), nullable=False, server_default="UTC"),
    Column("industry", String(100)),
    Column("job_role", String(100)),
    Column("tone", String(100)),
    Column("working_hours", JSONType, nullable=False),
    Column("tier", String(32), nullable=False, server_default="free"),
    *timestamps(),
    Column("version", Integer, nullable=False, server_default="1"),
    info={"owner": "id"},
)
Index("ix_users_created_at_id", users.c.created_at, users.c.id)

linkedin_profiles = Table(
    "linkedin_profiles",
    metadata,
    Column("id", Uuid, primary_key=True),
    owner_column(unique=True),
    Column("linkedin_sub", String(100)),
    Column("full_name", String(200)),
    Column("headline", String(300)),
    Column("summary", Text),
    Column("industry", String(100)),
    Column("location", String(200)),
    Column("photo_url", Text),
    Column("banner_url", Text),
    Column("vanity_url", Text),
    Column("data", JSONType, nullable=False),  # positions, education, skills, featured…
    Column("completeness_score", Integer),
    Column("last_sync_at", UTCDateTime()),
    *timestamps(),
    info={"owner": "user_id"},
)

content = user_table(
    "content",
    Column("kind", String(16), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("state", String(16), nullable=False, server_default="draft"),
    Column("data", JSONType, nullable=False),
    *timestamps(),
    Column("version", Integer, nullable=False, server_default="1"),
)
Index("ix_content_user_created", content.c.user_id, content.c.created_at, content.c.id)

automation_logs = user_table(
    "automation_logs",
    Column("action_type", String(32), nullable=False),
    Column("target", String(300)),
    Column("status", String(32), nullable=False),
    Column("detail", JSONType, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)
Index("ix_automation_logs_user_created", automation_logs.c.user_id, automation_logs.c.created_at)

analytics_events = user_table(
    "analytics_events",
    Column("event_type", String(48), nullable=False),  # impressions, reactions, followers, …
    Column("subject", String(300)),  # post URN or "profile"
    Column("value", Integer, nullable=False, server_default="0"),
    Column("payload", JSONType, nullable=False),
    Column("source", String(32), nullable=False),  # sandbox, import, rest
    Column("dedupe_key", String(300)),
    Column("occurred_at", UTCDateTime(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)
Index("ix_analytics_events_user_occurred", analytics_events.c.user_id, analytics_events.c.occurred_at)
Index(
    "ix_analytics_events_user_type_occurred",
    analytics_events.c.user_id,
    analytics_events.c.event_type,
    analytics_events.c.occurred_at,
)
Index("uq_analytics_events_dedupe", analytics_events.c.user_id, analytics_events.c.dedupe_key, unique=True)

compliance_logs = user_table(
    "compliance_logs",
    Column("kind", String(48), nullable=False),  # check, pause, resume, override
    Column("verdict", String(32), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("detail", JSONType, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)
Index("ix_compliance_logs_user_created", compliance_logs.c.user_id, compliance_logs.c.created_at)
