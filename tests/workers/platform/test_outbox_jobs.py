"""The transactional outbox end to end: commit -> outbox row -> relay -> broker -> worker -> ping row,
on SQLite and PostgreSQL, with the in-process broker and Redis; and what happens when it breaks."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import dramatiq
import dramatiq.broker
import pytest
from sqlalchemy import func, select

from inergize.adapters.jobs import SqlOutboxRelay
from inergize.adapters.persistence.tables.jobs import processed_jobs
from inergize.adapters.persistence.tables.platform import outbox
from inergize.adapters.persistence.unit_of_work import SqlUnitOfWorkFactory
from inergize.application.platform.ping import PING_JOB
from inergize.entrypoints.workers.jobs import FORMER_NAMES, JOBS
from inergize.entrypoints.workers.periodic import tick_once
from inergize.entrypoints.workers.runtime import Workers, bind_actors
from inergize.entrypoints.workers.spec import JobSpec
from tests.fakes.clock import FakeClock


async def enqueue_ping(c: Any, uow_factory: Any = None) -> tuple[str, uuid.UUID]:
    token = uuid.uuid4().hex
    async with (uow_factory or c.uow_factory())() as uow:
        uow.jobs.enqueue(PING_JOB, token=token)
        job_id = uow.jobs.pending[-1][0]  # the outbox id (a fast worker may retire the row at once)
        await uow.commit()
    return token, job_id


async def outbox_row(c: Any, job_id: uuid.UUID) -> Any:
    async with c.engine().connect() as conn:
        return (await conn.execute(select(outbox).where(outbox.c.id == job_id))).one_or_none()


async def drain(workers: Workers) -> None:
    await asyncio.to_thread(workers.join)


@pytest.fixture
async def workers(jobs_container: Any) -> Any:
    w = Workers(jobs_container, threads=2)
    yield w
    await asyncio.to_thread(w.stop)


def test_every_actor_uses_the_containers_broker_and_no_rabbitmq_broker_exists(jobs_container: Any) -> None:
    actors = bind_actors(jobs_container)
    broker = jobs_container.broker()
    assert set(actors) == set(JOBS) | set(FORMER_NAMES) and PING_JOB in actors
    assert all(actor.broker is broker for actor in actors.values())
    assert all(broker.get_actor(name).broker is broker for name in broker.get_declared_actors())
    # Dramatiq's global default (a RabbitMQ broker, created on first use) was never created
    global_broker = dramatiq.broker.global_broker
    assert global_broker is None or type(global_broker).__name__ != "RabbitmqBroker"
    expected = "RedisBroker" if jobs_container.settings().redis_url else "StubBroker"
    assert type(broker).__name__ == expected


async def test_a_committed_job_runs_exactly_once(jobs_container: Any, workers: Workers) -> None:
    c = jobs_container
    workers.start()
    token, job_id = await enqueue_ping(c)
    await drain(workers)
    assert await c.ping_log().count(token) == 1
    assert await outbox_row(c, job_id) is None  # finished: retired from the outbox
    async with c.engine().connect() as conn:
        state = (await conn.execute(select(processed_jobs.c.state).where(processed_jobs.c.job_id == job_id))
                 ).scalar_one()
    assert state == "done"
    assert (await tick_once(c))["outbox.sweep"] is True  # a sweep finds nothing left to send
    await drain(workers)
    assert await c.ping_log().count(token) == 1


async def test_a_job_committed_under_its_former_name_still_runs_once(jobs_container: Any,
                                                                     workers: Workers) -> None:
    c = jobs_container
    workers.start()
    token = uuid.uuid4().hex
    async with c.uow_factory()() as uow:
        uow.jobs.enqueue("ping", token=token)  # an outbox row written before the job was renamed
        job_id = uow.jobs.pending[-1][0]
        await uow.commit()
    await drain(workers)
    assert await c.ping_log().count(token) == 1
    assert await outbox_row(c, job_id) is None
    await c.task_queue().send("ping", {"token": token}, job_id=str(job_id))  # a late redelivery
    await drain(workers)
    assert await c.ping_log().count(token) == 1


def test_each_actor_carries_its_jobs_options(jobs_container: Any) -> None:
    actors = bind_actors(jobs_container)
    lease = jobs_container.settings().job_lease_seconds
    for name, actor in actors.items():
        spec = JOBS[FORMER_NAMES.get(name, name)]
        assert actor.queue_name == "inergize"
        assert actor.options == spec.dramatiq_options(lease)
        assert actor.options["time_limit"] <= lease * 1000


async def test_a_rolled_back_unit_of_work_enqueues_nothing(jobs_container: Any) -> None:
    c = jobs_container
    token = uuid.uuid4().hex
    async with c.uow_factory()() as uow:
        uow.jobs.enqueue(PING_JOB, token=token)  # never committed
    async with c.engine().connect() as conn:
        n = (await conn.execute(select(func.count()).select_from(outbox)
                                .where(outbox.c.payload["token"].as_string() == token))).scalar_one()
    assert n == 0


async def test_a_crash_between_commit_and_relay_is_healed_by_the_sweep(jobs_container: Any,
                                                                         workers: Workers) -> None:
    c = jobs_container
    workers.start()
    # the process "dies" right after the commit: no after-commit relay runs
    crashed = SqlUnitOfWorkFactory(c.engine(), c.clock(), after_commit=None)
    token, job_id = await enqueue_ping(c, crashed)
    await drain(workers)
    assert await c.ping_log().count(token) == 0
    assert (await outbox_row(c, job_id)).sent_at is None
    # a new process starts; its tick sweeps the outbox
    assert await c.outbox_relay().sweep() >= 1
    await drain(workers)
    assert await c.ping_log().count(token) == 1
    assert await outbox_row(c, job_id) is None
    assert await c.outbox_relay().sweep() == 0
    await drain(workers)
    assert await c.ping_log().count(token) == 1


async def test_a_lost_in_memory_queue_is_refilled_by_the_sweep(jobs_container: Any, workers: Workers,
                                                                clock: FakeClock) -> None:
    c = jobs_container
    token, job_id = await enqueue_ping(c)  # relayed: sent to the broker, marked sent
    assert (await outbox_row(c, job_id)).sent_at is not None
    c.broker().flush_all()  # the queue dies with its messages (a restart of the in-memory broker)
    workers.start()
    await drain(workers)
    assert await c.ping_log().count(token) == 0
    assert await c.outbox_relay().sweep() == 0  # not yet: the job might still be on its way
    clock.advance(c.settings().outbox_redeliver_seconds)
    assert await c.outbox_relay().sweep() == 1
    await drain(workers)
    assert await c.ping_log().count(token) == 1
    assert await outbox_row(c, job_id) is None
    clock.advance(c.settings().outbox_redeliver_seconds)
    assert await c.outbox_relay().sweep() == 0


async def test_a_crash_between_send_and_mark_sent_still_runs_the_job_once(
        jobs_container: Any, workers: Workers, clock: FakeClock) -> None:
    c = jobs_container
    relay = c.outbox_relay()

    async def dies_before_marking(sent: Any, failed: Any) -> None:
        raise ConnectionError("process killed after the broker took the message")

    crashed = SqlUnitOfWorkFactory(c.engine(), c.clock(), after_commit=None)
    token, _ = await enqueue_ping(c, crashed)
    original = relay._mark
    relay._mark = dies_before_marking
    try:
        with pytest.raises(ConnectionError):
            await relay.sweep()  # sent, never marked: the row stays claimed
    finally:
        relay._mark = original
    clock.advance(61)  # the claim's lease ran out
    assert await relay.sweep() == 1  # so it is sent a second time
    workers.start()
    await drain(workers)
    assert await c.ping_log().count(token) == 1  # two deliveries, one run


async def test_a_failed_send_is_retried_later(jobs_container: Any, clock: FakeClock,
                                              workers: Workers) -> None:
    c = jobs_container

    class DownQueue:
        async def send(self, *args: Any, **kwargs: Any) -> None:
            raise ConnectionError("broker unreachable")

    down = SqlOutboxRelay(c.engine(), c.clock(), DownQueue())
    factory = SqlUnitOfWorkFactory(c.engine(), c.clock(), after_commit=down.relay)
    token, job_id = await enqueue_ping(c, factory)  # the relay's failure does not fail the commit
    row = await outbox_row(c, job_id)
    assert row.sent_at is None and row.attempts == 1
    assert await c.outbox_relay().sweep() == 0  # backing off
    clock.advance(2)
    workers.start()
    assert await c.outbox_relay().sweep() == 1
    await drain(workers)
    assert await c.ping_log().count(token) == 1


async def test_concurrent_relays_never_send_a_row_twice(jobs_container: Any) -> None:
    c = jobs_container
    sent: list[str] = []

    class RecordingQueue:
        async def send(self, actor: str, payload: dict[str, Any], *, job_id: str,
                       delay_seconds: float = 0) -> None:
            await asyncio.sleep(0)
            sent.append(job_id)

    crashed = SqlUnitOfWorkFactory(c.engine(), c.clock(), after_commit=None)
    ids = {str((await enqueue_ping(c, crashed))[1]) for _ in range(30)}
    relays = [SqlOutboxRelay(c.engine(), c.clock(), RecordingQueue(), batch=7) for _ in range(4)]
    counts = await asyncio.gather(*(r.sweep() for r in relays))
    mine = [j for j in sent if j in ids]
    assert sorted(mine) == sorted(ids)  # every row sent, none twice
    assert sum(counts) == len(sent)


async def test_a_duplicate_delivery_runs_the_handler_once(jobs_container: Any, workers: Workers) -> None:
    c = jobs_container
    token, job_id = await enqueue_ping(c, SqlUnitOfWorkFactory(c.engine(), c.clock(), after_commit=None))
    queue = c.task_queue()
    for _ in range(3):
        await queue.send(PING_JOB, {"token": token}, job_id=str(job_id))
    workers.start()
    await drain(workers)
    assert await c.ping_log().count(token) == 1


async def test_a_failing_handler_is_retried_and_then_runs_to_completion(jobs_container: Any) -> None:
    from inergize.entrypoints.workers import jobs as registry

    c = jobs_container
    attempts: list[str] = []

    async def flaky(container: Any, *, token: str) -> None:
        attempts.append(token)
        if len(attempts) == 1:
            raise ConnectionError("a provider hiccup")
        await container.ping_log().record(token, container.clock().now())

    registry.register(JobSpec("test.flaky", flaky))
    try:
        workers = Workers(c, threads=1)
        workers.start()
        try:
            token = uuid.uuid4().hex
            async with c.uow_factory()() as uow:
                uow.jobs.enqueue("test.flaky", token=token)
                job_id = uow.jobs.pending[-1][0]
                await uow.commit()
            await drain(workers)
        finally:
            await asyncio.to_thread(workers.stop)
    finally:
        del registry.JOBS["test.flaky"]
    assert attempts == [token, token]  # released after the failure, taken again by Dramatiq's retry
    assert await c.ping_log().count(token) == 1
    assert await outbox_row(c, job_id) is None
