"""Repositories of the compliance engine: account automation state, logs, outcomes and contact records;
campaigns with their targets and steps."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

import msgspec

from inergize.domain.compliance.account import AutomationAccount
from inergize.domain.compliance.campaigns import Campaign, CampaignStep, CampaignTarget, StepKind, StepState
from inergize.domain.compliance.health import HealthCause, HealthInputs, Outcome, OutcomeEvent
from inergize.domain.platform.pagination import Page


class ComplianceLog(msgspec.Struct, frozen=True, kw_only=True):
    """One row of ``compliance_logs``: kind ``pause`` / ``resume`` / ``override`` / ``check`` / ``hold``."""

    id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    verdict: str
    reason: str = ""
    detail: dict[str, Any] = msgspec.field(default_factory=dict)
    created_at: datetime


class ComplianceRepository(Protocol):
    async def get_account(self, user_id: uuid.UUID) -> AutomationAccount | None: ...

    async def ensure_account(self, user_id: uuid.UUID, *, now: datetime) -> AutomationAccount:
        """The account's automation state, created (automation starting ``now``) when it has none."""
        ...

    async def save_settings(self, account: AutomationAccount, *, expected_version: int) -> AutomationAccount:
        """Store lists, quiet hours, days off, pacing, rules, overrides; ``PreconditionFailed`` if stale."""
        ...

    async def set_paused(self, user_id: uuid.UUID, *, paused: bool, reason: str | None,
                         now: datetime) -> bool:
        """Pause or resume; True only for the call that changed the state (a conditional update)."""
        ...

    async def set_health(self, user_id: uuid.UUID, *, score: int, causes: Sequence[HealthCause],
                         now: datetime, restricted_at: datetime | None = None) -> None: ...

    async def log(self, entry: ComplianceLog) -> None: ...

    async def list_logs(self, user_id: uuid.UUID, *, kinds: Sequence[str] | None = None,
                        limit: int = 50) -> list[ComplianceLog]:
        """Newest first."""
        ...

    async def record_outcome(self, user_id: uuid.UUID, *, action: str, target: str | None, outcome: Outcome,
                             detail: dict[str, Any], now: datetime) -> None: ...

    async def outcomes_since(self, user_id: uuid.UUID, since: datetime) -> list[OutcomeEvent]: ...

    async def health_inputs(self, user_id: uuid.UUID, *, since: datetime) -> HealthInputs:
        """Outcome counts since ``since`` plus invitations sent/accepted and the pending backlog."""
        ...

    async def claim_contact(self, user_id: uuid.UUID, *, action: str, sequence: int, target_key: str,
                            campaign_id: uuid.UUID | None, step_id: uuid.UUID | None, now: datetime) -> bool:
        """Record that the account contacts this target; False when it already has (or is)."""
        ...

    async def release_contact(self, user_id: uuid.UUID, *, action: str, sequence: int,
                              target_key: str) -> None: ...


class CampaignRepository(Protocol):
    async def add(self, campaign: Campaign) -> None: ...

    async def get(self, campaign_id: uuid.UUID) -> Campaign | None: ...

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int,
                            cursor: str | None) -> Page[Campaign]: ...

    async def set_state(self, campaign: Campaign, *, now: datetime) -> Campaign:
        """Store ``campaign.state``; ``PreconditionFailed`` when its version is no longer current."""
        ...

    async def add_targets(self, targets: Sequence[CampaignTarget], *, now: datetime) -> int:
        """Insert targets, skipping any the campaign already has; returns how many were new."""
        ...

    async def get_target(self, target_id: uuid.UUID) -> CampaignTarget | None: ...

    async def targets(self, campaign_id: uuid.UUID, *, states: Sequence[str] | None = None,
                      limit: int = 10_000) -> list[CampaignTarget]: ...

    async def update_target(self, target: CampaignTarget, *, now: datetime) -> None: ...

    async def add_steps(self, steps: Sequence[CampaignStep], *, now: datetime) -> int:
        """Insert steps, skipping any already planned for the same (target, kind, sequence)."""
        ...

    async def get_step(self, step_id: uuid.UUID) -> CampaignStep | None: ...

    async def due_step_ids(self, *, now: datetime, limit: int) -> list[uuid.UUID]:
        """Planned steps whose time has come, of active campaigns of accounts that are not paused."""
        ...

    async def claim_step(self, step_id: uuid.UUID, *, now: datetime) -> CampaignStep | None:
        """Move a planned step to running (one caller wins); None when it is not planned (any more)."""
        ...

    async def finish_step(self, step_id: uuid.UUID, *, state: StepState, outcome: dict[str, Any],
                          now: datetime, planned_at: datetime | None = None,
                          from_states: Sequence[StepState] = (StepState.RUNNING,)) -> bool:
        """Move a step out of one of ``from_states`` (a new ``planned_at`` reschedules it)."""
        ...

    async def cancel_steps(self, target_id: uuid.UUID, *, kinds: Sequence[StepKind], now: datetime) -> int:
        """Cancel the target's planned or awaiting steps of ``kinds`` (follow-ups after a reply…)."""
        ...

    async def steps_for_user(self, user_id: uuid.UUID, *, states: Sequence[StepState],
                             limit: int = 50, campaign_id: uuid.UUID | None = None) -> list[CampaignStep]:
        """Soonest first."""
        ...

    async def step_counts(self, campaign_id: uuid.UUID) -> dict[str, int]: ...

    async def running_since(self, before: datetime, *, limit: int) -> list[uuid.UUID]:
        """Steps still running that were claimed before ``before`` (their worker died)."""
        ...

    async def last_planned_at(self, user_id: uuid.UUID) -> datetime | None:
        """The latest ``planned_at`` of the account's planned steps (new plans start after it)."""
        ...
