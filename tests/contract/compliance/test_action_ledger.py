"""The ``ActionLedger`` contract, run on the in-process adapter and on real Redis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from inergize.adapters.compliance import MemoryActionLedger, RedisActionLedger
from inergize.ports.action_ledger import Claim, LedgerWindow
from inergize.ports.rate_budget import BudgetWindow
from tests.support.services import implementation

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "redis"])
async def ledger(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    async with implementation(request, memory=MemoryActionLedger, redis=lambda client, prefix: RedisActionLedger(
            client, prefix=prefix + f"{id(request)}:")) as ledger:
        yield ledger


def day_week(key: str, daily: int, weekly: int, anchor: datetime | None = None) -> list[LedgerWindow]:
    return [LedgerWindow(key, BudgetWindow(name="day", limit=daily, seconds=86_400, anchor=anchor)),
            LedgerWindow(key, BudgetWindow(name="week", limit=weekly, seconds=7 * 86_400, rolling=True))]


async def test_spends_until_a_window_is_full_then_refuses_without_charging(ledger: Any) -> None:
    w = day_week("u1:invitation", 3, 5)
    results = [await ledger.spend(w, now=T0 + timedelta(minutes=i)) for i in range(4)]
    assert [r.allowed for r in results] == [True, True, True, False]
    assert results[2].remaining == {"day": 0, "week": 2}
    assert results[3].denied_by == "day" and results[3].retry_after == pytest.approx(15 * 3600 - 180)
    nxt = T0 + timedelta(days=1)
    second = [(await ledger.spend(w, now=nxt + timedelta(minutes=i))).allowed for i in range(3)]
    assert second == [True, True, False]
    refused = await ledger.spend(w, now=nxt + timedelta(minutes=5))
    assert refused.denied_by == "week"
    # the oldest spend leaves the rolling week exactly 7 days after it happened
    assert refused.retry_after == pytest.approx(7 * 86_400 - 86_400 - 300)
    assert (await ledger.peek(w, now=T0 + timedelta(days=7, minutes=1))).allowed


async def test_fixed_windows_follow_their_anchor(ledger: Any) -> None:
    anchor = datetime(2026, 3, 1, 23, 0, tzinfo=UTC)  # local midnight in UTC+1
    w = [LedgerWindow("u2", BudgetWindow(name="day", limit=1, seconds=86_400, anchor=anchor))]
    assert (await ledger.spend(w, now=datetime(2026, 3, 2, 22, 30, tzinfo=UTC))).allowed
    assert not (await ledger.spend(w, now=datetime(2026, 3, 2, 22, 59, tzinfo=UTC))).allowed
    assert (await ledger.spend(w, now=datetime(2026, 3, 2, 23, 0, tzinfo=UTC))).allowed


async def test_a_claim_is_taken_once_and_a_duplicate_charges_nothing(ledger: Any) -> None:
    w = day_week("u3:invitation", 10, 10)
    claim = Claim("u3", "invitation:0:in/jane")
    assert (await ledger.spend(w, now=T0, claim=claim)).allowed
    dup = await ledger.spend(w, now=T0 + timedelta(seconds=1), claim=claim)
    assert not dup.allowed and dup.duplicate
    assert (await ledger.peek(w, now=T0)).remaining == {"day": 9, "week": 9}
    await ledger.release(claim)
    assert (await ledger.spend(w, now=T0 + timedelta(seconds=2), claim=claim)).allowed


async def test_a_refused_spend_does_not_take_the_claim_and_refund_gives_everything_back(ledger: Any) -> None:
    w = day_week("u4:message", 1, 5)
    assert (await ledger.spend(w, now=T0, claim=Claim("u4", "a"))).allowed
    assert not (await ledger.spend(w, now=T0, claim=Claim("u4", "b"))).allowed
    await ledger.refund(w, now=T0, claim=Claim("u4", "a"))
    assert (await ledger.peek(w, now=T0)).remaining == {"day": 1, "week": 5}
    assert (await ledger.spend(w, now=T0, claim=Claim("u4", "b"))).allowed
    assert (await ledger.spend([*w], now=T0 + timedelta(days=1), claim=Claim("u4", "a"))).allowed


async def test_windows_on_different_keys_are_all_or_nothing(ledger: Any) -> None:
    pace = LedgerWindow("u5:pace", BudgetWindow(name="pace", limit=1, seconds=60, rolling=True))
    w1 = [*day_week("u5:invitation", 5, 5), pace]
    w2 = [*day_week("u5:reaction", 5, 5), pace]
    assert (await ledger.spend(w1, now=T0)).allowed
    refused = await ledger.spend(w2, now=T0 + timedelta(seconds=30))
    assert refused.denied_by == "pace" and refused.retry_after == pytest.approx(30)
    later = await ledger.peek(w2, now=T0 + timedelta(seconds=61))
    assert later.remaining == {"day": 5, "week": 5, "pace": 1}


async def test_concurrent_spends_never_over_spend_nor_claim_twice(ledger: Any) -> None:
    w = day_week("u6:invitation", 20, 100)
    claims = [Claim("u6", f"t{i % 15}") for i in range(200)]
    results = await asyncio.gather(*(ledger.spend(w, now=T0, claim=c) for c in claims))
    allowed = [c.member for c, r in zip(claims, results, strict=True) if r.allowed]
    assert len(allowed) == 15 and len(set(allowed)) == 15
