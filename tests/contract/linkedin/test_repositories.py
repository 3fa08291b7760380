"""The LinkedInRepository contract (connections, OAuth states, identities, profiles, direct posts,
analytics events) over the in-memory fake, SQLite and PostgreSQL. The databases are shared by the
session's tests: whole-table reads look only at this test's rows or at times no other test uses."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest

from inergize.domain.accounts.users import User
from inergize.domain.linkedin.account import (
    ConnectionStatus,
    Education,
    LinkedInConnection,
    LinkedInIdentityLink,
    LinkedInProfile,
    OAuthState,
    Position,
    StatePurpose,
)
from inergize.domain.linkedin.direct_posts import DirectPost, DirectPostState, RequestedMedia, RequestedPost
from tests.support.containers import unit_of_work_factory_on

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LONG_AGO = datetime(1991, 1, 1, tzinfo=UTC)  # before anything the rest of the suite stores


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def uow_factory(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> Any:
    return await unit_of_work_factory_on(request.param, request, _session_containers)


async def users(uow_factory: Any, n: int) -> list[uuid.UUID]:
    made = [User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", created_at=NOW, updated_at=NOW)
            for _ in range(n)]
    async with uow_factory() as uow:
        for user in made:
            await uow.users.add(user)
        await uow.commit()
    return [u.id for u in made]


def connection(user_id: uuid.UUID, **fields: Any) -> LinkedInConnection:
    sub = fields.pop("linkedin_sub", uuid.uuid4().hex)
    values: dict[str, Any] = {
        "id": uuid.uuid4(), "user_id": user_id, "adapter": "sandbox", "linkedin_sub": sub,
        "member_urn": f"urn:li:person:{sub}", "status": ConnectionStatus.ACTIVE, "access_token_enc": "at",
        "refresh_token_enc": "rt", "expires_at": NOW + timedelta(days=60), "refresh_expires_at": None,
        "scopes": ["openid", "w_member_social"], "connected_at": NOW, "created_at": NOW, "updated_at": NOW,
    }
    return LinkedInConnection(**(values | fields))


async def save(uow_factory: Any, *connections: LinkedInConnection) -> None:
    async with uow_factory() as uow:
        for c in connections:
            await uow.linkedin.save_connection(c)
        await uow.commit()


async def test_a_users_one_connection_is_saved_read_replaced_and_deleted(uow_factory: Any) -> None:
    a, b, nobody = await users(uow_factory, 3)
    first = connection(a, last_error="blip", refresh_expires_at=NOW + timedelta(days=365))
    await save(uow_factory, first, connection(b))
    async with uow_factory(read_only=True) as uow:
        assert await uow.linkedin.get_connection(a) == first
        assert await uow.linkedin.get_connection(nobody) is None
        assert await uow.linkedin.connection_by_sub(first.linkedin_sub) == first
        assert await uow.linkedin.connection_by_sub("no-such-member") is None
        both = await uow.linkedin.connections([a, b, nobody])
        assert set(both) == {a, b} and both[a] == first and both[b].user_id == b
        assert await uow.linkedin.connections([]) == {}
    # saving again replaces the user's connection (by user), keeping the row's id
    replaced = connection(a, linkedin_sub="another", status=ConnectionStatus.RECONSENT_NEEDED,
                          refresh_token_enc=None, scopes=["openid"], version=3)
    await save(uow_factory, replaced)
    async with uow_factory(read_only=True) as uow:
        got = await uow.linkedin.get_connection(a)
        assert got == msgspec.structs.replace(replaced, id=first.id)
        assert await uow.linkedin.connection_by_sub(first.linkedin_sub) is None
    async with uow_factory() as uow:
        assert await uow.linkedin.delete_connection(a)
        assert not await uow.linkedin.delete_connection(nobody)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.linkedin.get_connection(a) is None
        assert not await uow.linkedin.delete_connection(a)
        assert await uow.linkedin.get_connection(b) is not None


async def test_expiring_connections_come_soonest_first_without_the_broken_ones(uow_factory: Any) -> None:
    ids = await users(uow_factory, 5)
    days = [3, 1, 2, 0, 9]
    statuses = [ConnectionStatus.ACTIVE, ConnectionStatus.RECONSENT_NEEDED, ConnectionStatus.ACTIVE,
                ConnectionStatus.BROKEN, ConnectionStatus.ACTIVE]
    await save(uow_factory, *(connection(u, expires_at=LONG_AGO + timedelta(days=d), status=s)
                              for u, d, s in zip(ids, days, statuses, strict=True)))
    before = LONG_AGO + timedelta(days=9)  # strictly before: the one expiring then is not due
    async with uow_factory(read_only=True) as uow:
        due = await uow.linkedin.connections_expiring(before, limit=10)
        assert [c.user_id for c in due] == [ids[1], ids[2], ids[0]]
        assert [c.user_id for c in await uow.linkedin.connections_expiring(before, limit=2)] == [ids[1], ids[2]]


async def test_connection_pages_go_through_every_connection_by_id_once(uow_factory: Any) -> None:
    ids = await users(uow_factory, 5)
    mine = [connection(u) for u in ids]
    await save(uow_factory, *mine)
    seen: list[uuid.UUID] = []
    after = None
    async with uow_factory(read_only=True) as uow:
        while page := await uow.linkedin.connections_page(after=after, limit=2):
            assert len(page) <= 2
            seen += [c.id for c in page]
            after = page[-1].id
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert {c.id for c in mine} <= set(seen)


def state(expires_at: datetime, **fields: Any) -> OAuthState:
    values: dict[str, Any] = {
        "id": uuid.uuid4(), "state_hash": uuid.uuid4().hex, "user_id": None, "purpose": StatePurpose.SIGNIN,
        "redirect_uri": "https://app.example/callback", "created_at": expires_at - timedelta(minutes=10),
        "expires_at": expires_at,
    }
    return OAuthState(**(values | fields))


async def test_a_state_is_consumed_once_and_only_before_it_expires(uow_factory: Any) -> None:
    (user_id,) = await users(uow_factory, 1)
    live = state(NOW + timedelta(minutes=10), user_id=user_id, purpose=StatePurpose.CONNECT,
                 data={"next": "/settings"})
    at_the_limit = state(NOW)
    async with uow_factory() as uow:
        await uow.linkedin.add_state(live)
        await uow.linkedin.add_state(at_the_limit)
        await uow.commit()
    async with uow_factory() as uow:
        spent = await uow.linkedin.consume_state(live.state_hash, NOW)
        assert spent == msgspec.structs.replace(live, used_at=NOW)
        assert await uow.linkedin.consume_state(live.state_hash, NOW) is None  # used
        assert await uow.linkedin.consume_state(at_the_limit.state_hash, NOW) is None  # expired
        assert await uow.linkedin.consume_state("unknown", NOW) is None
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.linkedin.consume_state(live.state_hash, NOW - timedelta(minutes=5)) is None
    no_data = state(NOW + timedelta(minutes=1))
    async with uow_factory() as uow:
        await uow.linkedin.add_state(no_data)
        assert (await uow.linkedin.consume_state(no_data.state_hash, NOW)).data == {}  # type: ignore[union-attr]


async def test_expired_states_are_deleted_and_counted(uow_factory: Any) -> None:
    expired = [state(LONG_AGO + timedelta(minutes=m)) for m in (1, 2)]
    kept = state(LONG_AGO + timedelta(minutes=5))
    async with uow_factory() as uow:
        for s in [*expired, kept]:
            await uow.linkedin.add_state(s)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.linkedin.delete_expired_states(LONG_AGO + timedelta(minutes=5)) == 2
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.linkedin.consume_state(expired[0].state_hash, LONG_AGO) is None
        assert await uow.linkedin.consume_state(kept.state_hash, LONG_AGO) is not None
        assert await uow.linkedin.delete_expired_states(LONG_AGO) == 0


async def test_a_sign_in_identity_is_found_by_member_and_by_user_and_saved_again(uow_factory: Any) -> None:
    a, b = await users(uow_factory, 2)
    sub = uuid.uuid4().hex
    link = LinkedInIdentityLink(sub=sub, user_id=a, email="ada@example.com", email_verified=True, created_at=NOW)
    moved = msgspec.structs.replace(link, user_id=b, email=None, email_verified=False, last_login_at=NOW)
    for saved, owner, other in ((link, a, b), (moved, b, a)):  # saved again: the member now belongs to b
        async with uow_factory() as uow:
            await uow.linkedin.save_identity(saved)
            await uow.commit()
        async with uow_factory(read_only=True) as uow:
            assert await uow.linkedin.get_identity(sub) == saved
            assert await uow.linkedin.identity_for_user(owner) == saved
            assert await uow.linkedin.identity_for_user(other) is None
            assert await uow.linkedin.get_identity("nobody") is None


async def test_a_profile_round_trips_whole_and_is_replaced_by_the_next_save(uow_factory: Any) -> None:
    (user_id,) = await users(uow_factory, 1)
    async with uow_factory(read_only=True) as uow:
        assert await uow.linkedin.get_profile(user_id) is None
    profile = LinkedInProfile(
        user_id=user_id, linkedin_sub="s1", full_name="Ada Lovelace", headline="Analyst", summary="Engines",
        industry="Computing", location="London", photo_url="https://x/p.png", vanity_url="ada",
        positions=[Position(company="Engines Ltd", title="Analyst", started_on="1842-01")],
        education=[Education(school="Home", degree="Mathematics")], skills=["maths", "notes"],
        featured=["urn:li:share:1"], recommendations=2, certifications=["c"], languages=["en", "fr"],
        connections=120, completeness_score=70, last_sync_at=NOW, sources=["sandbox"])
    async with uow_factory() as uow:
        await uow.linkedin.save_profile(profile, NOW)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.linkedin.get_profile(user_id) == profile
    smaller = LinkedInProfile(user_id=user_id, full_name="Ada King", skills=["poetry"])
    async with uow_factory() as uow:
        await uow.linkedin.save_profile(smaller, NOW + timedelta(days=1))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.linkedin.get_profile(user_id) == smaller


def direct_post(user_id: uuid.UUID, key: str, created_at: datetime = NOW, **fields: Any) -> DirectPost:
    return DirectPost(id=uuid.uuid4(), user_id=user_id, idempotency_key=key, state=DirectPostState.PENDING,
                      commentary=f"post {key}", created_at=created_at, updated_at=created_at, **fields)


async def test_a_direct_post_is_kept_once_per_key_and_updated_field_by_field(uow_factory: Any) -> None:
    a, b = await users(uow_factory, 2)
    asked = RequestedPost(first_comment="first!", media=(RequestedMedia(kind="image", alt_text="a chart"),))
    post = direct_post(a, "k1", request=asked)
    async with uow_factory() as uow:
        assert await uow.linkedin.add_post(post)
        assert not await uow.linkedin.add_post(direct_post(a, "k1"))  # the same key again
        assert not await uow.linkedin.add_post(msgspec.structs.replace(post, idempotency_key="k2"))  # same id
        assert await uow.linkedin.add_post(direct_post(b, "k1"))  # another user's key
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.linkedin.get_post(a, "k1") == post
        assert await uow.linkedin.get_post(a, "k2") is None
        assert await uow.linkedin.post_by_id(a, post.id) == post
        assert await uow.linkedin.post_by_id(b, post.id) is None  # someone else's
        assert await uow.linkedin.post_by_id(a, uuid.uuid4()) is None
    later = NOW + timedelta(minutes=1)
    async with uow_factory() as uow:
        await uow.linkedin.update_post(post.id, state=DirectPostState.SENDING, attempts=1, updated_at=later)
        await uow.linkedin.update_post(post.id, media_urns=["urn:li:image:1"], updated_at=later)
        await uow.linkedin.update_post(uuid.uuid4(), state=DirectPostState.FAILED)  # unknown: nothing
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        got = await uow.linkedin.post_by_id(a, post.id)
    assert got == msgspec.structs.replace(post, state=DirectPostState.SENDING, attempts=1, updated_at=later,
                                          media_urns=("urn:li:image:1",))


async def test_direct_posts_are_listed_newest_first_up_to_the_limit(uow_factory: Any) -> None:
    a, b = await users(uow_factory, 2)
    posts = [direct_post(a, f"k{i}", NOW + timedelta(minutes=m)) for i, m in enumerate((2, 0, 3, 1))]
    async with uow_factory() as uow:
        for p in [*posts, direct_post(b, "theirs", NOW + timedelta(hours=1))]:
            await uow.linkedin.add_post(p)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        listed = await uow.linkedin.list_posts(a, limit=10)
        assert [p.idempotency_key for p in listed] == ["k2", "k0", "k3", "k1"]
        assert [p.idempotency_key for p in await uow.linkedin.list_posts(a, limit=2)] == ["k2", "k0"]


def event(key: str | None, value: int = 1) -> dict[str, Any]:
    return {"event_type": "impressions", "subject": "urn:li:share:1", "value": value, "occurred_at": NOW,
            "payload": {"from": "test"}, "source": "import", "dedupe_key": key}


async def test_analytics_events_are_added_once_per_users_dedupe_key(uow_factory: Any) -> None:
    a, b = await users(uow_factory, 2)
    async with uow_factory() as uow:
        assert await uow.linkedin.add_analytics_events(a, [event("d1"), event("d2"), event(None)], NOW) == 3
        assert await uow.linkedin.add_analytics_events(a, [], NOW) == 0
        await uow.commit()
    async with uow_factory() as uow:
        # known keys are skipped; events without a key are always new; keys are per user
        assert await uow.linkedin.add_analytics_events(a, [event("d1", 5), event("d3"), event(None)], NOW) == 2
        assert await uow.linkedin.add_analytics_events(b, [event("d1")], NOW) == 1
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.linkedin.add_analytics_events(a, [event("d1"), event("d2"), event("d3")], NOW) == 0
