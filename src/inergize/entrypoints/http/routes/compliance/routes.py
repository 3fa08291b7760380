"""/v1/compliance: the account-safety dashboard, automation settings, pause and audited resume."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get, patch, post

from inergize.application.compliance import dashboard as board
from inergize.application.compliance import safety
from inergize.domain.accounts.users import Principal
from inergize.domain.compliance.account import AutomationAccount
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.conventions import IF_MATCH, etag, expected_version
from inergize.entrypoints.http.deps import ComplianceDeps
from inergize.entrypoints.http.routes.compliance.schemas import (
    AutomationSettingsIn,
    AutomationSettingsOut,
    BudgetOut,
    CauseOut,
    DashboardOut,
    PauseIn,
    ResumeIn,
    SafetyEventOut,
    StepOut,
)


def step_out(s: Any) -> StepOut:
    return StepOut(id=str(s.id), campaign_id=str(s.campaign_id), target_id=str(s.target_id),
                   kind=s.kind.value, state=s.state.value, planned_at=s.planned_at, text=s.text,
                   outcome=s.outcome)


def _settings_out(a: AutomationAccount) -> Response[AutomationSettingsOut]:
    body = AutomationSettingsOut(lists=a.lists, quiet=list(a.quiet), days_off=list(a.days_off),
                       pacing=msgspec.to_builtins(a.pacing), pause_rules=msgspec.to_builtins(a.pause_rules),
                       budget_overrides=msgspec.to_builtins(a.budget_overrides), paused=a.paused,
                       version=a.version)
    return Response(body, headers={"ETag": etag(a.version)})


@get("/v1/compliance", opt=USER)
async def get_dashboard(compliance: ComplianceDeps, principal: Principal) -> DashboardOut:
    d = await board.dashboard(principal=principal, ports=compliance)
    return DashboardOut(
        paused=d.paused, pause_reason=d.pause_reason, paused_at=d.paused_at, health=d.health,
        health_causes=[CauseOut(code=c.code, points=c.points, detail=c.detail) for c in d.health_causes],
        budgets=[BudgetOut(**msgspec.structs.asdict(b)) for b in d.budgets],
        next_open_at=d.next_open_at, next_actions=[step_out(s) for s in d.next_actions],
        tasks_waiting=d.tasks_waiting,
        history=[SafetyEventOut(kind=h.kind, verdict=h.verdict, reason=h.reason, detail=h.detail,
                                created_at=h.created_at) for h in d.history])


@get("/v1/compliance/settings", opt=USER)
async def get_settings(compliance: ComplianceDeps, principal: Principal) -> Response[AutomationSettingsOut]:
    account = await board.get_settings(principal=principal, ports=compliance)
    return _settings_out(account)


@patch("/v1/compliance/settings", opt=USER | IF_MATCH)
async def patch_settings(request: Request[Any, Any, Any], compliance: ComplianceDeps, data: AutomationSettingsIn,
                         principal: Principal) -> Response[AutomationSettingsOut]:
    cmd = board.AutomationSettings(lists=data.lists, quiet=data.quiet, days_off=data.days_off,
                                   pacing=data.pacing, pause_rules=data.pause_rules,
                                   budget_overrides=data.budget_overrides)
    account = await board.update_settings(cmd, expected_version=expected_version(request),
                                          principal=principal, ports=compliance)
    return _settings_out(account)


@post("/v1/compliance/pause", opt=USER, status_code=200)
async def pause(
    compliance: ComplianceDeps, data: PauseIn, principal: Principal
) -> Response[AutomationSettingsOut]:
    account = await safety.pause_automation(data.reason, principal=principal,
                                            uow_factory=compliance.uow_factory, clock=compliance.clock)
    return _settings_out(account)


@post("/v1/compliance/resume", opt=USER, status_code=200)
async def resume(
    compliance: ComplianceDeps, data: ResumeIn, principal: Principal
) -> Response[AutomationSettingsOut]:
    """Manual override after an automatic pause: audited, with the user's reason."""
    account = await safety.resume_automation(
        safety.ResumeAutomation(reason=data.reason, acknowledge_risk=data.acknowledge_risk),
        principal=principal, uow_factory=compliance.uow_factory, clock=compliance.clock)
    return _settings_out(account)


ROUTES = [get_dashboard, get_settings, patch_settings, pause, resume]
