"""Campaign use cases: create, add targets (CSV, the network, post URLs), start (plan paced steps),
pause, cancel, read. Execution is the engine's; reactions to the target (accept, reply) are in
``campaign_events``."""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Sequence
from datetime import datetime, timedelta

import msgspec

from inergize.application.compliance.deps import ComplianceDeps
from inergize.application.compliance.profiles import load_profile
from inergize.domain.accounts.users import Principal
from inergize.domain.compliance.actions import ActionType
from inergize.domain.compliance.campaigns import (
    NOTE_LIMIT,
    Campaign,
    CampaignConfig,
    CampaignKind,
    CampaignState,
    CampaignStep,
    CampaignTarget,
    StepKind,
    StepState,
    render,
)
from inergize.domain.compliance.imports import ImportedTarget, parse_targets_csv, post_target
from inergize.domain.compliance.pacing import plan_slots
from inergize.domain.linkedin.auth import LinkedInCapability
from inergize.domain.platform.errors import Conflict, NotFound, ValidationFailed
from inergize.domain.platform.pagination import Page, page_size
from inergize.ports.unit_of_work import UnitOfWork

MAIN_CAPABILITY = {CampaignKind.CONNECTION: LinkedInCapability.SEND_INVITATION,
                   CampaignKind.ENGAGEMENT: LinkedInCapability.REACT}
PLAN_HORIZON_DAYS = 365


class CreateCampaign(msgspec.Struct, frozen=True, kw_only=True):
    kind: CampaignKind
    name: str
    config: CampaignConfig = msgspec.field(default_factory=CampaignConfig)
    assisted: bool | None = None  # None: assisted exactly when the LinkedIn connection cannot act


async def owned_campaign(uow: UnitOfWork, principal: Principal, campaign_id: uuid.UUID) -> Campaign:
    campaign = await uow.campaigns.get(campaign_id)
    if campaign is None or not principal.may_act_for(campaign.user_id):
        raise NotFound("No such campaign.")  # someone else's campaign is "not found": ids cannot be probed
    return campaign


async def create_campaign(cmd: CreateCampaign, *, principal: Principal, ports: ComplianceDeps) -> Campaign:
    """A draft campaign. Without the capability to act (the REST adapter cannot invite) it runs assisted."""
    name = cmd.name.strip()
    if not 1 <= len(name) <= 200:
        raise ValidationFailed("A campaign needs a name of 1–200 characters.", field="name")
    can_act = ports.gateway.capabilities().supports(MAIN_CAPABILITY[cmd.kind])
    now = ports.clock.now()
    campaign = Campaign(id=uuid.uuid4(), user_id=principal.user_id, kind=cmd.kind, name=name,
                        state=CampaignState.DRAFT, config=cmd.config,
                        assisted=(not can_act) if cmd.assisted is None else (cmd.assisted or not can_act),
                        created_at=now, updated_at=now)
    async with ports.uow_factory() as uow:
        await uow.campaigns.add(campaign)
        await uow.commit()
    return campaign


def _accepting(campaign: Campaign, kind: CampaignKind) -> None:
    if campaign.kind is not kind:
        raise ValidationFailed(f"This is a {campaign.kind.value} campaign.", field="targets")
    if campaign.state in (CampaignState.COMPLETED, CampaignState.CANCELLED):
        raise Conflict("The campaign is over; targets can no longer be added.")


async def _add(campaign_id: uuid.UUID, people: Sequence[ImportedTarget], *, principal: Principal,
               ports: ComplianceDeps, kind: CampaignKind) -> int:
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        campaign = await owned_campaign(uow, principal, campaign_id)
        _accepting(campaign, kind)
        rows = [CampaignTarget(id=uuid.uuid4(), campaign_id=campaign.id, user_id=campaign.user_id, key=p.key,
                               name=p.name, company=p.company, headline=p.headline,
                               data={k: v for k, v in (("urn", p.urn), ("url", p.url)) if v})
                for p in people]
        added = await uow.campaigns.add_targets(rows, now=now)
        await uow.commit()
    return added


async def import_targets_csv(campaign_id: uuid.UUID, csv_text: str, *, principal: Principal,
                             ports: ComplianceDeps) -> int:
    """Add the people of a CSV (LinkedIn's Connections.csv or any list with a URL column); returns how
    many were new to the campaign."""
    return await _add(campaign_id, parse_targets_csv(csv_text), principal=principal, ports=ports,
                      kind=CampaignKind.CONNECTION)


async def add_network_targets(campaign_id: uuid.UUID, *, limit: int, principal: Principal,
                              ports: ComplianceDeps) -> int:
    """Add members the connection suggests (second-degree network; the sandbox offers it)."""
    ports.gateway.capabilities().require(LinkedInCapability.READ_CONNECTIONS)
    async with ports.uow_factory(read_only=True) as uow:  # the campaign first: LinkedIn calls cost budget
        _accepting(await owned_campaign(uow, principal, campaign_id), CampaignKind.CONNECTION)
    auth = await ports.auth_for(principal.user_id)
    page = await ports.gateway.suggested_members(auth, limit=max(1, min(limit, 200)))
    people = [ImportedTarget(key=m.urn, name=m.name, company=m.company, headline=m.headline, urn=m.urn)
              for m in page.items]
    return await _add(campaign_id, people, principal=principal, ports=ports, kind=CampaignKind.CONNECTION)


