"""SQL repository of campaigns, their targets and their steps.

Steps are claimed with a conditional ``UPDATE … WHERE state = 'planned' … RETURNING`` that also checks,
in the same statement, that the campaign is active and the account not paused: a pause committed
before the claim stops every step after it, on both databases."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.compliance import insert_ignoring
from inergize.adapters.persistence.repositories.pagination import keyset_after, page_from_rows
from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.compliance import (
    automation_accounts,
    campaign_steps,
    campaign_targets,
    campaigns,
)
from inergize.domain.compliance.campaigns import (
    Campaign,
    CampaignConfig,
    CampaignKind,
    CampaignState,
    CampaignStep,
    CampaignTarget,
    StepKind,
    StepState,
    TargetState,
)
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.platform.pagination import Page

_CHUNK = 200  # rows per multi-row INSERT (SQLite caps the number of bound parameters)


def _campaign(row: Row[Any]) -> Campaign:
    m = row._mapping
    return Campaign(id=m["id"], user_id=m["user_id"], kind=CampaignKind(m["kind"]), name=m["name"],
                    state=CampaignState(m["state"]), config=msgspec.convert(m["config"], CampaignConfig),
                    assisted=bool(m["assisted"]), created_at=m["created_at"], updated_at=m["updated_at"],
                    version=m["version"])


def _target(row: Row[Any]) -> CampaignTarget:
    m = row._mapping
    return CampaignTarget(id=m["id"], campaign_id=m["campaign_id"], user_id=m["user_id"], key=m["target_key"],
                          name=m["name"], company=m["company"], headline=m["headline"],
                          state=TargetState(m["state"]), invited_at=m["invited_at"], data=m["data"] or {})


def _step(row: Row[Any]) -> CampaignStep:
    m = row._mapping
    return CampaignStep(id=m["id"], campaign_id=m["campaign_id"], user_id=m["user_id"],
                        target_id=m["target_id"],
                        kind=StepKind(m["kind"]), state=StepState(m["state"]), planned_at=m["planned_at"],
                        sequence=m["sequence"], text=m["text"], outcome=m["outcome"] or {},
                        executed_at=m["executed_at"], attempts=m["attempts"])


def _runnable() -> Any:
    """The step's campaign is active and its account is not paused."""
    s = campaign_steps.c
    active = exists().where(campaigns.c.id == s.campaign_id, campaigns.c.state == CampaignState.ACTIVE.value)
    a = automation_accounts.c
    paused = exists().where(a.user_id == s.user_id, a.paused.is_(True))
    return active & ~paused


class SqlCampaignRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, campaign: Campaign) -> None:
        await self._conn.execute(insert(campaigns).values(
            id=campaign.id, user_id=campaign.user_id, kind=campaign.kind.value, name=campaign.name,
            state=campaign.state.value, assisted=campaign.assisted,
            config=msgspec.to_builtins(campaign.config),
            created_at=campaign.created_at, updated_at=campaign.updated_at, version=campaign.version))

    async def get(self, campaign_id: uuid.UUID) -> Campaign | None:
        row = await row_where(self._conn, campaigns.c.id, campaign_id)
        return _campaign(row) if row else None

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int, cursor: str | None) -> Page[Campaign]:
        stmt = keyset_after(select(campaigns).where(campaigns.c.user_id == user_id), campaigns.c.created_at,
                            campaigns.c.id, cursor).limit(limit + 1)
        return page_from_rows((await self._conn.execute(stmt)).all(), limit, _campaign, "created_at")

    async def set_state(self, campaign: Campaign, *, now: datetime) -> Campaign:
        result = await self._conn.execute(
            update(campaigns).where(campaigns.c.id == campaign.id, campaigns.c.version == campaign.version)
            .values(state=campaign.state.value, updated_at=now, version=campaign.version + 1))
        if result.rowcount != 1:
            raise PreconditionFailed("The campaign changed since you read it; fetch it again.")
        return msgspec.structs.replace(campaign, updated_at=now, version=campaign.version + 1)

    async def add_targets(self, targets: Sequence[CampaignTarget], *, now: datetime) -> int:
        added = 0
        for i in range(0, len(targets), _CHUNK):
            rows = [{"id": t.id, "campaign_id": t.campaign_id, "user_id": t.user_id, "target_key": t.key,
                     "name": t.name[:200], "company": t.company[:200], "headline": t.headline[:300],
                     "state": t.state.value, "invited_at": t.invited_at, "data": t.data, "created_at": now,
                     "updated_at": now} for t in targets[i:i + _CHUNK]]
            stmt = insert_ignoring(self._conn, campaign_targets, ["campaign_id", "target_key"]).values(rows)
            added += len((await self._conn.execute(stmt.returning(campaign_targets.c.id))).all())
        return added

    async def get_target(self, target_id: uuid.UUID) -> CampaignTarget | None:
        stmt = select(campaign_targets).where(campaign_targets.c.id == target_id)
        row = (await self._conn.execute(stmt)).first()
        return _target(row) if row else None

    async def targets(self, campaign_id: uuid.UUID, *, states: Sequence[str] | None = None,
                      limit: int = 10_000) -> list[CampaignTarget]:
        stmt = select(campaign_targets).where(campaign_targets.c.campaign_id == campaign_id)
        if states:
            stmt = stmt.where(campaign_targets.c.state.in_(list(states)))
        stmt = stmt.order_by(campaign_targets.c.created_at, campaign_targets.c.id).limit(limit)
        return [_target(r) for r in (await self._conn.execute(stmt)).all()]

    async def update_target(self, target: CampaignTarget, *, now: datetime) -> None:
        await self._conn.execute(update(campaign_targets).where(campaign_targets.c.id == target.id).values(
            state=target.state.value, invited_at=target.invited_at, data=target.data, updated_at=now))

    async def add_steps(self, steps: Sequence[CampaignStep], *, now: datetime) -> int:
        added = 0
        for i in range(0, len(steps), _CHUNK):
            rows = [{"id": s.id, "campaign_id": s.campaign_id, "user_id": s.user_id, "target_id": s.target_id,
                     "kind": s.kind.value, "sequence": s.sequence, "state": s.state.value,
                     "planned_at": s.planned_at, "text": s.text, "outcome": s.outcome, "attempts": s.attempts,
                     "executed_at": s.executed_at, "created_at": now, "updated_at": now}
                    for s in steps[i:i + _CHUNK]]
            stmt = insert_ignoring(self._conn, campaign_steps, ["target_id", "kind", "sequence"]).values(rows)
            added += len((await self._conn.execute(stmt.returning(campaign_steps.c.id))).all())
        return added

    async def get_step(self, step_id: uuid.UUID) -> CampaignStep | None:
        row = await row_where(self._conn, campaign_steps.c.id, step_id)
        return _step(row) if row else None

    async def due_step_ids(self, *, now: datetime, limit: int) -> list[uuid.UUID]:
        s = campaign_steps.c
        stmt = (select(s.id).where(s.state == StepState.PLANNED.value, s.planned_at <= now, _runnable())
                .order_by(s.planned_at).limit(limit))
        return list((await self._conn.execute(stmt)).scalars())

    async def claim_step(self, step_id: uuid.UUID, *, now: datetime) -> CampaignStep | None:
        s = campaign_steps.c
        row = (await self._conn.execute(
            update(campaign_steps)
            .where(s.id == step_id, s.state == StepState.PLANNED.value, _runnable())
            .values(state=StepState.RUNNING.value, attempts=s.attempts + 1, updated_at=now)
            .returning(*campaign_steps.c))).first()
        return _step(row) if row else None

    async def finish_step(self, step_id: uuid.UUID, *, state: StepState, outcome: dict[str, Any],
                          now: datetime, planned_at: datetime | None = None,
                          from_states: Sequence[StepState] = (StepState.RUNNING,)) -> bool:
        values: dict[str, Any] = {"state": state.value, "outcome": outcome, "updated_at": now}
        if planned_at is not None:
            values["planned_at"] = planned_at
        if state is StepState.DONE:
            values["executed_at"] = now
        s = campaign_steps.c
        result = await self._conn.execute(update(campaign_steps).where(
            s.id == step_id, s.state.in_([f.value for f in from_states])).values(**values))
        return result.rowcount == 1

    async def cancel_steps(self, target_id: uuid.UUID, *, kinds: Sequence[StepKind], now: datetime) -> int:
        s = campaign_steps.c
        result = await self._conn.execute(update(campaign_steps).where(
            s.target_id == target_id, s.kind.in_([k.value for k in kinds]),
            s.state.in_([StepState.PLANNED.value, StepState.AWAITING_USER.value]),
        ).values(state=StepState.CANCELLED.value, updated_at=now))
        return result.rowcount

    async def steps_for_user(self, user_id: uuid.UUID, *, states: Sequence[StepState], limit: int = 50,
                             campaign_id: uuid.UUID | None = None) -> list[CampaignStep]:
        s = campaign_steps.c
        stmt = select(campaign_steps).where(s.user_id == user_id, s.state.in_([x.value for x in states]))
        if campaign_id is not None:
            stmt = stmt.where(s.campaign_id == campaign_id)
        stmt = stmt.order_by(s.planned_at, s.id).limit(limit)
        return [_step(r) for r in (await self._conn.execute(stmt)).all()]

    async def step_counts(self, campaign_id: uuid.UUID) -> dict[str, int]:
        s = campaign_steps.c
        rows = (await self._conn.execute(select(s.state, func.count()).where(s.campaign_id == campaign_id)
                                         .group_by(s.state))).all()
        return {state: n for state, n in rows}

    async def running_since(self, before: datetime, *, limit: int) -> list[uuid.UUID]:
        s = campaign_steps.c
        stmt = (select(s.id).where(s.state == StepState.RUNNING.value, s.updated_at < before)
                .order_by(s.updated_at).limit(limit))
        return list((await self._conn.execute(stmt)).scalars())

    async def last_planned_at(self, user_id: uuid.UUID) -> datetime | None:
        s = campaign_steps.c
        last: datetime | None = (await self._conn.execute(select(func.max(s.planned_at)).where(
            s.user_id == user_id, s.state == StepState.PLANNED.value))).scalar_one_or_none()
        return last
