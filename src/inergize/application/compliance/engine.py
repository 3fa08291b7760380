"""The engine: runs one campaign step under the compliance gate.

A step is claimed (planned → running) by a conditional update that also requires an active campaign
and an unpaused account; the gate decides (budgets, pacing, lists, duplicate target) in one ledger
round trip; the contact record is inserted with ``ON CONFLICT DO NOTHING`` so two workers can never
both contact a target; only then is LinkedIn called. Whatever LinkedIn answers is recorded as an
outcome that feeds health and auto-pause. Where the adapter cannot act, the step waits for the user
(assisted mode), still within budgets."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

from inergize.application.compliance.deps import ComplianceDeps
from inergize.application.compliance.safety import record_outcome
from inergize.application.content.moderation import moderate
from inergize.domain.compliance.account import build_profile
from inergize.domain.compliance.campaigns import (
    STEP_ACTION,
    Campaign,
    CampaignStep,
    CampaignTarget,
    StepKind,
    StepState,
    TargetState,
)
from inergize.domain.compliance.health import Outcome
from inergize.domain.compliance.verdicts import ONCE_PER_TARGET, ActionRequest, ComplianceProfile, Verdict
from inergize.domain.content.moderation import TextField
from inergize.domain.linkedin.auth import LinkedInCapability
from inergize.domain.linkedin.errors import LinkedInForbidden, LinkedInRateLimited, LinkedInUnavailable
from inergize.domain.linkedin.network import ReactionType
from inergize.domain.platform.errors import CapabilityUnavailable, InergizeError

# Refusals that waiting cannot fix: the step is skipped for good.
FINAL_REFUSALS = frozenset({"denied_person", "denied_company", "denied_keyword", "not_on_allow_list",
                            "text_too_long", "duplicate_target", "content_rejected"})
STEP_CAPABILITY = {
    StepKind.INVITE: LinkedInCapability.SEND_INVITATION,
    StepKind.FOLLOW_UP: LinkedInCapability.SEND_MESSAGE,
    StepKind.WITHDRAW: LinkedInCapability.WITHDRAW_INVITATION,
    StepKind.REACT: LinkedInCapability.REACT,
    StepKind.COMMENT: LinkedInCapability.COMMENT,
}
MAX_TRANSIENT_ATTEMPTS = 3
RUN_STEP_JOB = "compliance.run_step"  # runs one step now; the tick finds due steps in the database


def _spread(step_id: uuid.UUID, seconds: int) -> timedelta:
    """A stable per-step offset, so deferred steps do not all wake at the same instant."""
    digest = int(hashlib.blake2b(step_id.bytes, digest_size=4).hexdigest(), 16)
    return timedelta(seconds=digest % max(seconds, 1))


def request_for(step: CampaignStep, target: CampaignTarget) -> ActionRequest | None:
    action = STEP_ACTION.get(step.kind)
    if action is None:
        return None
    return ActionRequest(action=action, target=target.as_target(), text=step.text, sequence=step.sequence)


async def run_step(step_id: uuid.UUID, *, ports: ComplianceDeps) -> str:
    """Run one due step once; returns what happened (``done``, ``deferred:<why>``, ``skipped:<why>``,
    ``awaiting_user``, ``failed:<why>``, ``not_runnable``). Safe to call twice or in parallel."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        step = await uow.campaigns.claim_step(step_id, now=now)
        if step is None:
            return "not_runnable"
        campaign = await uow.campaigns.get(step.campaign_id)
        target = await uow.campaigns.get_target(step.target_id)
        user = await uow.users.get(step.user_id)
        account = await uow.compliance.ensure_account(step.user_id, now=now)
        await uow.commit()
    assert campaign is not None and target is not None and user is not None  # foreign keys
    profile = build_profile(user, account)
    return await _run_claimed(step, campaign, target, profile, ports, now)


async def _finish(
    ports: ComplianceDeps,
    step: CampaignStep,
    state: StepState,
    now: datetime,
    planned_at: datetime | None = None,
    **outcome: Any,
) -> None:
    async with ports.uow_factory() as uow:
        await uow.campaigns.finish_step(step.id, state=state, outcome=outcome, now=now, planned_at=planned_at)
        await uow.commit()


