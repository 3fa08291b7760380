from __future__ import annotations

from typing import Any, Protocol


class TaskQueue(Protocol):
    """Sends a job to the broker now. Use cases enqueue through ``uow.jobs`` (the outbox) instead, so a
    job exists exactly when its transaction commits; the outbox relay is what calls this."""

    async def send(self, actor: str, payload: dict[str, Any], *, job_id: str, delay_seconds: float = 0) -> None: ...
