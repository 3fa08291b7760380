"""The done-when properties of the compliance engine's decisions: for any sequence of requested actions
and any clock, what is executed never exceeds a daily or weekly budget, never falls outside working
hours, never touches a denied target and never repeats a target (on the in-process ledger and Redis)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inergize.adapters.compliance import MemoryActionLedger, RedisActionLedger
from inergize.application.compliance.gate import ComplianceGate
from inergize.domain.compliance import (
    ActionRequest,
    ActionType,
    ComplianceProfile,
    PacingPolicy,
    Schedule,
    Target,
    TargetLists,
    local_day,
    why_closed,
)
from inergize.domain.compliance.verdicts import ONCE_PER_TARGET

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
POOL = [Target(key=f"in/p{i}", company=["Acme", "Initech", "Hooli"][i % 3],
               headline="Recruiter" if i % 7 == 0 else "Engineer") for i in range(25)]

profiles = st.builds(
    lambda tz, start, days, health, tier, deny, gap, since: ComplianceProfile(
        user_id=uuid.uuid4(), tier=tier, health=health,
        schedule=Schedule(timezone=tz, start=start, end="18:00", days=days, quiet=(("12:00", "12:30"),)),
        pacing=PacingPolicy(min_gap_seconds=gap),
        lists=TargetLists.build(deny_people=[POOL[i].key for i in deny],
                                deny_companies=["hooli"] if 1 in deny else [],
                                deny_keywords=["recruiter"]),
        automation_since=since),
    tz=st.sampled_from(ZONES), start=st.sampled_from(["00:00", "08:00", "09:30"]),
    days=st.sets(st.integers(1, 7), min_size=1).map(lambda d: tuple(sorted(d))), health=st.integers(0, 100),
    tier=st.sampled_from(["free", "pro"]), deny=st.sets(st.integers(0, 24), max_size=5),
    gap=st.integers(30, 900),
    since=st.none() | st.just(datetime(2026, 2, 20, tzinfo=UTC)),
)
requests = st.lists(st.tuples(
    st.integers(0, 3 * 86_400) | st.integers(0, 600),  # seconds since the previous request
    st.sampled_from([ActionType.INVITATION, ActionType.MESSAGE, ActionType.REACTION, ActionType.POST]),
    st.integers(0, 24),  # target
    st.integers(0, 1),  # sequence
    st.booleans(),  # the clock jumps back a little (several workers with skewed clocks)
), min_size=1, max_size=120)


async def drive(ledger: Any, profile: ComplianceProfile, start: datetime, reqs: list[Any]) -> list[Any]:
    gate = ComplianceGate(ledger)
    now, executed = start, []
    for delta, action, target, seq, back in reqs:
        now = now - timedelta(seconds=min(delta, 300)) if back else now + timedelta(seconds=delta)
        request = ActionRequest(action=action, target=POOL[target], sequence=seq)
        verdict = await gate.decide(profile, request, now)
        if verdict.allowed:
            executed.append((now, request))
    return executed


def check(profile: ComplianceProfile, executed: list[Any]) -> None:
    tz = profile.schedule.timezone
    seen = set()
    for at, req in executed:
        assert why_closed(profile.schedule, at) is None, "acted outside open hours"
        assert profile.lists.why_denied(req.target) is None, "touched a denied target"
        if req.action in ONCE_PER_TARGET:
            key = (req.action, req.sequence, req.target.key)
            assert key not in seen, "contacted a target twice"
            seen.add(key)
        day_start, seconds = local_day(at, tz)
        budget = profile.budget(req.action, day_start)
        same = [t for t, r in executed if r.action is req.action]
        assert sum(day_start <= t < day_start + timedelta(seconds=seconds) for t in same) <= budget.daily
        assert sum(at - timedelta(days=7) < t <= at for t in same) <= budget.weekly


@given(profiles, st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1),
                              timezones=st.just(UTC)), requests)
def test_executed_actions_respect_every_rule_in_process(profile, start, reqs):
    check(profile, asyncio.run(drive(MemoryActionLedger(), profile, start, reqs)))


@pytest.fixture(scope="module")
def redis_target(redis_url: Any) -> Any:
    return redis_url


@settings(max_examples=15)
@given(profiles, st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1),
                              timezones=st.just(UTC)), requests)
def test_executed_actions_respect_every_rule_on_redis(redis_target, profile, start, reqs):
    import redis.asyncio as aioredis

    async def run() -> list[Any]:
        client = aioredis.Redis.from_url(redis_target[0])
        try:
            return await drive(RedisActionLedger(client, prefix=redis_target[1]), profile, start, reqs)
        finally:
            await client.aclose()

    check(profile, asyncio.run(run()))


def test_budgets_really_bind_in_a_busy_week():
    """Not vacuous: a request every few minutes through a week hits the daily and weekly limits."""
    profile = ComplianceProfile(user_id=uuid.uuid4(), tier="pro",
                                schedule=Schedule(start="00:00", end="23:59", days=(1, 2, 3, 4, 5, 6, 7)),
                                pacing=PacingPolicy(min_gap_seconds=30))
    targets = [Target(key=f"in/x{i}") for i in range(3000)]

    async def run() -> list[Any]:
        gate = ComplianceGate(MemoryActionLedger())
        now, done = datetime(2026, 3, 2, tzinfo=UTC), []
        for t in targets:
            now += timedelta(minutes=5)
            request = ActionRequest(action=ActionType.INVITATION, target=t)
            if (await gate.decide(profile, request, now)).allowed:
                done.append(now)
        return done

    done = asyncio.run(run())
    first_day = [t for t in done if t < datetime(2026, 3, 3, tzinfo=UTC)]
    assert len(first_day) == profile.budget(ActionType.INVITATION, done[0]).daily == 18
    assert len([t for t in done if t < datetime(2026, 3, 9, tzinfo=UTC)]) == 100
