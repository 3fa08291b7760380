"""An account's automation state: pause, health, the user's lists and pacing choices; and the
compliance profile the engine decides with, built from it and the user's own settings."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import msgspec

from inergize.domain.accounts.users import User
from inergize.domain.compliance.actions import ActionBudget
from inergize.domain.compliance.calendar import Schedule
from inergize.domain.compliance.health import HealthCause, PauseRules
from inergize.domain.compliance.pacing import PacingPolicy
from inergize.domain.compliance.targets import TargetLists
from inergize.domain.compliance.verdicts import ComplianceProfile

LIST_NAMES = ("deny_people", "deny_companies", "deny_keywords", "allow_people", "allow_companies")
MAX_LIST_ENTRIES = 5000


class AutomationAccount(msgspec.Struct, kw_only=True):
    user_id: uuid.UUID
    paused: bool = False
    pause_reason: str | None = None
    paused_at: datetime | None = None
    automation_since: datetime
    last_restriction_at: datetime | None = None
    health: int = 100
    health_causes: tuple[HealthCause, ...] = ()
    lists: dict[str, list[str]] = msgspec.field(default_factory=dict)
    quiet: tuple[tuple[str, str], ...] = ()
    days_off: tuple[date, ...] = ()
    pacing: PacingPolicy = msgspec.field(default_factory=PacingPolicy)
    pause_rules: PauseRules = msgspec.field(default_factory=PauseRules)
    budget_overrides: dict[str, ActionBudget] = msgspec.field(default_factory=dict)
    updated_at: datetime
    version: int = 1


def build_profile(user: User, account: AutomationAccount) -> ComplianceProfile:
    """The engine's view of one account: the user's zone, working hours and tier with the account's
    lists, quiet hours, days off, pacing, health and pause state."""
    hours = user.working_hours
    schedule = Schedule(timezone=user.timezone, start=hours.start, end=hours.end, days=tuple(hours.days),
                        quiet=account.quiet, days_off=account.days_off)
    lists = TargetLists.build(**{name: account.lists.get(name, ()) for name in LIST_NAMES})
    return ComplianceProfile(
        user_id=user.id, tier=user.tier, schedule=schedule, pacing=account.pacing, lists=lists,
        pause_rules=account.pause_rules, paused=account.paused, health=account.health,
        automation_since=account.automation_since, last_restriction_at=account.last_restriction_at,
        budget_overrides=account.budget_overrides,
    )
