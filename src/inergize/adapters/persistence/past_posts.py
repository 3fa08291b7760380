"""Past posts for voice learning, newest first: posts published through InErgize
(``linkedin_posts``), posts imported from LinkedIn's data export (``Shares.csv``, kept as
``post_published`` analytics events) and, failing both, the user's own approved post drafts."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from inergize.adapters.persistence.tables.ai import content_versions
from inergize.adapters.persistence.tables.linkedin import linkedin_posts
from inergize.adapters.persistence.tables.seed import analytics_events, content


class SqlPastPosts:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def _texts(self, stmt: Any) -> list[str]:
        async with self._engine.connect() as conn:
            return [r[0] for r in (await conn.execute(stmt)).all() if r[0]]

    async def texts(self, user_id: uuid.UUID, *, limit: int = 30) -> list[str]:
        published = select(linkedin_posts.c.commentary).where(
            linkedin_posts.c.user_id == user_id, linkedin_posts.c.state == "published"
        ).order_by(linkedin_posts.c.created_at.desc()).limit(limit)
        commentary = analytics_events.c.payload["commentary"].as_string()
        imported = select(commentary).where(
            analytics_events.c.user_id == user_id,
            analytics_events.c.event_type == "post_published",
            analytics_events.c.source == "import",
        ).order_by(analytics_events.c.occurred_at.desc()).limit(limit)
        found = await self._texts(published)
        if len(found) < limit:
            found += await self._texts(imported)
        if not found:
            found = await self._texts(
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
