"""The OutboxRelay contract over the fake (the in-memory database), SQLite and PostgreSQL: committed jobs
reach the queue, a sent job comes back only when it was not finished, failed sends back off, and two
relays never send one row. The databases are shared by the session, so a sweep may also send other
tests' rows: the assertions look at this test's own jobs."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
import pytest
from sqlalchemy import select

from inergize.adapters.jobs import SqlJobLedger, SqlOutboxRelay
from inergize.adapters.persistence.tables.platform import outbox as outbox_table
from inergize.adapters.persistence.unit_of_work import SqlUnitOfWorkFactory
from inergize.ports.jobs import JobLedger, OutboxRelay
from inergize.ports.task_queue import TaskQueue
from inergize.ports.unit_of_work import UnitOfWorkFactory
from tests.fakes.clock import FakeClock
from tests.fakes.jobs import MemoryJobLedger, RecordingTaskQueue
from tests.fakes.outbox_relay import MemoryOutboxRelay
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.containers import container_on

REDELIVER = 600
ACTOR = "platform.ping"


class Outbox(msgspec.Struct):
    """One implementation: where jobs are committed, the relays over it, the worker's ledger."""

    uow_factory: UnitOfWorkFactory
    relay_to: Callable[..., OutboxRelay]  # (queue, **options) -> a relay over this outbox
    ledger: JobLedger
    ids: Callable[[list[str]], Awaitable[list[str]]]  # the job ids of the pings with these tokens


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def outbox(request: pytest.FixtureRequest, clock: FakeClock, _session_containers: dict[str, Any]) -> Outbox:
    if request.param == "fake":
        database = InMemoryDatabase()

        async def fake_ids(tokens: list[str]) -> list[str]:
            by_token = {kwargs["token"]: str(job_id) for job_id, _, kwargs in database.tables.outbox}
            return [by_token[t] for t in tokens]

        return Outbox(database, lambda queue, **options: MemoryOutboxRelay(
            database, clock, queue, redeliver_seconds=REDELIVER, **options),
            MemoryJobLedger(clock, database=database), fake_ids)

    engine = (await container_on(request.param, request, _session_containers)).engine()

    async def sql_ids(tokens: list[str]) -> list[str]:
        async with engine.connect() as conn:
            rows = await conn.execute(select(outbox_table.c.id, outbox_table.c.payload)
                                      .where(outbox_table.c.actor == ACTOR))
            by_token = {payload.get("token"): str(job_id) for job_id, payload in rows}
        return [by_token[t] for t in tokens]

    return Outbox(SqlUnitOfWorkFactory(engine, clock, after_commit=None),  # only the test's relays send
                  lambda queue, **options: SqlOutboxRelay(engine, clock, queue, redeliver_seconds=REDELIVER,
                                                          **options),
                  SqlJobLedger(engine, clock, lease_seconds=60), sql_ids)


async def commit_jobs(outbox: Outbox, n: int = 1) -> list[str]:
    """Commit ``n`` ping jobs; return their ids as the queue sees them."""
    tokens = [uuid.uuid4().hex for _ in range(n)]
    async with outbox.uow_factory() as uow:
        for token in tokens:
            uow.jobs.enqueue(ACTOR, token=token)
        await uow.commit()
    return await outbox.ids(tokens)


def sent(queue: RecordingTaskQueue, mine: list[str]) -> list[str]:
    return [job_id for _, _, job_id, _ in queue.sent if job_id in mine]


@pytest.fixture
def committed(outbox: Outbox) -> Callable[[int], Awaitable[list[str]]]:
    """Jobs committed and, like rows whose process died after the commit, never relayed."""
    return lambda n=1: commit_jobs(outbox, n)


async def test_relay_sends_the_jobs_it_is_given_once(outbox: Outbox, committed: Any) -> None:
    mine = await committed(2)
    queue = RecordingTaskQueue()
    relay = outbox.relay_to(queue)
    assert await relay.relay([uuid.UUID(mine[0])]) == 1
    assert sent(queue, mine) == [mine[0]]  # the other job is left to the sweep
    (actor, payload, _, delay), = queue.sent
    assert actor == ACTOR and set(payload) == {"token"} and delay == 0
    assert await relay.relay([uuid.UUID(mine[0])]) == 0  # sent: not due again yet
    assert await relay.relay([]) == 0
    await relay.sweep()
    assert sorted(sent(queue, mine)) == sorted(mine)


