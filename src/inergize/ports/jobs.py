"""What the job machinery needs besides ``TaskQueue``: the worker's ledger, the outbox relay, pings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


class JobLedger(Protocol):
    """Which outbox jobs a worker has taken and finished, so a redelivered job runs once."""

    async def claim(self, job_id: uuid.UUID, actor: str) -> bool:
        """Take the job for this worker; False when it is finished or another worker holds it."""
        ...

    async def finish(self, job_id: uuid.UUID) -> None:
        """Record that the job ran to the end (and retire its outbox row)."""
        ...

    async def release(self, job_id: uuid.UUID) -> None:
        """The handler failed: let a retry take the job again."""
        ...

    async def purge(self) -> int:
        """Forget finished jobs older than the retention; return how many."""
        ...


class OutboxRelay(Protocol):
    async def relay(self, job_ids: Sequence[uuid.UUID]) -> int:
        """Send these just-committed jobs now if nobody else is; return how many were sent."""
        ...

    async def sweep(self) -> int:
        """Send every job that is due: never sent, left claimed by a crash, failed to send, or sent
        but not finished long after; return how many were sent."""
        ...


class PingLog(Protocol):
    async def record(self, token: str, at: datetime) -> None: ...

    async def count(self, token: str) -> int: ...
