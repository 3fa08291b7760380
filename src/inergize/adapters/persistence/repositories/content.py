from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, delete, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.pagination import keyset_after, page_from_rows
from inergize.adapters.persistence.repositories.search import every_word_in
from inergize.adapters.persistence.tables.seed import content
from inergize.domain.content.library import Content, ContentFilter, ContentKind, VersionState
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.platform.pagination import Page
from inergize.ports.read_cache import content_scope


def _to_content(row: Row[Any]) -> Content:
    m = row._mapping
    return Content(
        id=m["id"], user_id=m["user_id"], kind=ContentKind(m["kind"]), title=m["title"], body=m["body"],
        state=VersionState(m["state"]), data=m["data"] or {}, created_at=m["created_at"],
        updated_at=m["updated_at"], version=m["version"],
    )


def _to_row(item: Content) -> dict[str, Any]:
    row = msgspec.structs.asdict(item)
    row["kind"] = item.kind.value
    row["state"] = item.state.value
    return row


def _filter(only: ContentFilter) -> list[ColumnElement[bool]]:
    """Every word in the title or the text (case-insensitive on both databases), the kind, the state."""
    conditions = every_word_in([content.c.title, content.c.body], only.words)
    if only.kind is not None:
        conditions.append(content.c.kind == only.kind.value)
    if only.state is not None:
        conditions.append(content.c.state == only.state.value)
    return conditions


class SqlContentRepository:
    def __init__(self, conn: AsyncConnection, changed: set[str] | None = None) -> None:
        self._conn = conn
        self._changed = changed if changed is not None else set()  # read-cache scopes this unit of work changed

    async def add(self, item: Content) -> None:
        await self._conn.execute(insert(content).values(**_to_row(item)))
        self._changed.add(content_scope(item.user_id))

    async def get(self, content_id: uuid.UUID) -> Content | None:
        row = (await self._conn.execute(select(content).where(content.c.id == content_id))).first()
        return _to_content(row) if row else None

    async def update(self, item: Content, *, expected_version: int) -> Content:
        values = _to_row(item)
        for key in ("id", "user_id", "created_at", "version"):
            values.pop(key)
        result = await self._conn.execute(
            update(content).where(content.c.id == item.id, content.c.version == expected_version)
            .values(**values, version=expected_version + 1)
        )
        if result.rowcount != 1:
            raise PreconditionFailed("The content changed since you read it; fetch it again.")
        self._changed.add(content_scope(item.user_id))
        return msgspec.structs.replace(item, version=expected_version + 1)

    async def delete(self, content_id: uuid.UUID) -> bool:
        row = (await self._conn.execute(
            delete(content).where(content.c.id == content_id).returning(content.c.user_id))).first()
        if row is None:
            return False
        self._changed.add(content_scope(row.user_id))
        return True

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int, cursor: str | None,
                            only: ContentFilter | None = None) -> Page[Content]:
        stmt = select(content).where(content.c.user_id == user_id)
        if only is not None:
            stmt = stmt.where(*_filter(only))
        stmt = keyset_after(stmt, content.c.created_at, content.c.id, cursor).limit(limit + 1)
        rows = (await self._conn.execute(stmt)).all()
        return page_from_rows(rows, limit, _to_content, "created_at")
