"""Repository contract, run on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import insert, select

from inergize.domain.content.library import Content, ContentKind
from inergize.domain.platform.errors import PreconditionFailed, ValidationFailed


async def test_user_round_trip_and_lookup_by_email(container: Any, make_user: Any) -> None:
    u = await make_user(display_name="Ada", timezone="Europe/Berlin")
    async with container.uow_factory()(read_only=True) as uow:
        by_id = await uow.users.get(u.user.id)
        by_email = await uow.users.get_by_email(u.user.email)
    assert by_id == by_email
    assert by_id is not None and by_id.display_name == "Ada" and by_id.timezone == "Europe/Berlin"
    assert by_id.created_at.tzinfo is not None


async def test_update_checks_the_version(container: Any, make_user: Any) -> None:
    u = await make_user()
    async with container.uow_factory()() as uow:
        a = await uow.users.get(u.user.id)
        assert a is not None
        a.display_name = "first"
        await uow.users.update(a)
        await uow.commit()
    stale = u.user  # still version 1
    stale.display_name = "second"
    async with container.uow_factory()() as uow:
        with pytest.raises(PreconditionFailed):
            await uow.users.update(stale)


async def test_aware_times_in_any_zone_come_back_as_the_same_utc_instant_in_order(container: Any) -> None:
    """SQLite drops offsets: the shared column type must store instants, not wall times."""
    from inergize.adapters.persistence.tables.seed import analytics_events as t

    user_id = (await _user(container)).id
    plus14 = timezone(timedelta(hours=14))
    minus10 = timezone(timedelta(hours=-10))
    # Wall-clock order is the opposite of instant order here.
    early = datetime(2026, 6, 1, 20, 0, tzinfo=plus14)   # 06:00 UTC
    late = datetime(2026, 6, 1, 0, 30, tzinfo=minus10)   # 10:30 UTC
    async with container.uow_factory()() as uow:
        for n, when in enumerate((late, early)):
            await uow.connection.execute(insert(t).values(
                id=uuid.uuid4(), user_id=user_id, event_type="impressions", value=n, payload={},
                source="test", occurred_at=when, created_at=when))
        await uow.commit()
    async with container.uow_factory()(read_only=True) as uow:
        rows = (await uow.connection.execute(
            select(t.c.occurred_at).where(t.c.user_id == user_id).order_by(t.c.occurred_at))).all()
    got = [r.occurred_at for r in rows]
    assert got == [early, late]
    assert all(g.tzinfo is not None and g.utcoffset() == timedelta(0) for g in got)


async def test_naive_datetimes_are_refused(container: Any) -> None:
    from sqlalchemy.exc import StatementError

    user = await _user(container)
    user.updated_at = datetime(2026, 1, 1)
    async with container.uow_factory()() as uow:
        with pytest.raises(StatementError):
            await uow.users.update(user)


async def test_content_pages_follow_the_cursor_without_gaps_or_repeats(container: Any, make_user: Any) -> None:
    owner = await make_user()
    other = await make_user()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    ids = []
    async with container.uow_factory()() as uow:
        for i in range(7):
            # Two items share each timestamp, so the id must break ties.
            when = base + timedelta(minutes=i // 2)
            item = Content(id=uuid.uuid4(), user_id=owner.user.id, kind=ContentKind.POST, title=f"t{i}", body="",
                           created_at=when, updated_at=when)
            await uow.content.add(item)
            ids.append(item.id)
        await uow.content.add(Content(id=uuid.uuid4(), user_id=other.user.id, kind=ContentKind.POST, title="x",
                                      body="", created_at=base, updated_at=base))
        await uow.commit()
    seen: list[uuid.UUID] = []
    cursor = None
    async with container.uow_factory()(read_only=True) as uow:
        while True:
            page = await uow.content.list_for_user(owner.user.id, limit=3, cursor=cursor)
            seen += [i.id for i in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))
    times = [i for i in seen]
    assert len(times) == 7


async def test_a_tampered_cursor_is_a_validation_error(container: Any, make_user: Any) -> None:
    owner = await make_user()
    async with container.uow_factory()(read_only=True) as uow:
        with pytest.raises(ValidationFailed):
            await uow.content.list_for_user(owner.user.id, limit=3, cursor="not-a-cursor")


async def test_leaving_without_commit_rolls_back(container: Any) -> None:
    from inergize.domain.accounts.users import User

    now = datetime(2026, 1, 1, tzinfo=UTC)
    user = User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", created_at=now, updated_at=now)
    async with container.uow_factory()() as uow:
        await uow.users.add(user)
    async with container.uow_factory()(read_only=True) as uow:
        assert await uow.users.get(user.id) is None


async def test_outbox_rows_are_written_in_the_same_transaction(container: Any) -> None:
    from inergize.adapters.persistence.tables.platform import outbox
    from inergize.application.platform.ping import PING_JOB

    marker = uuid.uuid4().hex
    async with container.uow_factory()() as uow:
        uow.jobs.enqueue(PING_JOB, token=marker)
    async with container.uow_factory()() as uow:
        uow.jobs.enqueue(PING_JOB, token=marker + "-kept")
        await uow.commit()
    async with container.uow_factory()(read_only=True) as uow:
        rows = (await uow.connection.execute(select(outbox.c.payload).where(outbox.c.actor == PING_JOB))).all()
    markers = [r.payload.get("token") for r in rows]
    assert marker + "-kept" in markers and marker not in markers


async def _user(container: Any) -> Any:
    from inergize.domain.accounts.users import User

    now = datetime(2026, 1, 1, tzinfo=UTC)
    user = User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", created_at=now, updated_at=now)
    async with container.uow_factory()() as uow:
        await uow.users.add(user)
        await uow.commit()
    return user
