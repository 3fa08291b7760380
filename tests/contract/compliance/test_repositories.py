"""The compliance and campaign repositories on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import msgspec
import pytest

from inergize.domain.compliance.campaigns import (
    Campaign,
    CampaignConfig,
    CampaignKind,
    CampaignState,
    CampaignStep,
    CampaignTarget,
    StepKind,
    StepState,
)
from inergize.domain.compliance.health import HealthCause, Outcome
from inergize.domain.compliance.pacing import PacingPolicy
from inergize.domain.platform.errors import PreconditionFailed
from inergize.ports.compliance_repository import ComplianceLog

pytestmark = pytest.mark.usefixtures("nothing_runnable_left")


async def _campaign(container: Any, user_id: uuid.UUID, state: CampaignState = CampaignState.ACTIVE) -> Any:
    now = container.clock().now()
    campaign = Campaign(id=uuid.uuid4(), user_id=user_id, kind=CampaignKind.CONNECTION, name="c",
                        state=state, config=CampaignConfig(note_template="Hi {first_name}"), created_at=now,
                        updated_at=now)
    target = CampaignTarget(id=uuid.uuid4(), campaign_id=campaign.id, user_id=user_id, key="in/jane",
                            name="Jane Doe")
    step = CampaignStep(id=uuid.uuid4(), campaign_id=campaign.id, user_id=user_id, target_id=target.id,
                        kind=StepKind.INVITE, state=StepState.PLANNED, planned_at=now)
    async with container.uow_factory()() as uow:
        await uow.campaigns.add(campaign)
        assert await uow.campaigns.add_targets([target, msgspec.structs.replace(target, id=uuid.uuid4())],
                                               now=now) == 1
        assert await uow.campaigns.add_steps([step], now=now) == 1
        assert await uow.campaigns.add_steps([msgspec.structs.replace(step, id=uuid.uuid4())], now=now) == 0
        await uow.commit()
    return campaign, target, step


async def test_account_state_pause_and_settings_round_trip(container: Any, make_user: Any) -> None:
    user = await make_user()
    uid, now = user.user.id, container.clock().now()
    async with container.uow_factory()() as uow:
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
    async with container.uow_factory()(read_only=True) as uow:
        got = await uow.compliance.get_account(uid)
    assert got is not None and got.paused and got.pause_reason == "too_many_rate_limits"
    assert got.lists == {"deny_companies": ["Acme"]} and got.pacing.min_gap_seconds == 600
    assert got.health == 55 and got.health_causes[0].code == "rate_limited" and got.last_restriction_at == now
    assert got.version > saved.version


async def test_logs_outcomes_and_health_inputs(container: Any, make_user: Any) -> None:
    user = await make_user()
    uid, now = user.user.id, container.clock().now()
    async with container.uow_factory()() as uow:
        for i, outcome in enumerate([Outcome.SUCCESS, Outcome.SUCCESS, Outcome.RATE_LIMITED, Outcome.FAILED]):
            await uow.compliance.record_outcome(uid, action="invitation", target=f"in/t{i}", outcome=outcome,
                                                detail={}, now=now + timedelta(seconds=i))
        await uow.compliance.log(ComplianceLog(id=uuid.uuid4(), user_id=uid, kind="pause", verdict="paused",
                                               reason="x", created_at=now))
        await uow.compliance.log(ComplianceLog(id=uuid.uuid4(), user_id=uid, kind="check", verdict="denied",
                                               created_at=now + timedelta(seconds=1)))
        await uow.commit()
    async with container.uow_factory()(read_only=True) as uow:
        events = await uow.compliance.outcomes_since(uid, now + timedelta(seconds=1))
        inputs = await uow.compliance.health_inputs(uid, since=now - timedelta(days=7))
        logs = await uow.compliance.list_logs(uid, kinds=["pause"])
        everything = await uow.compliance.list_logs(uid)
    assert [e.outcome for e in events] == [Outcome.SUCCESS, Outcome.RATE_LIMITED, Outcome.FAILED]
    assert (inputs.attempts, inputs.successes, inputs.rate_limited, inputs.invitations_sent) == (4, 2, 1, 2)
    assert [entry.kind for entry in logs] == ["pause"]
    assert [entry.kind for entry in everything] == ["check", "pause"]


async def test_a_contact_is_claimed_once_even_in_parallel(container: Any, make_user: Any) -> None:
    user = await make_user()
    uid, now = user.user.id, container.clock().now()

    async def claim() -> bool:
        async with container.uow_factory()() as uow:
            won = await uow.compliance.claim_contact(uid, action="invitation", sequence=0, target_key="in/x",
                                                     campaign_id=None, step_id=None, now=now)
            await uow.commit()
            return won

    results = await asyncio.gather(*(claim() for _ in range(8)))
    assert sum(results) == 1
    async with container.uow_factory()() as uow:
        await uow.compliance.release_contact(uid, action="invitation", sequence=0, target_key="in/x")
        assert await uow.compliance.claim_contact(uid, action="invitation", sequence=1, target_key="in/x",
                                                  campaign_id=None, step_id=None, now=now)
        assert await uow.compliance.claim_contact(uid, action="invitation", sequence=0, target_key="in/x",
                                                  campaign_id=None, step_id=None, now=now)
        await uow.commit()


async def test_steps_are_claimed_once_and_never_while_paused(container: Any, make_user: Any) -> None:
    user = await make_user()
    uid, now = user.user.id, container.clock().now()
    _, target, step = await _campaign(container, uid)
    async with container.uow_factory()() as uow:
        await uow.compliance.ensure_account(uid, now=now)
        await uow.compliance.set_paused(uid, paused=True, reason="manual", now=now)
        await uow.commit()
    async with container.uow_factory()() as uow:
        assert step.id not in await uow.campaigns.due_step_ids(now=now, limit=1000)
        assert await uow.campaigns.claim_step(step.id, now=now) is None
        await uow.compliance.set_paused(uid, paused=False, reason=None, now=now)
        await uow.commit()

    async def claim() -> Any:
        async with container.uow_factory()() as uow:
            got = await uow.campaigns.claim_step(step.id, now=now)
            await uow.commit()
            return got

    async with container.uow_factory()(read_only=True) as uow:
        assert step.id in await uow.campaigns.due_step_ids(now=now, limit=1000)
    claimed = [c for c in await asyncio.gather(*(claim() for _ in range(5))) if c is not None]
    assert len(claimed) == 1 and claimed[0].state is StepState.RUNNING and claimed[0].attempts == 1
    async with container.uow_factory()() as uow:
        assert await uow.campaigns.finish_step(step.id, state=StepState.DONE, outcome={"ok": True}, now=now)
        assert not await uow.campaigns.finish_step(step.id, state=StepState.FAILED, outcome={}, now=now)
        assert (await uow.campaigns.step_counts(step.campaign_id)) == {"done": 1}
        assert [t.key for t in await uow.campaigns.targets(step.campaign_id)] == [target.key]
        await uow.commit()


async def test_campaign_state_is_versioned_and_lists_are_per_user(container: Any, make_user: Any) -> None:
    user, other = await make_user(), await make_user()
    campaign, _, _ = await _campaign(container, user.user.id, CampaignState.DRAFT)
    now = container.clock().now()
    async with container.uow_factory()() as uow:
        stored = await uow.campaigns.get(campaign.id)
        assert stored is not None and stored.config.note_template == "Hi {first_name}"
        active = await uow.campaigns.set_state(msgspec.structs.replace(stored, state=CampaignState.ACTIVE),
                                               now=now)
        with pytest.raises(PreconditionFailed):
            await uow.campaigns.set_state(stored, now=now)
        assert active.version == 2
        mine = await uow.campaigns.list_for_user(user.user.id, limit=10, cursor=None)
        assert [c.id for c in mine.items] == [campaign.id]
        assert (await uow.campaigns.list_for_user(other.user.id, limit=10, cursor=None)).items == []
        await uow.commit()