async def _run_claimed(
    step: CampaignStep,
    campaign: Campaign,
    target: CampaignTarget,
    profile: ComplianceProfile,
    ports: ComplianceDeps,
    now: datetime,
) -> str:
    stale = _stale(step, target)
    if stale is not None:
        await _finish(ports, step, StepState.CANCELLED, now, reason=stale)
        return f"skipped:{stale}"
    request = request_for(step, target)
    if request is None:  # a withdrawal: housekeeping, spends no outreach budget
        return await _perform(step, campaign, target, profile, None, ports, now)
    if request.text and step.kind in (StepKind.INVITE, StepKind.FOLLOW_UP, StepKind.COMMENT):
        checked = await moderate(request.text, TextField.POST, moderator=ports.moderator)
        if not checked.allowed:
            refusal = Verdict(allowed=False, reason="content_rejected")
            return await _refused(step, profile, ports, now, refusal, issues=[i.code for i in checked.issues])
    verdict = await ports.gate.decide(profile, request, now)
    if not verdict.allowed:
        return await _refused(step, profile, ports, now, verdict)
    if request.action in ONCE_PER_TARGET:
        async with ports.uow_factory() as uow:
            first = await uow.compliance.claim_contact(
                profile.user_id,
                action=request.action.value,
                sequence=request.sequence,
                target_key=request.target.key,
                campaign_id=campaign.id,
                step_id=step.id,
                now=now,
            )
            await uow.commit()
        if not first:  # the ledger's claim was lost (e.g. Redis flushed): the database still knows
            await ports.gate.undo(profile, request, now, keep_claim=True)
            refusal = Verdict(allowed=False, reason="duplicate_target")
            return await _refused(step, profile, ports, now, refusal)
    return await _perform(step, campaign, target, profile, request, ports, now)


def _stale(step: CampaignStep, target: CampaignTarget) -> str | None:
    """Why the step no longer makes sense for its target (a reply stops follow-ups…), or None."""
    if step.kind is StepKind.FOLLOW_UP and target.state is not TargetState.ACCEPTED:
        return f"target_{target.state.value}"
    if step.kind is StepKind.WITHDRAW and target.state is not TargetState.INVITED:
        return f"target_{target.state.value}"
    if step.kind is StepKind.INVITE and target.state is not TargetState.NEW:
        return f"target_{target.state.value}"
    return None


async def _refused(
    step: CampaignStep,
    profile: ComplianceProfile,
    ports: ComplianceDeps,
    now: datetime,
    verdict: Verdict,
    **detail: Any,
) -> str:
    reason = verdict.reason or "refused"
    async with ports.uow_factory() as uow:
        if reason in FINAL_REFUSALS:
            await uow.campaigns.finish_step(
                step.id, state=StepState.SKIPPED, now=now, outcome={"reason": reason, **detail}
            )
            target = await uow.campaigns.get_target(step.target_id)
            if target is not None and step.kind is StepKind.INVITE and reason != "duplicate_target":
                target.state = TargetState.SKIPPED
                await uow.campaigns.update_target(target, now=now)
        else:  # waiting helps: back to planned, at the earliest instant worth trying (plus a spread)
            retry = verdict.retry_at or now + timedelta(minutes=15)
            await uow.campaigns.finish_step(
                step.id,
                state=StepState.PLANNED,
                now=now,
                planned_at=retry + _spread(step.id, 300),
                outcome={"deferred": reason},
            )
        await uow.commit()
    return f"skipped:{reason}" if reason in FINAL_REFUSALS else f"deferred:{reason}"


async def _perform(
    step: CampaignStep,
    campaign: Campaign,
    target: CampaignTarget,
    profile: ComplianceProfile,
    request: ActionRequest | None,
    ports: ComplianceDeps,
    now: datetime,
) -> str:
    capability = STEP_CAPABILITY[step.kind]
    if campaign.assisted or not ports.gateway.capabilities().supports(capability):
        return await _assist(step, target, ports, now)
    try:
        auth = await ports.auth_for(profile.user_id)
        result = await _call(step, target, ports, auth, campaign)
    except CapabilityUnavailable:
        return await _assist(step, target, ports, now)
    except LinkedInRateLimited as exc:
        return await _failed(
            step,
            target,
            profile,
            request,
            ports,
            now,
            Outcome.RATE_LIMITED,
            exc,
            retry=now + timedelta(seconds=max(exc.retry_after or 0, 900)),
        )
    except LinkedInForbidden as exc:
        return await _failed(
            step, target, profile, request, ports, now, Outcome.RESTRICTED, exc, retry=now + timedelta(hours=24)
        )
    except LinkedInUnavailable as exc:
        retry = now + timedelta(minutes=15) if step.attempts < MAX_TRANSIENT_ATTEMPTS else None
        return await _failed(step, target, profile, request, ports, now, Outcome.FAILED, exc, retry=retry)
    except InergizeError as exc:
        return await _failed(step, target, profile, request, ports, now, Outcome.FAILED, exc, retry=None)
    # Anything else (a timeout, a crash) propagates and leaves the step running with its target claimed:
    # the outcome is unknown, and contacting someone twice is worse than missing them once. The sweep
    # (:func:`expire_stale_steps`) marks such steps failed.
    async with ports.uow_factory() as uow:
        await uow.campaigns.finish_step(step.id, state=StepState.DONE, now=now, outcome={"result": result})
        _advance(target, step, now, result)
        await uow.campaigns.update_target(target, now=now)
        await uow.campaigns.add_steps(_next_steps(step, campaign, target, now), now=now)
        await record_outcome(
            uow,
            profile.user_id,
            action=step.kind.value if request is None else request.action.value,
            target=target.key,
            outcome=Outcome.SUCCESS,
            now=now,
            rules=profile.pause_rules,
        )
        await uow.commit()
    return "done"


