"""A user's compliance profile and the checks that need no shared state (pause, hours, lists, content
shape). Budgets, pacing gaps and duplicate targets need the shared ledger; the application adds them."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from inergize.domain.compliance.actions import ActionBudget, ActionType, action_budget
from inergize.domain.compliance.calendar import Schedule, next_open, why_closed
from inergize.domain.compliance.health import PauseRules
from inergize.domain.compliance.pacing import PacingPolicy
from inergize.domain.compliance.targets import Target, TargetLists

# LinkedIn's own length limits for text an action carries.
TEXT_LIMITS: dict[ActionType, int] = {ActionType.INVITATION: 300, ActionType.MESSAGE: 8000,
                                      ActionType.COMMENT: 1250}
# Actions that may only ever happen once per (target, sequence): the duplicate-target protection.
ONCE_PER_TARGET = frozenset({ActionType.INVITATION, ActionType.MESSAGE, ActionType.REACTION,
                             ActionType.COMMENT, ActionType.PROFILE_VISIT})


class ComplianceProfile(msgspec.Struct, frozen=True, kw_only=True):
    """Everything about one account the engine decides with, loaded once and cached."""

    user_id: uuid.UUID
    tier: str = "free"
    schedule: Schedule = msgspec.field(default_factory=Schedule)
    pacing: PacingPolicy = msgspec.field(default_factory=PacingPolicy)
    lists: TargetLists = msgspec.field(default_factory=TargetLists)
    pause_rules: PauseRules = msgspec.field(default_factory=PauseRules)
    paused: bool = False
    health: int = 100
    automation_since: datetime | None = None
    last_restriction_at: datetime | None = None
    budget_overrides: dict[str, ActionBudget] = msgspec.field(default_factory=dict)

    def budget(self, action: ActionType, now: datetime) -> ActionBudget:
        """Today's budget for ``action``, after tier, ramp-up and health."""
        age = (now - self.automation_since).total_seconds() / 86400 if self.automation_since else None
        since = ((now - self.last_restriction_at).total_seconds() / 86400
                 if self.last_restriction_at else None)
        return action_budget(action, tier=self.tier, health=self.health, account_age_days=age,
                             days_since_restriction=since, overrides=self.budget_overrides)


class ActionRequest(msgspec.Struct, frozen=True, kw_only=True):
    action: ActionType
    target: Target
    text: str = ""
    sequence: int = 0  # 0 for the invitation / first message; n for the n-th follow-up


class Verdict(msgspec.Struct, frozen=True, kw_only=True):
    """``allowed``, or the reason code and, when waiting helps, the earliest instant worth retrying."""

    allowed: bool
    reason: str | None = None
    retry_at: datetime | None = None
    remaining: dict[str, int] = msgspec.field(default_factory=dict)


ALLOWED = Verdict(allowed=True)


def precheck(profile: ComplianceProfile, request: ActionRequest, now: datetime) -> Verdict | None:
    """The stateless part of a decision: a denying ``Verdict``, or ``None`` when the ledger should decide."""
    if profile.paused:
        return Verdict(allowed=False, reason="paused")
    closed = why_closed(profile.schedule, now)
    if closed is not None:
        return Verdict(allowed=False, reason=closed, retry_at=next_open(profile.schedule, now))
    denied = profile.lists.why_denied(request.target, request.text)
    if denied is not None:
        return Verdict(allowed=False, reason=denied)
    limit = TEXT_LIMITS.get(request.action)
    if limit is not None and len(request.text) > limit:
        return Verdict(allowed=False, reason="text_too_long")
    return None
