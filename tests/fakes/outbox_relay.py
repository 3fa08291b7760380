"""The outbox relay over the in-memory database: the committed outbox rows (``tables.outbox``) go to a
``TaskQueue`` with the SQL relay's rules (adapters/jobs/relay.py).

Each row's delivery (the SQL columns ``available_at``, ``sent_at``, ``attempts``) is kept on the database
object itself, outside the copied tables, as the SQL relay writes outside any unit of work: taking a
row moves it a lease ahead, a sent row comes due again ``redeliver_seconds`` later unless the worker's
ledger retires it, a failed send backs off 2, 4, 8… seconds, and a row is given up after
``max_attempts`` takes. Relays over one database share the deliveries, so two never send one row."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import msgspec

from inergize.ports.clock import Clock
from inergize.ports.task_queue import TaskQueue

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import InMemoryDatabase

log = logging.getLogger("inergize.outbox")


class Delivery(msgspec.Struct, kw_only=True):
    """One outbox row's delivery; a row without one was committed and never taken (due at once)."""

    available_at: datetime
    attempts: int = 0
    sent_at: datetime | None = None


class MemoryOutboxRelay:
    def __init__(self, database: InMemoryDatabase, clock: Clock, queue: TaskQueue, *, lease_seconds: float = 60,
                 redeliver_seconds: float = 600, max_attempts: int = 10, batch: int = 200) -> None:
        self._database = database
        self._clock = clock
        self._queue = queue
        self._lease = timedelta(seconds=lease_seconds)
        self._redeliver = timedelta(seconds=redeliver_seconds)
        self._max_attempts = max_attempts
        self._batch = batch

    async def relay(self, job_ids: Sequence[uuid.UUID]) -> int:
        try:
            return (await self._relay_once(set(job_ids)))[1]
        except Exception:
            log.exception("outbox relay failed after commit; the sweep will send the jobs")
            return 0

    async def sweep(self) -> int:
        sent = 0
        while True:
            claimed, n = await self._relay_once(None)
            sent += n
            if claimed < self._batch:
                return sent

    async def _relay_once(self, job_ids: set[uuid.UUID] | None) -> tuple[int, int]:
        rows = self._claim(job_ids)
        sent = 0
        now_failed: list[tuple[uuid.UUID, Delivery]] = []
        for job_id, actor, payload, delivery in rows:
            try:
                await self._queue.send(actor, dict(payload), job_id=str(job_id))
            except Exception:
                log.warning("sending outbox job %s (%s) failed; retried later", job_id, actor, exc_info=True)
                now_failed.append((job_id, delivery))
            else:
                sent += 1
                now = self._clock.now()
                delivery.sent_at, delivery.available_at = now, now + self._redeliver
        for _, delivery in now_failed:  # back off: 2, 4, 8… seconds, at most the redelivery interval
            wait = min(timedelta(seconds=2 ** min(delivery.attempts, 12)), self._redeliver)
            delivery.available_at = self._clock.now() + wait
        return len(rows), sent

    def _claim(self, job_ids: set[uuid.UUID] | None) -> list[tuple[uuid.UUID, str, dict[str, object], Delivery]]:
        now = self._clock.now()
        deliveries = self._database.deliveries
        due = []
        for position, (job_id, actor, payload) in enumerate(self._database.tables.outbox):
            delivery = deliveries.get(job_id) or Delivery(available_at=now)
            if ((job_ids is None or job_id in job_ids) and delivery.available_at <= now
                    and delivery.attempts < self._max_attempts):
                due.append((delivery.available_at, position, job_id, actor, payload, delivery))
        taken = sorted(due, key=lambda d: (d[0], d[1]))[:self._batch]
        for _, _, job_id, _, _, delivery in taken:
            delivery.available_at, delivery.attempts = now + self._lease, delivery.attempts + 1
            deliveries[job_id] = delivery
        return [(job_id, actor, payload, delivery) for _, _, job_id, actor, payload, delivery in taken]
