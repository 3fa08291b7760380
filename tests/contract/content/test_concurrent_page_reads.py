"""Many users' pages read at once, on SQLite and PostgreSQL. On PostgreSQL the page reads of read-only
units of work go in batches (one statement for every read asked for while the previous batch was out),
so each read must still get its own user's page at its own position, a cancelled read must not take
the others down, and a read asked for after a write committed must see it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event

from inergize.domain.accounts.users import User
from inergize.domain.content.library import Content, ContentKind, VersionState
from inergize.domain.platform.pagination import Page
from tests.support.containers import container_on


@pytest.fixture
async def postgres_container(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> Any:
    return await container_on("postgres", request, _session_containers)


async def _user_with_items(container: Any, clock: Any, count: int) -> tuple[uuid.UUID, list[Content]]:
    """A user with ``count`` items, newest first."""
    user_id, now = uuid.uuid4(), clock.now()
    items = [Content(id=uuid.uuid4(), user_id=user_id, kind=ContentKind.POST, title=f"{user_id.hex[:6]} {i}",
                     body="b", state=VersionState.DRAFT, data={"n": i}, created_at=now + timedelta(seconds=i),
                     updated_at=now + timedelta(seconds=i)) for i in range(count)]
    async with container.uow_factory()() as uow:
        await uow.users.add(User(id=user_id, email=f"c{uuid.uuid4().hex[:10]}@example.com", created_at=now,
                                 updated_at=now))
        for item in items:
            await uow.content.add(item)
        await uow.commit()
    return user_id, items[::-1]


async def _page(container: Any, user_id: uuid.UUID, limit: int, cursor: str | None) -> Page[Content]:
    async with container.uow_factory()(read_only=True) as uow:
        page: Page[Content] = await uow.content.list_for_user(user_id, limit=limit, cursor=cursor)
        return page


async def test_pages_read_at_once_each_hold_their_own_users_items_at_their_own_position(
        container: Any, clock: Any) -> None:
    users = [await _user_with_items(container, clock, count) for count in (0, 1, 3, 4, 7, 2, 5)]
    first = await asyncio.gather(*(_page(container, user_id, 3, None) for user_id, _ in users))
    for (_, items), page in zip(users, first, strict=True):
        assert page.items == items[:3]
        assert (page.next_cursor is not None) == (len(items) > 3)

    # first pages and next pages, of the same and of different users, asked for together
    asks = [(user_id, page.next_cursor) for (user_id, _), page in zip(users, first, strict=True) if page.next_cursor]
    asks += [(user_id, None) for user_id, _ in users]
    pages = await asyncio.gather(*(_page(container, user_id, 3, cursor) for user_id, cursor in asks))
    expected = dict(users)
    for (user_id, cursor), page in zip(asks, pages, strict=True):
        assert page.items == (expected[user_id][3:6] if cursor else expected[user_id][:3])


async def test_a_cancelled_page_read_leaves_the_others_of_its_batch_answered(
        postgres_container: Any, clock: Any) -> None:
    users = [await _user_with_items(postgres_container, clock, 2) for _ in range(6)]
    tasks = [asyncio.ensure_future(_page(postgres_container, user_id, 5, None)) for user_id, _ in users]
    await asyncio.sleep(0)  # every read asked for, none answered
    tasks[2].cancel()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    assert isinstance(done[2], asyncio.CancelledError)
    for i, ((_, items), page) in enumerate(zip(users, done, strict=True)):
        if i != 2:
            assert isinstance(page, Page) and page.items == items


async def test_a_page_read_asked_for_after_a_write_committed_holds_it_while_others_read(
        container: Any, clock: Any) -> None:
    """Readers keep batches going; each write is followed by a read that must hold it."""
    user_id, _ = await _user_with_items(container, clock, 1)
    busy = [await _user_with_items(container, clock, 3) for _ in range(4)]
    stop = asyncio.Event()

    async def keep_reading(other: uuid.UUID) -> int:
        reads = 0
        while not stop.is_set():
            await _page(container, other, 10, None)
            reads += 1
            await asyncio.sleep(0)  # on SQLite a read never waits, so let the writer in
        return reads

    readers = [asyncio.ensure_future(keep_reading(other)) for other, _ in busy]
    try:
        for i in range(15):
            at = clock.now() + timedelta(minutes=1 + i)
            item = Content(id=uuid.uuid4(), user_id=user_id, kind=ContentKind.POST, title=f"New {i}", body="b",
                           state=VersionState.DRAFT, data={}, created_at=at, updated_at=at)
            async with container.uow_factory()() as uow:
                await uow.content.add(item)
                await uow.commit()
            assert (await _page(container, user_id, 1, None)).items == [item]
    finally:
        stop.set()
        assert all(n > 0 for n in await asyncio.gather(*readers))


async def test_page_reads_asked_for_together_on_postgres_share_one_connection_checkout(
        postgres_container: Any, clock: Any) -> None:
    users = [await _user_with_items(postgres_container, clock, 2) for _ in range(20)]
    engine = postgres_container.uow_factory().engine
    checkouts = 0

    def counted(*_: Any) -> None:
        nonlocal checkouts
        checkouts += 1

    event.listen(engine.sync_engine, "checkout", counted)
    try:
        pages = await asyncio.gather(*(_page(postgres_container, user_id, 5, None) for user_id, _ in users))
    finally:
        event.remove(engine.sync_engine, "checkout", counted)
    assert [page.items for page in pages] == [items for _, items in users]
    assert checkouts <= 2  # one per batch, not one per read
