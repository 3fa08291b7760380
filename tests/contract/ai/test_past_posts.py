"""The PastPosts contract (what voice learning reads) over the fake, SQLite (the embedded default) and
PostgreSQL: a user's published posts, newest first, at most ``limit``, never another user's and never a
post that did not go out. Posts are written where each implementation keeps them (the SQL one reads
``linkedin_posts``)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import msgspec
import pytest
from sqlalchemy import insert

from inergize.adapters.persistence.past_posts import SqlPastPosts
from inergize.adapters.persistence.tables.linkedin import linkedin_posts
from inergize.domain.accounts.users import User
from inergize.ports.past_posts import PastPosts
from tests.fakes.ai import FakePastPosts
from tests.fakes.clock import FakeClock
from tests.support.containers import container_on


class Source(msgspec.Struct):
    past_posts: PastPosts
    user: Callable[[], Awaitable[uuid.UUID]]  # a new user
    post: Callable[[uuid.UUID, str, datetime, str], Awaitable[None]]  # (user, text, when, state)


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def source(request: pytest.FixtureRequest, clock: FakeClock, _session_containers: dict[str, Any]) -> Source:
    if request.param == "fake":
        fake = FakePastPosts()
        written: dict[uuid.UUID, list[tuple[datetime, str]]] = {}

        async def new_user() -> uuid.UUID:
            return uuid.uuid4()

        async def fake_post(user_id: uuid.UUID, text: str, at: datetime, state: str) -> None:
            if state == "published":
                written.setdefault(user_id, []).append((at, text))
                fake.by_user[user_id] = [t for _, t in sorted(written[user_id], reverse=True)]

        return Source(fake, new_user, fake_post)
    container = await container_on(request.param, request, _session_containers)
    engine = container.engine()

    async def sql_user() -> uuid.UUID:
        now = clock.now()
        user = User(id=uuid.uuid4(), email=f"u{uuid.uuid4().hex[:12]}@example.com", created_at=now, updated_at=now)
        async with container.uow_factory()() as uow:
            await uow.users.add(user)
            await uow.commit()
        return user.id

    async def sql_post(user_id: uuid.UUID, text: str, at: datetime, state: str) -> None:
        async with engine.begin() as conn:
            await conn.execute(insert(linkedin_posts).values(
                id=uuid.uuid4(), user_id=user_id, idempotency_key=uuid.uuid4().hex, state=state, commentary=text,
                request={}, media_urns=[], created_at=at, updated_at=at,
                published_at=at if state == "published" else None))

    return Source(SqlPastPosts(engine), sql_user, sql_post)


async def test_published_posts_come_newest_first_up_to_the_limit(source: Source, clock: FakeClock) -> None:
    user = await source.user()
    start = clock.now()
    for day in (3, 1, 4, 2):
        await source.post(user, f"post of day {day}", start + timedelta(days=day), "published")
    assert await source.past_posts.texts(user) == [f"post of day {d}" for d in (4, 3, 2, 1)]
    assert await source.past_posts.texts(user, limit=2) == ["post of day 4", "post of day 3"]


async def test_only_the_users_own_posts_that_went_out_count(source: Source, clock: FakeClock) -> None:
    user, other = await source.user(), await source.user()
    now = clock.now()
    await source.post(user, "mine", now, "published")
    await source.post(other, "theirs", now + timedelta(hours=1), "published")
    for state in ("pending", "failed", "unknown"):
        await source.post(user, f"never out ({state})", now + timedelta(hours=2), state)
    assert await source.past_posts.texts(user) == ["mine"]


async def test_a_user_without_posts_has_none(source: Source) -> None:
    assert await source.past_posts.texts(await source.user()) == []
