"""Content engine tables: versions of content, AI provider calls (cost), AI jobs, content preferences."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

from inergize.adapters.persistence.tables.base import metadata, owner_column, timestamps, user_table
from inergize.adapters.persistence.types import JSONType, UTCDateTime

content_versions = Table(
    "content_versions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("content_id", Uuid, ForeignKey("content.id", ondelete="CASCADE"), nullable=False),
    owner_column(),
    Column("number", Integer, nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("data", JSONType, nullable=False),
    Column("media", JSONType, nullable=False),  # BlobStore keys
    Column("state", String(16), nullable=False),  # draft | ready
    Column("moderation", JSONType, nullable=False),  # [{code, detail}] of the last check
    Column("provider", String(32)),  # which AI provider wrote it, if any
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("content_id", "number"),
    info={"owner": "user_id"},
)

ai_calls = user_table(
    "ai_calls",
    Column("capability", String(16), nullable=False),
    Column("provider", String(32), nullable=False),
    Column("model", String(100), nullable=False),
    Column("tokens_in", Integer, nullable=False),
    Column("tokens_out", Integer, nullable=False),
    Column("cost_micros", BigInteger, nullable=False),
    Column("outcome", String(48), nullable=False),
    Column("latency_ms", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)
Index("ix_ai_calls_user_created", ai_calls.c.user_id, ai_calls.c.created_at)

ai_jobs = user_table(
    "ai_jobs",
    Column("kind", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("progress", Integer, nullable=False),
    Column("params", JSONType, nullable=False),
    Column("result", JSONType, nullable=False),
    Column("error", Text),
    *timestamps(),
)

content_preferences = Table(
    "content_preferences",
    metadata,
    owner_column(primary_key=True),
    Column("banned_phrases", JSONType, nullable=False),
    Column("brand_colors", JSONType, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    info={"owner": "user_id"},
)
