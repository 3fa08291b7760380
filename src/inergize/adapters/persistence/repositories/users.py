from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.pagination import keyset_after, page_from_rows
from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.repositories.search import every_word_in
from inergize.adapters.persistence.tables.seed import users
from inergize.domain.accounts.users import Role, User, UserStatus, WorkingHours
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.platform.pagination import Page
from inergize.ports.read_cache import access_scope


def _to_user(row: Row[Any]) -> User:
    m = row._mapping
    return User(
        id=m["id"], email=m["email"], role=Role(m["role"]), status=UserStatus(m["status"]),
        display_name=m["display_name"], password_hash=m["password_hash"],
        email_verified_at=m["email_verified_at"], timezone=m["timezone"], industry=m["industry"],
        job_role=m["job_role"], tone=m["tone"],
        working_hours=msgspec.convert(m["working_hours"] or {}, WorkingHours),
        tier=m["tier"], created_at=m["created_at"], updated_at=m["updated_at"], version=m["version"],
    )


def _to_row(user: User) -> dict[str, Any]:
    row = msgspec.structs.asdict(user)
    row["role"] = user.role.value
    row["status"] = user.status.value
    row["working_hours"] = msgspec.to_builtins(user.working_hours)
    return row


class SqlUserRepository:
    def __init__(self, conn: AsyncConnection, changed: set[str] | None = None) -> None:
        self._conn = conn
        self._changed = changed if changed is not None else set()  # read-cache scopes this unit of work changed

    async def add(self, user: User) -> None:
        await self._conn.execute(insert(users).values(**_to_row(user)))

    async def get(self, user_id: uuid.UUID) -> User | None:
        row = await row_where(self._conn, users.c.id, user_id)
        return _to_user(row) if row else None

    async def get_by_email(self, email: str) -> User | None:
        row = await row_where(self._conn, users.c.email, email)
        return _to_user(row) if row else None

    async def update(self, user: User) -> None:
        values = _to_row(user)
        values.pop("id")
        values.pop("created_at")
        expected = values.pop("version")
        result = await self._conn.execute(
            update(users).where(users.c.id == user.id, users.c.version == expected)
            .values(**values, version=expected + 1)
        )
        if result.rowcount != 1:
            raise PreconditionFailed("The account changed meanwhile; read it again and retry.")
        self._changed.add(access_scope(user.id))  # status and role are part of the access state
        user.version = expected + 1

    async def list(self, *, limit: int, cursor: str | None, words: tuple[str, ...] = ()) -> Page[User]:
        found = select(users).where(*every_word_in([users.c.email, users.c.display_name], words))
        stmt = keyset_after(found, users.c.created_at, users.c.id, cursor).limit(limit + 1)
        rows = (await self._conn.execute(stmt)).all()
        return page_from_rows(rows, limit, _to_user, "created_at")
