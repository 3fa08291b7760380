"""Job bookkeeping: the ledger of jobs a worker has run (so a redelivered job runs once) and the
``pings`` the ``ping`` job writes."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Uuid

from inergize.adapters.persistence.tables.base import metadata
from inergize.adapters.persistence.types import UTCDateTime

# One row per outbox job a worker took: 'running' while a worker holds it (until lease_until),
# 'done' once it finished. Claimed by a conditional insert/update, so two deliveries of one job id
# never run side by side, and a finished one never runs again.
processed_jobs = Table(
    "processed_jobs",
    metadata,
    Column("job_id", Uuid, primary_key=True),
    Column("actor", String(100), nullable=False),
    Column("state", String(16), nullable=False),
    Column("lease_until", UTCDateTime(), nullable=False),
    Column("runs", Integer, nullable=False, server_default="1"),
    Column("finished_at", UTCDateTime()),
    info={"not_user_data": "job bookkeeping carries ids only"},
)
Index("ix_processed_jobs_state_finished", processed_jobs.c.state, processed_jobs.c.finished_at)

pings = Table(
    "pings",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("token", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    info={"not_user_data": "operator diagnostics"},
)
Index("ix_pings_token", pings.c.token)
