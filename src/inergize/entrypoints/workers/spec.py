"""How a job is declared: ``@job(NAME, time_limit=…, max_retries=…)`` on its handler, in
``entrypoints/workers/<capability>.py``; ``jobs.py`` collects the specs (capability modules never import it).

A handler is ``async def handler(container, **kwargs) -> None``:

- ``container`` is a container built for the worker's own event loop (its own database engine and
  Redis client; the same settings, clock and in-process stores as the API).
- ``kwargs`` are what the use case passed to ``uow.jobs.enqueue(NAME, **kwargs)``: ids and small JSON
  values only (strings, numbers, booleans), never objects; load the rest from the database.
- The job is written to the outbox in the use case's transaction and relayed after commit; the worker
  runs a given job id once (a ledger skips redeliveries of a finished job). A handler that raises is
  retried (Dramatiq retries, then the outbox sweep), and a crash in the middle runs it again, so a
  handler is still idempotent: it checks the state it is about to change.
- It calls use cases (``inergize.application``) with the container's ports, never adapters.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[..., Awaitable[None]]
NAME = re.compile(r"[a-z]+\.[a-z][a-z_]*")  # <capability>.<verb>


@dataclass(frozen=True, slots=True)
class JobSpec:
    """A job's name, handler and delivery options. Calling it runs the handler (as the worker does)."""

    name: str
    handler: Handler
    time_limit_seconds: float | None = None  # None: the job lease (INERGIZE_JOB_LEASE_SECONDS)
    max_retries: int = 5
    min_backoff_seconds: float = 1.0
    max_backoff_seconds: float = 60.0

    def __post_init__(self) -> None:
        if not NAME.fullmatch(self.name):
            raise ValueError(f"a job is named <capability>.<verb>, not {self.name!r}")
        if self.time_limit_seconds is not None and self.time_limit_seconds <= 0:
            raise ValueError("a job's time limit is positive")
        if self.max_retries < 0 or not 0 < self.min_backoff_seconds <= self.max_backoff_seconds:
            raise ValueError("retries are zero or more, and backoff grows from min to max")

    async def __call__(self, container: Any, **kwargs: Any) -> None:
        await self.handler(container, **kwargs)

    def dramatiq_options(self, lease_seconds: float) -> dict[str, int]:
        """The actor options; the time limit never exceeds the lease (a longer run would let a second
        worker take the job over while it still runs)."""
        limit = min(self.time_limit_seconds or lease_seconds, lease_seconds)
        return {"time_limit": int(limit * 1000), "max_retries": self.max_retries,
                "min_backoff": int(self.min_backoff_seconds * 1000),
                "max_backoff": int(self.max_backoff_seconds * 1000)}


def job(name: str, *, time_limit: float | None = None, max_retries: int = 5, min_backoff: float = 1.0,
        max_backoff: float = 60.0) -> Callable[[Handler], JobSpec]:
    """Declare the decorated handler as job ``name`` (seconds for the time limit and the backoff)."""

    def declare(handler: Handler) -> JobSpec:
        return JobSpec(name, handler, time_limit_seconds=time_limit, max_retries=max_retries,
                       min_backoff_seconds=min_backoff, max_backoff_seconds=max_backoff)

    return declare
