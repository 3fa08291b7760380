"""The ``platform.ping`` job: records that it ran, so a test (or an operator) can see a job travel from a
committed transaction through the outbox and the broker to a worker."""

from __future__ import annotations

from typing import Any

from inergize.application.platform import ping as jobs
from inergize.entrypoints.workers.spec import JobSpec, job


@job(jobs.PING_JOB, time_limit=30)
async def ping(container: Any, *, token: str) -> None:
    """Write one ``pings`` row for ``token`` (one per run: the ledger makes it one per job)."""
    deps = container.platform_deps()
    await jobs.record_ping(token, pings=deps.pings, clock=deps.clock)


SPECS: tuple[JobSpec, ...] = (ping,)
