"""Compliance jobs and periodic tasks: campaign steps are found due in the database by the tick and run
under the engine; a crashed worker's steps are expired. All idempotent (steps are claimed)."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.compliance.engine import RUN_STEP_JOB, expire_stale_steps, run_step
from inergize.entrypoints.workers.spec import JobSpec, job

DUE_BATCH = 100


@job(RUN_STEP_JOB, time_limit=120)
async def campaign_run_step(container: Any, *, step_id: str) -> None:
    """Run one campaign step now (a no-op when it is not due, not planned, paused or already run)."""
    await run_step(uuid.UUID(step_id), ports=container.compliance_deps())


async def run_due_steps(container: Any) -> None:
    """Run the steps whose planned time has come (the database is the queue: a restart loses nothing)."""
    ports = container.compliance_deps()
    async with ports.uow_factory(read_only=True) as uow:
        ids = await uow.campaigns.due_step_ids(now=ports.clock.now(), limit=DUE_BATCH)
    for step_id in ids:  # one at a time: pacing spaces an account's actions minutes apart anyway
        await run_step(step_id, ports=ports)


async def expire_stale(container: Any) -> None:
    await expire_stale_steps(ports=container.compliance_deps())


SPECS: tuple[JobSpec, ...] = (campaign_run_step,)
