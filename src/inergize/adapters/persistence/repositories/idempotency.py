from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.tables.platform import idempotency_keys
from inergize.domain.platform.idempotency import StoredResponse

IN_PROGRESS = 0  # status_code of a reserved key whose request has not finished


class SqlIdempotencyRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def get(self, owner: str, key: str) -> StoredResponse | None:
        row = (
            await self._conn.execute(
                select(idempotency_keys.c.request_hash, idempotency_keys.c.status_code, idempotency_keys.c.body).where(
                    idempotency_keys.c.owner == owner, idempotency_keys.c.key == key
                )
            )
        ).first()
        return StoredResponse(row.request_hash, row.status_code, bytes(row.body)) if row else None

    async def reserve(self, owner: str, key: str, request_hash: str, now: datetime) -> bool:
        """Claim the key for one request; False if it is already claimed (the first claim wins)."""
        try:
            async with self._conn.begin_nested():  # a lost race must not poison the transaction
                await self._conn.execute(
                    idempotency_keys.insert().values(
                        owner=owner,
                        key=key,
                        request_hash=request_hash,
                        status_code=IN_PROGRESS,
                        body=b"",
                        created_at=now,
                    )
                )
        except IntegrityError:
            return False
        return True

    async def complete(self, owner: str, key: str, status_code: int, body: bytes) -> None:
        await self._conn.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.owner == owner, idempotency_keys.c.key == key)
            .values(status_code=status_code, body=body)
        )

    async def release(self, owner: str, key: str) -> None:
        await self._conn.execute(
            delete(idempotency_keys).where(
                idempotency_keys.c.owner == owner,
                idempotency_keys.c.key == key,
                idempotency_keys.c.status_code == IN_PROGRESS,
            )
        )
