"""Past posts for voice learning, from whatever the database holds for the user, newest first:
posts imported from LinkedIn (``Shares.csv``), posts published through InErgize (``linkedin_posts``)
and, failing those, the user's own approved post drafts (``content_versions``).

Tables of other capabilities are looked up by name in the shared metadata at call time, so this
adapter starts using them as soon as their migrations exist, and works without them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from inergize.adapters.persistence.tables import metadata
from inergize.adapters.persistence.tables.ai import content_versions
from inergize.adapters.persistence.tables.seed import content

# (table, text column, timestamp column, extra filters as (column, value)) in order of preference.
SOURCES: tuple[tuple[str, str, str, tuple[tuple[str, Any], ...]], ...] = (
    ("linkedin_shares", "commentary", "shared_at", ()),
    ("linkedin_imported_shares", "commentary", "shared_at", ()),
    ("linkedin_posts", "commentary", "created_at", (("state", "published"),)),
)


def _source_query(
    table: Table,
    text_col: str,
    time_col: str,
    filters: tuple[tuple[str, Any], ...],
    user_id: uuid.UUID,
    limit: int,
) -> Any | None:
    cols = table.c
    if text_col not in cols or "user_id" not in cols:
        return None
    stmt = select(cols[text_col]).where(cols["user_id"] == user_id)
    for name, value in filters:
        if name in cols:
            stmt = stmt.where(cols[name] == value)
    if time_col in cols:
        stmt = stmt.order_by(cols[time_col].desc())
    return stmt.limit(limit)


class SqlPastPosts:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def _rows(self, stmt: Any) -> list[str]:
        try:
            async with self._engine.connect() as conn:
                return [r[0] for r in (await conn.execute(stmt)).all() if r[0]]
        except DBAPIError:
            return []  # a table declared but not migrated yet: voice learning degrades, it never fails

    async def texts(self, user_id: uuid.UUID, *, limit: int = 30) -> list[str]:
        found: list[str] = []
        for name, text_col, time_col, filters in SOURCES:
            table = metadata.tables.get(name)
            stmt = (
                None if table is None else _source_query(table, text_col, time_col, filters, user_id, limit)
            )
            if stmt is not None:
                found += await self._rows(stmt)
            if len(found) >= limit:
                return found[:limit]
        if not found:
            found = await self._rows(
                select(content_versions.c.body)
                .join(content, content.c.id == content_versions.c.content_id)
                .where(
                    content_versions.c.user_id == user_id,
                    content.c.kind == "post",
                    content_versions.c.state == "ready",
                )
                .order_by(content_versions.c.created_at.desc())
                .limit(limit)
            )
        return found[:limit]
