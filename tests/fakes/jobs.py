"""The job machinery's ports in memory: a TaskQueue that records what it was sent, a JobLedger that runs
each job id once, and a PingLog."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime
from typing import Any


class RecordingTaskQueue:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any], str, float]] = []  # actor, payload, job id, delay

    async def send(self, actor: str, payload: dict[str, Any], *, job_id: str, delay_seconds: float = 0) -> None:
        self.sent.append((actor, dict(payload), job_id, delay_seconds))


class MemoryJobLedger:
    def __init__(self) -> None:
        self.held: dict[uuid.UUID, str] = {}
        self.finished: set[uuid.UUID] = set()

    async def claim(self, job_id: uuid.UUID, actor: str) -> bool:
        if job_id in self.finished or job_id in self.held:
            return False
        self.held[job_id] = actor
        return True

    async def finish(self, job_id: uuid.UUID) -> None:
        self.held.pop(job_id, None)
        self.finished.add(job_id)

    async def release(self, job_id: uuid.UUID) -> None:
        self.held.pop(job_id, None)

    async def purge(self) -> int:
        purged = len(self.finished)  # no retention in a test: every finished job is old enough
        self.finished.clear()
        return purged


class MemoryPingLog:
    def __init__(self) -> None:
        self.pings: Counter[str] = Counter()
        self.last: dict[str, datetime] = {}

    async def record(self, token: str, at: datetime) -> None:
        self.pings[token] += 1
        self.last[token] = at

    async def count(self, token: str) -> int:
        return self.pings[token]
