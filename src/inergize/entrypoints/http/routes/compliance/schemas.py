"""Request and response bodies of /v1/compliance and /v1/campaigns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from inergize.application.compliance import campaign_events as events
from inergize.domain.compliance.actions import ActionBudget
from inergize.domain.compliance.campaigns import (
    CampaignConfig,
    CampaignKind,
    FollowUp,
)
from inergize.domain.compliance.health import PauseRules
from inergize.domain.compliance.pacing import PacingPolicy
from inergize.entrypoints.http.schemas import RequestBody, ResponseBody


class StepOut(ResponseBody, kw_only=True):
    id: str
    campaign_id: str
    target_id: str
    kind: str
    state: str
    planned_at: datetime
    text: str
    outcome: dict[str, Any]


class BudgetOut(ResponseBody, kw_only=True):
    action: str
    daily_limit: int
    daily_left: int
    weekly_limit: int
    weekly_left: int


class CauseOut(ResponseBody, kw_only=True):
    code: str
    points: int
    detail: str


class SafetyEventOut(ResponseBody, kw_only=True):
    """One entry of the account's safety history: a pause, a resume, a refused or rate-limited action."""

    kind: str
    verdict: str
    reason: str
    detail: dict[str, Any]
    created_at: datetime


class DashboardOut(ResponseBody, kw_only=True):
    paused: bool
    pause_reason: str | None
    paused_at: datetime | None
    health: int
    health_causes: list[CauseOut]
    budgets: list[BudgetOut]
    next_open_at: datetime | None
    next_actions: list[StepOut]
    tasks_waiting: int
    history: list[SafetyEventOut]


class AutomationSettingsOut(ResponseBody, kw_only=True):
    lists: dict[str, list[str]]
    quiet: list[tuple[str, str]]
    days_off: list[date]
    pacing: dict[str, Any]
    pause_rules: dict[str, Any]
    budget_overrides: dict[str, Any]
    paused: bool
    version: int


class AutomationSettingsIn(RequestBody, kw_only=True):
    lists: dict[str, list[str]] | None = None
    quiet: list[tuple[str, str]] | None = None
    days_off: list[date] | None = None
    pacing: PacingPolicy | None = None
    pause_rules: PauseRules | None = None
    budget_overrides: dict[str, ActionBudget] | None = None


class PauseIn(RequestBody, kw_only=True):
    reason: str = ""


class ResumeIn(RequestBody, kw_only=True):
    reason: str
    acknowledge_risk: bool = False


class FollowUpIn(RequestBody, kw_only=True):
    after_days: float
    template: str


class ConfigIn(RequestBody, kw_only=True):
    note_template: str = ""
    follow_ups: list[FollowUpIn] = []
    withdraw_after_days: float = 21
    reaction: str = "LIKE"
    comment_template: str = ""
    daily_volume: int = 15
    seed: int = 0

    def to_domain(self) -> CampaignConfig:
        return CampaignConfig(
            note_template=self.note_template, withdraw_after_days=self.withdraw_after_days,
            follow_ups=tuple(FollowUp(after_days=f.after_days, template=f.template) for f in self.follow_ups),
            reaction=self.reaction, comment_template=self.comment_template, daily_volume=self.daily_volume,
            seed=self.seed)


class CampaignIn(RequestBody, kw_only=True):
    kind: CampaignKind
    name: str
    config: ConfigIn = msgspec.field(default_factory=ConfigIn)
    assisted: bool | None = None


class CampaignOut(ResponseBody, kw_only=True):
    id: str
    kind: str
    name: str
    state: str
    assisted: bool
    config: dict[str, Any]
    created_at: datetime
    steps: dict[str, int] | None = None


class CampaignPageOut(ResponseBody):
    items: list[CampaignOut]
    next_cursor: str | None


class TargetsIn(RequestBody, kw_only=True):
    csv: str | None = None  # a CSV with a URL (or URN) column, e.g. LinkedIn's Connections.csv
    posts: list[str] | None = None  # engagement campaigns: post URLs or URNs
    from_network: int | None = None  # connection campaigns: this many suggested members


class AddedOut(ResponseBody):
    added: int


class EventIn(RequestBody):
    event: events.TargetEvent


class TaskIn(RequestBody):
    done: bool
