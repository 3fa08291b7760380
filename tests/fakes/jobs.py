"""The job machinery's ports in memory: a TaskQueue that records what it was sent, a JobLedger that runs
each job id once, and a PingLog."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from inergize.ports.clock import Clock

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import InMemoryDatabase


class RecordingTaskQueue:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any], str, float]] = []  # actor, payload, job id, delay

    async def send(self, actor: str, payload: dict[str, Any], *, job_id: str, delay_seconds: float = 0) -> None:
        self.sent.append((actor, dict(payload), job_id, delay_seconds))


class MemoryJobLedger:
    """Takes each job id once; a holder whose lease ran out (a dead worker) is taken over, and
    finished jobs are forgotten after the retention, as the SQL ledger does. Given the in-memory
    ``database``, finishing a job retires its outbox row there, as the SQL ledger retires the row."""

    def __init__(self, clock: Clock, *, lease_seconds: float = 60, retention_days: float = 7,
                 database: InMemoryDatabase | None = None) -> None:
        self._clock = clock
        self._database = database
        self._lease = timedelta(seconds=lease_seconds)
        self._retention = timedelta(days=retention_days)
        self.held: dict[uuid.UUID, tuple[str, datetime]] = {}  # job id -> (actor, lease end)
        self.finished: dict[uuid.UUID, datetime] = {}

    async def claim(self, job_id: uuid.UUID, actor: str) -> bool:
        now = self._clock.now()
        holder = self.held.get(job_id)
        if job_id in self.finished or (holder is not None and holder[1] > now):
            return False
        self.held[job_id] = (actor, now + self._lease)
        return True

    async def finish(self, job_id: uuid.UUID) -> None:
        self.held.pop(job_id, None)
        self.finished[job_id] = self._clock.now()
        if self._database is not None:  # a finished job needs no more (re)delivery
            self._database.tables.outbox[:] = [row for row in self._database.tables.outbox if row[0] != job_id]
            self._database.deliveries.pop(job_id, None)

    async def release(self, job_id: uuid.UUID) -> None:
        self.held.pop(job_id, None)

    async def purge(self) -> int:
        cutoff = self._clock.now() - self._retention
        old = [job_id for job_id, at in self.finished.items() if at < cutoff]
        for job_id in old:
            del self.finished[job_id]
        return len(old)


class MemoryPingLog:
    def __init__(self) -> None:
        self.pings: Counter[str] = Counter()
        self.last: dict[str, datetime] = {}

    async def record(self, token: str, at: datetime) -> None:
        self.pings[token] += 1
        self.last[token] = at

    async def count(self, token: str) -> int:
        return self.pings[token]
