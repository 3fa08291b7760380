"""The RateBudgetStore contract, run over the in-process store and real Redis (one Lua script)."""

from __future__ import annotations

import asyncio
import math
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets
from inergize.adapters.redis import make_redis_client
from inergize.ports.rate_budget import BudgetWindow

T0 = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)  # a whole minute, hour and day


@pytest.fixture
def budgets(rate_budget_store: Any) -> Any:
    return rate_budget_store


def bkey() -> str:
    return f"b-{uuid.uuid4().hex[:12]}"


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


MINUTE = BudgetWindow(name="minute", limit=3, seconds=60)


async def test_spends_until_the_limit_then_denies_until_the_window_ends(budgets: Any) -> None:
    k = bkey()
    decisions = [await budgets.spend(k, [MINUTE], now=at(10)) for _ in range(3)]
    assert all(d.allowed for d in decisions)
    assert [d.remaining["minute"] for d in decisions] == [2, 1, 0]
    assert decisions[0].limit == {"minute": 3} and decisions[0].retry_after == 0
    denied = await budgets.spend(k, [MINUTE], now=at(15.5))
    assert not denied.allowed
    assert denied.retry_after == pytest.approx(44.5)
    assert denied.remaining == {"minute": 0}
    assert not (await budgets.spend(k, [MINUTE], now=at(59.999))).allowed
    fresh = await budgets.spend(k, [MINUTE], now=at(60))
    assert fresh.allowed and fresh.remaining == {"minute": 2}


async def test_an_anchored_window_starts_at_its_anchor(budgets: Any) -> None:
    # a "day" that starts at 05:00 UTC (a user's local midnight), computed by the caller
    day = BudgetWindow(name="day", limit=1, seconds=86_400, anchor=T0.replace(hour=5))
    k = bkey()
    assert (await budgets.spend(k, [day], now=T0.replace(hour=4, minute=59))).allowed
    denied = await budgets.spend(k, [day], now=T0.replace(hour=4, minute=59, second=30))
    assert not denied.allowed and denied.retry_after == pytest.approx(30)
    assert (await budgets.spend(k, [day], now=T0.replace(hour=5))).allowed
    assert not (await budgets.spend(k, [day], now=T0.replace(hour=23))).allowed


async def test_a_rolling_window_counts_exactly_the_last_seconds(budgets: Any) -> None:
    week = BudgetWindow(name="week", limit=3, seconds=100, rolling=True)
    k = bkey()
    for t in (0, 10, 20):
        assert (await budgets.spend(k, [week], now=at(t))).allowed
    denied = await budgets.spend(k, [week], now=at(30))
    assert not denied.allowed and denied.retry_after == pytest.approx(70)
    assert not (await budgets.spend(k, [week], now=at(99.9))).allowed
    ok = await budgets.spend(k, [week], now=at(100))  # the charge at 0 has aged out
    assert ok.allowed and ok.remaining == {"week": 0}
    two = await budgets.peek(k, [week], now=at(100), units=2)
    assert not two.allowed and two.retry_after == pytest.approx(20)  # at 120 both 10 and 20 are gone


async def test_several_windows_are_all_or_nothing(budgets: Any) -> None:
    burst = BudgetWindow(name="burst", limit=2, seconds=10)
    hour = BudgetWindow(name="hour", limit=5, seconds=3600)
    week = BudgetWindow(name="week", limit=4, seconds=7 * 86_400, rolling=True)
    k = bkey()
    assert (await budgets.spend(k, [burst, hour, week], now=at(0), units=2)).allowed
    denied = await budgets.spend(k, [burst, hour, week], now=at(1))
    assert not denied.allowed
    assert denied.retry_after == pytest.approx(9)
    # the denial charged nothing: after the burst window the hour and week still have their room
    ok = await budgets.spend(k, [burst, hour, week], now=at(10), units=2)
    assert ok.allowed and ok.remaining == {"burst": 0, "hour": 1, "week": 0}
    denied = await budgets.spend(k, [burst, hour, week], now=at(20))
    # the week is what holds it back now: 7 days after the first charge
    assert not denied.allowed and denied.retry_after == pytest.approx(7 * 86_400 - 20)


async def test_several_budgets_are_charged_together_or_not_at_all(budgets: Any) -> None:
    everyone, mine = bkey(), bkey()
    wide = BudgetWindow(name="minute", limit=5, seconds=60)
    week = BudgetWindow(name="week", limit=4, seconds=7 * 86_400, rolling=True)
    first = await budgets.spend_all([(everyone, [wide]), (mine, [MINUTE, week])], now=at(1), units=2)
    assert [d.allowed for d in first] == [True, True]
    assert [d.remaining for d in first] == [{"minute": 3}, {"minute": 1, "week": 2}]
    assert first[1].limit == {"minute": 3, "week": 4} and first[0].retry_after == 0
    # the caller's minute has no room: neither budget is charged, and each decision speaks for itself
    refused = await budgets.spend_all([(everyone, [wide]), (mine, [MINUTE, week])], now=at(2), units=2)
    assert [d.allowed for d in refused] == [True, False]
    assert refused[0].retry_after == 0 and refused[1].retry_after == pytest.approx(58)
    assert [d.remaining for d in refused] == [{"minute": 3}, {"minute": 1, "week": 2}]
    assert (await budgets.spend(everyone, [wide], now=at(3), units=3)).allowed
    # now the shared budget is spent: the caller's own room is untouched
    spent = await budgets.spend_all([(everyone, [wide]), (mine, [MINUTE])], now=at(30.5))
    assert [d.allowed for d in spent] == [False, True]
    assert spent[0].retry_after == pytest.approx(29.5)
    assert (await budgets.spend(mine, [MINUTE], now=at(31))).remaining == {"minute": 0}
    both = await budgets.spend_all([(everyone, [wide]), (mine, [MINUTE])], now=at(61))
    assert [d.allowed for d in both] == [True, True]
    with pytest.raises(ValueError):
        await budgets.spend_all([(everyone, [wide]), (mine, [MINUTE, MINUTE])], now=at(62))


