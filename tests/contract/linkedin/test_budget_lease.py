"""The LinkedIn adapter's budgets: the app-wide budget taken in blocks (``LeasedDailyBudget``: never more
calls than the limit, at most a block per worker loop left unused, a new block each UTC day), bursts on
a small Redis pool, and a budget store that fails. In-process and on Redis."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets
from inergize.adapters.linkedin.rest.transport import LeasedDailyBudget
from inergize.adapters.redis import make_redis_client
from inergize.domain.linkedin.auth import MemberAuth
from inergize.domain.linkedin.errors import LinkedInUnavailable
from inergize.domain.linkedin.posts import PostRequest
from inergize.ports.rate_budget import BudgetWindow
from tests.fakes.clock import FakeClock
from tests.support.linkedin_rest import rest_gateway

T0 = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # an hour before UTC midnight


async def test_concurrent_loops_never_exceed_the_limit_and_strand_at_most_a_block_each(
    rate_budget_store: Any,
) -> None:
    store = rate_budget_store
    key, limit, loops = f"app-{uuid.uuid4().hex[:8]}", 5_000, 4
    leases = [LeasedDailyBudget(store, key, limit) for _ in range(loops)]
    assert leases[0].block == 5  # 1/1000 of the limit

    async def calls(lease: LeasedDailyBudget, n: int) -> int:
        results = await asyncio.gather(*(lease.take(T0) for _ in range(n)))
        return sum(1 for r in results if r is None)

    allowed = sum(await asyncio.gather(*(calls(lease, 1_500) for lease in leases)))  # 6,000 asked
    assert limit - loops * (leases[0].block - 1) <= allowed <= limit
    refused = await leases[0].take(T0)
    assert refused == pytest.approx(3_600)  # until UTC midnight
    assert await leases[0].take(T0 + timedelta(hours=1)) is None  # a new day, a new block


@given(
    limit=st.integers(1, 3_000),
    steps=st.lists(st.tuples(st.integers(0, 2), st.integers(1, 200), st.booleans()), max_size=25),
)
def test_any_interleaving_spends_at_most_the_limit_per_day(limit: int, steps: list[Any]) -> None:
    """Three loops take calls in any order, sometimes after midnight: per day the calls allowed never
    exceed the limit, and a refusal only comes once the others hold less than a block each."""

    async def scenario() -> None:
        store = InProcessRateBudgets()
        leases = [LeasedDailyBudget(store, "app", limit) for _ in range(3)]
        day, allowed = 0, 0
        for who, n, next_day in steps:
            if next_day:
                day, allowed = day + 1, 0
            now = T0 + timedelta(days=day)
            for _ in range(n):
                if await leases[who].take(now) is None:
                    allowed += 1
                else:
                    assert allowed >= limit - 3 * (leases[who].block - 1)
            assert allowed <= limit

    asyncio.run(scenario())


async def test_no_store_means_no_budget() -> None:
    assert await LeasedDailyBudget(None, "app", 1).take(T0) is None
    assert await LeasedDailyBudget(None, "app", 1).take(T0) is None


async def test_a_burst_larger_than_the_redis_pool_waits_for_connections(redis_url: Any) -> None:
    """A publish job's budget checks come in bursts; a full pool makes them wait, never fail."""
    url, prefix = redis_url
    client = make_redis_client(url, max_connections=4)
    store = RedisRateBudgets(client, prefix=prefix)
    window = [BudgetWindow(name="day", limit=1_000, seconds=86_400)]
    try:
        decisions = await asyncio.gather(*(store.spend(f"burst-{i % 7}", window, now=T0) for i in range(300)))
    finally:
        await client.aclose()
    assert all(d.allowed for d in decisions)


async def test_an_unreachable_budget_store_sends_nothing(tmp_path: Any) -> None:
    """No budget check, no call: the adapter answers "unavailable" without touching LinkedIn."""
    class Broken:
        async def spend(self, *args: Any, **kwargs: Any) -> Any:
            raise ConnectionError("redis is down")

        refund = peek = spend

    member = MemberAuth(access_token="t", member_urn="urn:li:person:x")
    async with rest_gateway(tmp_path, FakeClock(T0), budgets=Broken()) as (gw, state, _):
        with pytest.raises(LinkedInUnavailable, match="nothing was sent"):
            await gw.publish_post(member, PostRequest(commentary="Hi"))
    assert not [r for r in state.requests if r[1] == "/rest/posts"]
