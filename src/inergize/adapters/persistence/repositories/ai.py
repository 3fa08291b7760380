"""SQL repositories of the content engine: content versions, AI calls, AI jobs, content preferences."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import case, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.ai import ai_calls, ai_jobs, content_preferences, content_versions
from inergize.domain.ai.generation import CACHED, AiCall, AiJob, Capability, ContentPreferences, JobStatus
from inergize.domain.content.library import ContentVersion, ModerationIssue, VersionState


def _to_version(row: Row[Any]) -> ContentVersion:
    m = row._mapping
    return ContentVersion(
        id=m["id"],
        content_id=m["content_id"],
        user_id=m["user_id"],
        number=m["number"],
        title=m["title"],
        body=m["body"],
        data=m["data"] or {},
        media=list(m["media"] or []),
        state=VersionState(m["state"]),
        moderation=msgspec.convert(m["moderation"] or [], list[ModerationIssue]),
        provider=m["provider"],
        created_at=m["created_at"],
    )


def _version_row(v: ContentVersion) -> dict[str, Any]:
    row = msgspec.structs.asdict(v)
    row["state"] = v.state.value
    row["moderation"] = msgspec.to_builtins(v.moderation)
    return row


class SqlContentVersionRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, version: ContentVersion) -> None:
        await self._conn.execute(insert(content_versions).values(**_version_row(version)))

    async def latest(self, content_id: uuid.UUID) -> ContentVersion | None:
        row = (
            await self._conn.execute(
                select(content_versions)
                .where(content_versions.c.content_id == content_id)
                .order_by(content_versions.c.number.desc())
                .limit(1)
            )
        ).first()
        return _to_version(row) if row else None

    async def get(self, version_id: uuid.UUID) -> ContentVersion | None:
        row = await row_where(self._conn, content_versions.c.id, version_id)
        return _to_version(row) if row else None

    async def update(self, version: ContentVersion) -> None:
        row = _version_row(version)
        await self._conn.execute(
            update(content_versions)
            .where(content_versions.c.id == version.id)
            .values(state=row["state"], moderation=row["moderation"], media=row["media"], data=row["data"])
        )

    async def list_for_content(self, content_id: uuid.UUID) -> list[ContentVersion]:
        rows = (
            await self._conn.execute(
                select(content_versions)
                .where(content_versions.c.content_id == content_id)
                .order_by(content_versions.c.number.desc())
            )
        ).all()
        return [_to_version(r) for r in rows]


class SqlAiCallRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, call: AiCall) -> None:
        row = msgspec.structs.asdict(call)
        row["capability"] = call.capability.value
        await self._conn.execute(insert(ai_calls).values(**row))

    async def month_total_micros(self, user_id: uuid.UUID, since: datetime) -> int:
        total = (
            await self._conn.execute(
                select(func.coalesce(func.sum(ai_calls.c.cost_micros), 0)).where(
                    ai_calls.c.user_id == user_id, ai_calls.c.created_at >= since
                )
            )
        ).scalar_one()
        return int(total)

    async def month_summary(
        self, user_id: uuid.UUID, since: datetime
    ) -> list[tuple[str, str, int, int, int, int]]:
        c = ai_calls.c
        rows = (
            await self._conn.execute(
                select(
                    c.provider,
                    c.model,
                    func.count(),
                    func.sum(c.tokens_in),
                    func.sum(c.tokens_out),
                    func.sum(c.cost_micros),
                )
                .where(c.user_id == user_id, c.created_at >= since, c.outcome != CACHED)
                .group_by(c.provider, c.model)
                .order_by(c.provider, c.model)
            )
        ).all()
        return [(r[0], r[1], int(r[2]), int(r[3] or 0), int(r[4] or 0), int(r[5] or 0)) for r in rows]

    async def cache_counts(self, user_id: uuid.UUID, since: datetime) -> tuple[int, int]:
        c = ai_calls.c
        hit = case((c.outcome == CACHED, 1), else_=0)
        row = (
            await self._conn.execute(
                select(func.coalesce(func.sum(hit), 0), func.count()).where(
                    c.user_id == user_id,
                    c.created_at >= since,
                    c.capability == Capability.TEXT.value,
                    c.outcome.in_(("ok", CACHED)),
                )
            )
        ).one()
        return int(row[0]), int(row[1])


def _to_job(row: Row[Any]) -> AiJob:
    m = row._mapping
    return AiJob(
        id=m["id"],
        user_id=m["user_id"],
        kind=m["kind"],
        status=JobStatus(m["status"]),
        progress=m["progress"],
        params=m["params"] or {},
        result=m["result"] or {},
        error=m["error"],
        created_at=m["created_at"],
        updated_at=m["updated_at"],
    )


class SqlAiJobRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, job: AiJob) -> None:
        row = msgspec.structs.asdict(job)
        row["status"] = job.status.value
        await self._conn.execute(insert(ai_jobs).values(**row))

    async def get(self, job_id: uuid.UUID) -> AiJob | None:
        row = await row_where(self._conn, ai_jobs.c.id, job_id)
        return _to_job(row) if row else None

    async def update(self, job: AiJob) -> None:
        await self._conn.execute(
            update(ai_jobs)
            .where(ai_jobs.c.id == job.id)
            .values(
                status=job.status.value,
                progress=job.progress,
                result=job.result,
                error=job.error,
                updated_at=job.updated_at,
            )
        )


class SqlContentPreferencesRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def get(self, user_id: uuid.UUID) -> ContentPreferences | None:
        row = await row_where(self._conn, content_preferences.c.user_id, user_id)
        if row is None:
            return None
        m = row._mapping
        return ContentPreferences(
            user_id=user_id,
            banned_phrases=tuple(m["banned_phrases"] or ()),
            brand_colors=tuple(m["brand_colors"] or ()),
        )

    async def put(self, prefs: ContentPreferences, now: datetime) -> None:
        values = {
            "banned_phrases": list(prefs.banned_phrases),
            "brand_colors": list(prefs.brand_colors),
            "updated_at": now,
        }
        result = await self._conn.execute(
            update(content_preferences).where(content_preferences.c.user_id == prefs.user_id).values(**values)
        )
        if result.rowcount == 0:
            await self._conn.execute(insert(content_preferences).values(user_id=prefs.user_id, **values))