async def _call(
    step: CampaignStep, target: CampaignTarget, ports: ComplianceDeps, auth: Any, campaign: Campaign
) -> str:
    gw = ports.gateway
    match step.kind:
        case StepKind.INVITE:
            return await gw.send_invitation(
                auth, invitee_urn=target.data.get("urn", target.key), message=step.text or None
            )
        case StepKind.FOLLOW_UP:
            return await gw.send_message(auth, recipient_urn=target.data.get("urn", target.key), text=step.text)
        case StepKind.WITHDRAW:
            await gw.withdraw_invitation(auth, invitation_id=str(target.data.get("invitation_id", "")))
            return "withdrawn"
        case StepKind.REACT:
            await gw.react(
                auth, post_urn=target.data.get("urn", target.key), reaction=ReactionType(campaign.config.reaction)
            )
            return "reacted"
        case StepKind.COMMENT:
            return await gw.comment(auth, post_urn=target.data.get("urn", target.key), text=step.text)
    raise ValueError(step.kind)  # pragma: no cover - StepKind is closed


def _advance(target: CampaignTarget, step: CampaignStep, now: datetime, result: str) -> None:
    if step.kind is StepKind.INVITE:
        target.state, target.invited_at = TargetState.INVITED, now
        target.data = {**target.data, "invitation_id": result}
    elif step.kind is StepKind.WITHDRAW:
        target.state = TargetState.WITHDRAWN
    elif step.kind in (StepKind.REACT, StepKind.COMMENT):
        target.state = TargetState.ENGAGED


def _next_steps(step: CampaignStep, campaign: Campaign, target: CampaignTarget, now: datetime) -> list[CampaignStep]:
    """After an invitation: the automatic withdrawal if it is still pending after the configured days."""
    if step.kind is not StepKind.INVITE:
        return []
    return [
        CampaignStep(
            id=uuid.uuid4(),
            campaign_id=campaign.id,
            user_id=campaign.user_id,
            target_id=target.id,
            kind=StepKind.WITHDRAW,
            state=StepState.PLANNED,
            planned_at=now + timedelta(days=campaign.config.withdraw_after_days),
        )
    ]


async def _failed(
    step: CampaignStep,
    target: CampaignTarget,
    profile: ComplianceProfile,
    request: ActionRequest | None,
    ports: ComplianceDeps,
    now: datetime,
    outcome: Outcome,
    exc: InergizeError,
    *,
    retry: datetime | None,
) -> str:
    """LinkedIn refused: the action did not happen, so its budget and its claims are given back."""
    if request is not None:
        await ports.gate.undo(profile, request, now)
    async with ports.uow_factory() as uow:
        if request is not None and request.action in ONCE_PER_TARGET:
            await uow.compliance.release_contact(
                profile.user_id, action=request.action.value, sequence=request.sequence, target_key=request.target.key
            )
        info = {"error": exc.code, "detail": exc.detail[:300]}
        await uow.campaigns.finish_step(
            step.id, state=StepState.PLANNED if retry else StepState.FAILED, now=now, planned_at=retry, outcome=info
        )
        await record_outcome(
            uow,
            profile.user_id,
            action=step.kind.value,
            target=target.key,
            outcome=outcome,
            now=now,
            rules=profile.pause_rules,
            detail=info,
        )
        await uow.commit()
    return f"failed:{outcome.value}"


async def _assist(step: CampaignStep, target: CampaignTarget, ports: ComplianceDeps, now: datetime) -> str:
    """Assisted mode: the budget is spent, the user performs the action from the task list."""
    task = {"task": step.kind.value, "open": _profile_url(target), "copy": step.text}
    async with ports.uow_factory() as uow:
        await uow.campaigns.finish_step(step.id, state=StepState.AWAITING_USER, now=now, outcome=task)
        await uow.commit()
    return "awaiting_user"


def _profile_url(target: CampaignTarget) -> str:
    if target.key.startswith("in/"):
        return f"https://www.linkedin.com/{target.key}/"
    if target.key.startswith("urn:li:activity:") or target.key.startswith("urn:li:share:"):
        return f"https://www.linkedin.com/feed/update/{target.key}/"
    return str(target.data.get("url", target.key))


STALE_AFTER = timedelta(minutes=30)


async def expire_stale_steps(*, ports: ComplianceDeps, limit: int = 500) -> int:
    """Steps left running by a crash: failed with an unknown outcome; their targets stay claimed."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        ids = await uow.campaigns.running_since(now - STALE_AFTER, limit=limit)
        for step_id in ids:
            await uow.campaigns.finish_step(
                step_id, state=StepState.FAILED, now=now, outcome={"error": "outcome_unknown"}
            )
        await uow.commit()
    return len(ids)