async def test_more_units_than_a_limit_can_never_succeed(budgets: Any) -> None:
    d = await budgets.spend(bkey(), [MINUTE], now=at(0), units=4)
    assert not d.allowed and math.isinf(d.retry_after) and d.remaining == {"minute": 3}


async def test_peek_charges_nothing(budgets: Any) -> None:
    k = bkey()
    for _ in range(5):
        p = await budgets.peek(k, [MINUTE], now=at(1))
        assert p.allowed and p.remaining == {"minute": 3}
    assert (await budgets.spend(k, [MINUTE], now=at(1), units=3)).allowed
    assert not (await budgets.peek(k, [MINUTE], now=at(1))).allowed


async def test_a_refund_gives_units_back(budgets: Any) -> None:
    week = BudgetWindow(name="week", limit=2, seconds=100, rolling=True)
    k = bkey()
    assert (await budgets.spend(k, [MINUTE, week], now=at(5), units=2)).allowed
    assert not (await budgets.spend(k, [MINUTE, week], now=at(6))).allowed
    await budgets.refund(k, [MINUTE, week], now=at(5))
    d = await budgets.spend(k, [MINUTE, week], now=at(6))
    assert d.allowed and d.remaining == {"minute": 1, "week": 0}
    # the refunded unit and its charge leave the rolling window together at 105
    assert not (await budgets.spend(k, [week], now=at(104))).allowed
    later = await budgets.spend(k, [week], now=at(105))
    assert later.allowed and later.remaining == {"week": 0}


async def test_keys_do_not_share_budgets(budgets: Any) -> None:
    a, b = bkey(), bkey()
    assert (await budgets.spend(a, [MINUTE], now=at(0), units=3)).allowed
    assert (await budgets.spend(b, [MINUTE], now=at(0), units=3)).allowed


async def test_invalid_calls_are_refused(budgets: Any) -> None:
    with pytest.raises(ValueError):
        await budgets.spend(bkey(), [MINUTE], now=at(0), units=0)
    with pytest.raises(ValueError):
        await budgets.spend(bkey(), [MINUTE, MINUTE], now=at(0))


async def test_redis_and_in_process_agree_on_a_random_history(redis_url: tuple[str, str]) -> None:
    url, prefix = redis_url
    client = make_redis_client(url)
    redis_store, memory = RedisRateBudgets(client, prefix=prefix), InProcessRateBudgets()
    windows = [BudgetWindow(name="a", limit=7, seconds=30, anchor=at(7)),
               BudgetWindow(name="b", limit=12, seconds=90),
               BudgetWindow(name="c", limit=9, seconds=50, rolling=True)]
    rng = random.Random(7)
    t, k = 0.0, bkey()
    try:
        for _ in range(400):
            t += rng.choice([0, 0.25, 1, 3.5])
            units = rng.choice([1, 1, 1, 2, 3])
            if rng.random() < 0.1:
                await asyncio.gather(memory.refund(k, windows, now=at(t), units=units),
                                     redis_store.refund(k, windows, now=at(t), units=units))
                continue
            m = await memory.spend(k, windows, now=at(t), units=units)
            r = await redis_store.spend(k, windows, now=at(t), units=units)
            assert (r.allowed, r.remaining) == (m.allowed, m.remaining)
            assert r.retry_after == pytest.approx(m.retry_after, abs=1e-5)
    finally:
        await client.aclose()


async def test_redis_budget_keys_expire_and_stay_under_the_prefix(redis_url: tuple[str, str]) -> None:
    url, prefix = redis_url
    client = make_redis_client(url)
    try:
        store = RedisRateBudgets(client, prefix=prefix)
        k = bkey()
        now = datetime.now(UTC)
        await store.spend(k, [MINUTE, BudgetWindow(name="r", limit=5, seconds=30, rolling=True)], now=now)
        keys = [x.decode() async for x in client.scan_iter(match=f"{prefix}budget:{{{k}}}:*")]
        assert len(keys) == 3
        for name in keys:
            assert 0 < await client.pttl(name) <= 61_000 + 1000
    finally:
        await client.aclose()


async def test_concurrent_checks_share_a_pipeline_and_survive_a_script_flush(redis_url: Any) -> None:
    """Checks made together go to Redis in one pipeline; each still gets its own exact answer, also
    right after Redis forgot the script (a restart flushes it)."""
    url, prefix = redis_url
    client = make_redis_client(url)
    store = RedisRateBudgets(client, prefix=prefix)
    try:
        for _ in range(2):
            key = bkey()
            decisions = await asyncio.gather(
                *(store.spend(key, [BudgetWindow(name="day", limit=30, seconds=86_400)], now=at(0)) for _ in range(50))
            )
            assert sum(d.allowed for d in decisions) == 30
            assert sorted(d.remaining["day"] for d in decisions if d.allowed) == list(range(30))
            await client.script_flush()
    finally:
        await client.aclose()
