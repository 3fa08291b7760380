"""In-memory compliance and campaign repositories, over the ``compliance`` part of the fake database.

They answer as the SQL repositories do: the same conditional updates (a step is claimed only while
planned, its campaign active and its account not paused), the same "insert, skipping duplicates"
counts, the same orderings. What SQL stores as JSON (settings, config, data, outcome, detail) goes in
and out through a JSON round trip, so callers get what a database would hand back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from inergize.domain.compliance.account import AutomationAccount
from inergize.domain.compliance.campaigns import (
    Campaign,
    CampaignState,
    CampaignStep,
    CampaignTarget,
    StepKind,
    StepState,
    TargetState,
)
from inergize.domain.compliance.health import HealthCause, HealthInputs, Outcome, OutcomeEvent
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.platform.pagination import Page
from inergize.ports.compliance_repository import ComplianceLog
from tests.fakes.pagination import newest_first_page
from tests.fakes.rows import row_at_version

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import Tables

R = TypeVar("R")


def _stored(value: R) -> R:
    """``value`` as a database gives it back: a copy whose JSON parts went through JSON."""
    return msgspec.json.decode(msgspec.json.encode(value), type=type(value))


class OutcomeRow(msgspec.Struct, kw_only=True):
    """One row of ``automation_logs``."""

    user_id: uuid.UUID
    action: str
    target: str | None
    status: str
    detail: dict[str, Any]
    created_at: datetime


class TargetRow(msgspec.Struct, kw_only=True):
    target: CampaignTarget
    created_at: datetime  # targets are listed in the order they were added


class StepRow(msgspec.Struct, kw_only=True):
    step: CampaignStep
    updated_at: datetime  # a step left running since long ago belongs to a dead worker


class ComplianceTables(msgspec.Struct, kw_only=True):
    """Automation accounts, compliance logs, outcomes, contact records, campaigns, targets and steps."""

    accounts: dict[uuid.UUID, AutomationAccount] = msgspec.field(default_factory=dict)
    logs: dict[uuid.UUID, ComplianceLog] = msgspec.field(default_factory=dict)
    outcomes: list[OutcomeRow] = msgspec.field(default_factory=list)
    contacts: set[tuple[uuid.UUID, str, int, str]] = msgspec.field(default_factory=set)
    campaigns: dict[uuid.UUID, Campaign] = msgspec.field(default_factory=dict)
    targets: dict[uuid.UUID, TargetRow] = msgspec.field(default_factory=dict)
    steps: dict[uuid.UUID, StepRow] = msgspec.field(default_factory=dict)


class MemoryComplianceRepository:
    def __init__(self, tables: Tables) -> None:
        self._db = tables.compliance

    async def get_account(self, user_id: uuid.UUID) -> AutomationAccount | None:
        account = self._db.accounts.get(user_id)
        return _stored(account) if account is not None else None

    async def ensure_account(self, user_id: uuid.UUID, *, now: datetime) -> AutomationAccount:
        if user_id not in self._db.accounts:
            self._db.accounts[user_id] = AutomationAccount(user_id=user_id, automation_since=now, updated_at=now)
        return _stored(self._db.accounts[user_id])

    async def save_settings(self, account: AutomationAccount, *, expected_version: int) -> AutomationAccount:
        current = row_at_version(self._db.accounts, account.user_id, expected_version,
                                 "The automation settings changed since you read them; fetch them again.")
        self._db.accounts[account.user_id] = _stored(msgspec.structs.replace(  # health is not a setting
            current, lists=account.lists, quiet=account.quiet, days_off=account.days_off, pacing=account.pacing,
            pause_rules=account.pause_rules, budget_overrides=account.budget_overrides,
            updated_at=account.updated_at, version=expected_version + 1))
        return msgspec.structs.replace(account, version=expected_version + 1)

    async def set_paused(self, user_id: uuid.UUID, *, paused: bool, reason: str | None,
                         now: datetime) -> bool:
        account = self._db.accounts.get(user_id)
        if account is None or account.paused == paused:
            return False
        account.paused, account.pause_reason = paused, reason if paused else None
        account.paused_at, account.updated_at, account.version = now if paused else None, now, account.version + 1
        return True

    async def set_health(self, user_id: uuid.UUID, *, score: int, causes: Sequence[HealthCause],
                         now: datetime, restricted_at: datetime | None = None) -> None:
        account = self._db.accounts.get(user_id)
        if account is None:
            return
        account.health, account.health_causes, account.updated_at = score, tuple(causes), now
        if restricted_at is not None:
            account.last_restriction_at = restricted_at

    async def log(self, entry: ComplianceLog) -> None:
        if entry.id in self._db.logs:
            raise ValueError(f"compliance log {entry.id} exists")  # the primary key
        self._db.logs[entry.id] = _stored(entry)

    async def list_logs(self, user_id: uuid.UUID, *, kinds: Sequence[str] | None = None,
                        limit: int = 50) -> list[ComplianceLog]:
        found = [e for e in self._db.logs.values() if e.user_id == user_id and (not kinds or e.kind in kinds)]
        found.sort(key=lambda e: (e.created_at, e.id), reverse=True)
        return [_stored(e) for e in found[:limit]]

    async def record_outcome(self, user_id: uuid.UUID, *, action: str, target: str | None, outcome: Outcome,
                             detail: dict[str, Any], now: datetime) -> None:
        self._db.outcomes.append(_stored(OutcomeRow(user_id=user_id, action=action, target=target,
                                                    status=outcome.value, detail=detail, created_at=now)))

    def _outcomes(self, user_id: uuid.UUID, since: datetime) -> list[OutcomeRow]:
        return [o for o in self._db.outcomes if o.user_id == user_id and o.created_at >= since]

    async def outcomes_since(self, user_id: uuid.UUID, since: datetime) -> list[OutcomeEvent]:
        known = {o.value for o in Outcome}
        rows = sorted((o for o in self._outcomes(user_id, since) if o.status in known), key=lambda o: o.created_at)
        return [OutcomeEvent(o.created_at, Outcome(o.status)) for o in rows]

    async def health_inputs(self, user_id: uuid.UUID, *, since: datetime) -> HealthInputs:
        rows = self._outcomes(user_id, since)

        def count(status: Outcome) -> int:
            return sum(1 for o in rows if o.status == status.value)

        sent = sum(1 for o in rows if o.action == "invitation" and o.status == Outcome.SUCCESS.value)
        mine = [r.target for r in self._db.targets.values() if r.target.user_id == user_id]
        accepted = sum(1 for t in mine if t.invited_at is not None and t.invited_at >= since
                       and t.state in (TargetState.ACCEPTED, TargetState.REPLIED))
        pending = sum(1 for t in mine if t.state is TargetState.INVITED)
        return HealthInputs(attempts=sum(count(o) for o in Outcome), successes=count(Outcome.SUCCESS),
                            rate_limited=count(Outcome.RATE_LIMITED), restrictions=count(Outcome.RESTRICTED),
                            invitations_sent=sent, invitations_accepted=min(accepted, sent),
                            pending_invitations=pending)

    async def claim_contact(self, user_id: uuid.UUID, *, action: str, sequence: int, target_key: str,
                            campaign_id: uuid.UUID | None, step_id: uuid.UUID | None, now: datetime) -> bool:
        key = (user_id, action, sequence, target_key)
        if key in self._db.contacts:
            return False
        self._db.contacts.add(key)
        return True

    async def release_contact(self, user_id: uuid.UUID, *, action: str, sequence: int,
                              target_key: str) -> None:
        self._db.contacts.discard((user_id, action, sequence, target_key))


class MemoryCampaignRepository:
    def __init__(self, tables: Tables) -> None:
        self._db = tables.compliance

    async def add(self, campaign: Campaign) -> None:
        if campaign.id in self._db.campaigns:
            raise ValueError(f"campaign {campaign.id} exists")  # the primary key
        self._db.campaigns[campaign.id] = _stored(campaign)

    async def get(self, campaign_id: uuid.UUID) -> Campaign | None:
        campaign = self._db.campaigns.get(campaign_id)
        return _stored(campaign) if campaign is not None else None

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int, cursor: str | None) -> Page[Campaign]:
        mine = [c for c in self._db.campaigns.values() if c.user_id == user_id]
        return newest_first_page(mine, limit, cursor, sort=lambda c: c.created_at, ident=lambda c: c.id)

    async def set_state(self, campaign: Campaign, *, now: datetime) -> Campaign:
        stored = self._db.campaigns.get(campaign.id)
        if stored is None or stored.version != campaign.version:
            raise PreconditionFailed("The campaign changed since you read it; fetch it again.")
        stored.state, stored.updated_at, stored.version = campaign.state, now, campaign.version + 1
        return msgspec.structs.replace(campaign, updated_at=now, version=campaign.version + 1)

    async def add_targets(self, targets: Sequence[CampaignTarget], *, now: datetime) -> int:
        added = 0
        present = {(r.target.campaign_id, r.target.key) for r in self._db.targets.values()}
        for t in targets:
            if (t.campaign_id, t.key) in present:
                continue  # ON CONFLICT (campaign_id, target_key) DO NOTHING
            if t.id in self._db.targets:
                raise ValueError(f"target {t.id} exists")  # the primary key
            row = msgspec.structs.replace(t, name=t.name[:200], company=t.company[:200], headline=t.headline[:300])
            self._db.targets[t.id] = TargetRow(target=_stored(row), created_at=now)
            present.add((t.campaign_id, t.key))
            added += 1
        return added

    async def get_target(self, target_id: uuid.UUID) -> CampaignTarget | None:
        row = self._db.targets.get(target_id)
        return _stored(row.target) if row is not None else None

    async def targets(self, campaign_id: uuid.UUID, *, states: Sequence[str] | None = None,
                      limit: int = 10_000) -> list[CampaignTarget]:
        rows = sorted((r for r in self._db.targets.values() if r.target.campaign_id == campaign_id
                       and (not states or r.target.state.value in states)),
                      key=lambda r: (r.created_at, r.target.id))
        return [_stored(r.target) for r in rows[:limit]]

    async def update_target(self, target: CampaignTarget, *, now: datetime) -> None:
        row = self._db.targets.get(target.id)
        if row is not None:  # only what the SQL update writes
            row.target = _stored(msgspec.structs.replace(row.target, state=target.state,
                                                         invited_at=target.invited_at, data=target.data))

    async def add_steps(self, steps: Sequence[CampaignStep], *, now: datetime) -> int:
        added = 0
        planned = {(r.step.target_id, r.step.kind, r.step.sequence) for r in self._db.steps.values()}
        for s in steps:
            if (s.target_id, s.kind, s.sequence) in planned:
                continue  # ON CONFLICT (target_id, kind, sequence) DO NOTHING
            if s.id in self._db.steps:
                raise ValueError(f"step {s.id} exists")  # the primary key
            self._db.steps[s.id] = StepRow(step=_stored(s), updated_at=now)
            planned.add((s.target_id, s.kind, s.sequence))
            added += 1
        return added

    async def get_step(self, step_id: uuid.UUID) -> CampaignStep | None:
        row = self._db.steps.get(step_id)
        return _stored(row.step) if row is not None else None

    def _runnable(self, step: CampaignStep) -> bool:
        """The step's campaign is active and its account is not paused (an account with no state is not)."""
        campaign = self._db.campaigns.get(step.campaign_id)
        account = self._db.accounts.get(step.user_id)
        return (campaign is not None and campaign.state is CampaignState.ACTIVE
                and not (account is not None and account.paused))

    async def due_step_ids(self, *, now: datetime, limit: int) -> list[uuid.UUID]:
        due = [r.step for r in self._db.steps.values()
               if r.step.state is StepState.PLANNED and r.step.planned_at <= now and self._runnable(r.step)]
        return [s.id for s in sorted(due, key=lambda s: s.planned_at)[:limit]]

    async def claim_step(self, step_id: uuid.UUID, *, now: datetime) -> CampaignStep | None:
        row = self._db.steps.get(step_id)
        if row is None or row.step.state is not StepState.PLANNED or not self._runnable(row.step):
            return None
        row.step.state, row.step.attempts, row.updated_at = StepState.RUNNING, row.step.attempts + 1, now
        return _stored(row.step)

    async def finish_step(self, step_id: uuid.UUID, *, state: StepState, outcome: dict[str, Any],
                          now: datetime, planned_at: datetime | None = None,
                          from_states: Sequence[StepState] = (StepState.RUNNING,)) -> bool:
        row = self._db.steps.get(step_id)
        if row is None or row.step.state not in from_states:
            return False
        row.step = _stored(msgspec.structs.replace(
            row.step, state=state, outcome=outcome,
            planned_at=row.step.planned_at if planned_at is None else planned_at,
            executed_at=now if state is StepState.DONE else row.step.executed_at))
        row.updated_at = now
        return True

    async def cancel_steps(self, target_id: uuid.UUID, *, kinds: Sequence[StepKind], now: datetime) -> int:
        open_states = (StepState.PLANNED, StepState.AWAITING_USER)
        rows = [r for r in self._db.steps.values()
                if r.step.target_id == target_id and r.step.kind in kinds and r.step.state in open_states]
        for r in rows:
            r.step.state, r.updated_at = StepState.CANCELLED, now
        return len(rows)

    async def steps_for_user(self, user_id: uuid.UUID, *, states: Sequence[StepState], limit: int = 50,
                             campaign_id: uuid.UUID | None = None) -> list[CampaignStep]:
        found = sorted((r.step for r in self._db.steps.values() if r.step.user_id == user_id
                        and r.step.state in states and (campaign_id is None or r.step.campaign_id == campaign_id)),
                       key=lambda s: (s.planned_at, s.id))
        return [_stored(s) for s in found[:limit]]

    async def step_counts(self, campaign_id: uuid.UUID) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self._db.steps.values():
            if r.step.campaign_id == campaign_id:
                counts[r.step.state.value] = counts.get(r.step.state.value, 0) + 1
        return counts

    async def running_since(self, before: datetime, *, limit: int) -> list[uuid.UUID]:
        stuck = sorted((r for r in self._db.steps.values()
                        if r.step.state is StepState.RUNNING and r.updated_at < before), key=lambda r: r.updated_at)
        return [r.step.id for r in stuck[:limit]]

    async def last_planned_at(self, user_id: uuid.UUID) -> datetime | None:
        return max((r.step.planned_at for r in self._db.steps.values()
                    if r.step.user_id == user_id and r.step.state is StepState.PLANNED), default=None)
