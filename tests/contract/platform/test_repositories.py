"""The unit of work and its repositories, one contract run over the in-memory fake, SQLite and
PostgreSQL (the two column-type checks at the end concern the databases only)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest
from sqlalchemy import insert, select

from inergize.domain.accounts.users import User
from inergize.domain.content.library import Content, ContentKind
from inergize.domain.platform.errors import PreconditionFailed, ValidationFailed
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.containers import container_on


class Store(msgspec.Struct):
    """A unit-of-work factory and a way to read the jobs its commits left in the outbox."""

    factory: Any
    committed_jobs: Callable[[str], Awaitable[list[dict[str, Any]]]]


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> Store:
    if request.param == "fake":
        database = InMemoryDatabase()

        async def fake_jobs(actor: str) -> list[dict[str, Any]]:
            return [kwargs for _, kwargs in database.jobs(actor)]

        return Store(database, fake_jobs)
    container = await container_on(request.param, request, _session_containers)

    async def outbox_jobs(actor: str) -> list[dict[str, Any]]:
        from inergize.adapters.persistence.tables.platform import outbox

        async with container.uow_factory()(read_only=True) as uow:
            rows = (await uow.connection.execute(select(outbox.c.payload).where(outbox.c.actor == actor))).all()
        return [dict(r.payload) for r in rows]

    return Store(container.uow_factory(), outbox_jobs)


def new_user(**fields: Any) -> User:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", created_at=now, updated_at=now, **fields)


async def add_user(store: Store, **fields: Any) -> User:
    user = new_user(**fields)
    async with store.factory() as uow:
        await uow.users.add(user)
        await uow.commit()
    return user


async def test_user_round_trip_and_lookup_by_email(store: Store) -> None:
    u = await add_user(store, display_name="Ada", timezone="Europe/Berlin")
    async with store.factory(read_only=True) as uow:
        by_id = await uow.users.get(u.id)
        by_email = await uow.users.get_by_email(u.email)
    assert by_id == by_email
    assert by_id is not None and by_id.display_name == "Ada" and by_id.timezone == "Europe/Berlin"
    assert by_id.created_at.tzinfo is not None


async def rename(uow: Any, user_id: uuid.UUID, name: str) -> User:
    """The stored user, renamed through ``update`` (not committed)."""
    user = await uow.users.get(user_id)
    assert user is not None
    user.display_name = name
    await uow.users.update(user)
    return user


async def test_update_checks_the_version(store: Store) -> None:
    stale = await add_user(store)  # stays at version 1
    async with store.factory() as uow:
        a = await rename(uow, stale.id, "first")
        await uow.commit()
    assert a.version == 2
    stale.display_name = "second"
    async with store.factory() as uow:
        with pytest.raises(PreconditionFailed):
            await uow.users.update(stale)
    async with store.factory(read_only=True) as uow:
        kept = await uow.users.get(stale.id)
    assert kept is not None and kept.display_name == "first" and kept.version == 2


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


async def test_content_pages_follow_the_cursor_without_gaps_or_repeats(store: Store) -> None:
    owner = await add_user(store)
    other = await add_user(store)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    ids = []
    async with store.factory() as uow:
        for i in range(7):
            # Two items share each timestamp, so the id must break ties.
            when = base + timedelta(minutes=i // 2)
            item = Content(id=uuid.uuid4(), user_id=owner.id, kind=ContentKind.POST, title=f"t{i}", body="",
                           created_at=when, updated_at=when)
            await uow.content.add(item)
            ids.append(item.id)
        await uow.content.add(Content(id=uuid.uuid4(), user_id=other.id, kind=ContentKind.POST, title="x",
                                      body="", created_at=base, updated_at=base))
        await uow.commit()
    seen: list[uuid.UUID] = []
    cursor = None
    async with store.factory(read_only=True) as uow:
        while True:
            page = await uow.content.list_for_user(owner.id, limit=3, cursor=cursor)
            seen += [i.id for i in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen)) == 7


async def test_a_tampered_cursor_is_a_validation_error(store: Store) -> None:
    owner = await add_user(store)
    async with store.factory(read_only=True) as uow:
        with pytest.raises(ValidationFailed):
            await uow.content.list_for_user(owner.id, limit=3, cursor="not-a-cursor")


async def test_leaving_without_commit_rolls_back(store: Store) -> None:
    user = new_user()
    async with store.factory() as uow:
        await uow.users.add(user)
    async with store.factory(read_only=True) as uow:
        assert await uow.users.get(user.id) is None


async def test_an_explicit_rollback_forgets_what_the_unit_wrote_so_far(store: Store) -> None:
    kept = await add_user(store, display_name="kept")
    async with store.factory() as uow:
        await rename(uow, kept.id, "changed")
        await uow.rollback()
    async with store.factory(read_only=True) as uow:
        again = await uow.users.get(kept.id)
    assert again is not None and again.display_name == "kept"


async def test_an_error_inside_the_unit_leaves_nothing_behind(store: Store) -> None:
    user = new_user()
    with pytest.raises(RuntimeError):
        async with store.factory() as uow:
            await uow.users.add(user)
            raise RuntimeError("the use case failed before its commit")
    async with store.factory(read_only=True) as uow:
        assert await uow.users.get(user.id) is None


async def test_outbox_rows_are_written_in_the_same_transaction(store: Store) -> None:
    from inergize.application.platform.ping import PING_JOB

    marker = uuid.uuid4().hex
    async with store.factory() as uow:
        uow.jobs.enqueue(PING_JOB, token=marker)
    async with store.factory() as uow:
        uow.jobs.enqueue(PING_JOB, token=marker + "-kept")
        await uow.commit()
    markers = [job.get("token") for job in await store.committed_jobs(PING_JOB)]
    assert marker + "-kept" in markers and marker not in markers


async def _user(container: Any) -> Any:
    user = new_user()
    async with container.uow_factory()() as uow:
        await uow.users.add(user)
        await uow.commit()
    return user


async def test_an_idempotency_key_is_reserved_once_and_keeps_its_answer(store: Store) -> None:
    owner, now = f"user:{uuid.uuid4()}", datetime(2026, 1, 1, tzinfo=UTC)
    async with store.factory() as uow:
        assert await uow.idempotency.reserve(owner, "k1", "hash-1", now)
        assert await uow.idempotency.reserve(owner, "k2", "hash-2", now)
        await uow.commit()
    async with store.factory() as uow:
        assert not await uow.idempotency.reserve(owner, "k1", "hash-other", now)  # the first claim wins
        await uow.idempotency.complete(owner, "k1", 201, b'{"id": 1}')
        await uow.idempotency.release(owner, "k1")  # finished: release leaves it
        await uow.idempotency.release(owner, "k2")  # still in progress: release frees it
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        done = await uow.idempotency.get(owner, "k1")
        freed = await uow.idempotency.get(owner, "k2")
        elsewhere = await uow.idempotency.get(f"user:{uuid.uuid4()}", "k1")
    assert done is not None and (done.request_hash, done.status_code, done.body) == ("hash-1", 201, b'{"id": 1}')
    assert freed is None and elsewhere is None


async def test_content_versions_are_numbered_and_only_their_review_changes(store: Store) -> None:
    from inergize.domain.content.library import ContentVersion, ModerationIssue, VersionState

    owner = await add_user(store)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    item = Content(id=uuid.uuid4(), user_id=owner.id, kind=ContentKind.POST, title="t", body="b",
                   created_at=now, updated_at=now)
    versions = [ContentVersion(id=uuid.uuid4(), content_id=item.id, user_id=owner.id, number=n, title="t",
                               body=f"body {n}", created_at=now + timedelta(minutes=n)) for n in (2, 1)]
    async with store.factory() as uow:
        await uow.content.add(item)
        for version in versions:
            await uow.content_versions.add(version)
        await uow.commit()
    second = versions[0]
    reviewed = msgspec.structs.replace(second, state=VersionState.READY, body="rewritten", media=["m/1.png"],
                                       moderation=[ModerationIssue(code="link", detail="a link")])
    async with store.factory() as uow:
        await uow.content_versions.update(reviewed)
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        latest = await uow.content_versions.latest(item.id)
        listed = await uow.content_versions.list_for_content(item.id)
        missing = await uow.content_versions.latest(uuid.uuid4())
    assert [v.number for v in listed] == [2, 1] and missing is None  # newest first
    assert latest is not None and latest.id == second.id and latest.state is VersionState.READY
    assert latest.body == "body 2" and latest.media == ["m/1.png"] and latest.moderation == reviewed.moderation


async def test_users_are_listed_newest_first_and_found_by_every_word(store: Store) -> None:
    tag = uuid.uuid4().hex[:10]  # the databases hold other tests' users too
    ada = await add_user(store, display_name=f"Ada Lovelace {tag}")
    grace = await add_user(store, display_name=f"Grace Hopper {tag}")
    async with store.factory(read_only=True) as uow:
        both = await uow.users.list(limit=10, cursor=None, words=(tag.upper(),))
        one = await uow.users.list(limit=10, cursor=None, words=(tag, "lovelace"))
        first = await uow.users.list(limit=1, cursor=None, words=(tag,))
        rest = await uow.users.list(limit=1, cursor=first.next_cursor, words=(tag,))
    assert {u.id for u in both.items} == {ada.id, grace.id}
    assert [u.id for u in one.items] == [ada.id]
    assert [u.id for u in first.items + rest.items] == [u.id for u in both.items] and rest.next_cursor is None


async def test_the_audit_log_pages_newest_first_per_user(store: Store) -> None:
    from inergize.domain.accounts.security import AuditEvent

    user, other = await add_user(store), await add_user(store)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    events = [AuditEvent(id=uuid.uuid4(), user_id=owner.id, actor_id=owner.id, action=f"login.{n}",
                         detail={"n": n}, ip="203.0.113.7", user_agent="pytest", created_at=base + timedelta(n))
              for n, owner in enumerate([user, user, other, user])]
    async with store.factory() as uow:
        for event in events:
            await uow.audit.add(event)
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        first = await uow.audit.list(user_id=user.id, limit=2, cursor=None)
        rest = await uow.audit.list(user_id=user.id, limit=2, cursor=first.next_cursor)
    assert [e.action for e in first.items + rest.items] == ["login.3", "login.1", "login.0"]
    assert rest.next_cursor is None and first.items[0].detail == {"n": 3}


async def test_schedule_settings_are_versioned_and_ended_pauses_are_found(store: Store) -> None:
    from inergize.domain.scheduling.schedules import ScheduleSettings

    user = await add_user(store)
    now = datetime(2030, 1, 1, tzinfo=UTC)  # later than every other test's pauses
    async with store.factory() as uow:
        assert await uow.schedule_settings.get(user.id) is None
        created = await uow.schedule_settings.put(user.id, ScheduleSettings(timezone="Europe/Berlin"), now)
        paused = await uow.schedule_settings.put(
            user.id, msgspec.structs.replace(created, paused=True, paused_until=now + timedelta(days=3)), now)
        await uow.commit()
    assert (created.version, paused.version) == (1, 2)
    async with store.factory() as uow:
        with pytest.raises(PreconditionFailed):
            await uow.schedule_settings.put(user.id, created, now)  # written from a stale read
        stored = await uow.schedule_settings.get(user.id)
        before = await uow.schedule_settings.pauses_ended(now + timedelta(days=2), limit=1000)
        after = await uow.schedule_settings.pauses_ended(now + timedelta(days=3), limit=1000)
    assert stored == paused and stored.timezone == "Europe/Berlin"
    assert user.id not in before and user.id in after


async def test_notifications_page_count_and_are_read_or_emailed_once(store: Store) -> None:
    from inergize.domain.notifications.notification import Notification

    user, other = await add_user(store), await add_user(store)
    base, now = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
    shown = [Notification(id=uuid.uuid4(), user_id=user.id, kind="publishing.failed", title=f"n{i}", body="b",
                          created_at=base + timedelta(minutes=i)) for i in range(3)]
    hidden = Notification(id=uuid.uuid4(), user_id=user.id, kind="security.login", title="email only", body="b",
                          visible=False, created_at=base)
    theirs = Notification(id=uuid.uuid4(), user_id=other.id, kind="publishing.failed", title="x", body="b",
                          created_at=base)
    async with store.factory() as uow:
        for n in [*shown, hidden, theirs]:
            await uow.notifications.add(n)
        await uow.commit()
    async with store.factory() as uow:
        assert await uow.notifications.unread_count(user.id) == 3
        assert await uow.notifications.mark_read(user.id, [shown[0].id, theirs.id], now) == 1
        assert await uow.notifications.mark_emailed(shown[1].id, now)
        assert not await uow.notifications.mark_emailed(shown[1].id, now)  # another delivery won
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        page = await uow.notifications.list_for_user(user.id, limit=2, cursor=None)
        rest = await uow.notifications.list_for_user(user.id, limit=2, cursor=page.next_cursor)
        unread = await uow.notifications.list_for_user(user.id, limit=10, cursor=None, unread_only=True)
        counts = (await uow.notifications.unread_count(user.id), await uow.notifications.unread_count(other.id))
        emailed = await uow.notifications.get(shown[1].id)
    assert [n.title for n in page.items + rest.items] == ["n2", "n1", "n0"] and rest.next_cursor is None
    assert [n.title for n in unread.items] == ["n2", "n1"] and counts == (2, 1)
    assert emailed is not None and emailed.emailed_at == now


async def test_notification_preferences_and_pending_emails(store: Store) -> None:
    from inergize.domain.notifications.notification import NotificationPreference
    from inergize.ports.email import EmailMessage

    user = await add_user(store)
    now, email_id = datetime(2026, 1, 1, tzinfo=UTC), uuid.uuid4()
    message = EmailMessage(to="ada@example.com", subject="Reset", text="https://app/reset/?token=t")
    async with store.factory() as uow:
        await uow.notifications.set_preference(user.id, NotificationPreference(kind="publishing.failed",
                                                                                email=False), now)
        await uow.notifications.set_preference(user.id, NotificationPreference(kind="billing.receipt",
                                                                                in_app=False), now)
        await uow.notifications.set_preference(user.id, NotificationPreference(kind="billing.receipt"), now)
        await uow.notifications.add_email(email_id, user.id, message, now)
        await uow.commit()
    async with store.factory() as uow:
        prefs = await uow.notifications.preferences(user.id)
        taken = await uow.notifications.take_email(email_id)
        await uow.notifications.drop_email(email_id)
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        gone = await uow.notifications.take_email(email_id)
    assert [(p.kind, p.in_app, p.email) for p in prefs] == [("billing.receipt", True, True),
                                                            ("publishing.failed", True, False)]
    assert taken is not None and (taken.to, taken.subject, taken.text) == (message.to, message.subject, message.text)
    assert gone is None
