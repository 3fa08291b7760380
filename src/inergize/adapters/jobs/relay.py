"""The transactional outbox relay: jobs committed as ``outbox`` rows go to the broker.

A row is *due* when ``available_at <= now`` and it has attempts left. Taking a row pushes
``available_at`` a lease ahead (a conditional update: two relays never take the same row), then the
row is sent and marked sent with ``available_at`` moved ``redeliver_seconds`` ahead. The worker
deletes the row when the job finishes. So a row becomes due again only if the relay crashed before
sending or marking it, its send failed, or the job was sent but never finished (the in-memory queue
died): the sweep resends it, and the worker's ledger runs each job id once."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from inergize.adapters.persistence.tables.platform import outbox
from inergize.ports.clock import Clock
from inergize.ports.task_queue import TaskQueue

log = logging.getLogger("inergize.outbox")


class SqlOutboxRelay:
    def __init__(self, engine: AsyncEngine, clock: Clock, queue: TaskQueue, *, lease_seconds: float = 60,
                 redeliver_seconds: float = 600, max_attempts: int = 10, batch: int = 200) -> None:
        self._engine = engine
        self._clock = clock
        self._queue = queue
        self._lease = timedelta(seconds=lease_seconds)
        self._redeliver = timedelta(seconds=redeliver_seconds)
        self._max_attempts = max_attempts
        self._batch = batch

    async def relay(self, job_ids: Sequence[uuid.UUID]) -> int:
        """After a commit: send those of ``job_ids`` that are due. Never raises (the commit stands; the
        sweep sends whatever this could not)."""
        try:
            return await self._relay_once(list(job_ids))
        except Exception:
            log.exception("outbox relay failed after commit; the sweep will send the jobs")
            return 0

    async def sweep(self) -> int:
        sent = 0
        while True:
            claimed, n = await self._relay_once_counted(None)
            sent += n
            if claimed < self._batch:
                return sent

    async def _relay_once(self, job_ids: list[uuid.UUID] | None) -> int:
        return (await self._relay_once_counted(job_ids))[1]

    async def _relay_once_counted(self, job_ids: list[uuid.UUID] | None) -> tuple[int, int]:
        rows = await self._claim(job_ids)
        sent: list[uuid.UUID] = []
        failed: list[Any] = []
        for row in rows:
            try:
                await self._queue.send(row.actor, dict(row.payload), job_id=str(row.id))
            except Exception:
                log.warning("sending outbox job %s (%s) failed; retried later", row.id, row.actor,
                            exc_info=True)
                failed.append(row)
            else:
                sent.append(row.id)
        await self._mark(sent, failed)
        return len(rows), len(sent)

    async def _claim(self, job_ids: list[uuid.UUID] | None) -> list[Any]:
        now = self._clock.now()
        due = [outbox.c.available_at <= now, outbox.c.attempts < self._max_attempts]
        if job_ids is not None:
            if not job_ids:
                return []
            due.append(outbox.c.id.in_(job_ids))
        pick = select(outbox.c.id).where(*due).order_by(outbox.c.available_at).limit(self._batch)
        if self._engine.dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)  # SQLite serialises writers instead
        take = (update(outbox).where(outbox.c.id.in_(pick.scalar_subquery()), *due)
                .values(available_at=now + self._lease, attempts=outbox.c.attempts + 1)
                .returning(outbox.c.id, outbox.c.actor, outbox.c.payload, outbox.c.attempts))
        async with self._engine.begin() as conn:
            return list(await conn.execute(take))

    async def _mark(self, sent: list[uuid.UUID], failed: list[Any]) -> None:
        if not sent and not failed:
            return
        now = self._clock.now()
        async with self._engine.begin() as conn:
            if sent:
                await conn.execute(update(outbox).where(outbox.c.id.in_(sent))
                                   .values(sent_at=now, available_at=now + self._redeliver))
            for row in failed:  # back off: 2, 4, 8… seconds, at most the redelivery interval
                wait = min(timedelta(seconds=2 ** min(row.attempts, 12)), self._redeliver)
                await conn.execute(update(outbox).where(outbox.c.id == row.id)
                                   .values(available_at=now + wait))
