from __future__ import annotations

from typing import Any, Protocol

QUEUE = "inergize"
"""The one queue every job travels on; the job's name picks its handler."""

JOB_ID_KEY = "_job_id"
"""The message key carrying the outbox id beside the handler's kwargs; the worker runs each id once."""


class TaskQueue(Protocol):
    """Sends a job to the broker now. Use cases enqueue through ``uow.jobs`` (the outbox) instead, so a
    job exists exactly when its transaction commits; the outbox relay is what calls this."""

    async def send(self, actor: str, payload: dict[str, Any], *, job_id: str, delay_seconds: float = 0) -> None: ...
