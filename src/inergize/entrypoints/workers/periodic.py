"""Periodic tasks, run by ``inergize tick`` (and inside ``inergize serve``). THE contract:

``PeriodicTask(name, every_seconds, fn)`` with ``async def fn(container) -> None``. The tick calls
each task at most every ``every_seconds`` (on the tick's own granularity, INERGIZE_TICK_SECONDS).
Several ticks may run at once (replicas, ``serve`` plus a ``tick`` process): a task claims its work
with conditional updates so that running it twice at the same moment does no harm. A task that
raises is logged and tried again at its next turn. Capabilities append one line to ``PERIODIC``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NamedTuple

from inergize.entrypoints.workers import compliance as compliance_tasks
from inergize.entrypoints.workers import linkedin as linkedin_tasks
from inergize.entrypoints.workers.scheduling import claim_due_publications

log = logging.getLogger("inergize.tick")


class PeriodicTask(NamedTuple):
    name: str
    every_seconds: float
    fn: Callable[[Any], Awaitable[None]]


async def sweep_outbox(container: Any) -> None:
    """Resend outbox jobs a crash or a lost queue left behind; forget old finished-job records."""
    await container.outbox_relay().sweep()
    await container.job_ledger().purge()


PERIODIC: list[PeriodicTask] = [
    PeriodicTask("outbox.sweep", 5.0, sweep_outbox),
    PeriodicTask("publications.claim", 1.0, claim_due_publications),  # due posts and expired claims
    PeriodicTask("linkedin.connections", 3600.0, linkedin_tasks.maintain_linkedin_connections),
    PeriodicTask("linkedin.sandbox", 600.0, linkedin_tasks.simulate_sandbox),  # simulated engagement
    PeriodicTask("campaigns.run_due", 15.0, compliance_tasks.run_due_steps),  # due campaign steps
    PeriodicTask("campaigns.expire_stale", 600.0, compliance_tasks.expire_stale),  # crashed steps
]


async def tick_once(container: Any, tasks: Sequence[PeriodicTask] | None = None) -> dict[str, bool]:
    """Run every task once, now; return which succeeded (a failure is logged, not raised)."""
    results = {}
    for task in PERIODIC if tasks is None else tasks:
        results[task.name] = await _run(container, task)
    return results


async def run_periodic(container: Any, stop: asyncio.Event, tasks: Sequence[PeriodicTask] | None = None,
                       tick_seconds: float | None = None) -> None:
    """Run the tasks when due until ``stop`` is set (the loop of ``inergize tick`` and ``serve``)."""
    interval = tick_seconds if tick_seconds is not None else container.settings().tick_seconds
    loop = asyncio.get_running_loop()
    due: dict[str, float] = {}
    while not stop.is_set():
        for task in PERIODIC if tasks is None else tasks:
            if loop.time() >= due.get(task.name, 0.0):
                due[task.name] = loop.time() + task.every_seconds
                await _run(container, task)
        try:
            await asyncio.wait_for(stop.wait(), interval)
        except TimeoutError:
            pass


async def _run(container: Any, task: PeriodicTask) -> bool:
    try:
        await task.fn(container)
    except Exception:  # one failing task must not stop the others; it runs again at its next turn
        log.exception("periodic task %s failed", task.name)
        return False
    return True
