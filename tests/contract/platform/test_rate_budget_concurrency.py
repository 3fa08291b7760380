"""Many parallel callers against real Redis never over-spend, across windows that end at different times."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import redis.asyncio as aioredis

from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets
from inergize.ports.rate_budget import BudgetWindow

T0 = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
WINDOWS = [
    BudgetWindow(name="ten", limit=23, seconds=10, anchor=T0 + timedelta(seconds=3)),  # ends at :03, :13…
    BudgetWindow(name="quarter", limit=90, seconds=25),  # ends at :25, :50, 1:15…
    BudgetWindow(name="rolling", limit=37, seconds=15, rolling=True),
]
CALLERS = 120  # concurrent spends per moment
CLIENTS = 4  # separate connection pools, as separate processes would have


async def test_parallel_callers_never_overspend_any_window(redis_url: tuple[str, str]) -> None:
    url, prefix = redis_url
    clients = [aioredis.Redis.from_url(url, max_connections=40) for _ in range(CLIENTS)]
    stores = [RedisRateBudgets(c, prefix=prefix) for c in clients]
    model = InProcessRateBudgets()
    key = f"race-{uuid.uuid4().hex[:8]}"
    granted: list[float] = []
    try:
        # moments every 2.5 s for 60 s: each crosses some windows' ends and not others'
        for step in range(25):
            t = step * 2.5
            now = T0 + timedelta(seconds=t)
            decisions = await asyncio.gather(*(
                stores[i % CLIENTS].spend(key, WINDOWS, now=now) for i in range(CALLERS)))
            allowed = sum(d.allowed for d in decisions)
            granted += [t] * allowed
            # with one unit each at one moment the order does not matter: the count must be exactly
            # what one caller after another would get (no over-spend, and no needless denial)
            expected = 0
            while (await model.spend(key, WINDOWS, now=now)).allowed:
                expected += 1
            assert allowed == expected, f"at t={t}: {allowed} granted, {expected} possible"
            assert all(d.retry_after > 0 for d in decisions if not d.allowed)
    finally:
        for c in clients:
            await c.aclose()
    assert_within_every_window(granted)
    assert len(granted) > 150  # the run really exercised the limits


def assert_within_every_window(granted: list[float]) -> None:
    ten, quarter, rolling = WINDOWS
    by_ten: dict[int, int] = {}
    by_quarter: dict[int, int] = {}
    for t in granted:
        by_ten[int((t - 3) // 10)] = by_ten.get(int((t - 3) // 10), 0) + 1
        by_quarter[int(t // 25)] = by_quarter.get(int(t // 25), 0) + 1
    assert max(by_ten.values()) <= ten.limit
    assert max(by_quarter.values()) <= quarter.limit
    for t in set(granted):
        assert sum(1 for g in granted if t - rolling.seconds < g <= t) <= rolling.limit


