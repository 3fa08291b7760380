"""Repositories of scheduling: publications, queue settings, CSV import progress."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import msgspec

from inergize.domain.scheduling.optimal_times import PostStat
from inergize.domain.scheduling.publication import Publication, PublicationState
from inergize.domain.scheduling.schedules import ScheduleSettings


class PublishedResult(msgspec.Struct, frozen=True):
    id: uuid.UUID
    post_urn: str
    media_urns: list[str]


class ImportProgress(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    state: str  # running | done | failed
    total_rows: int = 0
    processed_rows: int = 0
    imported: int = 0
    errors: list[dict[str, object]] = msgspec.field(default_factory=list)
    source: str | None = None  # the uploaded CSV, kept until the import finishes
    created_at: datetime
    updated_at: datetime


class PublicationRepository(Protocol):
    async def add_many(self, items: Sequence[Publication]) -> None: ...

    async def get(self, publication_id: uuid.UUID) -> Publication | None: ...

    async def update(self, item: Publication, *, expected_version: int) -> Publication:
        """Store ``item`` if its stored version is ``expected_version``; ``PreconditionFailed`` otherwise."""
        ...

    async def between(self, user_id: uuid.UUID, start: datetime, end: datetime,
                      states: Sequence[PublicationState] | None = None) -> list[Publication]:
        """The user's publications due in [start, end), by due time."""
        ...

    async def in_series(self, user_id: uuid.UUID, series_id: uuid.UUID | None = None) -> list[Publication]:
        """The user's publications that belong to a recurring series (or to ``series_id``), by due time."""
        ...

    async def active_instants(self, user_id: uuid.UUID, start: datetime, end: datetime,
                              exclude: uuid.UUID | None = None) -> list[datetime]:
        """Due times of the user's not-yet-final publications in [start, end) (for the spacing rule)."""
        ...

    async def set_held(self, user_id: uuid.UUID, held: bool, now: datetime) -> int:
        """Hold (pause) or release every scheduled publication of the user; returns how many changed.
        Holding also takes back items claimed but not yet being published (their job skips them)."""
        ...

    async def claim_due(self, now: datetime, *, limit: int, claim_token: uuid.UUID,
                        claim_until: datetime) -> list[uuid.UUID]:
        """Atomically claim up to ``limit`` due items (scheduled, not held, ``run_at <= now``) and in-flight
        items whose claim expired; concurrent ticks never claim the same item."""
        ...

    async def claimed(self, ids: Sequence[uuid.UUID], claim_token: uuid.UUID) -> list[Publication]:
        """The items of ``ids`` still held by ``claim_token`` (claimed or publishing)."""
        ...

    async def start_publishing(self, ids: Sequence[uuid.UUID], claim_token: uuid.UUID, now: datetime,
                               claim_until: datetime) -> list[uuid.UUID]:
        """claimed → publishing (attempts + 1) for those of ``ids`` still claimed by the token."""
        ...

    async def mark_published(self, results: Sequence[PublishedResult], claim_token: uuid.UUID,
                             now: datetime) -> int:
        """publishing → published for every result still held by the token; returns how many."""
        ...

    async def for_export(self, user_id: uuid.UUID, limit: int) -> list[Publication]: ...

    async def post_stats(self, user_id: uuid.UUID, since: datetime) -> list[PostStat]:
        """Per post of the user (analytics events since ``since``): when it was published, its
        impressions and engagements. Publish times come from our publications when we posted it."""
        ...


class ScheduleSettingsRepository(Protocol):
    async def get(self, user_id: uuid.UUID) -> ScheduleSettings | None: ...

    async def put(self, user_id: uuid.UUID, settings: ScheduleSettings, now: datetime) -> ScheduleSettings:
        """Create or replace; ``PreconditionFailed`` when ``settings.version`` is not the stored one."""
        ...

    async def pauses_ended(self, now: datetime, *, limit: int) -> list[uuid.UUID]:
        """Users whose queue is paused with an end at or before ``now`` (at most ``limit``)."""
        ...


class ScheduleImportRepository(Protocol):
    async def add(self, progress: ImportProgress) -> None: ...

    async def get(self, import_id: uuid.UUID) -> ImportProgress | None: ...

    async def update(self, progress: ImportProgress) -> None: ...