async def add_posts(campaign_id: uuid.UUID, posts: Sequence[str], *, principal: Principal,
                    ports: ComplianceDeps) -> int:
    """Add posts to an engagement campaign by URL or URN (the REST adapter cannot discover others' posts)."""
    if not posts or len(posts) > 500:
        raise ValidationFailed("Give 1–500 post URLs.", field="posts")
    return await _add(campaign_id, [post_target(p) for p in posts], principal=principal, ports=ports,
                      kind=CampaignKind.ENGAGEMENT)


def _seed(campaign: Campaign) -> int:
    return campaign.config.seed or zlib.crc32(campaign.id.bytes)


async def plan_campaign(uow: UnitOfWork, campaign: Campaign, *, ports: ComplianceDeps,
                        now: datetime) -> int:
    """Plan paced steps for every target that has none yet, after the account's last planned step.
    Idempotent: a (target, kind, sequence) is planned once."""
    profile = await load_profile(uow, campaign.user_id, clock=ports.clock)
    targets = await uow.campaigns.targets(campaign.id, states=["new"])
    cfg = campaign.config
    per_target = [StepKind.INVITE] if campaign.kind is CampaignKind.CONNECTION else (
        [StepKind.REACT, StepKind.COMMENT] if cfg.comment_template.strip() else [StepKind.REACT])
    action = ActionType.INVITATION if campaign.kind is CampaignKind.CONNECTION else ActionType.REACTION
    last = await uow.campaigns.last_planned_at(campaign.user_id)
    start = max(now, last + timedelta(seconds=profile.pacing.min_gap_seconds)) if last else now
    policy = msgspec.structs.replace(profile.pacing, daily_volume=cfg.daily_volume)
    slots = plan_slots(len(targets) * len(per_target), start=start, schedule=profile.schedule, policy=policy,
                       seed=_seed(campaign), daily_cap=profile.budget(action, now).daily,
                       horizon_days=PLAN_HORIZON_DAYS)
    steps, at = [], iter(slots)
    for target in targets:
        for kind in per_target:
            when = next(at, None)
            if when is None:
                break
            template = cfg.note_template if kind is StepKind.INVITE else cfg.comment_template
            try:
                text = render(template, target, limit=NOTE_LIMIT if kind is StepKind.INVITE else 1250)
            except ValidationFailed:
                continue  # this target's name makes the note too long: it is left unplanned
            steps.append(CampaignStep(id=uuid.uuid4(), campaign_id=campaign.id, user_id=campaign.user_id,
                                      target_id=target.id, kind=kind, state=StepState.PLANNED,
                                      planned_at=when, text=text))
    return await uow.campaigns.add_steps(steps, now=now)


async def start_campaign(campaign_id: uuid.UUID, *, principal: Principal, ports: ComplianceDeps) -> Campaign:
    """Activate (or re-activate) a campaign and plan its steps."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        campaign = await owned_campaign(uow, principal, campaign_id)
        if campaign.state in (CampaignState.COMPLETED, CampaignState.CANCELLED):
            raise Conflict("The campaign is over.")
        if campaign.state is not CampaignState.ACTIVE:
            campaign = await uow.campaigns.set_state(
                msgspec.structs.replace(campaign, state=CampaignState.ACTIVE), now=now)
        await plan_campaign(uow, campaign, ports=ports, now=now)
        await uow.commit()
    return campaign


async def set_campaign_state(campaign_id: uuid.UUID, state: CampaignState, *, principal: Principal,
                             ports: ComplianceDeps) -> Campaign:
    """Pause or cancel a campaign (its planned steps stop being claimed at once)."""
    if state not in (CampaignState.PAUSED, CampaignState.CANCELLED):
        raise ValidationFailed("A campaign can be paused or cancelled here; start it to resume.",
                               field="state")
    async with ports.uow_factory() as uow:
        campaign = await owned_campaign(uow, principal, campaign_id)
        if campaign.state in (CampaignState.COMPLETED, CampaignState.CANCELLED):
            raise Conflict("The campaign is over.")
        campaign = await uow.campaigns.set_state(msgspec.structs.replace(campaign, state=state),
                                                 now=ports.clock.now())
        await uow.commit()
    return campaign


async def get_campaign(campaign_id: uuid.UUID, *, principal: Principal,
                       ports: ComplianceDeps) -> tuple[Campaign, dict[str, int]]:
    """The campaign and how many of its steps are in each state."""
    async with ports.uow_factory(read_only=True) as uow:
        campaign = await owned_campaign(uow, principal, campaign_id)
        return campaign, await uow.campaigns.step_counts(campaign.id)


async def list_campaigns(*, principal: Principal, ports: ComplianceDeps, limit: int | None = None,
                         cursor: str | None = None) -> Page[Campaign]:
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.campaigns.list_for_user(principal.user_id, limit=page_size(limit), cursor=cursor)


async def campaign_steps(campaign_id: uuid.UUID, *, states: Sequence[StepState], principal: Principal,
                         ports: ComplianceDeps, limit: int = 100) -> list[CampaignStep]:
    async with ports.uow_factory(read_only=True) as uow:
        campaign = await owned_campaign(uow, principal, campaign_id)
        return await uow.campaigns.steps_for_user(campaign.user_id, states=states, limit=limit,
                                                  campaign_id=campaign.id)
