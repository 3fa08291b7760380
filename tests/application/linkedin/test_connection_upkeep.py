"""Connection upkeep on the fakes (the in-memory unit of work, an in-memory LinkedIn, a fake secret box):
refresh ahead of expiry, re-consent asked once from day 50, re-encryption after a key rotation that moves
every token it can open and leaves the rest as they were."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from inergize.application.linkedin.connection import (
    connection_status,
    maintain_connections,
    reencrypt_tokens,
)
from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.profile import sync_profile
from inergize.application.linkedin.tokens import access_context
from inergize.domain.linkedin.account import ConnectionSummary, LinkedInConnection
from inergize.domain.platform.secrets import SecretUnreadable
from tests.fakes.clock import FakeClock
from tests.fakes.linkedin_gateway import FakeLinkedInGateway
from tests.fakes.secret_box import FakeSecretBox
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.memory_linkedin import connected_user, fake_linkedin_deps
from tests.support.memory_users import MemoryUser


@pytest.fixture
def database() -> InMemoryDatabase:
    return InMemoryDatabase()


@pytest.fixture
def ports(database: InMemoryDatabase, clock: FakeClock) -> LinkedInDeps:
    return fake_linkedin_deps(database, clock, FakeLinkedInGateway(clock=clock))


async def connected(ports: LinkedInDeps) -> MemoryUser:
    assert isinstance(ports.uow_factory, InMemoryDatabase)
    return await connected_user(ports, ports.uow_factory)


async def summary(ports: LinkedInDeps, user: MemoryUser) -> ConnectionSummary:
    state = await connection_status(principal=user.principal, ports=ports)
    assert state.connection is not None
    return state.connection


async def reconsent_notices(ports: LinkedInDeps, user: MemoryUser) -> int:
    async with ports.uow_factory(read_only=True) as uow:
        page = await uow.notifications.list_for_user(user.user.id, limit=50, cursor=None)
    return sum(n.kind == "linkedin.reconsent" for n in page.items)


async def test_upkeep_refreshes_ahead_and_asks_for_reconsent_from_day_50(ports: LinkedInDeps, clock: FakeClock) -> None:
    gateway = ports.gateway
    assert isinstance(gateway, FakeLinkedInGateway)
    with_refresh = await connected(ports)
    gateway.issue_refresh_tokens = False
    without = await connected(ports)
    clock.advance(days=49)
    await maintain_connections(ports)
    assert (await summary(ports, without)).status == "active"
    clock.advance(days=1, minutes=1)  # day 50: 10 days left
    counts = await maintain_connections(ports)
    assert counts["reconsent"] == 1
    assert (await summary(ports, without)).status == "reconsent_needed"
    a = await summary(ports, with_refresh)
    assert a.status == "active" and a.last_refresh_at is None  # 10 days left: not yet
    clock.advance(days=4)  # 6 days left: refresh ahead of expiry
    assert (await maintain_connections(ports))["refreshed"] == 1
    a = await summary(ports, with_refresh)
    assert a.status == "active" and a.last_refresh_at == clock.now()
    assert a.expires_at > clock.now() + timedelta(days=59)
    assert await reconsent_notices(ports, without) == 1
    await maintain_connections(ports)  # notifies once
    assert await reconsent_notices(ports, without) == 1
    assert await reconsent_notices(ports, with_refresh) == 0


async def stored(ports: LinkedInDeps, user: MemoryUser) -> LinkedInConnection:
    async with ports.uow_factory(read_only=True) as uow:
        conn = await uow.linkedin.get_connection(user.user.id)
    assert conn is not None
    return conn


async def test_reencrypt_moves_every_token_to_the_new_key(ports: LinkedInDeps) -> None:
    user = await connected(ports)
    old = ports.secret_box
    rotated = dataclasses.replace(ports, secret_box=FakeSecretBox(("rotated", old.primary_key_id)))
    assert (await reencrypt_tokens(rotated)).changed == 1
    row = await stored(ports, user)
    assert row.access_token_enc.startswith("fake.rotated.") and row.refresh_token_enc is not None
    assert row.refresh_token_enc.startswith("fake.rotated.")
    with pytest.raises(SecretUnreadable):  # moved for real: the old key alone no longer opens them
        old.decrypt(row.access_token_enc, context=access_context(user.user.id))
    assert (await reencrypt_tokens(rotated)).changed == 0
    synced = await sync_profile(principal=user.principal, ports=rotated)  # the tokens still work
    assert synced.profile.last_sync_at is not None


async def test_reencrypt_leaves_tokens_it_cannot_open_and_counts_them(ports: LinkedInDeps) -> None:
    user = await connected(ports)
    before = await stored(ports, user)
    done = await reencrypt_tokens(dataclasses.replace(ports, secret_box=FakeSecretBox(("lost",))))
    assert done.unreadable == 1 and done.changed == 0
    after = await stored(ports, user)
    assert (after.access_token_enc, after.refresh_token_enc) == (before.access_token_enc, before.refresh_token_enc)
