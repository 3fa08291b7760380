"""In-memory publications and CSV import progress, for the in-memory unit of work.

They follow the SQL repositories in what a caller can observe (tests/contract/scheduling/ runs the same
tests over both): the unique id and idempotency key, version checks, which columns an update writes,
the tick's claim rules. Claims are not atomic across units of work here; the claim-race tests stay on
the databases."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import msgspec

from inergize.domain.scheduling.optimal_times import PostStat
from inergize.domain.scheduling.publication import FINAL, IN_FLIGHT, Publication, PublicationState
from inergize.ports.scheduling import ImportProgress, PublishedResult
from tests.fakes.rows import insert_row, row_at_version

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import Tables

S = PublicationState
# analytics event types that count as engagement (as the SQL repository's ENGAGEMENT_EVENTS)
ENGAGEMENT_EVENTS = frozenset({"reactions", "likes", "comments", "shares", "reposts", "clicks", "engagements"})


def _by_due(items: list[Publication]) -> list[Publication]:
    return [copy.deepcopy(p) for p in sorted(items, key=lambda p: (p.due_at, p.id))]


class MemoryPublicationRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        self._rows = tables.publications

    def _mine(self, user_id: uuid.UUID) -> list[Publication]:
        return [p for p in self._rows.values() if p.user_id == user_id]

    def _bump(self, p: Publication, now: datetime, **changes: object) -> None:
        """One row changed by a conditional UPDATE: its fields, ``updated_at`` and the version."""
        self._rows[p.id] = msgspec.structs.replace(p, updated_at=now, version=p.version + 1, **changes)

    async def add_many(self, items: Sequence[Publication]) -> None:
        keys = {p.idempotency_key for p in self._rows.values()}
        ids = set(self._rows)
        for item in items:  # the primary key and the unique idempotency key, checked before any row lands
            if item.id in ids or item.idempotency_key in keys:
                raise ValueError(f"a publication with this id or idempotency key exists: {item.id}")
            ids.add(item.id)
            keys.add(item.idempotency_key)
        for item in items:
            self._rows[item.id] = copy.deepcopy(item)

    async def get(self, publication_id: uuid.UUID) -> Publication | None:
        return copy.deepcopy(self._rows.get(publication_id))

    async def update(self, item: Publication, *, expected_version: int) -> Publication:
        stored = row_at_version(self._rows, item.id, expected_version,
                                "The scheduled post changed meanwhile; fetch it again.")
        # the SQL update leaves the owner, the creation time and the idempotency key as they were
        self._rows[item.id] = copy.deepcopy(msgspec.structs.replace(
            item, user_id=stored.user_id, created_at=stored.created_at, idempotency_key=stored.idempotency_key,
            version=expected_version + 1))
        return msgspec.structs.replace(item, version=expected_version + 1)

    async def between(self, user_id: uuid.UUID, start: datetime, end: datetime,
                      states: Sequence[PublicationState] | None = None) -> list[Publication]:
        return _by_due([p for p in self._mine(user_id)
                        if start <= p.due_at < end and (not states or p.state in states)])

    async def in_series(self, user_id: uuid.UUID, series_id: uuid.UUID | None = None) -> list[Publication]:
        return _by_due([p for p in self._mine(user_id)
                        if p.series_id is not None and (series_id is None or p.series_id == series_id)])

    async def active_instants(self, user_id: uuid.UUID, start: datetime, end: datetime,
                              exclude: uuid.UUID | None = None) -> list[datetime]:
        ended = FINAL | {S.FAILED}
        return sorted(p.due_at for p in self._mine(user_id)
                      if start <= p.due_at < end and p.state not in ended and p.id != exclude)

    async def set_held(self, user_id: uuid.UUID, held: bool, now: datetime) -> int:
        if not held:
            released = [p for p in self._mine(user_id) if p.state is S.SCHEDULED and p.held]
            for p in released:
                self._bump(p, now, held=False)
            return len(released)
        # claimed items go back too, as in the SQL repository: their job finds them no longer claimed
        taken = [p for p in self._mine(user_id) if p.state in (S.SCHEDULED, S.CLAIMED) and not p.held]
        for p in taken:
            self._bump(p, now, held=True, state=S.SCHEDULED, claim_token=None, claim_expires_at=None)
        return len(taken)

    async def claim_due(self, now: datetime, *, limit: int, claim_token: uuid.UUID,
                        claim_until: datetime) -> list[uuid.UUID]:
        # expired claims first (they keep their state), then due items by run_at, up to ``limit`` in all
        expired = sorted((p for p in self._rows.values() if p.state in IN_FLIGHT
                          and p.claim_expires_at is not None and p.claim_expires_at <= now),
                         key=lambda p: (p.claim_expires_at, p.id))[:limit]
        due = sorted((p for p in self._rows.values() if p.state is S.SCHEDULED and not p.held and p.run_at <= now),
                     key=lambda p: (p.run_at, p.id))[:limit - len(expired)]
        for p in expired:
            self._bump(p, now, claim_token=claim_token, claim_expires_at=claim_until)
        for p in due:
            self._bump(p, now, state=S.CLAIMED, claim_token=claim_token, claim_expires_at=claim_until)
        return [p.id for p in expired + due]

    def _held_by(self, ids: Sequence[uuid.UUID], claim_token: uuid.UUID) -> list[Publication]:
        wanted = set(ids)
        return [p for p in self._rows.values() if p.id in wanted and p.claim_token == claim_token]

    async def claimed(self, ids: Sequence[uuid.UUID], claim_token: uuid.UUID) -> list[Publication]:
        return [copy.deepcopy(p) for p in self._held_by(ids, claim_token) if p.state in IN_FLIGHT]

    async def start_publishing(self, ids: Sequence[uuid.UUID], claim_token: uuid.UUID, now: datetime,
                               claim_until: datetime) -> list[uuid.UUID]:
        started = [p for p in self._held_by(ids, claim_token) if p.state is S.CLAIMED]
        for p in started:
            self._bump(p, now, state=S.PUBLISHING, attempts=p.attempts + 1, claim_expires_at=claim_until)
        return [p.id for p in started]

    async def mark_published(self, results: Sequence[PublishedResult], claim_token: uuid.UUID,
                             now: datetime) -> int:
        done = 0
        for r in results:
            p = self._rows.get(r.id)
            if p is None or p.claim_token != claim_token or p.state is not S.PUBLISHING:
                continue
            self._bump(p, now, state=S.PUBLISHED, post_urn=r.post_urn, media_urns=list(r.media_urns),
                       published_at=now, claim_token=None, claim_expires_at=None, outcome_unknown=False,
                       last_error=None)
            done += 1
        return done

    async def for_export(self, user_id: uuid.UUID, limit: int) -> list[Publication]:
        return _by_due(self._mine(user_id))[:limit]

    async def post_stats(self, user_id: uuid.UUID, since: datetime) -> list[PostStat]:
        per_post: dict[str, tuple[datetime, int, int]] = {}  # post URN -> first seen, impressions, engagements
        for e in self._tables.analytics_events:
            subject = e.get("subject") or ""
            if e["user_id"] != user_id or e["occurred_at"] < since or not subject.startswith("urn:li:"):
                continue
            first, imp, eng = per_post.get(subject, (e["occurred_at"], 0, 0))
            value = int(e["value"])
            per_post[subject] = (min(first, e["occurred_at"]),
                                 imp + (value if e["event_type"] == "impressions" else 0),
                                 eng + (value if e["event_type"] in ENGAGEMENT_EVENTS else 0))
        ours: dict[str, datetime] = {}  # our earliest publish time per post URN
        for p in self._mine(user_id):
            if p.post_urn is not None and p.published_at is not None:
                ours[p.post_urn] = min(ours.get(p.post_urn, p.published_at), p.published_at)
        return [PostStat(published_at=ours.get(subject, first), impressions=imp, engagements=eng)
                for subject, (first, imp, eng) in per_post.items()]


class MemoryScheduleImportRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.schedule_imports

    async def add(self, progress: ImportProgress) -> None:
        insert_row(self._rows, progress.id, progress, "import")

    async def get(self, import_id: uuid.UUID) -> ImportProgress | None:
        return copy.deepcopy(self._rows.get(import_id))

    async def update(self, progress: ImportProgress) -> None:
        if progress.id in self._rows:  # the SQL update writes every column and finds no row when it is gone
            self._rows[progress.id] = copy.deepcopy(progress)
