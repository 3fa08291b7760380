"""Platform tables: remembered responses for ``Idempotency-Key`` and the job outbox."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, LargeBinary, String, Table, Uuid

from inergize.adapters.persistence.tables.base import metadata
from inergize.adapters.persistence.types import JSONType, UTCDateTime

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("owner", String(64), primary_key=True),  # user id, or "anonymous:<client>"
    Column("key", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    info={"owner": "owner", "owner_is_text": True},
)

# Transactional outbox: jobs enqueued in a unit of work are rows written in its transaction;
# the relay sends them to the broker after commit and marks them sent.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("actor", String(100), nullable=False),
    Column("payload", JSONType, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("available_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime()),
    Column("attempts", Integer, nullable=False, server_default="0"),
    info={"not_user_data": "job envelopes carry ids only"},
)
Index("ix_outbox_pending", outbox.c.sent_at, outbox.c.available_at)
Index("ix_outbox_available_at", outbox.c.available_at)  # the relay's sweep (migration 0002)
