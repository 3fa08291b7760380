"""The compliance and campaign repositories, one contract run over the in-memory fake, SQLite and
PostgreSQL; the races (parallel claims of one contact, of one step) run on the two databases only, whose
locking is what they test."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest

from inergize.domain.compliance.account import AutomationAccount
from inergize.domain.compliance.campaigns import (
    Campaign,
    CampaignConfig,
    CampaignKind,
    CampaignState,
    CampaignStep,
    CampaignTarget,
    StepKind,
    StepState,
    TargetState,
)
from inergize.domain.compliance.health import HealthCause, Outcome
from inergize.domain.compliance.pacing import PacingPolicy
from inergize.domain.platform.errors import PreconditionFailed
from inergize.ports.compliance_repository import ComplianceLog
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.containers import container_on
from tests.support.fixtures.settling import settle_automation
from tests.support.memory_users import add_memory_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _factory_on(backend: str, request: pytest.FixtureRequest, built: dict[str, Any]) -> AsyncIterator[Any]:
    """A unit-of-work factory on ``backend``; a database is left with nothing runnable afterwards."""
    if backend == "fake":
        yield InMemoryDatabase()
        return
    container = await container_on(backend, request, built)
    yield container.uow_factory()
    await settle_automation(container)


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def factory(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> AsyncIterator[Any]:
    async for opened in _factory_on(request.param, request, _session_containers):
        yield opened


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> AsyncIterator[Any]:
    async for opened in _factory_on(request.param, request, _session_containers):
        yield opened


async def _user(factory: Any) -> uuid.UUID:
    return (await add_memory_user(factory)).user.id


def _step(campaign: Campaign, target: CampaignTarget, kind: StepKind = StepKind.INVITE, *,
          state: StepState = StepState.PLANNED, at: datetime = NOW, sequence: int = 0) -> CampaignStep:
    return CampaignStep(id=uuid.uuid4(), campaign_id=campaign.id, user_id=campaign.user_id, target_id=target.id,
                        kind=kind, state=state, planned_at=at, sequence=sequence)


async def _campaign(factory: Any, user_id: uuid.UUID, state: CampaignState = CampaignState.ACTIVE,
                    created_at: datetime = NOW) -> tuple[Campaign, CampaignTarget, CampaignStep]:
    campaign = Campaign(id=uuid.uuid4(), user_id=user_id, kind=CampaignKind.CONNECTION, name="c",
                        state=state, config=CampaignConfig(note_template="Hi {first_name}"), created_at=created_at,
                        updated_at=created_at)
    target = CampaignTarget(id=uuid.uuid4(), campaign_id=campaign.id, user_id=user_id, key="in/jane",
                            name="Jane Doe")
    step = _step(campaign, target)
    async with factory() as uow:
        await uow.campaigns.add(campaign)
        assert await uow.campaigns.add_targets([target, msgspec.structs.replace(target, id=uuid.uuid4())],
                                               now=NOW) == 1
        assert await uow.campaigns.add_steps([step], now=NOW) == 1
        assert await uow.campaigns.add_steps([msgspec.structs.replace(step, id=uuid.uuid4())], now=NOW) == 0
        await uow.commit()
    return campaign, target, step


async def test_account_state_pause_and_settings_round_trip(factory: Any) -> None:
    uid, now = await _user(factory), NOW
    async with factory() as uow:
        account = await uow.compliance.ensure_account(uid, now=now)
        assert not account.paused and account.health == 100 and account.automation_since == now
        assert (await uow.compliance.ensure_account(uid, now=now + timedelta(days=1))).automation_since == now
        account.lists = {"deny_companies": ["Acme"]}
        account.pacing = PacingPolicy(min_gap_seconds=600)
        saved = await uow.compliance.save_settings(account, expected_version=account.version)
        with pytest.raises(PreconditionFailed):
            await uow.compliance.save_settings(account, expected_version=account.version)
        assert await uow.compliance.set_paused(uid, paused=True, reason="too_many_rate_limits", now=now)
        assert not await uow.compliance.set_paused(uid, paused=True, reason="again", now=now)
        cause = HealthCause(code="rate_limited", points=45, detail="x")
        await uow.compliance.set_health(uid, score=55, causes=[cause], now=now, restricted_at=now)
        await uow.commit()
    async with factory(read_only=True) as uow:
        got = await uow.compliance.get_account(uid)
    assert got is not None and got.paused and got.pause_reason == "too_many_rate_limits"
    assert got.lists == {"deny_companies": ["Acme"]} and got.pacing.min_gap_seconds == 600
    assert got.health == 55 and got.health_causes[0].code == "rate_limited" and got.last_restriction_at == now
    assert got.version > saved.version


async def test_an_account_without_state_reads_none_ignores_health_and_refuses_settings(factory: Any) -> None:
    uid = await _user(factory)
    async with factory() as uow:
        assert await uow.compliance.get_account(uid) is None
        await uow.compliance.set_health(uid, score=10, causes=[], now=NOW)
        assert not await uow.compliance.set_paused(uid, paused=True, reason="manual", now=NOW)
        with pytest.raises(PreconditionFailed):
            await uow.compliance.save_settings(AutomationAccount(user_id=uid, automation_since=NOW,
                                                                 updated_at=NOW), expected_version=1)
        assert await uow.compliance.get_account(uid) is None


async def test_settings_keep_the_health_and_resuming_clears_the_pause(factory: Any) -> None:
    uid, later = await _user(factory), NOW + timedelta(hours=1)
    cause = HealthCause(code="low_acceptance", points=20, detail="y")
    async with factory() as uow:
        read = await uow.compliance.ensure_account(uid, now=NOW)
        await uow.compliance.set_health(uid, score=80, causes=[cause], now=NOW, restricted_at=NOW)
        await uow.compliance.set_health(uid, score=70, causes=[cause], now=later)  # keeps the restriction
        unchanged = await uow.compliance.get_account(uid)
        assert unchanged is not None and unchanged.version == read.version  # health is not versioned
        changed = msgspec.structs.replace(read, days_off=(NOW.date(),), quiet=(("12:00", "13:00"),),
                                          updated_at=later)
        saved = await uow.compliance.save_settings(changed, expected_version=read.version)
        assert saved.version == read.version + 1 and saved.health_causes == ()  # what the caller sent
        assert await uow.compliance.set_paused(uid, paused=True, reason="manual", now=later)
        assert await uow.compliance.set_paused(uid, paused=False, reason="ignored", now=later)
        assert not await uow.compliance.set_paused(uid, paused=False, reason=None, now=later)
        await uow.commit()
    async with factory(read_only=True) as uow:
        got = await uow.compliance.get_account(uid)
    assert got is not None and (got.health, got.health_causes) == (70, (cause,))
    assert got.last_restriction_at == NOW and got.days_off == (NOW.date(),) and got.quiet == (("12:00", "13:00"),)
    assert not got.paused and got.pause_reason is None and got.paused_at is None
    assert got.updated_at == later and got.version == saved.version + 2  # the pause and the resume


async def test_logs_outcomes_and_health_inputs(factory: Any) -> None:
    uid, now = await _user(factory), NOW
    async with factory() as uow:
        for i, outcome in enumerate([Outcome.SUCCESS, Outcome.SUCCESS, Outcome.RATE_LIMITED, Outcome.FAILED]):
            await uow.compliance.record_outcome(uid, action="invitation", target=f"in/t{i}", outcome=outcome,
                                                detail={}, now=now + timedelta(seconds=i))
        await uow.compliance.log(ComplianceLog(id=uuid.uuid4(), user_id=uid, kind="pause", verdict="paused",
                                               reason="x", created_at=now))
        await uow.compliance.log(ComplianceLog(id=uuid.uuid4(), user_id=uid, kind="check", verdict="denied",
                                               created_at=now + timedelta(seconds=1)))
        await uow.commit()
    async with factory(read_only=True) as uow:
        events = await uow.compliance.outcomes_since(uid, now + timedelta(seconds=1))
        inputs = await uow.compliance.health_inputs(uid, since=now - timedelta(days=7))
        logs = await uow.compliance.list_logs(uid, kinds=["pause"])
        everything = await uow.compliance.list_logs(uid)
    assert [e.outcome for e in events] == [Outcome.SUCCESS, Outcome.RATE_LIMITED, Outcome.FAILED]
    assert [e.at for e in events] == [now + timedelta(seconds=i) for i in (1, 2, 3)]
    assert (inputs.attempts, inputs.successes, inputs.rate_limited, inputs.invitations_sent) == (4, 2, 1, 2)
    assert [entry.kind for entry in logs] == ["pause"]
    assert [entry.kind for entry in everything] == ["check", "pause"]


async def test_logs_are_the_accounts_own_newest_first_and_limited(factory: Any) -> None:
    uid, other = await _user(factory), await _user(factory)
    entries = [ComplianceLog(id=uuid.uuid4(), user_id=uid, kind="hold", verdict="held", detail={"n": [i]},
                             created_at=NOW) for i in range(3)]
    async with factory() as uow:
        oldest_id_first = sorted(entries, key=lambda e: e.id)  # the opposite of the order they come back in
        for entry in [*oldest_id_first, msgspec.structs.replace(entries[0], id=uuid.uuid4(), user_id=other)]:
            await uow.compliance.log(entry)
        await uow.commit()
    async with factory(read_only=True) as uow:
        two = await uow.compliance.list_logs(uid, limit=2)
        unfiltered = await uow.compliance.list_logs(uid, kinds=[])
        none = await uow.compliance.list_logs(uid, kinds=["resume"])
    newest = sorted(entries, key=lambda e: e.id, reverse=True)  # equal times: the larger id first
    assert two == newest[:2] and unfiltered == newest and none == []


async def test_health_inputs_count_acceptances_since_and_every_pending_invitation(factory: Any) -> None:
    uid = await _user(factory)
    campaign, _, _ = await _campaign(factory, uid)

    def target(key: str, state: TargetState, invited_at: datetime | None) -> CampaignTarget:
        return CampaignTarget(id=uuid.uuid4(), campaign_id=campaign.id, user_id=uid, key=key, state=state,
                              invited_at=invited_at)

    async with factory() as uow:
        await uow.campaigns.add_targets([
            target("in/a", TargetState.ACCEPTED, NOW), target("in/r", TargetState.REPLIED, NOW - timedelta(days=9)),
            target("in/p", TargetState.INVITED, NOW - timedelta(days=30)), target("in/q", TargetState.INVITED, NOW),
            target("in/l", TargetState.ACCEPTED, NOW + timedelta(hours=1))], now=NOW)
        for i in range(3):
            await uow.compliance.record_outcome(uid, action="invitation", target=f"in/{i}", outcome=Outcome.SUCCESS,
                                                detail={"i": i}, now=NOW)
        await uow.compliance.record_outcome(uid, action="message", target="in/a", outcome=Outcome.RESTRICTED,
                                            detail={}, now=NOW)
        await uow.commit()
    async with factory(read_only=True) as uow:
        week = await uow.compliance.health_inputs(uid, since=NOW - timedelta(days=7))
        after = await uow.compliance.health_inputs(uid, since=NOW + timedelta(seconds=1))
    assert (week.attempts, week.successes, week.restrictions, week.invitations_sent) == (4, 3, 1, 3)
    assert (week.invitations_accepted, week.pending_invitations) == (2, 2)
    # one acceptance after ``since`` but no invitation sent since: acceptances never exceed invitations
    assert (after.attempts, after.invitations_sent, after.invitations_accepted) == (0, 0, 0)
    assert after.pending_invitations == 2


async def test_a_contact_is_claimed_once_and_again_after_its_release(factory: Any) -> None:
    uid = await _user(factory)

    async def claim(uow: Any, sequence: int = 0, action: str = "invitation") -> bool:
        won: bool = await uow.compliance.claim_contact(uid, action=action, sequence=sequence, target_key="in/x",
                                                       campaign_id=None, step_id=None, now=NOW)
        return won

    async with factory() as uow:
        assert await claim(uow) and not await claim(uow)
        await uow.commit()
    async with factory() as uow:
        assert not await claim(uow)
        assert await claim(uow, sequence=1) and await claim(uow, action="message")
        await uow.compliance.release_contact(uid, action="invitation", sequence=0, target_key="in/x")
        assert await claim(uow) and not await claim(uow, sequence=1)
        await uow.commit()


async def test_parallel_claims_of_a_contact_let_exactly_one_win(database: Any) -> None:
    uid = await _user(database)

    async def claim() -> bool:
        async with database() as uow:
            won = await uow.compliance.claim_contact(uid, action="invitation", sequence=0, target_key="in/x",
                                                     campaign_id=None, step_id=None, now=NOW)
            await uow.commit()
            return bool(won)

    results = await asyncio.gather(*(claim() for _ in range(8)))
    assert sum(results) == 1


async def test_steps_are_claimed_once_and_never_while_paused(factory: Any) -> None:
    uid, now = await _user(factory), NOW
    _, target, step = await _campaign(factory, uid)
    async with factory() as uow:
        await uow.compliance.ensure_account(uid, now=now)
        await uow.compliance.set_paused(uid, paused=True, reason="manual", now=now)
        await uow.commit()
    async with factory() as uow:
        assert step.id not in await uow.campaigns.due_step_ids(now=now, limit=1000)
        assert await uow.campaigns.claim_step(step.id, now=now) is None
        await uow.compliance.set_paused(uid, paused=False, reason=None, now=now)
        await uow.commit()
    async with factory(read_only=True) as uow:
        assert step.id in await uow.campaigns.due_step_ids(now=now, limit=1000)
    async with factory() as uow:
        claimed = await uow.campaigns.claim_step(step.id, now=now)
        assert claimed is not None and claimed.state is StepState.RUNNING and claimed.attempts == 1
        assert await uow.campaigns.claim_step(step.id, now=now) is None
        assert step.id not in await uow.campaigns.due_step_ids(now=now, limit=1000)
        assert await uow.campaigns.finish_step(step.id, state=StepState.DONE, outcome={"ok": True}, now=now)
        assert not await uow.campaigns.finish_step(step.id, state=StepState.FAILED, outcome={}, now=now)
        assert (await uow.campaigns.step_counts(step.campaign_id)) == {"done": 1}
        assert [t.key for t in await uow.campaigns.targets(step.campaign_id)] == [target.key]
        await uow.commit()
    async with factory(read_only=True) as uow:
        done = await uow.campaigns.get_step(step.id)
    assert done is not None and done.state is StepState.DONE and done.outcome == {"ok": True}
    assert done.executed_at == now and done.attempts == 1


async def test_parallel_claims_of_a_step_let_exactly_one_win(database: Any) -> None:
    _, _, step = await _campaign(database, await _user(database))

    async def claim() -> Any:
        async with database() as uow:
            got = await uow.campaigns.claim_step(step.id, now=NOW)
            await uow.commit()
            return got

    claimed = [c for c in await asyncio.gather(*(claim() for _ in range(5))) if c is not None]
    assert len(claimed) == 1 and claimed[0].state is StepState.RUNNING and claimed[0].attempts == 1


async def test_campaign_state_is_versioned_and_lists_are_per_user(factory: Any) -> None:
    user, other = await _user(factory), await _user(factory)
    campaign, _, _ = await _campaign(factory, user, CampaignState.DRAFT)
    now = NOW + timedelta(minutes=5)
    async with factory() as uow:
        stored = await uow.campaigns.get(campaign.id)
        assert stored is not None and stored.config.note_template == "Hi {first_name}"
        active = await uow.campaigns.set_state(msgspec.structs.replace(stored, state=CampaignState.ACTIVE,
                                                                       name="not stored"), now=now)
        with pytest.raises(PreconditionFailed):
            await uow.campaigns.set_state(stored, now=now)
        assert active.version == 2 and active.updated_at == now
        mine = await uow.campaigns.list_for_user(user, limit=10, cursor=None)
        assert [c.id for c in mine.items] == [campaign.id]
        assert (await uow.campaigns.list_for_user(other, limit=10, cursor=None)).items == []
        assert await uow.campaigns.get(uuid.uuid4()) is None
        await uow.commit()
    async with factory(read_only=True) as uow:
        got = await uow.campaigns.get(campaign.id)
    assert got is not None and (got.state, got.name, got.version, got.updated_at) == (
        CampaignState.ACTIVE, "c", 2, now)
    assert got.config == campaign.config and got.created_at == campaign.created_at


async def test_campaign_pages_run_newest_first_without_gaps_or_repeats(factory: Any) -> None:
    uid = await _user(factory)
    made = [(await _campaign(factory, uid, created_at=NOW + timedelta(minutes=i // 2)))[0] for i in range(5)]
    seen: list[uuid.UUID] = []
    cursor = None
    async with factory(read_only=True) as uow:
        while True:
            page = await uow.campaigns.list_for_user(uid, limit=2, cursor=cursor)
            seen += [c.id for c in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
    assert seen == [c.id for c in sorted(made, key=lambda c: (c.created_at, c.id), reverse=True)]


async def test_targets_are_added_once_per_campaign_in_the_order_added(factory: Any) -> None:
    uid = await _user(factory)
    campaign, jane, _ = await _campaign(factory, uid)
    other, _, _ = await _campaign(factory, uid)

    def target(key: str, campaign_id: uuid.UUID = campaign.id, **fields: Any) -> CampaignTarget:
        return CampaignTarget(id=uuid.uuid4(), campaign_id=campaign_id, user_id=uid, key=key, **fields)

    first = sorted((target(f"in/p{i}", data={"urn": f"urn:li:person:{i}"}) for i in range(4)),
                   key=lambda t: t.id, reverse=True)  # added largest id first; listed smallest first
    long_named = target("in/long", name="N" * 250, company="C" * 250, headline="H" * 350)
    async with factory() as uow:
        assert await uow.campaigns.add_targets([*first, target("in/p0")], now=NOW + timedelta(seconds=1)) == 4
        assert await uow.campaigns.add_targets([target("in/p1"), long_named, target("in/p0", other.id)],
                                               now=NOW + timedelta(seconds=2)) == 2
        await uow.commit()
    async with factory() as uow:
        listed = await uow.campaigns.targets(campaign.id)
        stored = await uow.campaigns.get_target(long_named.id)
        assert await uow.campaigns.get_target(uuid.uuid4()) is None
        p2 = msgspec.structs.replace(first[2], name="renamed", state=TargetState.INVITED, invited_at=NOW,
                                     data={"invitation_id": "inv-1"})
        await uow.campaigns.update_target(p2, now=NOW)
        invited = await uow.campaigns.targets(campaign.id, states=["invited"])
        limited = await uow.campaigns.targets(campaign.id, limit=2)
        await uow.commit()
    by_batch = [jane.id, *sorted(t.id for t in first), long_named.id]  # by time added, then by id
    assert [t.id for t in listed] == by_batch and [t.id for t in limited] == by_batch[:2]
    assert stored is not None and (len(stored.name), len(stored.company), len(stored.headline)) == (200, 200, 300)
    assert [t.id for t in invited] == [p2.id]
    assert (invited[0].name, invited[0].invited_at, invited[0].data) == ("", NOW, {"invitation_id": "inv-1"})


async def test_steps_are_planned_once_and_listed_soonest_first(factory: Any) -> None:
    uid, stranger = await _user(factory), await _user(factory)
    campaign, target, invite = await _campaign(factory, uid)
    other, other_target, other_invite = await _campaign(factory, uid)
    high, low = sorted([uuid.uuid4(), uuid.uuid4()], reverse=True)
    follow_ups = [msgspec.structs.replace(_step(campaign, target, StepKind.FOLLOW_UP, at=NOW + timedelta(days=1),
                                                sequence=n), id=step_id) for n, step_id in ((1, high), (2, low))]
    awaiting = _step(other, other_target, StepKind.WITHDRAW, state=StepState.AWAITING_USER,
                     at=NOW + timedelta(hours=1))
    async with factory() as uow:
        assert await uow.campaigns.add_steps([*follow_ups, awaiting, msgspec.structs.replace(
            follow_ups[0], id=uuid.uuid4(), text="again")], now=NOW) == 3
        planned = await uow.campaigns.steps_for_user(uid, states=[StepState.PLANNED])
        both = await uow.campaigns.steps_for_user(uid, states=[StepState.PLANNED, StepState.AWAITING_USER],
                                                  limit=3)
        of_other = await uow.campaigns.steps_for_user(uid, states=list(StepState), campaign_id=other.id)
        counts = await uow.campaigns.step_counts(other.id)
        last = await uow.campaigns.last_planned_at(uid)
        assert await uow.campaigns.last_planned_at(stranger) is None
        got = await uow.campaigns.get_step(follow_ups[1].id)
        assert await uow.campaigns.get_step(uuid.uuid4()) is None
        await uow.commit()
    now_first = sorted([invite.id, other_invite.id])  # equal times: by id
    assert [s.id for s in planned] == [*now_first, low, high]  # equal times: the smaller id first
    assert [s.id for s in both] == [*now_first, awaiting.id]
    assert {s.id for s in of_other} == {other_invite.id, awaiting.id}
    assert counts == {"planned": 1, "awaiting_user": 1} and last == NOW + timedelta(days=1)
    assert got == follow_ups[1]


async def test_due_steps_are_planned_due_and_of_active_campaigns_of_unpaused_accounts(factory: Any) -> None:
    uid, paused_uid = await _user(factory), await _user(factory)
    active, target, due_now = await _campaign(factory, uid)
    _, _, drafted = await _campaign(factory, uid, CampaignState.DRAFT)
    _, _, of_paused = await _campaign(factory, paused_uid)
    earlier = _step(active, target, StepKind.FOLLOW_UP, at=NOW - timedelta(minutes=5), sequence=1)
    later = _step(active, target, StepKind.FOLLOW_UP, at=NOW + timedelta(seconds=1), sequence=2)
    running = _step(active, target, StepKind.WITHDRAW, state=StepState.RUNNING, at=NOW - timedelta(hours=1))
    async with factory() as uow:
        await uow.campaigns.add_steps([earlier, later, running], now=NOW)
        await uow.compliance.ensure_account(paused_uid, now=NOW)
        await uow.compliance.set_paused(paused_uid, paused=True, reason="manual", now=NOW)
        await uow.commit()
    async with factory() as uow:
        due = await uow.campaigns.due_step_ids(now=NOW, limit=1000)
        first = await uow.campaigns.due_step_ids(now=NOW, limit=1)
        assert await uow.campaigns.claim_step(drafted.id, now=NOW) is None
        assert await uow.campaigns.claim_step(of_paused.id, now=NOW) is None
    mine = [i for i in due if i in {s.id for s in (due_now, drafted, of_paused, earlier, later, running)}]
    assert mine == [earlier.id, due_now.id] and len(first) == 1


async def test_finishing_moves_a_step_only_from_the_states_given_and_may_reschedule(factory: Any) -> None:
    uid = await _user(factory)
    campaign, target, step = await _campaign(factory, uid)
    task = _step(campaign, target, StepKind.WITHDRAW, state=StepState.AWAITING_USER)
    retry_at = NOW + timedelta(minutes=20)
    async with factory() as uow:
        await uow.campaigns.add_steps([task], now=NOW)
        assert not await uow.campaigns.finish_step(step.id, state=StepState.DONE, outcome={}, now=NOW)
        assert await uow.campaigns.finish_step(step.id, state=StepState.PLANNED, outcome={"deferred": "pacing"},
                                               now=NOW, planned_at=retry_at, from_states=[StepState.PLANNED])
        assert await uow.campaigns.finish_step(task.id, state=StepState.SKIPPED, outcome={"by": "user"}, now=NOW,
                                               from_states=[StepState.AWAITING_USER])
        assert not await uow.campaigns.finish_step(uuid.uuid4(), state=StepState.DONE, outcome={}, now=NOW)
        await uow.commit()
    async with factory(read_only=True) as uow:
        moved, skipped = await uow.campaigns.get_step(step.id), await uow.campaigns.get_step(task.id)
    assert moved is not None and (moved.state, moved.planned_at, moved.outcome) == (
        StepState.PLANNED, retry_at, {"deferred": "pacing"})
    assert moved.executed_at is None and moved.attempts == 0
    assert skipped is not None and skipped.state is StepState.SKIPPED and skipped.planned_at == NOW


async def test_cancelling_stops_only_the_open_steps_of_the_kinds_given(factory: Any) -> None:
    uid = await _user(factory)
    campaign, target, invite = await _campaign(factory, uid)
    other_target = CampaignTarget(id=uuid.uuid4(), campaign_id=campaign.id, user_id=uid, key="in/joe")
    steps = [_step(campaign, target, StepKind.FOLLOW_UP, sequence=1),
             _step(campaign, target, StepKind.FOLLOW_UP, state=StepState.AWAITING_USER, sequence=2),
             _step(campaign, target, StepKind.FOLLOW_UP, state=StepState.DONE, sequence=3),
             _step(campaign, target, StepKind.WITHDRAW), _step(campaign, other_target, StepKind.FOLLOW_UP, sequence=1)]
    async with factory() as uow:
        await uow.campaigns.add_targets([other_target], now=NOW)
        await uow.campaigns.add_steps(steps, now=NOW)
        assert await uow.campaigns.cancel_steps(target.id, kinds=[StepKind.FOLLOW_UP], now=NOW) == 2
        assert await uow.campaigns.cancel_steps(target.id, kinds=[StepKind.FOLLOW_UP], now=NOW) == 0
        await uow.commit()
    async with factory(read_only=True) as uow:
        states = [(await uow.campaigns.get_step(s.id)).state for s in [invite, *steps]]
    assert states == [StepState.PLANNED, StepState.CANCELLED, StepState.CANCELLED, StepState.DONE,
                      StepState.PLANNED, StepState.PLANNED]


async def test_steps_running_since_before_a_moment_are_found_for_the_sweep(factory: Any) -> None:
    uid = await _user(factory)
    _, _, step = await _campaign(factory, uid)
    async with factory() as uow:
        assert await uow.campaigns.claim_step(step.id, now=NOW) is not None
        await uow.commit()
    async with factory(read_only=True) as uow:
        stuck = await uow.campaigns.running_since(NOW + timedelta(seconds=1), limit=1000)
        not_yet = await uow.campaigns.running_since(NOW, limit=1000)
    assert step.id in stuck and step.id not in not_yet