async def test_a_sweep_sends_never_sent_jobs_and_then_nothing_more(outbox: Outbox, committed: Any) -> None:
    mine = await committed(3)
    queue = RecordingTaskQueue()
    relay = outbox.relay_to(queue)
    assert await relay.sweep() >= 3
    await relay.sweep()
    assert sorted(sent(queue, mine)) == sorted(mine)


async def test_a_sent_job_is_sent_again_unless_finished(outbox: Outbox, committed: Any, clock: FakeClock) -> None:
    finished, lost = await committed(2)
    queue = RecordingTaskQueue()
    relay = outbox.relay_to(queue)
    await relay.sweep()
    assert await outbox.ledger.claim(uuid.UUID(finished), ACTOR)
    await outbox.ledger.finish(uuid.UUID(finished))  # the worker ran it; ``lost`` never arrived
    clock.advance(REDELIVER - 1)
    await relay.sweep()
    assert sorted(sent(queue, [finished, lost])) == sorted([finished, lost])  # not yet: it may be on its way
    clock.advance(1)
    await relay.sweep()
    assert sorted(sent(queue, [finished, lost])) == sorted([finished, lost, lost])


class DownQueue:
    def __init__(self) -> None:
        self.tries = 0

    async def send(self, actor: str, payload: dict[str, Any], *, job_id: str, delay_seconds: float = 0) -> None:
        self.tries += 1
        raise ConnectionError("broker unreachable")


async def test_a_failed_send_backs_off_and_relay_never_raises(outbox: Outbox, committed: Any,
                                                              clock: FakeClock) -> None:
    mine = await committed(1)
    down: TaskQueue = DownQueue()
    assert await outbox.relay_to(down).relay([uuid.UUID(mine[0])]) == 0
    queue = RecordingTaskQueue()
    await outbox.relay_to(queue).sweep()
    assert sent(queue, mine) == []  # backing off
    clock.advance(2)  # the first retry waits 2 s
    await outbox.relay_to(queue).sweep()
    assert sent(queue, mine) == mine


async def test_a_job_is_given_up_after_its_attempts(outbox: Outbox, committed: Any, clock: FakeClock) -> None:
    mine = await committed(1)
    down = DownQueue()
    for _ in range(3):
        await outbox.relay_to(down, max_attempts=3).sweep()
        clock.advance(REDELIVER)
    queue = RecordingTaskQueue()
    await outbox.relay_to(queue, max_attempts=3).sweep()
    assert sent(queue, mine) == []  # three takes: no more
    await outbox.relay_to(queue, max_attempts=4).sweep()
    assert sent(queue, mine) == mine


async def test_concurrent_relays_never_send_a_row_twice(outbox: Outbox, committed: Any) -> None:
    mine = await committed(20)
    queue = RecordingTaskQueue()
    relays = [outbox.relay_to(queue, batch=3) for _ in range(4)]
    await asyncio.gather(*(r.sweep() for r in relays))
    assert sorted(sent(queue, mine)) == sorted(mine)


async def test_only_committed_jobs_reach_the_outbox(outbox: Outbox) -> None:
    """The JobOutbox side: a job exists exactly when its unit of work commits."""
    kept, dropped, rolled_back = (uuid.uuid4().hex for _ in range(3))
    async with outbox.uow_factory() as uow:
        uow.jobs.enqueue(ACTOR, token=dropped)  # never committed
    async with outbox.uow_factory() as uow:
        uow.jobs.enqueue(ACTOR, token=rolled_back)
        await uow.rollback()
        uow.jobs.enqueue(ACTOR, token=kept)
        await uow.commit()
    queue = RecordingTaskQueue()
    await outbox.relay_to(queue).sweep()
    tokens = {payload["token"] for _, payload, _, _ in queue.sent}
    assert kept in tokens and not {dropped, rolled_back} & tokens
