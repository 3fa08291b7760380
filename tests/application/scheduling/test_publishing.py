"""Publishing end to end on SQLite and PostgreSQL where the database's locking is under test: concurrent
ticks' claims, exactly-once under faults (on the wire server and the sandbox), and the periodic tick and
publish job wired through the container. (The publishing rules run on the in-memory unit of work, in
test_publishing_rules.py.)"""

from __future__ import annotations

import asyncio
from contextlib import nullcontext
from typing import Any

import pytest

from inergize.application.scheduling.publishing import PUBLISH_JOB, Publisher, tick
from inergize.domain.scheduling.publication import CLAIM_SECONDS, PublicationState
from tests.support.scheduling import (
    FaultyGateway,
    FaultyUowFactory,
    Wire,
    WorkerKilled,
    publication_of,
    publisher,
    run_publish_jobs,
    schedule_ready,
)

pytestmark = pytest.mark.usefixtures("publications_settled")

S = PublicationState


@pytest.mark.parametrize("fault", ["before_call", "after_accepted", "before_commit"])
async def test_a_worker_killed_at_any_step_publishes_exactly_once_on_the_wire(
    container: Any, make_user: Any, clock: Any, rest_gateway: Any, wire: Wire, fault: str
) -> None:
    user = await make_user()
    factory = container.uow_factory()
    item = await schedule_ready(container, user, clock, f"Fault {fault} {user.user.id}", minutes=5)
    clock.set(item.due_at)
    gateway = FaultyGateway(rest_gateway, None if fault == "before_commit" else fault)
    # commit 1 = claimed → publishing, commit 2 = the recorded result
    faulty_uow = FaultyUowFactory(factory, 2 if fault == "before_commit" else None)
    assert await tick(uow_factory=factory, clock=clock) == 1
    try:
        await run_publish_jobs(container, publisher(container, gateway, faulty_uow))
    except WorkerKilled:
        pass
    stuck = await publication_of(container, user, item.id)
    assert stuck.state is S.PUBLISHING  # the outcome is not known yet: nothing is decided blindly
    # Before the claim expires nothing happens; after it, the next tick finds the item again.
    clock.advance(CLAIM_SECONDS - 1)
    assert await tick(uow_factory=factory, clock=clock) == 0
    clock.advance(2)
    assert await tick(uow_factory=factory, clock=clock) == 1
    await run_publish_jobs(container, publisher(container, rest_gateway))
    done = await publication_of(container, user, item.id)
    stats = wire.state.stats()
    assert done.state is S.PUBLISHED and done.post_urn and done.post_urn.startswith("urn:li:share:")
    assert stats["created"] == 1 and stats["created_twice"] == 0
    assert stats["duplicate_answers"] == (0 if fault == "before_call" else 1)  # the reconciliation probe
    assert gateway.calls == 1  # the faulty worker reached or skipped LinkedIn exactly once


async def test_concurrent_ticks_never_claim_the_same_item(container: Any, make_user: Any, clock: Any) -> None:
    user = await make_user()
    factory = container.uow_factory()
    ids = []
    for i in range(30):
        p = await schedule_ready(container, user, clock, f"Concurrent {i}", allow_close=True)
        ids.append(p.id)
    clock.advance(minutes=2)
    counts = await asyncio.gather(*(tick(uow_factory=factory, clock=clock, limit=7) for _ in range(6)))
    assert sum(counts) == 30
    async with factory(read_only=True) as uow:
        claimed = [await uow.publications.get(i) for i in ids]
    assert all(p.state is S.CLAIMED for p in claimed)
    assert len({p.claim_token for p in claimed}) <= 6


@pytest.mark.parametrize("fault", ["before_call", "after_accepted", "before_commit"])
async def test_a_worker_killed_at_any_step_publishes_exactly_once_on_the_sandbox(
    client: Any, container: Any, make_user: Any, clock: Any, fault: str
) -> None:
    """The product's publish path (call_as_member, the sandbox adapter and its own post record)."""
    from sqlalchemy import func, select

    from inergize.adapters.persistence.tables.linkedin import sandbox_posts
    from inergize.application.linkedin.member_calls import call_as_member
    from tests.support.linkedin_rest import connect_linkedin

    user = await make_user()
    await connect_linkedin(client, user)
    ports = container.linkedin_deps()

    async def as_member(user_id: Any, action: Any) -> Any:
        return await call_as_member(ports, user_id, action)

    def sandbox_publisher(gateway: Any, uow_factory: Any = None) -> Publisher:
        return Publisher(
            uow_factory=uow_factory or container.uow_factory(),
            clock=clock,
            gateway=gateway,
            as_member=as_member,
        )

    text = f"Sandbox fault {fault} {user.user.id}"
    factory = container.uow_factory()
    item = await schedule_ready(container, user, clock, text, minutes=5)
    clock.set(item.due_at)
    gateway = FaultyGateway(ports.gateway, None if fault == "before_commit" else fault)
    faulty_uow = FaultyUowFactory(factory, 2 if fault == "before_commit" else None)
    assert await tick(uow_factory=factory, clock=clock) == 1
    with pytest.raises(WorkerKilled) if fault == "before_commit" else nullcontext():
        await run_publish_jobs(container, sandbox_publisher(gateway, faulty_uow))
    assert (await publication_of(container, user, item.id)).state is S.PUBLISHING
    clock.advance(CLAIM_SECONDS + 1)
    assert await tick(uow_factory=factory, clock=clock) == 1
    await run_publish_jobs(container, sandbox_publisher(ports.gateway))
    done = await publication_of(container, user, item.id)
    async with container.engine().connect() as conn:
        urns = (
            await conn.execute(select(sandbox_posts.c.urn).where(sandbox_posts.c.commentary == text))
        ).all()
        total = (
            await conn.execute(
                select(func.count()).select_from(sandbox_posts).where(sandbox_posts.c.commentary == text)
            )
        ).scalar()
    assert total == 1 and done.state is S.PUBLISHED and done.post_urn == urns[0][0]


async def test_the_periodic_tick_and_the_registered_job_publish_through_the_container(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    """``inergize tick`` runs PERIODIC; the worker runs JOBS: both are wired to scheduling."""
    from inergize.entrypoints.workers.jobs import JOBS
    from inergize.entrypoints.workers.periodic import PERIODIC
    from tests.support.linkedin_rest import connect_linkedin
    from tests.support.scheduling import pending_publish_jobs

    user = await make_user()
    await connect_linkedin(client, user)
    item = await schedule_ready(container, user, clock, f"Periodic {user.user.id}", minutes=3)
    (task,) = [t for t in PERIODIC if t.name == "publications.claim"]
    clock.set(item.due_at)
    await task.fn(container)
    jobs = await pending_publish_jobs(container)
    assert [j["ids"] for j in jobs] == [[str(item.id)]]
    from prometheus_client import REGISTRY

    def counted(outcome: str) -> float:
        return REGISTRY.get_sample_value("inergize_publications_total", {"outcome": outcome}) or 0.0

    before = counted("published"), counted("skipped")
    for job in jobs:
        await JOBS[PUBLISH_JOB](container, **job)
        await JOBS[PUBLISH_JOB](container, **job)  # a redelivery changes nothing
    done = await publication_of(container, user, item.id)
    assert done.state is S.PUBLISHED and done.post_urn and done.attempts == 1
    assert (counted("published") - before[0], counted("skipped") - before[1]) == (1, 1)  # for /metrics
