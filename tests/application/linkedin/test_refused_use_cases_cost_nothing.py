"""A call our own use cases refuse (someone else's or an unknown id, a used idempotency key, a text too
long) reaches neither LinkedIn nor any budget: on the fakes, the gateway is never called (so no adapter
can have counted anything), the simulated daily writes and every compliance window (day, week, pace of
every action) stay as they were. Refusals that only LinkedIn itself can make (an unknown member or
invitation, a duplicate post) are checked on the sandbox and the REST adapter in
test_refusals_cost_nothing.py."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from inergize.adapters.compliance import MemoryActionLedger
from inergize.application.compliance import campaign_events as events
from inergize.application.compliance import campaigns as campaigns_uc
from inergize.application.compliance.deps import ComplianceDeps
from inergize.application.compliance.engine import run_step
from inergize.application.compliance.gate import ComplianceGate
from inergize.application.linkedin import network as network_uc
from inergize.application.linkedin import publishing as publish_uc
from inergize.domain.compliance.account import build_profile
from inergize.domain.compliance.actions import ActionType
from inergize.domain.compliance.campaigns import CampaignKind
from inergize.domain.platform.errors import InergizeError
from inergize.entrypoints.http.problems import status_for
from tests.fakes.clock import FakeClock
from tests.fakes.linkedin_gateway import FakeLinkedInGateway, fake_auth
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.memory_linkedin import connected_user, fake_linkedin_deps
from tests.support.memory_users import MemoryUser
from tests.support.refusals import for_any_sequence


class CountingGateway:
    """The fake LinkedIn, counting every call that reaches it (accepted or refused)."""

    def __init__(self, inner: FakeLinkedInGateway) -> None:
        self.inner, self.calls = inner, 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if not inspect.iscoroutinefunction(attr):
            return attr

        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return await attr(*args, **kwargs)

        return counted


class World:
    """Members A (the caller) and B, both connected; each has a post, A a deleted one, B a campaign."""

    async def setup(self, clock: FakeClock) -> None:
        self.database = InMemoryDatabase()
        self.fake = FakeLinkedInGateway(clock=clock)
        self.gateway = CountingGateway(self.fake)
        self.linkedin = fake_linkedin_deps(self.database, clock, self.gateway)
        self.compliance = ComplianceDeps(uow_factory=self.database, clock=clock,
                                         gate=ComplianceGate(MemoryActionLedger()), gateway=self.linkedin.gateway,
                                         auth_for=fake_auth)
        self.clock = clock
        self.a, self.b = await self._connected(), await self._connected()
        before = await self.state()
        self.a_key = uuid.uuid4().hex
        self.a_post = await self._publish(self.a, f"What I learnt shipping {uuid.uuid4().hex[:6]}", self.a_key)
        assert await self.state() != before  # the observation sees an action that happened
        self.b_post = await self._publish(self.b, f"B's news {uuid.uuid4().hex[:6]}", uuid.uuid4().hex)
        self.a_deleted = await self._publish(self.a, f"A's mistake {uuid.uuid4().hex[:6]}", uuid.uuid4().hex)
        await network_uc.delete_post(self.a_deleted.id, principal=self.a.principal, ports=self.linkedin)
        campaign = await campaigns_uc.create_campaign(
            campaigns_uc.CreateCampaign(kind=CampaignKind.CONNECTION, name="B's"), principal=self.b.principal,
            ports=self.compliance)
        self.b_campaign = campaign.id

    async def _connected(self) -> MemoryUser:
        return await connected_user(self.linkedin, self.database)

    async def _publish(self, user: MemoryUser, text: str, key: str) -> Any:
        return await publish_uc.publish_now(publish_uc.PublishNow(commentary=text), idempotency_key=key,
                                            principal=user.principal, ports=self.linkedin)

    async def state(self) -> dict[str, Any]:
        """Everything a refusal must leave alone."""
        now = self.clock.now()
        state: dict[str, Any] = {"gateway_calls": self.gateway.calls, "writes": dict(self.fake.writes)}
        gate = self.compliance.gate
        async with self.database() as uow:
            user = await uow.users.get(self.a.user.id)
            account = await uow.compliance.ensure_account(self.a.user.id, now=now)
            await uow.commit()
        profile = build_profile(user, account)
        for action in ActionType:
            for lw in gate.windows(profile, action, now):
                state[f"{lw.key}/{lw.window.name}"] = (await gate.ledger.peek([lw], now=now)).remaining
        return state


Call = Callable[[World, str], Awaitable[Any]]


def as_a(use_case: Callable[..., Awaitable[Any]], *args: Any, compliance: bool = False) -> Call:
    async def call(w: World, seed: str) -> Any:
        values = [a(w, seed) if callable(a) else a for a in args]
        return await use_case(*values, principal=w.a.principal, ports=w.compliance if compliance else w.linkedin)
    return call


def publish(text: Callable[[World, str], str], key: Callable[[World, str], str]) -> Call:
    return as_a(lambda t, k, **kw: publish_uc.publish_now(publish_uc.PublishNow(commentary=t), idempotency_key=k,
                                                          **kw), text, key)


async def _run_unknown_step(w: World, _: str) -> str:
    outcome = await run_step(uuid.uuid4(), ports=w.compliance)
    assert outcome == "not_runnable"
    return outcome


REFUSALS: dict[str, Call] = {
    "delete an unknown post": as_a(network_uc.delete_post, lambda w, s: uuid.uuid4()),
    "delete B's post": as_a(network_uc.delete_post, lambda w, s: w.b_post.id),
    "delete a deleted post": as_a(network_uc.delete_post, lambda w, s: w.a_deleted.id),
    "publish too long": publish(lambda w, s: s * 3001, lambda w, s: uuid.uuid4().hex),
    "publish another text under a used key": publish(lambda w, s: f"other {s}", lambda w, s: w.a_key),
    "add network targets to B's campaign": as_a(
        lambda c, **kw: campaigns_uc.add_network_targets(c, limit=5, **kw), lambda w, s: w.b_campaign, compliance=True),
    "add network targets to an unknown campaign": as_a(
        lambda c, **kw: campaigns_uc.add_network_targets(c, limit=5, **kw), lambda w, s: uuid.uuid4(), compliance=True),
    "read B's campaign (before syncing it)": as_a(campaigns_uc.get_campaign, lambda w, s: w.b_campaign,
                                                   compliance=True),
    "complete an unknown task": as_a(lambda t, **kw: events.complete_task(t, done=True, **kw),
                                     lambda w, s: uuid.uuid4(), compliance=True),
}


async def refused_changes_nothing(w: World, name: str, call: Call, seed: str) -> None:
    before = await w.state()
    with pytest.raises(InergizeError) as refused:
        await call(w, seed)
    status = status_for(refused.value)
    assert 400 <= status < 500 and status != 429, f"{name} was not refused: {status}"
    assert await w.state() == before, f"{name} ({status}) changed a budget window or reached LinkedIn"


async def test_a_refused_use_case_reaches_neither_linkedin_nor_a_budget(clock: FakeClock) -> None:
    world = World()
    await world.setup(clock)
    before = await world.state()
    await _run_unknown_step(world, "x")
    assert await world.state() == before
    for name in sorted(REFUSALS):  # every refusal at least once
        await refused_changes_nothing(world, name, REFUSALS[name], "x")


def test_no_sequence_of_refused_use_cases_changes_anything(clock: FakeClock) -> None:
    import asyncio

    loop = asyncio.new_event_loop()  # hypothesis drives examples synchronously
    try:
        world = World()
        loop.run_until_complete(world.setup(clock))
        names = sorted(REFUSALS)

        def step(name: str, seed: str) -> None:
            loop.run_until_complete(refused_changes_nothing(world, name, REFUSALS[name], seed))

        for_any_sequence(names, step, examples=40, longest=6)
    finally:
        loop.close()
