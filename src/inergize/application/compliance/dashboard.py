"""The compliance dashboard and the account's automation settings (lists, quiet hours, pacing)."""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from inergize.application.compliance.deps import ComplianceDeps
from inergize.application.compliance.profiles import ProfileCache, load_profile
from inergize.application.compliance.safety import PAUSE_KINDS
from inergize.domain.accounts.users import Principal
from inergize.domain.compliance.account import LIST_NAMES, MAX_LIST_ENTRIES, AutomationAccount
from inergize.domain.compliance.actions import ActionBudget, ActionType
from inergize.domain.compliance.calendar import next_open, parse_hhmm
from inergize.domain.compliance.campaigns import CampaignStep, StepState
from inergize.domain.compliance.health import HealthCause, PauseRules
from inergize.domain.compliance.pacing import PacingPolicy
from inergize.domain.platform.errors import ValidationFailed
from inergize.ports.compliance_repository import ComplianceLog


class BudgetUse(msgspec.Struct, frozen=True, kw_only=True):
    action: str
    daily_limit: int
    daily_left: int
    weekly_limit: int
    weekly_left: int


class Dashboard(msgspec.Struct, frozen=True, kw_only=True):
    paused: bool
    pause_reason: str | None
    paused_at: datetime | None
    health: int
    health_causes: tuple[HealthCause, ...]
    budgets: list[BudgetUse]
    next_open_at: datetime | None
    next_actions: list[CampaignStep]
    tasks_waiting: int
    history: list[ComplianceLog]


async def dashboard(*, principal: Principal, ports: ComplianceDeps) -> Dashboard:
    """Budgets used and left, health and its causes, pause state and history, the next planned actions."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        profile = await load_profile(uow, principal.user_id, clock=ports.clock)
        account = await uow.compliance.get_account(principal.user_id)
        upcoming = await uow.campaigns.steps_for_user(principal.user_id, states=[StepState.PLANNED], limit=10)
        waiting = await uow.campaigns.steps_for_user(principal.user_id, states=[StepState.AWAITING_USER],
                                                     limit=500)
        history = await uow.compliance.list_logs(principal.user_id, kinds=PAUSE_KINDS, limit=20)
        await uow.commit()
    assert account is not None
    budgets = []
    for action in ActionType:
        windows = ports.gate.windows(profile, action, now)
        left = {}
        for lw in windows[:2]:  # day and week; each peeked alone, so a full one does not hide the other
            peeked = await ports.gate.ledger.peek([lw], now=now)
            left[lw.window.name] = peeked.remaining.get(lw.window.name, 0)
        budgets.append(BudgetUse(action=action.value, daily_limit=windows[0].window.limit,
                                 daily_left=left["day"], weekly_limit=windows[1].window.limit,
                                 weekly_left=left["week"]))
    return Dashboard(paused=account.paused, pause_reason=account.pause_reason, paused_at=account.paused_at,
                     health=account.health, health_causes=account.health_causes, budgets=budgets,
                     next_open_at=next_open(profile.schedule, now), next_actions=upcoming,
                     tasks_waiting=len(waiting), history=history)


class AutomationSettings(msgspec.Struct, frozen=True, kw_only=True):
    """What a user may change; ``None`` keeps the current value."""

    lists: dict[str, list[str]] | None = None
    quiet: list[tuple[str, str]] | None = None
    days_off: list[date] | None = None
    pacing: PacingPolicy | None = None
    pause_rules: PauseRules | None = None
    budget_overrides: dict[str, ActionBudget] | None = None


async def get_settings(*, principal: Principal, ports: ComplianceDeps) -> AutomationAccount:
    async with ports.uow_factory() as uow:
        account = await uow.compliance.ensure_account(principal.user_id, now=ports.clock.now())
        await uow.commit()
    return account


async def update_settings(cmd: AutomationSettings, *, expected_version: int, principal: Principal,
                          ports: ComplianceDeps, profiles: ProfileCache | None = None) -> AutomationAccount:
    """Change lists, quiet hours, days off, pacing, pause rules or lower budgets (never higher than the
    safety cap: the domain caps them). ``PreconditionFailed`` if the settings changed meanwhile."""
    if cmd.lists is not None:
        unknown = set(cmd.lists) - set(LIST_NAMES)
        if unknown or any(len(v) > MAX_LIST_ENTRIES for v in cmd.lists.values()):
            raise ValidationFailed(
                f"Lists are {', '.join(LIST_NAMES)}, each at most {MAX_LIST_ENTRIES} entries.", field="lists")
    if cmd.budget_overrides is not None and set(cmd.budget_overrides) - {a.value for a in ActionType}:
        raise ValidationFailed("Budget overrides are keyed by action type.", field="budget_overrides")
    if cmd.pause_rules is not None and not 60 <= cmd.pause_rules.window_seconds <= 7 * 86400:
        raise ValidationFailed("The pause window is between a minute and a week.", field="pause_rules")
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        account = await uow.compliance.ensure_account(principal.user_id, now=now)
        quiet = tuple((a, b) for a, b in cmd.quiet) if cmd.quiet is not None else account.quiet
        if any(parse_hhmm(a) >= parse_hhmm(b) for a, b in quiet):
            raise ValidationFailed("Each quiet interval starts before it ends.", field="quiet")
        overrides = cmd.budget_overrides if cmd.budget_overrides is not None else account.budget_overrides
        changed = msgspec.structs.replace(
            account, lists=cmd.lists if cmd.lists is not None else account.lists, quiet=quiet,
            days_off=tuple(cmd.days_off) if cmd.days_off is not None else account.days_off,
            pacing=cmd.pacing or account.pacing, pause_rules=cmd.pause_rules or account.pause_rules,
            budget_overrides=overrides, updated_at=now)
        saved = await uow.compliance.save_settings(changed, expected_version=expected_version)
        await uow.commit()
    if profiles is not None:
        profiles.forget(principal.user_id)
    return saved
