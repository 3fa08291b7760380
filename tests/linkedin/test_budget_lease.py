"""The app-wide LinkedIn budget taken in blocks (``LeasedDailyBudget``): never more calls than the limit,
at most a block per worker loop left unused, a new block each UTC day. In-process and on Redis."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.adapters.budgets import InProcessRateBudgets
from inergize.adapters.linkedin.rest.transport import LeasedDailyBudget

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
