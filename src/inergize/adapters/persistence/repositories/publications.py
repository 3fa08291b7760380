"""The SQL repository of publications. The tick's claim is one conditional ``UPDATE … RETURNING`` per kind of
work (due, expired): atomic on both databases; PostgreSQL adds ``FOR UPDATE SKIP LOCKED`` so concurrent
ticks split the due items instead of waiting on each other (SQLite serializes writers anyway)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import Select, Uuid, any_, bindparam, case, func, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.scheduling import (
    DUE_WHERE,
    IN_FLIGHT_WHERE,
    publications,
)
from inergize.adapters.persistence.tables.seed import analytics_events
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.scheduling.optimal_times import PostStat
from inergize.domain.scheduling.publication import FINAL, Publication, PublicationState
from inergize.ports.scheduling import PublishedResult

ENGAGEMENT_EVENTS = ("reactions", "likes", "comments", "shares", "reposts", "clicks", "engagements")


def _to_pub(row: Row[Any]) -> Publication:
    m = dict(row._mapping)
    m["state"] = PublicationState(m["state"])
    m["media"] = list(m["media"] or [])
    m["media_urns"] = list(m["media_urns"] or [])
    return Publication(**m)


def _to_row(item: Publication) -> dict[str, Any]:
    row = msgspec.structs.asdict(item)
    row["state"] = item.state.value
    return row


class SqlPublicationRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn
        self._pg = conn.dialect.name == "postgresql"

    def _among(self, ids: Sequence[uuid.UUID]) -> Any:
        """``id IN ids``; on PostgreSQL ``id = ANY(array)``: one short statement whatever the batch size,
        which the driver's query cache keeps (a 250-placeholder IN list is parsed anew every time)."""
        if self._pg:
            return publications.c.id == any_(bindparam("ids", list(ids), type_=postgresql.ARRAY(Uuid)))
        return publications.c.id.in_(list(ids))

    def _chosen(self, ids: Select[Any]) -> Any:
        """``id IN (ids)``; on PostgreSQL ``id = ANY(ARRAY(ids))``, which runs the locking sub-select once. As
        an ``IN`` the planner may re-run it for every candidate row (a nested-loop semi-join), each run
        skipping the rows this statement already took and locking further ones: a claim then took more
        items than its limit."""
        if self._pg:
            return publications.c.id == any_(func.array(ids.scalar_subquery()))
        return publications.c.id.in_(ids.scalar_subquery())

    async def add_many(self, items: Sequence[Publication]) -> None:
        if items:
            await self._conn.execute(insert(publications), [_to_row(i) for i in items])

    async def get(self, publication_id: uuid.UUID) -> Publication | None:
        row = await row_where(self._conn, publications.c.id, publication_id)
        return _to_pub(row) if row else None

    async def update(self, item: Publication, *, expected_version: int) -> Publication:
        values = _to_row(item)
        for key in ("id", "user_id", "created_at", "version", "idempotency_key"):
            values.pop(key)
        result = await self._conn.execute(
            update(publications)
            .where(publications.c.id == item.id, publications.c.version == expected_version)
            .values(**values, version=expected_version + 1)
        )
        if result.rowcount != 1:
            raise PreconditionFailed("The scheduled post changed meanwhile; fetch it again.")
        return msgspec.structs.replace(item, version=expected_version + 1)

    async def between(
        self,
        user_id: uuid.UUID,
        start: datetime,
        end: datetime,
        states: Sequence[PublicationState] | None = None,
    ) -> list[Publication]:
        stmt = select(publications).where(
            publications.c.user_id == user_id, publications.c.due_at >= start, publications.c.due_at < end
        )
        if states:
            stmt = stmt.where(publications.c.state.in_([s.value for s in states]))
        rows = (await self._conn.execute(stmt.order_by(publications.c.due_at, publications.c.id))).all()
        return [_to_pub(r) for r in rows]

    async def in_series(self, user_id: uuid.UUID, series_id: uuid.UUID | None = None) -> list[Publication]:
        stmt = select(publications).where(publications.c.user_id == user_id, publications.c.series_id.is_not(None))
        if series_id is not None:
            stmt = stmt.where(publications.c.series_id == series_id)
        rows = (await self._conn.execute(stmt.order_by(publications.c.due_at, publications.c.id))).all()
        return [_to_pub(r) for r in rows]

    async def active_instants(
        self, user_id: uuid.UUID, start: datetime, end: datetime, exclude: uuid.UUID | None = None
    ) -> list[datetime]:
        stmt = select(publications.c.due_at).where(
            publications.c.user_id == user_id,
            publications.c.due_at >= start,
            publications.c.due_at < end,
            publications.c.state.not_in([s.value for s in FINAL | {PublicationState.FAILED}]),
        )
        if exclude is not None:
            stmt = stmt.where(publications.c.id != exclude)
        return [r[0] for r in (await self._conn.execute(stmt)).all()]

    async def set_held(self, user_id: uuid.UUID, held: bool, now: datetime) -> int:
        if not held:
            stmt = update(publications).where(
                publications.c.user_id == user_id,
                publications.c.state == PublicationState.SCHEDULED.value,
                publications.c.held,
            )
            return int(
                (
                    await self._conn.execute(
                        stmt.values(held=False, updated_at=now, version=publications.c.version + 1)
                    )
                ).rowcount
            )
        # Claimed items go back too: their publish job finds them no longer claimed and skips them.
        result = await self._conn.execute(
            update(publications)
            .where(
                publications.c.user_id == user_id,
                publications.c.state.in_([PublicationState.SCHEDULED.value, PublicationState.CLAIMED.value]),
                publications.c.held.is_(False),
            )
            .values(
                held=True,
                state=PublicationState.SCHEDULED.value,
                claim_token=None,
                claim_expires_at=None,
                updated_at=now,
                version=publications.c.version + 1,
            )
        )
        return int(result.rowcount)

    async def claim_due(
        self, now: datetime, *, limit: int, claim_token: uuid.UUID, claim_until: datetime
    ) -> list[uuid.UUID]:
        # The predicates are literal SQL (DUE_WHERE) so PostgreSQL's planner can match the partial index
        # even with a prepared, generic plan.
        due = (
            select(publications.c.id)
            .where(DUE_WHERE, publications.c.run_at <= now)
            .order_by(publications.c.run_at)
            .limit(limit)
        )
        expired = select(publications.c.id).where(IN_FLIGHT_WHERE, publications.c.claim_expires_at <= now).limit(limit)
        if self._pg:
            due = due.with_for_update(skip_locked=True)
            expired = expired.with_for_update(skip_locked=True)
        claim = update(publications).values(
            claim_token=claim_token, claim_expires_at=claim_until, updated_at=now, version=publications.c.version + 1
        ).returning(publications.c.id)
        expired_claim = claim.where(self._chosen(expired), IN_FLIGHT_WHERE, publications.c.claim_expires_at <= now)
        ids = list((await self._conn.scalars(expired_claim)).all())
        if len(ids) < limit:
            due_claim = claim.where(self._chosen(due.limit(limit - len(ids))), DUE_WHERE).values(
                state=PublicationState.CLAIMED.value
            )
            ids += (await self._conn.scalars(due_claim)).all()
        return ids

    async def claimed(self, ids: Sequence[uuid.UUID], claim_token: uuid.UUID) -> list[Publication]:
        if not ids:
            return []
        rows = (
            await self._conn.execute(
                select(publications).where(self._among(ids), publications.c.claim_token == claim_token, IN_FLIGHT_WHERE)
            )
        ).all()
        return [_to_pub(r) for r in rows]

    async def start_publishing(
        self, ids: Sequence[uuid.UUID], claim_token: uuid.UUID, now: datetime, claim_until: datetime
    ) -> list[uuid.UUID]:
        if not ids:
            return []
        result = await self._conn.execute(
            update(publications)
            .where(
                self._among(ids),
                publications.c.claim_token == claim_token,
                publications.c.state == PublicationState.CLAIMED.value,
            )
            .values(
                state=PublicationState.PUBLISHING.value,
                attempts=publications.c.attempts + 1,
                claim_expires_at=claim_until,
                updated_at=now,
                version=publications.c.version + 1,
            )
            .returning(publications.c.id)
        )
        return [r[0] for r in result.all()]

    async def mark_published(self, results: Sequence[PublishedResult], claim_token: uuid.UUID, now: datetime) -> int:
        if not results:
            return 0
        stmt = (
            update(publications)
            .where(
                publications.c.id == bindparam("b_id"),
                publications.c.claim_token == claim_token,
                publications.c.state == PublicationState.PUBLISHING.value,
            )
            .values(
                state=PublicationState.PUBLISHED.value,
                post_urn=bindparam("b_urn"),
                media_urns=bindparam("b_media"),
                published_at=now,
                updated_at=now,
                claim_token=None,
                claim_expires_at=None,
                outcome_unknown=False,
                last_error=None,
                version=publications.c.version + 1,
            )
        )
        result = await self._conn.execute(
            stmt, [{"b_id": r.id, "b_urn": r.post_urn, "b_media": r.media_urns} for r in results]
        )
        return int(result.rowcount)

    async def for_export(self, user_id: uuid.UUID, limit: int) -> list[Publication]:
        rows = (
            await self._conn.execute(
                select(publications)
                .where(publications.c.user_id == user_id)
                .order_by(publications.c.due_at, publications.c.id)
                .limit(limit)
            )
        ).all()
        return [_to_pub(r) for r in rows]

    async def post_stats(self, user_id: uuid.UUID, since: datetime) -> list[PostStat]:
        ev = analytics_events.c
        impressions = func.sum(case((ev.event_type == "impressions", ev.value), else_=0))
        engaged = func.sum(case((ev.event_type.in_(ENGAGEMENT_EVENTS), ev.value), else_=0))
        per_post = (
            select(
                ev.subject,
                func.min(ev.occurred_at).label("first_seen"),
                impressions.label("imp"),
                engaged.label("eng"),
            )
            .where(ev.user_id == user_id, ev.occurred_at >= since, ev.subject.like("urn:li:%"))
            .group_by(ev.subject)
            .subquery()
        )
        ours = (
            select(publications.c.post_urn, func.min(publications.c.published_at).label("published_at"))
            .where(publications.c.user_id == user_id, publications.c.post_urn.is_not(None))
            .group_by(publications.c.post_urn)
            .subquery()
        )
        rows = (
            await self._conn.execute(
                select(per_post.c.first_seen, ours.c.published_at, per_post.c.imp, per_post.c.eng).select_from(
                    per_post.outerjoin(ours, ours.c.post_urn == per_post.c.subject)
                )
            )
        ).all()
        return [
            PostStat(published_at=_aware(published or first), impressions=int(imp or 0), engagements=int(eng or 0))
            for first, published, imp, eng in rows
        ]


def _aware(value: datetime) -> datetime:
    # aggregates bypass the column type on SQLite (naive text back): mark them UTC
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
