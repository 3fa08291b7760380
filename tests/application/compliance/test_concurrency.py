"""Many campaign workers in parallel against real Redis and the database: the account's budget is never
over-spent by even one, and no target is contacted twice (two campaigns share most of their targets)."""

from __future__ import annotations

import asyncio
import itertools
import random
from datetime import timedelta
from typing import Any

import pytest
import redis.asyncio as aioredis

from inergize.adapters.compliance import RedisActionLedger
from inergize.application.compliance import campaigns as uc
from inergize.application.compliance.dashboard import AutomationSettings, get_settings, update_settings
from inergize.application.compliance.deps import ComplianceDeps
from inergize.application.compliance.engine import run_step
from inergize.application.compliance.gate import ComplianceGate
from inergize.domain.compliance.actions import ActionBudget, ActionType
from inergize.domain.compliance.campaigns import CampaignConfig, CampaignKind, StepState
from inergize.domain.compliance.pacing import PacingPolicy
from tests.fakes.linkedin_gateway import FakeLinkedInGateway, fake_auth
from tests.support.campaigns import BERLIN, due, people_csv

pytestmark = pytest.mark.usefixtures("nothing_runnable_left")

WORKERS = 8
DAILY = 6  # the user's own lower cap: fewer rounds, same contention


async def test_parallel_workers_never_over_spend_nor_contact_twice(container: Any, make_user: Any, clock: Any,
                                                                   redis_url: Any) -> None:
    url, prefix = redis_url
    user = await make_user(**BERLIN)
    gateway = FakeLinkedInGateway(latency=0.002)
    clients = [aioredis.Redis.from_url(url) for _ in range(WORKERS)]
    workers = [ComplianceDeps(uow_factory=container.uow_factory(), clock=clock, gateway=gateway,
                               gate=ComplianceGate(RedisActionLedger(c, prefix=prefix)), auth_for=fake_auth)
               for c in clients]
    ports = workers[0]
    try:
        async with container.uow_factory()() as uow:  # an established account: the full safe budget
            await uow.compliance.ensure_account(user.user.id, now=clock.now() - timedelta(days=90))
            await uow.commit()
        current = await get_settings(principal=user.principal, ports=ports)
        await update_settings(AutomationSettings(
            pacing=PacingPolicy(min_gap_seconds=30, jitter_seconds=30, daily_volume=40),
            budget_overrides={"invitation": ActionBudget(daily=DAILY, weekly=100)}),
                              expected_version=current.version, principal=user.principal, ports=ports)
        for offset in (0, 5):  # 20 people each, 15 of them in both campaigns
            campaign = await uc.create_campaign(uc.CreateCampaign(
                kind=CampaignKind.CONNECTION, name=f"c{offset}", config=CampaignConfig(daily_volume=40)),
                principal=user.principal, ports=ports)
            await uc.import_targets_csv(campaign.id, people_csv(20, offset=offset), principal=user.principal,
                                        ports=ports)
            await uc.start_campaign(campaign.id, principal=user.principal, ports=ports)
        async with container.uow_factory()() as uow:  # everything due now: maximum contention
            for s in await uow.campaigns.steps_for_user(user.user.id, states=[StepState.PLANNED], limit=1000):
                await uow.campaigns.finish_step(s.id, state=StepState.PLANNED, outcome={}, now=clock.now(),
                                                planned_at=clock.now(), from_states=[StepState.PLANNED])
            await uow.commit()
        daily = (await _profile(ports, user)).budget(ActionType.INVITATION, clock.now()).daily
        assert daily == DAILY
        rng = random.Random(8)
        start = clock.now()

        async def work(worker: ComplianceDeps, ids: list[Any]) -> list[str]:
            # each worker tries a random half, in its own order: every step is raced by about four workers
            return [await run_step(i, ports=worker) for i in rng.sample(ids, max(1, len(ids) // 2))]

        settled = 0
        while settled < 4:  # until the budget is spent, then a few more rounds in which nothing may happen
            ids = await due(ports, user.user.id)
            if ids:
                await asyncio.gather(*(work(w, ids) for w in workers))
            invited = [t for kind, t, _ in gateway.calls if kind == "invitation"]
            assert len(invited) <= daily, "over-spent the daily budget"
            assert len(set(invited)) == len(invited), "contacted a target twice"
            settled += len(invited) == daily
            clock.advance(31)
            assert clock.now() < start + timedelta(hours=1), "the budget was never spent"
        invited = [t for kind, t, _ in gateway.calls if kind == "invitation"]
        assert len(invited) == daily  # the day's budget is spent exactly, not one more
        windows = ports.gate.windows(await _profile(ports, user), ActionType.INVITATION, clock.now())
        peek = await ports.gate.ledger.peek(windows[:1], now=clock.now())
        assert not peek.allowed and peek.remaining == {"day": 0}
        times = sorted(c for c in [s.executed_at for s in await _done(container, user)])
        assert all((b - a).total_seconds() >= 30 for a, b in itertools.pairwise(times))
    finally:
        for c in clients:
            await c.aclose()


async def _profile(ports: ComplianceDeps, user: Any) -> Any:
    from inergize.application.compliance.profiles import load_profile

    async with ports.uow_factory() as uow:
        profile = await load_profile(uow, user.user.id, clock=ports.clock)
        await uow.commit()
    return profile


async def _done(container: Any, user: Any) -> list[Any]:
    async with container.uow_factory()(read_only=True) as uow:
        return await uow.campaigns.steps_for_user(user.user.id, states=[StepState.DONE], limit=1000)
