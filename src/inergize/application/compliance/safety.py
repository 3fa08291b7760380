"""Account safety: outcomes feed the health score and the auto-pause rules; a pause stops every
automated action (and, on a restriction signal, holds the account's scheduled posts) until the user
resumes by an explicit, audited override."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import msgspec

from inergize.application.notifications.inbox import notify
from inergize.domain.accounts.users import Principal
from inergize.domain.compliance.account import AutomationAccount
from inergize.domain.compliance.health import Outcome, PauseRules, health_score, pause_reason
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import ValidationFailed
from inergize.ports.clock import Clock
from inergize.ports.compliance_repository import ComplianceLog
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

HEALTH_WINDOW = timedelta(days=7)
PAUSE_KINDS = ("pause", "resume", "override", "hold")
_WHY = {
    "restriction_signal": "LinkedIn signalled a restriction on your account.",
    "too_many_rate_limits": "LinkedIn answered \u201ctoo many requests\u201d several times in a short while.",
    "low_success_rate": "Too many recent automated actions failed.",
    "manual": "You paused automation.",
}


async def hold_publications(uow: UnitOfWork, user_id: uuid.UUID, *, held: bool, now: datetime) -> int | None:
    """Hold (or release) the account's scheduled posts: THE hook between compliance and scheduling.
    Returns how many changed, or None when this installation has no scheduling."""
    publications = getattr(uow, "publications", None)
    if publications is None:
        return None
    if not held:
        settings = getattr(uow, "schedule_settings", None)
        mine = await settings.get(user_id) if settings is not None else None
        if mine is not None and getattr(mine, "paused", False):
            return 0  # the user's own vacation mode keeps them held
    return int(await publications.set_held(user_id, held, now))


async def _log(uow: UnitOfWork, user_id: uuid.UUID, kind: str, verdict: str, reason: str, now: datetime,
               **detail: Any) -> None:
    await uow.compliance.log(ComplianceLog(id=uuid.uuid4(), user_id=user_id, kind=kind, verdict=verdict,
                                           reason=reason, detail=detail, created_at=now))


async def pause(uow: UnitOfWork, user_id: uuid.UUID, *, reason: str, now: datetime,
                actor_id: uuid.UUID | None = None, **detail: Any) -> bool:
    """Pause all automation of the account in ``uow``; log why and tell the user. False if it already was."""
    if not await uow.compliance.set_paused(user_id, paused=True, reason=reason, now=now):
        return False
    held = None
    if reason == "restriction_signal":
        held = await hold_publications(uow, user_id, held=True, now=now)
    await _log(uow, user_id, "pause", "paused", reason, now, actor=str(actor_id) if actor_id else "system",
               publications_held=held, **detail)
    if actor_id is None:
        why = _WHY.get(reason, reason)
        body = (f"{why} To protect your LinkedIn account, InErgize stopped all automated actions"
                + (" and held your scheduled posts" if held else "")
                + ". Nothing runs until you resume it from the compliance dashboard.")
        await notify(uow, user_id, "compliance.paused", "Automation paused to protect your account", body,
                     link=web_pages.COMPLIANCE, now=now)
    return True


async def record_outcome(uow: UnitOfWork, user_id: uuid.UUID, *, action: str, target: str | None,
                         outcome: Outcome, now: datetime, rules: PauseRules,
                         detail: dict[str, Any] | None = None) -> str | None:
    """Store one action's outcome, refresh the health score, and pause when the rules say so.
    Returns the pause reason when this outcome paused the account."""
    await uow.compliance.record_outcome(user_id, action=action, target=target, outcome=outcome,
                                        detail=detail or {}, now=now)
    score = health_score(await uow.compliance.health_inputs(user_id, since=now - HEALTH_WINDOW))
    await uow.compliance.set_health(user_id, score=score.score, causes=score.causes, now=now,
                                    restricted_at=now if outcome is Outcome.RESTRICTED else None)
    events = await uow.compliance.outcomes_since(user_id, now - timedelta(seconds=rules.window_seconds))
    reason = pause_reason(events, now=now, rules=rules)
    if reason is not None and await pause(uow, user_id, reason=reason, now=now, health=score.score,
                                          last_action=action):
        return reason
    return None


async def restriction_signal(uow: UnitOfWork, user_id: uuid.UUID, *, action: str, now: datetime,
                             detail: str) -> str | None:
    """LinkedIn refused one of the account's non-automation calls (a scheduled post) with a restriction
    signal: recorded like an automation outcome, so the account pauses and its other posts are held."""
    account = await uow.compliance.ensure_account(user_id, now=now)
    return await record_outcome(uow, user_id, action=action, target=None, outcome=Outcome.RESTRICTED, now=now,
                                rules=account.pause_rules, detail={"error": detail})


class ResumeAutomation(msgspec.Struct, frozen=True, kw_only=True):
    """A manual override: the user says why, and confirms they understand the risk."""

    reason: str
    acknowledge_risk: bool = False


async def resume_automation(cmd: ResumeAutomation, *, principal: Principal, uow_factory: UnitOfWorkFactory,
                            clock: Clock) -> AutomationAccount:
    """Resume a paused account (manual override, audited); held posts are released if the pause held
    them. Resuming an account that is not paused changes nothing."""
    reason = cmd.reason.strip()
    if not reason or len(reason) > 500:
        raise ValidationFailed("Say in a few words why automation may resume (at most 500 characters).",
                               field="reason")
    if not cmd.acknowledge_risk:
        raise ValidationFailed("Confirm that you understand the risk of resuming.", field="acknowledge_risk")
    now = clock.now()
    async with uow_factory() as uow:
        account = await uow.compliance.ensure_account(principal.user_id, now=now)
        if account.paused and await uow.compliance.set_paused(principal.user_id, paused=False, reason=None,
                                                              now=now):
            last = await uow.compliance.list_logs(principal.user_id, kinds=["pause"], limit=1)
            released = None
            if last and last[0].detail.get("publications_held"):
                released = await hold_publications(uow, principal.user_id, held=False, now=now)
            await _log(uow, principal.user_id, "override", "resumed", reason, now,
                       actor=str(principal.user_id), paused_for=account.pause_reason,
                       publications_released=released)
            await _audit(uow, principal, now, reason=reason, paused_for=account.pause_reason)
        await uow.commit()
        resumed = await uow.compliance.get_account(principal.user_id)
    assert resumed is not None
    return resumed


async def pause_automation(reason: str, *, principal: Principal, uow_factory: UnitOfWorkFactory,
                           clock: Clock) -> AutomationAccount:
    """The user pauses automation themselves (no notification: they know)."""
    now = clock.now()
    async with uow_factory() as uow:
        await uow.compliance.ensure_account(principal.user_id, now=now)
        await pause(uow, principal.user_id, reason="manual", now=now, actor_id=principal.user_id,
                    note=reason.strip()[:500])
        await uow.commit()
        account = await uow.compliance.get_account(principal.user_id)
    assert account is not None
    return account


async def _audit(uow: UnitOfWork, principal: Principal, now: datetime, **detail: Any) -> None:
    """Also write the override to the security audit log, where the accounts capability keeps one."""
    if getattr(uow, "audit", None) is None:
        return
    from inergize.application.accounts.audit import audit  # present exactly when uow.audit is

    await audit(uow, "compliance.override", user_id=principal.user_id, now=now, actor_id=principal.user_id,
                **detail)
