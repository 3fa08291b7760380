from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import and_, false, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.accounts import auth_sessions, mfa_recovery_codes, one_time_tokens
from inergize.adapters.persistence.tables.accounts import user_security as us
from inergize.adapters.persistence.tables.seed import users
from inergize.domain.accounts.security import OneTimeToken, SecurityState, TokenPurpose
from inergize.domain.accounts.users import Role, UserStatus
from inergize.ports.read_cache import access_scope

_STATE_FIELDS = (
    "not_before",
    "mfa_secret",
    "mfa_pending_secret",
    "mfa_enabled_at",
    "mfa_last_step",
    "password_changed_at",
    "known_devices",
)


class AccessRow(msgspec.Struct, frozen=True):
    status: UserStatus
    role: Role
    not_before: datetime | None
    session_revoked: bool


class SqlSecurityRepository:
    def __init__(self, conn: AsyncConnection, changed: set[str] | None = None) -> None:
        self._conn = conn
        self._changed = changed if changed is not None else set()  # read-cache scopes this unit of work changed

    async def state(self, user_id: uuid.UUID) -> SecurityState:
        row = await row_where(self._conn, us.c.user_id, user_id)
        if row is None:
            return SecurityState(user_id=user_id)
        m = row._mapping
        return SecurityState(
            user_id=user_id,
            **{f: m[f] for f in _STATE_FIELDS if f != "known_devices"},
            known_devices=list(m["known_devices"] or []),
        )

    async def save(self, state: SecurityState, now: datetime) -> None:
        values: dict[str, Any] = {f: getattr(state, f) for f in _STATE_FIELDS}
        values["updated_at"] = now
        self._changed.add(access_scope(state.user_id))  # not-before is part of the access state
        result = await self._conn.execute(update(us).where(us.c.user_id == state.user_id).values(**values))
        if result.rowcount == 0:
            await self._conn.execute(insert(us).values(user_id=state.user_id, **values))

    async def access_state(self, user_id: uuid.UUID, session_id: uuid.UUID | None) -> AccessRow | None:
        revoked: Any
        if session_id is None:
            revoked = false()  # a token without a session is checked against not-before only
        else:
            revoked = (
                ~select(auth_sessions.c.id)
                .where(
                    auth_sessions.c.id == session_id,
                    auth_sessions.c.user_id == user_id,
                    auth_sessions.c.revoked_at.is_(None),
                )
                .exists()
            )
        stmt = (
            select(users.c.status, users.c.role, us.c.not_before, revoked.label("revoked"))
            .select_from(users.outerjoin(us, us.c.user_id == users.c.id))
            .where(users.c.id == user_id)
        )
        row = (await self._conn.execute(stmt)).first()
        if row is None:
            return None
        return AccessRow(UserStatus(row.status), Role(row.role), row.not_before, bool(row.revoked))

    async def spend_totp_step(self, user_id: uuid.UUID, step: int) -> bool:
        result = await self._conn.execute(
            update(us)
            .where(us.c.user_id == user_id, or_(us.c.mfa_last_step.is_(None), us.c.mfa_last_step < step))
            .values(mfa_last_step=step)
        )
        return result.rowcount == 1

    async def add_token(self, token: OneTimeToken, digest: str) -> None:
        values = msgspec.structs.asdict(token)
        values["purpose"] = token.purpose.value
        await self._conn.execute(insert(one_time_tokens).values(token_hash=digest, **values))

    async def find_token(self, digest: str, purpose: TokenPurpose, now: datetime) -> OneTimeToken | None:
        t = one_time_tokens
        row = (
            await self._conn.execute(
                select(
                    t.c.id, t.c.user_id, t.c.purpose, t.c.data, t.c.created_at, t.c.expires_at, t.c.used_at
                ).where(
                    t.c.token_hash == digest,
                    t.c.purpose == purpose.value,
                    t.c.used_at.is_(None),
                    t.c.expires_at > now,
                )
            )
        ).first()
        return msgspec.convert(row, OneTimeToken, from_attributes=True) if row else None

    async def spend_token(self, digest: str, purpose: TokenPurpose, now: datetime) -> OneTimeToken | None:
        t = one_time_tokens
        row = (
            await self._conn.execute(
                update(t)
                .where(
                    t.c.token_hash == digest,
                    t.c.purpose == purpose.value,
                    t.c.used_at.is_(None),
                    t.c.expires_at > now,
                )
                .values(used_at=now)
                .returning(
                    t.c.id, t.c.user_id, t.c.purpose, t.c.data, t.c.created_at, t.c.expires_at, t.c.used_at
                )
            )
        ).first()
        return msgspec.convert(row, OneTimeToken, from_attributes=True) if row else None

    async def expire_tokens(self, user_id: uuid.UUID, purpose: TokenPurpose, now: datetime) -> None:
        t = one_time_tokens
        await self._conn.execute(
            update(t)
            .where(t.c.user_id == user_id, t.c.purpose == purpose.value, t.c.used_at.is_(None))
            .values(used_at=now)
        )

    async def replace_recovery_codes(self, user_id: uuid.UUID, digests: list[str], now: datetime) -> None:
        c = mfa_recovery_codes
        await self._conn.execute(c.delete().where(c.c.user_id == user_id))
        if digests:
            await self._conn.execute(
                insert(c),
                [
                    {"id": uuid.uuid4(), "user_id": user_id, "code_hash": d, "created_at": now}
                    for d in digests
                ],
            )

    async def spend_recovery_code(self, user_id: uuid.UUID, digest: str, now: datetime) -> bool:
        c = mfa_recovery_codes
        result = await self._conn.execute(
            update(c)
            .where(and_(c.c.user_id == user_id, c.c.code_hash == digest, c.c.used_at.is_(None)))
            .values(used_at=now)
        )
        return result.rowcount == 1

    async def recovery_codes_left(self, user_id: uuid.UUID) -> int:
        c = mfa_recovery_codes
        stmt = select(func.count()).select_from(c).where(c.c.user_id == user_id, c.c.used_at.is_(None))
        return int((await self._conn.execute(stmt)).scalar_one())
