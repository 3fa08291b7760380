"""Subscription tiers: the data, reading a user's tier and quotas, and the admin switch (its rules on the
in-memory unit of work; HTTP too)."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.application.accounts import tiers as uc
from inergize.domain.accounts.tiers import TIERS, Tier, TierQuotas, parse_tier, quotas_for, within
from inergize.domain.platform.errors import Forbidden, NotFound, ValidationFailed
from tests.fakes.clock import FakeClock
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.memory_users import add_memory_user

NUMERIC = [f for f in TierQuotas.__struct_fields__]


def test_every_tier_has_quotas_and_higher_tiers_never_give_less() -> None:
    assert set(TIERS) == set(Tier)
    order = [TIERS[Tier.FREE], TIERS[Tier.PRO], TIERS[Tier.TEAM]]
    for lower, higher in itertools.pairwise(order):
        for field in NUMERIC:
            lo, hi = getattr(lower, field), getattr(higher, field)
            assert hi is None or (lo is not None and hi >= lo), field  # None = unlimited
    assert TIERS[Tier.FREE].automation_actions_per_day_multiplier == 0.5


def test_tier_names_are_parsed_strictly_and_unknown_stored_tiers_get_the_least() -> None:
    assert parse_tier(" PRO ") is Tier.PRO
    with pytest.raises(ValidationFailed):
        parse_tier("platinum")
    assert quotas_for("retired-tier") == TIERS[Tier.FREE]
    assert quotas_for("team") == TIERS[Tier.TEAM]


@given(quota=st.none() | st.integers(0, 1000), used=st.integers(0, 1000), wanted=st.integers(1, 50))
def test_within_means_the_quota_is_not_exceeded(quota: int | None, used: int, wanted: int) -> None:
    assert within(quota, used, wanted) == (quota is None or used + wanted <= quota)


async def test_an_admin_sets_a_tier_and_the_user_reads_it(clock: FakeClock) -> None:
    factory = InMemoryDatabase()
    admin, member = await add_memory_user(factory, "admin"), await add_memory_user(factory)
    mine = await uc.get_user_tier(member.user.id, principal=member.principal, uow_factory=factory)
    assert mine.tier == "free" and mine.quotas == TIERS[Tier.FREE]
    changed = await uc.set_user_tier(member.user.id, "pro", principal=admin.principal, uow_factory=factory,
                                     clock=clock)
    assert changed.tier == "pro" and changed.quotas == TIERS[Tier.PRO]
    mine = await uc.get_user_tier(member.user.id, principal=member.principal, uow_factory=factory)
    assert mine.tier == "pro"
    async with factory(read_only=True) as uow:
        assert (await uow.users.get(member.user.id)).tier == "pro"


async def test_only_admins_change_tiers_and_nobody_reads_anothers(clock: FakeClock) -> None:
    factory = InMemoryDatabase()
    a, b = await add_memory_user(factory), await add_memory_user(factory)
    admin = await add_memory_user(factory, "admin")
    with pytest.raises(Forbidden):
        await uc.set_user_tier(a.user.id, "team", principal=a.principal, uow_factory=factory,
                               clock=clock)
    with pytest.raises(NotFound):
        await uc.get_user_tier(b.user.id, principal=a.principal, uow_factory=factory)
    with pytest.raises(NotFound):
        await uc.set_user_tier(uuid.uuid4(), "pro", principal=admin.principal, uow_factory=factory,
                               clock=clock)
    with pytest.raises(ValidationFailed):
        await uc.set_user_tier(a.user.id, "gold", principal=admin.principal, uow_factory=factory,
                               clock=clock)
    assert (await uc.get_user_tier(a.user.id, principal=admin.principal, uow_factory=factory)).tier == "free"


async def test_tier_endpoints(client: Any, make_user: Any) -> None:
    admin, member = await make_user("admin"), await make_user()
    public = await client.get("/v1/tiers")
    assert public.status_code == 200 and set(public.json()) == {"free", "pro", "team"}
    assert public.json()["team"]["postsPerMonth"] is None
    url = f"/v1/admin/users/{member.user.id}/tier"
    r = await client.put(url, json={"tier": "team"}, headers=member.headers)
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    r = await client.put(url, json={"tier": "team"}, headers=admin.headers)
    assert r.status_code == 200
    assert r.json()["tier"] == "team" and r.json()["quotas"]["teamSeats"] == TIERS[Tier.TEAM].team_seats
    r = await client.put(f"/v1/admin/users/{member.user.id}/tier", json={"tier": "x"}, headers=admin.headers)
    assert r.status_code in (400, 422) and r.json()["code"] == "validation_error"
    mine = await client.get("/v1/subscription", headers=member.headers)
    assert mine.status_code == 200 and mine.json()["tier"] == "team"
    seen = await client.get(f"/v1/admin/users/{member.user.id}/tier", headers=admin.headers)
    assert seen.json()["userId"] == str(member.user.id)
    assert (await client.get("/v1/subscription")).status_code == 401
