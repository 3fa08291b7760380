"""Shared helpers of the scheduling tests: ready content, running publish jobs, faulty ports."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select

from inergize.adapters.persistence.tables.platform import outbox
from inergize.application.content.library import CreateContent, add_content
from inergize.application.scheduling.publishing import PUBLISH_JOB, Publisher
from inergize.domain.content.library import VersionState
from inergize.domain.linkedin.auth import MemberAuth
from inergize.domain.linkedin.posts import PostRequest, PublishedPost
from tests.support.memory_container import MemoryContainer
from tests.wire import linkedin as linkedin_wire

BERLIN = ZoneInfo("Europe/Berlin")


class Wire(msgspec.Struct):
    """The LinkedIn wire server: its address and what it saw."""

    url: str
    state: linkedin_wire.WireState


class WorkerKilled(RuntimeError):
    """Stands for a worker process dying at a given step."""


async def ready_content(container: Any, principal: Any, text: str) -> uuid.UUID:
    """Content whose current version passed moderation (set directly: moderation has tests of its own)."""
    async with container.uow_factory()() as uow:
        item = await add_content(
            uow, CreateContent(title="t", body=text), principal=principal, clock=container.clock()
        )
        version = await uow.content_versions.latest(item.id)
        await uow.content_versions.update(msgspec.structs.replace(version, state=VersionState.READY))
        await uow.commit()
    return item.id


async def schedule_as(container: Any, user: Any, clock: Any, content_id: uuid.UUID, at: datetime,
                      **options: Any) -> Any:
    """``content_id`` scheduled at ``at`` by ``user``; ``options`` are the rest of the command."""
    from inergize.application.scheduling import schedule as uc

    return await uc.schedule(
        uc.ScheduleCommand(content_id=content_id, at=at, **options),
        principal=user.principal,
        uow_factory=container.uow_factory(),
        clock=clock,
    )


async def schedule_ready(container: Any, user: Any, clock: Any, text: str, *, minutes: int = 1,
                         **options: Any) -> Any:
    """``text`` as ready content of ``user``, scheduled ``minutes`` from now; ``options`` are the rest of
    the command."""
    content_id = await ready_content(container, user.principal, text)
    return await schedule_as(container, user, clock, content_id, clock.now() + timedelta(minutes=minutes), **options)


async def update_queue_settings(container: Any, user: Any, clock: Any, command: Any, *,
                                expected_version: int = 0) -> Any:
    """``user``'s queue settings changed by ``command``, over the version the test last read."""
    from inergize.application.scheduling import queue_settings as ss

    return await ss.update_settings(
        command,
        expected_version=expected_version,
        principal=user.principal,
        uow_factory=container.uow_factory(),
        clock=clock,
    )


async def as_member(user_id: uuid.UUID, action: Any) -> Any:
    """Stands in for the LinkedIn capability's ``call_as_member``: a fixed token per user."""
    return await action(MemberAuth(access_token="token", member_urn=f"urn:li:person:{user_id.hex}"))


_SEEN: set[Any] = set()


async def pending_publish_jobs(container: Any) -> list[dict[str, Any]]:
    """Publish jobs written to the outbox since the last call, in order (the relay may already have
    handed them to the in-process broker; the test runs them itself, as a worker would)."""
    if isinstance(container, MemoryContainer):
        rows = [(job_id, kwargs) for job_id, actor, kwargs in container.database.tables.outbox if actor == PUBLISH_JOB]
    else:
        async with container.engine().connect() as conn:
            rows = [(r.id, r.payload) for r in (
                await conn.execute(
                    select(outbox.c.id, outbox.c.payload)
                    .where(outbox.c.actor == PUBLISH_JOB)
                    .order_by(outbox.c.created_at)
                )
            ).all()]
    fresh = [(job_id, payload) for job_id, payload in rows if job_id not in _SEEN]
    _SEEN.update(job_id for job_id, _ in fresh)
    return [dict(payload) for _, payload in fresh]


def publisher(container: Any, gateway: Any, uow_factory: Any = None) -> Publisher:
    return Publisher(
        uow_factory=uow_factory or container.uow_factory(),
        clock=container.clock(),
        gateway=gateway,
        as_member=as_member,
    )


async def publication_of(container: Any, user: Any, pid: Any) -> Any:
    """The publication as its owner reads it."""
    from inergize.application.scheduling import schedule as uc

    return await uc.get_publication(pid, principal=user.principal, uow_factory=container.uow_factory())


async def run_publish_jobs(container: Any, publisher: Publisher) -> list[dict[str, int]]:
    return [
        await publisher.publish(job["ids"], job["claim"]) for job in await pending_publish_jobs(container)
    ]


class FaultyGateway:
    """Delegates to a real gateway, dying once at ``fault``: ``before_call`` or ``after_accepted``."""

    def __init__(self, inner: Any, fault: str | None = None) -> None:
        self.inner = inner
        self.fault = fault
        self.calls = 0

    async def publish_post(self, auth: MemberAuth, post: PostRequest) -> PublishedPost:
        self.calls += 1
        if self.fault == "before_call":
            self.fault = None
            raise WorkerKilled("killed before the LinkedIn call")
        result: PublishedPost = await self.inner.publish_post(auth, post)
        if self.fault == "after_accepted":
            self.fault = None
            raise WorkerKilled("killed after LinkedIn accepted the post")
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class FaultyUowFactory:
    """A unit-of-work factory whose ``fail_commit``-th commit (1-based) dies instead of committing."""

    def __init__(self, inner: Any, fail_commit: int | None = None) -> None:
        self.inner = inner
        self.fail_commit = fail_commit
        self.commits = 0

    def __call__(self, *, read_only: bool = False) -> Any:
        uow = self.inner(read_only=read_only)
        factory = self
        original = uow.commit

        async def commit() -> None:
            factory.commits += 1
            if factory.commits == factory.fail_commit:
                raise WorkerKilled("killed before commit")
            await original()

        uow.commit = commit
        return uow
