"""The scheduling repositories (publications, CSV import progress), one contract run over the in-memory
fake, SQLite and PostgreSQL.

The databases are shared by the session: every publication here is due in 2001, long before any other
suite's, so the tick's queries below see only this test's items, and the fixture cancels what a test
left schedulable so no other suite's tick finds it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from inergize.domain.accounts.users import User
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.scheduling.optimal_times import PostStat
from inergize.domain.scheduling.publication import Publication, PublicationState, idempotency_key_for
from inergize.ports.scheduling import ImportProgress, PublishedResult
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.containers import container_on

S = PublicationState
BASE = datetime(2001, 1, 1, 9, 0, tzinfo=UTC)
# what a unique index refuses: the databases raise IntegrityError, the fake ValueError
UNIQUE_VIOLATION = (IntegrityError, ValueError)


class Store(msgspec.Struct):
    """A unit-of-work factory and the users this test created."""

    factory: Any
    users: list[uuid.UUID] = msgspec.field(default_factory=list)


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> AsyncIterator[Store]:
    if request.param == "fake":
        yield Store(InMemoryDatabase())
        return
    from inergize.adapters.persistence.tables.scheduling import publications

    container = await container_on(request.param, request, _session_containers)
    store = Store(container.uow_factory())
    yield store
    async with store.factory() as uow:  # nothing of this test left for another suite's tick
        await uow.connection.execute(
            update(publications)
            .where(publications.c.user_id.in_(store.users),
                   publications.c.state.in_([S.SCHEDULED.value, S.CLAIMED.value, S.PUBLISHING.value]))
            .values(state=S.CANCELLED.value, claim_token=None, claim_expires_at=None))
        await uow.commit()


async def add_user(store: Store) -> uuid.UUID:
    user = User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", created_at=BASE, updated_at=BASE)
    async with store.factory() as uow:
        await uow.users.add(user)
        await uow.commit()
    store.users.append(user.id)
    return user.id


def pub(user_id: uuid.UUID, due: datetime, **fields: Any) -> Publication:
    pid = uuid.uuid4()
    return Publication(**{"id": pid, "user_id": user_id, "content_id": uuid.uuid4(), "version_id": uuid.uuid4(),
                          "text": f"post {pid.hex[:6]}", "due_at": due, "timezone": "Europe/Berlin", "run_at": due,
                          "idempotency_key": idempotency_key_for(pid), "created_at": BASE, "updated_at": BASE,
                          **fields})


async def add(store: Store, *items: Publication) -> list[Publication]:
    async with store.factory() as uow:
        await uow.publications.add_many(list(items))
        await uow.commit()
    return list(items)


async def stored(store: Store, *items: Publication) -> list[Publication]:
    async with store.factory(read_only=True) as uow:
        found = [await uow.publications.get(p.id) for p in items]
    assert all(p is not None for p in found)
    return [p for p in found if p is not None]


async def test_publications_round_trip_with_every_field(store: Store) -> None:
    user = await add_user(store)
    full = pub(user, BASE, media=["u/1.png", "u/2.pdf"], state=S.NEEDS_ATTENTION, held=True, attempts=3,
               last_error="timeout", failure_reason="outcome_unknown", outcome_unknown=True,
               media_urns=["urn:li:image:1"], post_urn="urn:li:share:9", claim_token=uuid.uuid4(),
               claim_expires_at=BASE + timedelta(minutes=5), source="csv", series_id=uuid.uuid4(),
               run_at=BASE + timedelta(minutes=1), published_at=BASE + timedelta(minutes=2), version=4)
    plain = pub(user, BASE + timedelta(hours=1))
    await add(store, full, plain)
    async with store.factory() as uow:
        await uow.publications.add_many([])  # nothing to add is not an error
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        assert await uow.publications.get(uuid.uuid4()) is None
    got = await stored(store, full, plain)
    assert got == [full, plain]
    assert got[0].due_at.tzinfo is not None and got[0].state is S.NEEDS_ATTENTION


@pytest.mark.parametrize("clash", ["id", "idempotency_key"])
async def test_a_second_publication_with_the_same_id_or_idempotency_key_is_refused(store: Store, clash: str) -> None:
    user = await add_user(store)
    (first,) = await add(store, pub(user, BASE))
    twin = msgspec.structs.replace(pub(user, BASE + timedelta(hours=1)), **{clash: getattr(first, clash)})
    async with store.factory() as uow:
        with pytest.raises(UNIQUE_VIOLATION):
            await uow.publications.add_many([twin])
    assert await stored(store, first) == [first]


async def test_update_needs_the_stored_version_and_keeps_owner_creation_and_key(store: Store) -> None:
    user, other = await add_user(store), await add_user(store)
    (item,) = await add(store, pub(user, BASE))
    later = BASE + timedelta(days=1)
    edited = msgspec.structs.replace(
        item, text="edited", due_at=later, run_at=later, timezone="UTC", state=S.FAILED, failure_reason="forbidden",
        media_urns=["urn:li:image:2"], updated_at=later,
        # what the update never writes
        user_id=other, created_at=later, idempotency_key="another-key", version=99)
    async with store.factory() as uow:
        saved = await uow.publications.update(edited, expected_version=1)
        await uow.commit()
    assert saved == msgspec.structs.replace(edited, version=2)
    (after,) = await stored(store, item)
    assert after == msgspec.structs.replace(edited, version=2, user_id=user, created_at=BASE,
                                            idempotency_key=item.idempotency_key)
    async with store.factory() as uow:
        with pytest.raises(PreconditionFailed):
            await uow.publications.update(msgspec.structs.replace(item, text="stale"), expected_version=1)
        with pytest.raises(PreconditionFailed):
            await uow.publications.update(pub(user, BASE), expected_version=1)  # never stored
    assert await stored(store, item) == [after]


async def test_between_is_the_users_window_in_due_order_filtered_by_state(store: Store) -> None:
    user, other = await add_user(store), await add_user(store)
    start, end = BASE, BASE + timedelta(days=1)
    tied = sorted([pub(user, start + timedelta(hours=2)), pub(user, start + timedelta(hours=2), state=S.FAILED)],
                  key=lambda p: p.id)
    first = pub(user, start, state=S.PUBLISHED)
    await add(store, *tied, first, pub(user, start - timedelta(seconds=1)), pub(user, end), pub(other, start))
    async with store.factory(read_only=True) as uow:
        every = await uow.publications.between(user, start, end)
        no_filter = await uow.publications.between(user, start, end, [])
        some = await uow.publications.between(user, start, end, [S.PUBLISHED, S.FAILED])
    assert [p.id for p in every] == [first.id, tied[0].id, tied[1].id] == [p.id for p in no_filter]
    assert [p.id for p in some] == [first.id] + [p.id for p in tied if p.state is S.FAILED]


async def test_in_series_lists_the_users_series_items_in_due_order(store: Store) -> None:
    user, other = await add_user(store), await add_user(store)
    one, two = uuid.uuid4(), uuid.uuid4()
    a2, a1, b1 = pub(user, BASE + timedelta(days=7), series_id=one), pub(user, BASE, series_id=one), \
        pub(user, BASE + timedelta(days=1), series_id=two)
    await add(store, a2, a1, b1, pub(user, BASE), pub(other, BASE, series_id=one))
    async with store.factory(read_only=True) as uow:
        every = await uow.publications.in_series(user)
        only_one = await uow.publications.in_series(user, one)
        none = await uow.publications.in_series(user, uuid.uuid4())
    assert [p.id for p in every] == [a1.id, b1.id, a2.id]
    assert [p.id for p in only_one] == [a1.id, a2.id] and none == []


async def test_active_instants_are_due_times_of_items_not_yet_final_in_the_window(store: Store) -> None:
    user, other = await add_user(store), await add_user(store)
    live = [pub(user, BASE + timedelta(minutes=i), state=state, held=state is S.SCHEDULED)
            for i, state in enumerate([S.SCHEDULED, S.CLAIMED, S.PUBLISHING, S.NEEDS_ATTENTION])]
    ended = [pub(user, BASE + timedelta(minutes=10 + i), state=state)
             for i, state in enumerate([S.PUBLISHED, S.CANCELLED, S.FAILED])]
    await add(store, *live, *ended, pub(user, BASE + timedelta(hours=1)), pub(other, BASE))
    async with store.factory(read_only=True) as uow:
        found = await uow.publications.active_instants(user, BASE, BASE + timedelta(hours=1))
        without = await uow.publications.active_instants(user, BASE, BASE + timedelta(hours=1), exclude=live[1].id)
    assert sorted(found) == [p.due_at for p in live]
    assert sorted(without) == [live[0].due_at, live[2].due_at, live[3].due_at]


async def test_holding_takes_back_scheduled_and_claimed_items_and_releasing_frees_the_held(store: Store) -> None:
    user, other = await add_user(store), await add_user(store)
    token = uuid.uuid4()
    scheduled, claimed, publishing, failed = (
        pub(user, BASE), pub(user, BASE, state=S.CLAIMED, claim_token=token, claim_expires_at=BASE),
        pub(user, BASE, state=S.PUBLISHING, claim_token=token, claim_expires_at=BASE), pub(user, BASE, state=S.FAILED))
    theirs = pub(other, BASE)
    await add(store, scheduled, claimed, publishing, failed, theirs)
    now = BASE + timedelta(hours=1)
    async with store.factory() as uow:
        assert await uow.publications.set_held(user, True, now) == 2
        assert await uow.publications.set_held(user, True, now) == 0  # already held
        await uow.commit()
    held = await stored(store, scheduled, claimed, publishing, failed, theirs)
    for p in held[:2]:
        assert (p.state, p.held, p.claim_token, p.claim_expires_at) == (S.SCHEDULED, True, None, None)
        assert (p.updated_at, p.version) == (now, 2)
    assert held[2:] == [publishing, failed, theirs]
    async with store.factory() as uow:
        assert await uow.publications.set_held(user, False, now + timedelta(hours=1)) == 2
        assert await uow.publications.set_held(user, False, now + timedelta(hours=1)) == 0
        await uow.commit()
    released = await stored(store, scheduled, claimed, publishing, failed, theirs)
    assert [(p.held, p.state, p.version) for p in released[:2]] == [(False, S.SCHEDULED, 3)] * 2
    assert released[0].updated_at == now + timedelta(hours=1) and released[2:] == [publishing, failed, theirs]


async def claim(store: Store, now: datetime, limit: int, token: uuid.UUID | None = None) -> set[uuid.UUID]:
    async with store.factory() as uow:
        ids = await uow.publications.claim_due(now, limit=limit, claim_token=token or uuid.uuid4(),
                                               claim_until=now + timedelta(minutes=5))
        await uow.commit()
    return set(ids)


async def test_the_tick_claims_due_items_earliest_first_up_to_the_limit(store: Store) -> None:
    user = await add_user(store)
    now = BASE + timedelta(hours=1)
    due = [pub(user, BASE, run_at=now - timedelta(minutes=m)) for m in (30, 20, 0)]  # earliest first
    not_due = [pub(user, BASE, run_at=now + timedelta(seconds=1)), pub(user, BASE, run_at=BASE, held=True),
               *(pub(user, BASE, state=s) for s in (S.FAILED, S.CANCELLED, S.NEEDS_ATTENTION, S.PUBLISHED))]
    await add(store, *due, *not_due)
    token = uuid.uuid4()
    assert await claim(store, now, 2, token) == {due[0].id, due[1].id}
    first = await stored(store, due[0])
    assert (first[0].state, first[0].claim_token, first[0].claim_expires_at) == (S.CLAIMED, token,
                                                                                 now + timedelta(minutes=5))
    assert (first[0].updated_at, first[0].version) == (now, 2)
    assert await claim(store, now, 10) == {due[2].id}  # the claimed ones are not due any more
    assert await claim(store, now, 10) == set()
    assert await stored(store, *not_due) == not_due


async def test_expired_claims_are_claimed_again_first_and_keep_their_state(store: Store) -> None:
    user = await add_user(store)
    now = BASE + timedelta(hours=1)
    old = uuid.uuid4()
    expired = [pub(user, BASE, state=s, claim_token=old, claim_expires_at=now - timedelta(minutes=m))
               for s, m in ((S.CLAIMED, 0), (S.PUBLISHING, 1), (S.PUBLISHING, 2))]
    alive = pub(user, BASE, state=S.PUBLISHING, claim_token=old, claim_expires_at=now + timedelta(seconds=1))
    due = pub(user, BASE, run_at=now)
    await add(store, *expired, alive, due)
    token = uuid.uuid4()
    first = await claim(store, now, 2, token)
    assert len(first) == 2 and first < {p.id for p in expired}  # the limit spent on expired claims, none due
    rest = await claim(store, now, 10)
    assert rest == {p.id for p in expired} - first | {due.id}
    again = await stored(store, *expired, alive, due)
    assert [p.state for p in again] == [S.CLAIMED, S.PUBLISHING, S.PUBLISHING, S.PUBLISHING, S.CLAIMED]
    assert all(p.claim_token != old and p.claim_expires_at == now + timedelta(minutes=5) for p in again[:3])
    assert again[3] == alive


async def test_a_claim_moves_to_publishing_once_and_only_its_holder_records_the_result(store: Store) -> None:
    user = await add_user(store)
    now = BASE + timedelta(hours=1)
    items = await add(store, *(pub(user, BASE, outcome_unknown=True, last_error="timeout") for _ in range(3)))
    ids = [p.id for p in items]
    token, stranger = uuid.uuid4(), uuid.uuid4()
    assert await claim(store, now, 10, token) == set(ids)
    until = now + timedelta(minutes=10)
    async with store.factory() as uow:
        assert {p.id for p in await uow.publications.claimed(ids, token)} == set(ids)
        assert await uow.publications.claimed(ids, stranger) == [] and await uow.publications.claimed([], token) == []
        assert await uow.publications.start_publishing(ids[:2], stranger, now, until) == []
        assert set(await uow.publications.start_publishing(ids[:2], token, now, until)) == set(ids[:2])
        assert await uow.publications.start_publishing(ids, token, now, until) == [ids[2]]  # once each
        assert await uow.publications.start_publishing([], token, now, until) == []
        await uow.commit()
    publishing = await stored(store, *items)
    assert [(p.state, p.attempts, p.claim_expires_at, p.version) for p in publishing] == [
        (S.PUBLISHING, 1, until, 3)] * 3
    async with store.factory() as uow:
        assert {p.id for p in await uow.publications.claimed(ids, token)} == set(ids)  # publishing is still held
        later = now + timedelta(minutes=1)
        results = [PublishedResult(i, f"urn:li:share:{n}", [f"urn:li:image:{n}"]) for n, i in enumerate(ids)]
        assert await uow.publications.mark_published(results[:1], stranger, later) == 0
        assert await uow.publications.mark_published(results[:2], token, later) == 2
        assert await uow.publications.mark_published(results, token, later) == 1  # the first two are done
        assert await uow.publications.mark_published([], token, later) == 0
        await uow.commit()
    done = await stored(store, *items)
    assert [(p.state, p.post_urn, p.media_urns) for p in done] == [
        (S.PUBLISHED, r.post_urn, r.media_urns) for r in results]
    assert all((p.published_at, p.updated_at, p.claim_token, p.claim_expires_at, p.outcome_unknown, p.last_error,
                p.version) == (later, later, None, None, False, None, 4) for p in done)
    async with store.factory(read_only=True) as uow:
        assert await uow.publications.claimed(ids, token) == []  # published is no longer held


async def test_the_export_is_the_users_items_in_due_order_up_to_the_limit(store: Store) -> None:
    user, other = await add_user(store), await add_user(store)
    items = [pub(user, BASE + timedelta(days=d)) for d in (3, 1, 2, 0)]
    await add(store, *items, pub(other, BASE))
    async with store.factory(read_only=True) as uow:
        every = await uow.publications.for_export(user, 10)
        some = await uow.publications.for_export(user, 2)
    ordered = sorted(items, key=lambda p: p.due_at)
    assert every == ordered and some == ordered[:2]


def event(user: uuid.UUID, kind: str, value: int, at: datetime, subject: str | None) -> dict[str, Any]:
    return {"user_id": user, "event_type": kind, "subject": subject, "value": value, "payload": {},
            "source": "sandbox", "dedupe_key": uuid.uuid4().hex, "occurred_at": at}


async def add_events(store: Store, rows: list[dict[str, Any]]) -> None:
    """Analytics events as the LinkedIn capability stores them (imports, the sandbox's upkeep)."""
    async with store.factory() as uow:
        for user in {row["user_id"] for row in rows}:
            await uow.linkedin.add_analytics_events(user, [r for r in rows if r["user_id"] == user], BASE)
        await uow.commit()


async def test_post_stats_sum_each_posts_events_and_take_our_publish_time(store: Store) -> None:
    user, other = await add_user(store), await add_user(store)
    since = BASE
    ours, theirs = "urn:li:share:101", "urn:li:share:102"
    h = timedelta(hours=1)
    await add_events(store, [
        event(user, "impressions", 100, since + 3 * h, ours), event(user, "reactions", 10, since + 2 * h, ours),
        event(user, "comments", 5, since + 5 * h, ours), event(user, "followers", 7, since + 2 * h, ours),
        event(user, "impressions", 50, since + 9 * h, theirs), event(user, "impressions", 1, since - h, theirs),
        event(user, "impressions", 80, since + h, "profile"), event(user, "impressions", 80, since + h, None),
        event(other, "impressions", 80, since + h, ours),
    ])
    published = since + timedelta(minutes=30)
    await add(store, pub(user, BASE, state=S.PUBLISHED, post_urn=ours, published_at=published + h),
              pub(user, BASE, state=S.PUBLISHED, post_urn=ours, published_at=published),
              pub(user, BASE, state=S.NEEDS_ATTENTION, post_urn=theirs))  # no publish time of ours
    async with store.factory(read_only=True) as uow:
        stats = await uow.publications.post_stats(user, since)
        none = await uow.publications.post_stats(user, since + 24 * h)
    assert sorted(stats, key=lambda s: s.published_at) == [
        PostStat(published_at=published, impressions=100, engagements=15),
        PostStat(published_at=since + 9 * h, impressions=50, engagements=0),  # first seen, from `since` on
    ]
    assert none == []


def progress(user: uuid.UUID, **fields: Any) -> ImportProgress:
    return ImportProgress(**{"id": uuid.uuid4(), "user_id": user, "state": "running", "source": "text,time\r\n",
                             "created_at": BASE, "updated_at": BASE, **fields})


async def test_import_progress_is_stored_whole_and_updated_whole(store: Store) -> None:
    user = await add_user(store)
    started = progress(user)
    async with store.factory() as uow:
        await uow.schedule_imports.add(started)
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        assert await uow.schedule_imports.get(started.id) == started
        assert await uow.schedule_imports.get(uuid.uuid4()) is None
    done = msgspec.structs.replace(started, state="done", total_rows=3, processed_rows=3, imported=2, source=None,
                                   errors=[{"line": 3, "reason": "The text is empty."}],
                                   updated_at=BASE + timedelta(minutes=1))
    ghost = progress(user)
    async with store.factory() as uow:
        await uow.schedule_imports.update(done)
        await uow.schedule_imports.update(ghost)  # never added: nothing to update, and no error
        await uow.commit()
    async with store.factory(read_only=True) as uow:
        assert await uow.schedule_imports.get(started.id) == done
        assert await uow.schedule_imports.get(ghost.id) is None
    async with store.factory() as uow:
        with pytest.raises(UNIQUE_VIOLATION):
            await uow.schedule_imports.add(progress(user, id=started.id))
