"""The job registry: actor name -> handler. THE contract every capability uses for background work.

A handler is ``async def handler(container, **kwargs) -> None``:

- ``container`` is a container built for the worker's own event loop (its own database engine and
  Redis client; the same settings, clock and in-process stores as the API).
- ``kwargs`` are what the use case passed to ``uow.jobs.enqueue("<actor>", **kwargs)``: ids and small
  JSON values only (strings, numbers, booleans), never objects; load the rest from the database.
- The job is written to the outbox in the use case's transaction and relayed after commit; the worker
  runs a given job id once (a ledger skips redeliveries of a finished job). A handler that raises is
  retried (Dramatiq retries, then the outbox sweep), and a crash in the middle runs it again, so a
  handler is still idempotent: it checks the state it is about to change.
- It calls use cases (``inergize.application``) with the container's ports, never adapters.

Register one line per handler below, importing it from your ``entrypoints/workers/<capability>.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from inergize.entrypoints.workers import compliance as compliance_jobs  # issue 8
from inergize.entrypoints.workers import scheduling  # issue 7
from inergize.entrypoints.workers.ai import render_carousel, rerender_version  # issue 6
from inergize.entrypoints.workers.notifications import NOTIFICATION_JOBS
from inergize.entrypoints.workers.platform import ping

Handler = Callable[..., Awaitable[None]]

JOBS: dict[str, Handler] = {
    "ping": ping,  # issue 3: proves the outbox -> broker -> worker path end to end
    "ai.carousel": render_carousel,  # issue 6: carousel PDFs
    "ai.render_version": rerender_version,  # issue 6: files of edited carousels and banners
    **NOTIFICATION_JOBS,  # issue 4: notification emails
    "publish_publications": scheduling.publish_publications,  # issue 7: scheduling
    "import_schedule_csv": scheduling.import_schedule_csv,  # issue 7
    compliance_jobs.RUN_STEP_JOB: compliance_jobs.campaign_run_step,  # issue 8: one campaign step
}


def register(name: str, handler: Handler) -> None:
    """Add a handler (for embedding and tests); names are unique."""
    if name in JOBS and JOBS[name] is not handler:
        raise ValueError(f"a job named {name!r} is already registered")
    JOBS[name] = handler


__all__: list[Any] = ["JOBS", "Handler", "register"]
