"""The JobLedger contract (a redelivered job runs once) over the fake, SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from inergize.adapters.jobs.ledger import SqlJobLedger
from inergize.ports.jobs import JobLedger
from tests.fakes.clock import FakeClock
from tests.fakes.jobs import MemoryJobLedger
from tests.support.containers import container_on

LEASE = 60


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def ledger(request: pytest.FixtureRequest, clock: FakeClock, _session_containers: dict[str, Any]) -> JobLedger:
    if request.param == "fake":
        return MemoryJobLedger(clock, lease_seconds=LEASE)
    container = await container_on(request.param, request, _session_containers)
    return SqlJobLedger(container.engine(), clock, lease_seconds=LEASE)


async def test_a_job_is_taken_once_and_never_again_once_finished(ledger: JobLedger) -> None:
    job = uuid.uuid4()
    assert await ledger.claim(job, "platform.ping")
    assert not await ledger.claim(job, "platform.ping")  # the same message delivered twice
    await ledger.finish(job)
    assert not await ledger.claim(job, "platform.ping")
    assert await ledger.claim(uuid.uuid4(), "platform.ping")  # other jobs are not affected


async def test_a_released_job_is_taken_again_by_the_retry(ledger: JobLedger) -> None:
    job = uuid.uuid4()
    assert await ledger.claim(job, "platform.ping")
    await ledger.release(job)  # the handler failed
    assert await ledger.claim(job, "platform.ping")


async def test_a_dead_workers_job_is_taken_over_when_its_lease_ends(ledger: JobLedger, clock: FakeClock) -> None:
    job = uuid.uuid4()
    assert await ledger.claim(job, "platform.ping")
    clock.advance(LEASE - 1)
    assert not await ledger.claim(job, "platform.ping")
    clock.advance(2)
    assert await ledger.claim(job, "platform.ping")
    assert not await ledger.claim(job, "platform.ping")  # the new lease holds


async def test_finished_jobs_are_forgotten_after_the_retention(ledger: JobLedger, clock: FakeClock) -> None:
    job = uuid.uuid4()
    assert await ledger.claim(job, "platform.ping")
    await ledger.finish(job)
    clock.advance(days=6)
    await ledger.purge()
    assert not await ledger.claim(job, "platform.ping")  # within the retention: still finished
    clock.advance(days=2)
    assert await ledger.purge() >= 1
    assert await ledger.claim(job, "platform.ping")  # forgotten
