"""The content list, decoded from the database's JSON straight into ``Content``, on SQLite and
PostgreSQL: the same items as read one by one, newest first, every item once across pages."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from inergize.domain.content.library import Content, ContentKind, VersionState


async def test_pages_hold_the_same_items_as_single_reads_newest_first(container: Any, clock: Any) -> None:
    user_id = uuid.uuid4()
    async with container.uow_factory()() as uow:
        from inergize.domain.accounts.users import User

        now = clock.now()
        await uow.users.add(User(id=user_id, email=f"l{uuid.uuid4().hex[:10]}@example.com", created_at=now,
                                 updated_at=now))
        for i in range(5):
            at = now + timedelta(microseconds=123_457 * i) if i != 3 else now + timedelta(microseconds=123_457 * 2)
            await uow.content.add(Content(
                id=uuid.uuid4(), user_id=user_id, kind=ContentKind.CAROUSEL if i % 2 else ContentKind.POST,
                title=f"Item {i} «ü»", body='quote " and \\ backslash\n', state=VersionState.READY,
                data={"slides": [{"title": "ü", "n": i}], "flag": True, "none": None}, created_at=at,
                updated_at=at + timedelta(seconds=1)))
        await uow.commit()
    async with container.uow_factory()(read_only=True) as uow:
        whole = await uow.content.list_for_user(user_id, limit=50, cursor=None)
        singles = [await uow.content.get(item.id) for item in whole.items]
        walked, cursor = [], None
        while True:
            page = await uow.content.list_for_user(user_id, limit=2, cursor=cursor)
            walked += page.items
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        empty = await uow.content.list_for_user(uuid.uuid4(), limit=50, cursor=None)
    assert whole.items == singles and whole.next_cursor is None and len(whole.items) == 5
    assert [(i.created_at, i.id) for i in whole.items] == sorted(((i.created_at, i.id) for i in whole.items),
                                                                 reverse=True)
    assert all(i.created_at.utcoffset() == i.updated_at.utcoffset() == timedelta(0) for i in whole.items)
    assert walked == whole.items
    assert empty.items == [] and empty.next_cursor is None


async def test_a_page_read_in_the_unit_of_work_that_wrote_holds_its_writes(container: Any, clock: Any) -> None:
    """The page's prebuilt read runs on the driver connection the unit of work holds, so inside a write
    transaction it sees what that transaction wrote and did not commit yet; a rollback leaves nothing."""
    from inergize.domain.accounts.users import User

    user_id, now = uuid.uuid4(), clock.now()
    async with container.uow_factory()() as uow:
        await uow.users.add(User(id=user_id, email=f"w{uuid.uuid4().hex[:10]}@example.com", created_at=now,
                                 updated_at=now))
        await uow.commit()
    item = Content(id=uuid.uuid4(), user_id=user_id, kind=ContentKind.POST, title="Unsaved", body="b",
                   state=VersionState.DRAFT, data={}, created_at=now, updated_at=now)
    async with container.uow_factory()() as uow:
        await uow.content.add(item)
        assert (await uow.content.list_for_user(user_id, limit=10, cursor=None)).items == [item]
        await uow.rollback()
        assert (await uow.content.list_for_user(user_id, limit=10, cursor=None)).items == []
    async with container.uow_factory()(read_only=True) as uow:
        assert (await uow.content.list_for_user(user_id, limit=10, cursor=None)).items == []
