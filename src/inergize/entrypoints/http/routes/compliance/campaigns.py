"""/v1/campaigns: connection and engagement campaigns, their targets, steps and assisted tasks."""

from __future__ import annotations

import uuid

import msgspec
from litestar import get, post
from litestar.params import Parameter

from inergize.application.compliance import campaign_events as events
from inergize.application.compliance import campaigns as uc
from inergize.domain.accounts.users import Principal
from inergize.domain.compliance.campaigns import (
    Campaign,
    CampaignState,
    StepState,
)
from inergize.domain.platform.errors import ValidationFailed
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.deps import ComplianceDeps
from inergize.entrypoints.http.routes.compliance.routes import step_out
from inergize.entrypoints.http.routes.compliance.schemas import (
    AddedOut,
    CampaignIn,
    CampaignOut,
    CampaignPageOut,
    EventIn,
    StepOut,
    TargetsIn,
    TaskIn,
)


def out(c: Campaign, counts: dict[str, int] | None = None) -> CampaignOut:
    return CampaignOut(id=str(c.id), kind=c.kind.value, name=c.name, state=c.state.value, assisted=c.assisted,
                       config=msgspec.to_builtins(c.config), created_at=c.created_at, steps=counts)


@post("/v1/campaigns", opt=USER, status_code=201)
async def create_campaign(compliance: ComplianceDeps, data: CampaignIn,
                          principal: Principal) -> CampaignOut:
    campaign = await uc.create_campaign(
        uc.CreateCampaign(kind=data.kind, name=data.name, config=data.config.to_domain(),
                          assisted=data.assisted),
        principal=principal, ports=compliance)
    return out(campaign)


@get("/v1/campaigns", opt=USER)
async def list_campaigns(compliance: ComplianceDeps, principal: Principal, cursor: str | None = None,
                         limit: int | None = Parameter(default=None, ge=1, le=200)) -> CampaignPageOut:
    page = await uc.list_campaigns(principal=principal, ports=compliance, limit=limit, cursor=cursor)
    return CampaignPageOut(items=[out(c) for c in page.items], next_cursor=page.next_cursor)


@get("/v1/campaigns/{campaign_id:uuid}", opt=USER)
async def get_campaign(compliance: ComplianceDeps, campaign_id: uuid.UUID,
                       principal: Principal) -> CampaignOut:
    campaign, counts = await uc.get_campaign(campaign_id, principal=principal, ports=compliance)
    return out(campaign, counts)


@post("/v1/campaigns/{campaign_id:uuid}/targets", opt=USER, status_code=200)
async def add_targets(compliance: ComplianceDeps, campaign_id: uuid.UUID, data: TargetsIn,
                      principal: Principal) -> AddedOut:
    if sum(x is not None for x in (data.csv, data.posts, data.from_network)) != 1:
        raise ValidationFailed("Send exactly one of csv, posts or fromNetwork.", field="targets")
    if data.csv is not None:
        added = await uc.import_targets_csv(campaign_id, data.csv, principal=principal, ports=compliance)
    elif data.posts is not None:
        added = await uc.add_posts(campaign_id, data.posts, principal=principal, ports=compliance)
    else:
        added = await uc.add_network_targets(campaign_id, limit=data.from_network or 20, principal=principal,
                                             ports=compliance)
    return AddedOut(added=added)


@post("/v1/campaigns/{campaign_id:uuid}/start", opt=USER, status_code=200)
async def start_campaign(compliance: ComplianceDeps, campaign_id: uuid.UUID,
                         principal: Principal) -> CampaignOut:
    return out(await uc.start_campaign(campaign_id, principal=principal, ports=compliance))


@post("/v1/campaigns/{campaign_id:uuid}/pause", opt=USER, status_code=200)
async def pause_campaign(compliance: ComplianceDeps, campaign_id: uuid.UUID,
                         principal: Principal) -> CampaignOut:
    return out(await uc.set_campaign_state(campaign_id, CampaignState.PAUSED, principal=principal,
                                           ports=compliance))


@post("/v1/campaigns/{campaign_id:uuid}/cancel", opt=USER, status_code=200)
async def cancel_campaign(compliance: ComplianceDeps, campaign_id: uuid.UUID,
                          principal: Principal) -> CampaignOut:
    return out(await uc.set_campaign_state(campaign_id, CampaignState.CANCELLED, principal=principal,
                                           ports=compliance))


@get("/v1/campaigns/{campaign_id:uuid}/steps", opt=USER)
async def list_steps(compliance: ComplianceDeps, campaign_id: uuid.UUID, principal: Principal,
                     states: list[StepState] | None = Parameter(query="state", default=None),
                     ) -> list[StepOut]:
    steps = await uc.campaign_steps(campaign_id, states=states or list(StepState), principal=principal,
                                    ports=compliance)
    return [step_out(s) for s in steps]


@post("/v1/campaigns/{campaign_id:uuid}/targets/{target_id:uuid}/events", opt=USER, status_code=200)
async def target_event(compliance: ComplianceDeps, campaign_id: uuid.UUID, target_id: uuid.UUID,
                       data: EventIn, principal: Principal) -> dict[str, str]:
    target = await events.record_target_event(campaign_id, target_id, data.event, principal=principal,
                                              ports=compliance)
    return {"id": str(target.id), "state": target.state.value}


@post("/v1/campaigns/{campaign_id:uuid}/sync", opt=USER, status_code=200)
async def sync_campaign(compliance: ComplianceDeps, campaign_id: uuid.UUID,
                        principal: Principal) -> dict[str, int]:
    """Mark invited targets who now appear among the member's connections as accepted."""
    await uc.get_campaign(campaign_id, principal=principal, ports=compliance)  # someone else's: not found
    return {"accepted": await events.sync_acceptances(principal.user_id, [campaign_id], ports=compliance)}


@get("/v1/campaigns/tasks", opt=USER)
async def list_tasks(compliance: ComplianceDeps, principal: Principal) -> list[StepOut]:
    """Assisted mode: what to do by hand (open the profile, copy the note, then mark it done)."""
    return [step_out(s) for s in await events.tasks(principal=principal, ports=compliance)]


@post("/v1/campaigns/tasks/{step_id:uuid}", opt=USER, status_code=200)
async def complete_task(compliance: ComplianceDeps, step_id: uuid.UUID, data: TaskIn,
                        principal: Principal) -> StepOut:
    return step_out(await events.complete_task(step_id, done=data.done, principal=principal,
                                               ports=compliance))


ROUTES = [create_campaign, list_campaigns, get_campaign, add_targets, start_campaign, pause_campaign,
          cancel_campaign, list_steps, target_event, sync_campaign, list_tasks, complete_task]
