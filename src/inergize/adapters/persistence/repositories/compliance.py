"""SQL repository of the compliance engine: automation accounts, compliance logs, action outcomes
(``automation_logs``) and contact records (``automation_contacts``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.compliance import (
    automation_accounts,
    automation_contacts,
    campaign_targets,
)
from inergize.adapters.persistence.tables.seed import automation_logs, compliance_logs
from inergize.domain.compliance.account import AutomationAccount
from inergize.domain.compliance.actions import ActionBudget
from inergize.domain.compliance.health import HealthCause, HealthInputs, Outcome, OutcomeEvent, PauseRules
from inergize.domain.compliance.pacing import PacingPolicy
from inergize.domain.platform.errors import PreconditionFailed
from inergize.ports.compliance_repository import ComplianceLog


class _Settings(msgspec.Struct, kw_only=True):
    """The JSON ``settings`` column: everything about an account that is not queried by SQL."""

    lists: dict[str, list[str]] = {}
    quiet: tuple[tuple[str, str], ...] = ()
    days_off: tuple[date, ...] = ()
    pacing: PacingPolicy = PacingPolicy()
    pause_rules: PauseRules = PauseRules()
    budget_overrides: dict[str, ActionBudget] = {}
    health_causes: tuple[HealthCause, ...] = ()


def insert_ignoring(conn: AsyncConnection, table: Any, keys: Sequence[str]) -> Any:
    """``INSERT … ON CONFLICT (keys) DO NOTHING`` for the connection's database."""
    from sqlalchemy.dialects import postgresql, sqlite

    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=list(keys))
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=list(keys))


def _to_account(row: Row[Any]) -> AutomationAccount:
    m = row._mapping
    s = msgspec.convert(m["settings"] or {}, _Settings)
    return AutomationAccount(
        user_id=m["user_id"], paused=bool(m["paused"]), pause_reason=m["pause_reason"],
        paused_at=m["paused_at"], automation_since=m["automation_since"],
        last_restriction_at=m["last_restriction_at"], health=m["health"],
        health_causes=s.health_causes, lists=s.lists, quiet=s.quiet, days_off=s.days_off, pacing=s.pacing,
        pause_rules=s.pause_rules, budget_overrides=s.budget_overrides, updated_at=m["updated_at"],
        version=m["version"],
    )


def _settings(account: AutomationAccount) -> dict[str, Any]:
    built: dict[str, Any] = msgspec.to_builtins(_Settings(
        lists=account.lists, quiet=account.quiet, days_off=account.days_off, pacing=account.pacing,
        pause_rules=account.pause_rules, budget_overrides=account.budget_overrides,
        health_causes=account.health_causes))
    return built


class SqlComplianceRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def get_account(self, user_id: uuid.UUID) -> AutomationAccount | None:
        row = await row_where(self._conn, automation_accounts.c.user_id, user_id)
        return _to_account(row) if row else None

    async def ensure_account(self, user_id: uuid.UUID, *, now: datetime) -> AutomationAccount:
        fresh = AutomationAccount(user_id=user_id, automation_since=now, updated_at=now)
        await self._conn.execute(insert_ignoring(self._conn, automation_accounts, ["user_id"]).values(
            user_id=user_id, paused=False, automation_since=now, health=100, settings=_settings(fresh),
            updated_at=now, version=1))
        account = await self.get_account(user_id)
        assert account is not None  # inserted above or already there
        return account

    async def save_settings(self, account: AutomationAccount, *, expected_version: int) -> AutomationAccount:
        current = await self.get_account(account.user_id)
        settings = _settings(account)
        if current is not None:
            settings["health_causes"] = msgspec.to_builtins(current.health_causes)  # health is not a setting
        result = await self._conn.execute(
            update(automation_accounts).where(automation_accounts.c.user_id == account.user_id,
                                              automation_accounts.c.version == expected_version)
            .values(settings=settings, updated_at=account.updated_at, version=expected_version + 1))
        if result.rowcount != 1:
            raise PreconditionFailed("The automation settings changed since you read them; fetch them again.")
        return msgspec.structs.replace(account, version=expected_version + 1)

    async def set_paused(self, user_id: uuid.UUID, *, paused: bool, reason: str | None,
                         now: datetime) -> bool:
        result = await self._conn.execute(
            update(automation_accounts)
            .where(automation_accounts.c.user_id == user_id, automation_accounts.c.paused == (not paused))
            .values(paused=paused, pause_reason=reason if paused else None, paused_at=now if paused else None,
                    updated_at=now, version=automation_accounts.c.version + 1))
        return result.rowcount == 1

    async def set_health(self, user_id: uuid.UUID, *, score: int, causes: Sequence[HealthCause],
                         now: datetime, restricted_at: datetime | None = None) -> None:
        account = await self.get_account(user_id)
        if account is None:
            return
        settings = _settings(account)
        settings["health_causes"] = msgspec.to_builtins(tuple(causes))
        values: dict[str, Any] = {"health": score, "settings": settings, "updated_at": now}
        if restricted_at is not None:
            values["last_restriction_at"] = restricted_at
        await self._conn.execute(
            update(automation_accounts).where(automation_accounts.c.user_id == user_id).values(**values))

    async def log(self, entry: ComplianceLog) -> None:
        await self._conn.execute(insert(compliance_logs).values(
            id=entry.id, user_id=entry.user_id, kind=entry.kind, verdict=entry.verdict, reason=entry.reason,
            detail=entry.detail, created_at=entry.created_at))

    async def list_logs(self, user_id: uuid.UUID, *, kinds: Sequence[str] | None = None,
                        limit: int = 50) -> list[ComplianceLog]:
        stmt = select(compliance_logs).where(compliance_logs.c.user_id == user_id)
        if kinds:
            stmt = stmt.where(compliance_logs.c.kind.in_(list(kinds)))
        stmt = stmt.order_by(compliance_logs.c.created_at.desc(), compliance_logs.c.id.desc()).limit(limit)
        rows = (await self._conn.execute(stmt)).all()
        return [ComplianceLog(id=r.id, user_id=r.user_id, kind=r.kind, verdict=r.verdict, reason=r.reason,
                              detail=r.detail or {}, created_at=r.created_at) for r in rows]

    async def record_outcome(self, user_id: uuid.UUID, *, action: str, target: str | None, outcome: Outcome,
                             detail: dict[str, Any], now: datetime) -> None:
        await self._conn.execute(insert(automation_logs).values(
            id=uuid.uuid4(), user_id=user_id, action_type=action, target=target, status=outcome.value,
            detail=detail, created_at=now))

    async def outcomes_since(self, user_id: uuid.UUID, since: datetime) -> list[OutcomeEvent]:
        rows = (await self._conn.execute(
            select(automation_logs.c.created_at, automation_logs.c.status)
            .where(automation_logs.c.user_id == user_id, automation_logs.c.created_at >= since,
                   automation_logs.c.status.in_([o.value for o in Outcome]))
            .order_by(automation_logs.c.created_at))).all()
        return [OutcomeEvent(r.created_at, Outcome(r.status)) for r in rows]

    async def health_inputs(self, user_id: uuid.UUID, *, since: datetime) -> HealthInputs:
        logs = automation_logs.c
        counts = {r.status: r.n for r in (await self._conn.execute(
            select(logs.status, func.count().label("n"))
            .where(logs.user_id == user_id, logs.created_at >= since).group_by(logs.status))).all()}
        sent = (await self._conn.execute(select(func.count()).where(
            logs.user_id == user_id, logs.created_at >= since, logs.action_type == "invitation",
            logs.status == Outcome.SUCCESS.value))).scalar_one()
        t = campaign_targets.c
        accepted = (await self._conn.execute(select(func.count()).where(
            t.user_id == user_id, t.invited_at >= since, t.state.in_(["accepted", "replied"])))).scalar_one()
        pending = (await self._conn.execute(select(func.count()).where(
            t.user_id == user_id, t.state == "invited"))).scalar_one()
        attempts = sum(counts.get(o.value, 0) for o in Outcome)
        return HealthInputs(attempts=attempts, successes=counts.get(Outcome.SUCCESS.value, 0),
                            rate_limited=counts.get(Outcome.RATE_LIMITED.value, 0),
                            restrictions=counts.get(Outcome.RESTRICTED.value, 0), invitations_sent=sent,
                            invitations_accepted=min(accepted, sent), pending_invitations=pending)

    async def claim_contact(self, user_id: uuid.UUID, *, action: str, sequence: int, target_key: str,
                            campaign_id: uuid.UUID | None, step_id: uuid.UUID | None, now: datetime) -> bool:
        keys = ["user_id", "action", "sequence", "target_key"]
        result = await self._conn.execute(insert_ignoring(self._conn, automation_contacts, keys).values(
            user_id=user_id, action=action, sequence=sequence, target_key=target_key, campaign_id=campaign_id,
            step_id=step_id, created_at=now).returning(automation_contacts.c.user_id))
        return result.first() is not None  # rowcount is not reliable for ON CONFLICT on every driver

    async def release_contact(self, user_id: uuid.UUID, *, action: str, sequence: int,
                              target_key: str) -> None:
        c = automation_contacts.c
        await self._conn.execute(delete(automation_contacts).where(and_(
            c.user_id == user_id, c.action == action, c.sequence == sequence, c.target_key == target_key)))
