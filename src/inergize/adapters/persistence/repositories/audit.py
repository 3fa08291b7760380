from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import insert, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.pagination import keyset_after, page_from_rows
from inergize.adapters.persistence.tables.accounts import audit_log
from inergize.domain.accounts.security import AuditEvent
from inergize.domain.platform.pagination import Page


def _to_event(row: Row[Any]) -> AuditEvent:
    return msgspec.convert(row, AuditEvent, from_attributes=True)


class SqlAuditLog:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, event: AuditEvent) -> None:
        await self._conn.execute(insert(audit_log).values(**msgspec.structs.asdict(event)))

    async def list(self, *, user_id: uuid.UUID | None, limit: int, cursor: str | None) -> Page[AuditEvent]:
        stmt = select(audit_log)
        if user_id is not None:
            stmt = stmt.where(audit_log.c.user_id == user_id)
        rows = (
            await self._conn.execute(
                keyset_after(stmt, audit_log.c.created_at, audit_log.c.id, cursor).limit(limit + 1)
            )
        ).all()
        return page_from_rows(rows, limit, _to_event, "created_at")
