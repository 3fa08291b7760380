from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.accounts import auth_sessions
from inergize.adapters.persistence.tables.accounts import refresh_tokens as rt
from inergize.domain.accounts.security import AuthSession
from inergize.ports.read_cache import access_scope


def _to_session(row: Row[Any]) -> AuthSession:
    return msgspec.convert(row, AuthSession, from_attributes=True)


class SqlSessionRepository:
    def __init__(self, conn: AsyncConnection, changed: set[str] | None = None) -> None:
        self._conn = conn
        self._changed = changed if changed is not None else set()  # read-cache scopes this unit of work changed

    async def add(self, session: AuthSession) -> None:
        await self._conn.execute(insert(auth_sessions).values(**msgspec.structs.asdict(session)))

    async def get(self, session_id: uuid.UUID) -> AuthSession | None:
        row = await row_where(self._conn, auth_sessions.c.id, session_id)
        return _to_session(row) if row else None

    async def list_active(self, user_id: uuid.UUID, now: datetime) -> list[AuthSession]:
        rows = (
            await self._conn.execute(
                select(auth_sessions)
                .where(
                    auth_sessions.c.user_id == user_id,
                    auth_sessions.c.revoked_at.is_(None),
                    auth_sessions.c.expires_at > now,
                )
                .order_by(auth_sessions.c.created_at.desc(), auth_sessions.c.id.desc())
                .limit(200)
            )
        ).all()
        return [_to_session(r) for r in rows]

    async def add_refresh_token(
        self,
        token_id: uuid.UUID,
        session_id: uuid.UUID,
        user_id: uuid.UUID,
        digest: str,
        now: datetime,
        expires_at: datetime,
    ) -> None:
        await self._conn.execute(
            insert(rt).values(
                id=token_id,
                session_id=session_id,
                user_id=user_id,
                token_hash=digest,
                created_at=now,
                expires_at=expires_at,
            )
        )

    async def spend_refresh_token(self, digest: str, now: datetime) -> uuid.UUID | None:
        # The conditional UPDATE is the whole point: of two concurrent refreshes only one matches.
        result = await self._conn.execute(
            update(rt)
            .where(rt.c.token_hash == digest, rt.c.used_at.is_(None), rt.c.expires_at > now)
            .values(used_at=now)
            .returning(rt.c.session_id)
        )
        row = result.first()
        return row.session_id if row else None

    async def refresh_token_session(self, digest: str) -> tuple[uuid.UUID, uuid.UUID, bool] | None:
        row = (
            await self._conn.execute(
                select(rt.c.session_id, rt.c.user_id, rt.c.used_at).where(rt.c.token_hash == digest)
            )
        ).first()
        return (row.session_id, row.user_id, row.used_at is not None) if row else None

    async def touch(self, session_id: uuid.UUID, now: datetime) -> None:
        await self._conn.execute(update(auth_sessions).where(auth_sessions.c.id == session_id).values(last_used_at=now))

    async def revoke(self, session_id: uuid.UUID, now: datetime, reason: str) -> bool:
        row = (await self._conn.execute(
            update(auth_sessions)
            .where(auth_sessions.c.id == session_id, auth_sessions.c.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
            .returning(auth_sessions.c.user_id)
        )).first()
        if row is None:
            return False
        self._changed.add(access_scope(row.user_id))
        return True

    async def revoke_all(self, user_id: uuid.UUID, now: datetime, reason: str, keep: uuid.UUID | None = None) -> int:
        stmt = update(auth_sessions).where(auth_sessions.c.user_id == user_id, auth_sessions.c.revoked_at.is_(None))
        if keep is not None:
            stmt = stmt.where(auth_sessions.c.id != keep)
        result = await self._conn.execute(stmt.values(revoked_at=now, revoked_reason=reason))
        self._changed.add(access_scope(user_id))
        return int(result.rowcount)
