"""What happens to a campaign's targets after the first step: acceptance plans the follow-ups (and
cancels the automatic withdrawal), a reply stops them; assisted tasks are marked done or skipped by
the user; acceptances are also discovered by reading the member's connections."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum

from inergize.application.compliance.campaigns import owned_campaign
from inergize.application.compliance.deps import ComplianceDeps
from inergize.domain.accounts.users import Principal
from inergize.domain.compliance.actions import ActionType
from inergize.domain.compliance.campaigns import (
    Campaign,
    CampaignStep,
    CampaignTarget,
    StepKind,
    StepState,
    TargetState,
    render,
)
from inergize.domain.compliance.verdicts import TEXT_LIMITS
from inergize.domain.linkedin.auth import LinkedInCapability
from inergize.domain.platform.errors import Conflict, NotFound, ValidationFailed
from inergize.ports.unit_of_work import UnitOfWork


class TargetEvent(StrEnum):
    ACCEPTED = "accepted"
    REPLIED = "replied"


def follow_ups(campaign: Campaign, target: CampaignTarget, accepted_at: datetime) -> list[CampaignStep]:
    """The follow-up messages of a target who just accepted, each at its configured delay."""
    steps = []
    for n, follow in enumerate(campaign.config.follow_ups, start=1):
        try:
            text = render(follow.template, target, limit=TEXT_LIMITS[ActionType.MESSAGE])
        except ValidationFailed:
            continue
        steps.append(CampaignStep(id=uuid.uuid4(), campaign_id=campaign.id, user_id=campaign.user_id,
                                  target_id=target.id, kind=StepKind.FOLLOW_UP, state=StepState.PLANNED,
                                  planned_at=accepted_at + timedelta(days=follow.after_days), sequence=n,
                                  text=text))
    return steps


async def apply_event(uow: UnitOfWork, campaign: Campaign, target: CampaignTarget, event: TargetEvent,
                      now: datetime) -> bool:
    """Move the target on; False when the event changes nothing (already accepted, already replied)."""
    if event is TargetEvent.ACCEPTED:
        if target.state is not TargetState.INVITED:
            return False
        target.state = TargetState.ACCEPTED
        await uow.campaigns.cancel_steps(target.id, kinds=[StepKind.WITHDRAW], now=now)
        await uow.campaigns.add_steps(follow_ups(campaign, target, now), now=now)
    else:
        if target.state not in (TargetState.INVITED, TargetState.ACCEPTED):
            return False
        target.state = TargetState.REPLIED  # a reply ends the sequence: no more follow-ups
        await uow.campaigns.cancel_steps(target.id, kinds=[StepKind.FOLLOW_UP, StepKind.WITHDRAW], now=now)
    await uow.campaigns.update_target(target, now=now)
    return True


async def record_target_event(campaign_id: uuid.UUID, target_id: uuid.UUID, event: TargetEvent, *,
                              principal: Principal, ports: ComplianceDeps) -> CampaignTarget:
    """The user (or a sync) reports that a target accepted or replied."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        campaign = await owned_campaign(uow, principal, campaign_id)
        target = await uow.campaigns.get_target(target_id)
        if target is None or target.campaign_id != campaign.id:
            raise NotFound("No such target in this campaign.")
        await apply_event(uow, campaign, target, event, now)
        await uow.commit()
    return target


async def complete_task(step_id: uuid.UUID, *, done: bool, principal: Principal,
                        ports: ComplianceDeps) -> CampaignStep:
    """Assisted mode: the user did (or chose not to do) a task from the list."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        step = await uow.campaigns.get_step(step_id)
        if step is None or not principal.may_act_for(step.user_id):
            raise NotFound("No such task.")
        state = StepState.DONE if done else StepState.SKIPPED
        outcome = {**step.outcome, "by": "user"}
        if not await uow.campaigns.finish_step(step.id, state=state, now=now, outcome=outcome,
                                               from_states=[StepState.AWAITING_USER]):
            raise Conflict("This task is not waiting for you.")
        target = await uow.campaigns.get_target(step.target_id)
        campaign = await uow.campaigns.get(step.campaign_id)
        assert target is not None and campaign is not None
        if done and step.kind is StepKind.INVITE:
            target.state, target.invited_at = TargetState.INVITED, now
        elif done and step.kind is StepKind.WITHDRAW:
            target.state = TargetState.WITHDRAWN
        elif done and step.kind in (StepKind.REACT, StepKind.COMMENT):
            target.state = TargetState.ENGAGED
        await uow.campaigns.update_target(target, now=now)
        if done and step.kind is StepKind.INVITE:
            await uow.campaigns.add_steps([CampaignStep(
                id=uuid.uuid4(), campaign_id=campaign.id, user_id=campaign.user_id, target_id=target.id,
                kind=StepKind.WITHDRAW, state=StepState.PLANNED,
                planned_at=now + timedelta(days=campaign.config.withdraw_after_days))], now=now)
        await uow.commit()
        updated = await uow.campaigns.get_step(step.id)
    assert updated is not None
    return updated


async def tasks(*, principal: Principal, ports: ComplianceDeps, limit: int = 50) -> list[CampaignStep]:
    """The assisted-mode task list, oldest first."""
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.campaigns.steps_for_user(principal.user_id, states=[StepState.AWAITING_USER],
                                                  limit=limit)


async def sync_acceptances(user_id: uuid.UUID, campaign_ids: list[uuid.UUID], *, ports: ComplianceDeps,
                           max_pages: int = 20) -> int:
    """Mark invited targets who now appear among the member's connections as accepted; returns how many."""
    if not ports.gateway.capabilities().supports(LinkedInCapability.READ_CONNECTIONS):
        return 0
    auth = await ports.auth_for(user_id)
    connected: set[str] = set()
    cursor = None
    for _ in range(max_pages):
        page = await ports.gateway.list_connections(auth, limit=100, cursor=cursor)
        connected.update(m.urn for m in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    accepted, now = 0, ports.clock.now()
    async with ports.uow_factory() as uow:
        for campaign_id in campaign_ids:
            campaign = await uow.campaigns.get(campaign_id)
            if campaign is None or campaign.user_id != user_id:
                continue
            for target in await uow.campaigns.targets(campaign_id, states=[TargetState.INVITED.value]):
                if target.data.get("urn", target.key) in connected:
                    accepted += await apply_event(uow, campaign, target, TargetEvent.ACCEPTED, now)
        await uow.commit()
    return accepted
