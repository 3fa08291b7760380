"""SQL ``LinkedInRepository``: connections, OAuth states, identities, profiles and direct posts."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.linkedin import (
    linkedin_connections,
    linkedin_identities,
    linkedin_oauth_states,
    linkedin_posts,
)
from inergize.adapters.persistence.tables.seed import analytics_events, linkedin_profiles
from inergize.domain.linkedin.account import (
    ConnectionStatus,
    Education,
    LinkedInConnection,
    LinkedInIdentityLink,
    LinkedInProfile,
    OAuthState,
    Position,
    StatePurpose,
)
from inergize.domain.linkedin.direct_posts import DirectPost
from inergize.domain.linkedin.network import PROFILE_BASICS

_PROFILE_COLUMNS = (*PROFILE_BASICS, "linkedin_sub", "completeness_score", "last_sync_at")


def _connection(m: Any) -> LinkedInConnection:
    values = dict(m)
    values["status"] = ConnectionStatus(values["status"])
    values["scopes"] = list(values["scopes"] or [])
    return LinkedInConnection(**values)


def _direct_post(row: Any) -> DirectPost:
    # column names are SQLAlchemy's ``quoted_name`` (a str subclass msgspec does not take as a key)
    return msgspec.convert({str(k): v for k, v in row._mapping.items()}, DirectPost)


class SqlLinkedInRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    # --- connections
    async def get_connection(self, user_id: uuid.UUID) -> LinkedInConnection | None:
        row = await row_where(self._conn, linkedin_connections.c.user_id, user_id)
        return _connection(row._mapping) if row else None

    async def connections(self, user_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, LinkedInConnection]:
        if not user_ids:
            return {}
        rows = await self._conn.execute(
            select(linkedin_connections).where(linkedin_connections.c.user_id.in_(list(user_ids)))
        )
        return {row.user_id: _connection(row._mapping) for row in rows}

    async def connection_by_sub(self, linkedin_sub: str) -> LinkedInConnection | None:
        row = await row_where(self._conn, linkedin_connections.c.linkedin_sub, linkedin_sub)
        return _connection(row._mapping) if row else None

    async def save_connection(self, connection: LinkedInConnection) -> None:
        values = msgspec.structs.asdict(connection)
        values["status"] = connection.status.value
        existing = (
            await self._conn.execute(
                select(linkedin_connections.c.id).where(linkedin_connections.c.user_id == connection.user_id)
            )
        ).first()
        if existing is None:
            await self._conn.execute(insert(linkedin_connections).values(**values))
        else:
            values.pop("id")
            await self._conn.execute(
                update(linkedin_connections)
                .where(linkedin_connections.c.user_id == connection.user_id)
                .values(**values)
            )

    async def delete_connection(self, user_id: uuid.UUID) -> bool:
        result = await self._conn.execute(
            delete(linkedin_connections).where(linkedin_connections.c.user_id == user_id)
        )
        return result.rowcount == 1

    async def connections_expiring(self, before: datetime, *, limit: int) -> list[LinkedInConnection]:
        rows = await self._conn.execute(
            select(linkedin_connections)
            .where(
                linkedin_connections.c.expires_at < before,
                linkedin_connections.c.status != ConnectionStatus.BROKEN.value,
            )
            .order_by(linkedin_connections.c.expires_at)
            .limit(limit)
        )
        return [_connection(r._mapping) for r in rows]

    async def connections_page(self, *, after: uuid.UUID | None, limit: int) -> list[LinkedInConnection]:
        stmt = select(linkedin_connections).order_by(linkedin_connections.c.id).limit(limit)
        if after is not None:
            stmt = stmt.where(linkedin_connections.c.id > after)
        return [_connection(r._mapping) for r in await self._conn.execute(stmt)]

    # --- OAuth states
    async def add_state(self, state: OAuthState) -> None:
        values = msgspec.structs.asdict(state)
        values["purpose"] = state.purpose.value
        await self._conn.execute(insert(linkedin_oauth_states).values(**values))

    async def consume_state(self, state_hash: str, now: datetime) -> OAuthState | None:
        t = linkedin_oauth_states
        # The conditional UPDATE is the single-use guarantee: of two racing callbacks only one matches.
        result = await self._conn.execute(
            update(t)
            .where(t.c.state_hash == state_hash, t.c.used_at.is_(None), t.c.expires_at > now)
            .values(used_at=now)
        )
        if result.rowcount != 1:
            return None
        row = await row_where(self._conn, t.c.state_hash, state_hash)
        if row is None:
            return None
        values = dict(row._mapping)
        values["purpose"] = StatePurpose(values["purpose"])
        values["data"] = values["data"] or {}
        return OAuthState(**values)

    async def delete_expired_states(self, now: datetime) -> int:
        t = linkedin_oauth_states
        result = await self._conn.execute(delete(t).where(t.c.expires_at < now))
        return int(result.rowcount or 0)

    # --- sign-in identities
    async def get_identity(self, sub: str) -> LinkedInIdentityLink | None:
        row = await row_where(self._conn, linkedin_identities.c.sub, sub)
        return LinkedInIdentityLink(**dict(row._mapping)) if row else None

    async def identity_for_user(self, user_id: uuid.UUID) -> LinkedInIdentityLink | None:
        row = await row_where(self._conn, linkedin_identities.c.user_id, user_id)
        return LinkedInIdentityLink(**dict(row._mapping)) if row else None

    async def save_identity(self, identity: LinkedInIdentityLink) -> None:
        values = msgspec.structs.asdict(identity)
        if await self.get_identity(identity.sub) is None:
            await self._conn.execute(insert(linkedin_identities).values(**values))
        else:
            await self._conn.execute(
                update(linkedin_identities).where(linkedin_identities.c.sub == identity.sub).values(**values)
            )

    # --- profiles
    async def get_profile(self, user_id: uuid.UUID) -> LinkedInProfile | None:
        row = await row_where(self._conn, linkedin_profiles.c.user_id, user_id)
        if row is None:
            return None
        m = row._mapping
        data = dict(m["data"] or {})
        fields: dict[str, Any] = {k: m[k] for k in _PROFILE_COLUMNS}
        for key in ("full_name", "headline", "summary", "industry", "location"):
            fields[key] = fields[key] or ""
        return LinkedInProfile(
            user_id=user_id,
            **fields,
            positions=[msgspec.convert(p, Position) for p in data.get("positions", [])],
            education=[msgspec.convert(e, Education) for e in data.get("education", [])],
            skills=list(data.get("skills", [])),
            featured=list(data.get("featured", [])),
            recommendations=int(data.get("recommendations", 0)),
            certifications=list(data.get("certifications", [])),
            languages=list(data.get("languages", [])),
            connections=int(data.get("connections", 0)),
            sources=list(data.get("sources", [])),
        )

    async def save_profile(self, profile: LinkedInProfile, now: datetime) -> None:
        values: dict[str, Any] = {k: getattr(profile, k) for k in _PROFILE_COLUMNS}
        values["data"] = {
            "positions": [msgspec.structs.asdict(p) for p in profile.positions],
            "education": [msgspec.structs.asdict(e) for e in profile.education],
            "skills": profile.skills,
            "featured": profile.featured,
            "recommendations": profile.recommendations,
            "certifications": profile.certifications,
            "languages": profile.languages,
            "connections": profile.connections,
            "sources": profile.sources,
        }
        values["updated_at"] = now
        result = await self._conn.execute(
            update(linkedin_profiles).where(linkedin_profiles.c.user_id == profile.user_id).values(**values)
        )
        if result.rowcount == 0:
            await self._conn.execute(
                insert(linkedin_profiles).values(
                    id=uuid.uuid4(), user_id=profile.user_id, created_at=now, **values
                )
            )

    # --- direct posts
    async def get_post(self, user_id: uuid.UUID, idempotency_key: str) -> DirectPost | None:
        row = (
            await self._conn.execute(
                select(linkedin_posts).where(
                    linkedin_posts.c.user_id == user_id, linkedin_posts.c.idempotency_key == idempotency_key
                )
            )
        ).first()
        return _direct_post(row) if row else None

    async def post_by_id(self, user_id: uuid.UUID, post_id: uuid.UUID) -> DirectPost | None:
        row = (
            await self._conn.execute(
                select(linkedin_posts).where(linkedin_posts.c.id == post_id, linkedin_posts.c.user_id == user_id)
            )
        ).first()
        return _direct_post(row) if row else None

    async def add_post(self, post: DirectPost) -> bool:
        try:
            async with self._conn.begin_nested():
                await self._conn.execute(insert(linkedin_posts).values(**msgspec.to_builtins(
                    post, builtin_types=(uuid.UUID, datetime))))
        except IntegrityError:
            return False
        return True

    async def update_post(self, post_id: uuid.UUID, **values: Any) -> None:
        await self._conn.execute(
            update(linkedin_posts).where(linkedin_posts.c.id == post_id).values(**values)
        )

    async def add_analytics_events(
        self, user_id: uuid.UUID, events: list[dict[str, Any]], now: datetime
    ) -> int:
        if not events:
            return 0
        rows = [{"id": uuid.uuid4(), "user_id": user_id, "created_at": now, **e} for e in events]
        dialect = postgresql if self._conn.dialect.name == "postgresql" else sqlite
        inserted = 0
        for start in range(0, len(rows), 500):
            # RETURNING counts what was really inserted (rowcount of an executemany is not portable)
            result = await self._conn.execute(
                dialect.insert(analytics_events).on_conflict_do_nothing().returning(analytics_events.c.id),
                rows[start : start + 500],
            )
            inserted += len(result.all())
        return inserted

    async def list_posts(self, user_id: uuid.UUID, *, limit: int) -> list[DirectPost]:
        rows = await self._conn.execute(
            select(linkedin_posts)
            .where(linkedin_posts.c.user_id == user_id)
            .order_by(linkedin_posts.c.created_at.desc())
            .limit(limit)
        )
        return [_direct_post(r) for r in rows]
