"""Scheduling: publications (one row per scheduled post), each user's queue settings, and
CSV import progress.

The tick's due query reads ``ix_publications_due``, a partial index holding only schedulable rows, so
its cost follows the number of due items, not the size of the table; expired claims are found through
``ix_publications_claim_expiry``, which holds only in-flight rows."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Text, Uuid, text

from inergize.adapters.persistence.tables.base import metadata, owner_column, timestamps, user_table
from inergize.adapters.persistence.types import JSONType, UTCDateTime

DUE_WHERE = text("state = 'scheduled' AND held = false")
IN_FLIGHT_WHERE = text("state IN ('claimed', 'publishing')")

publications = user_table(
    "publications",
    Column("content_id", Uuid, nullable=False),
    Column("version_id", Uuid, nullable=False),
    # snapshot of the (immutable) version, so publishing reads one row per item
    Column("text", Text, nullable=False),
    Column("media", JSONType, nullable=False),  # content-library blob keys
    Column("due_at", UTCDateTime(), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("run_at", UTCDateTime(), nullable=False),
    Column("state", String(20), nullable=False),
    Column("held", Boolean, nullable=False, server_default=text("false")),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("failure_reason", String(48)),
    Column("outcome_unknown", Boolean, nullable=False, server_default=text("false")),
    Column("media_urns", JSONType, nullable=False),
    Column("post_urn", String(200)),
    Column("idempotency_key", String(100), nullable=False, unique=True),
    Column("claim_token", Uuid),
    Column("claim_expires_at", UTCDateTime()),
    Column("source", String(16), nullable=False),
    Column("series_id", Uuid),  # the recurring series it belongs to
    *timestamps(),
    Column("published_at", UTCDateTime()),
    Column("version", Integer, nullable=False, server_default="1"),
)
Index("ix_publications_due", publications.c.run_at, postgresql_where=DUE_WHERE, sqlite_where=DUE_WHERE)
Index("ix_publications_claim_expiry", publications.c.claim_expires_at, postgresql_where=IN_FLIGHT_WHERE,
      sqlite_where=IN_FLIGHT_WHERE)
Index("ix_publications_user_due", publications.c.user_id, publications.c.due_at)
IN_SERIES_WHERE = text("series_id IS NOT NULL")
Index("ix_publications_series", publications.c.user_id, publications.c.series_id, postgresql_where=IN_SERIES_WHERE,
      sqlite_where=IN_SERIES_WHERE)

schedule_settings = Table(
    "schedule_settings",
    metadata,
    owner_column(primary_key=True),
    Column("timezone", String(64), nullable=False),
    Column("slots", JSONType, nullable=False),  # [[weekday, "HH:MM"], …] in local time
    Column("min_gap_minutes", Integer, nullable=False),
    Column("paused", Boolean, nullable=False, server_default=text("false")),
    Column("paused_until", UTCDateTime(), nullable=True),  # vacation mode's end; None: until resumed
    *timestamps(),
    Column("version", Integer, nullable=False, server_default="1"),
    info={"owner": "user_id"},
)

PAUSE_END_WHERE = text("paused_until IS NOT NULL")
# Each tick looks for ended vacations: only the few queues with an end date are in this index.
Index("ix_schedule_settings_pause_end", schedule_settings.c.paused_until, postgresql_where=PAUSE_END_WHERE,
      sqlite_where=PAUSE_END_WHERE)

schedule_imports = user_table(
    "schedule_imports",
    Column("state", String(16), nullable=False),  # running | done | failed
    Column("total_rows", Integer, nullable=False, server_default="0"),
    Column("processed_rows", Integer, nullable=False, server_default="0"),
    Column("imported", Integer, nullable=False, server_default="0"),
    Column("errors", JSONType, nullable=False),  # [{line, reason}]
    Column("source", Text),  # the uploaded CSV until the import finishes
    *timestamps(),
)
Index("ix_schedule_imports_user", schedule_imports.c.user_id, schedule_imports.c.created_at)
