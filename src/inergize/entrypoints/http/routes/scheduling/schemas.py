"""HTTP schemas of /v1/schedule and their mapping from domain values."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from inergize.domain.scheduling.publication import Publication
from inergize.domain.scheduling.recurrence import Frequency, SeriesSummary
from inergize.domain.scheduling.schedules import ScheduleSettings, to_local
from inergize.entrypoints.http.schemas import RequestBody, ResponseBody
from inergize.ports.scheduling import ImportProgress


class RecurringIn(RequestBody, kw_only=True):
    first: datetime
    variants: list[uuid.UUID]  # content ids, one per occurrence
    count: int
    frequency: Frequency = Frequency.WEEKLY
    interval: int = 1
    allow_close: bool = False


class ScheduleIn(RequestBody, kw_only=True):
    content_id: uuid.UUID
    at: datetime | None = None  # omitted: the queue's next free slot
    allow_close: bool = False


class MoveIn(RequestBody, kw_only=True):
    at: datetime | None = None
    allow_close: bool = False


class RetryIn(RequestBody, kw_only=True):
    confirm_repost: bool = False


class ConfirmPublishedIn(RequestBody, kw_only=True):
    post_urn: str | None = None


class PostNowIn(RequestBody, kw_only=True):
    content_id: uuid.UUID


class SlotIO(RequestBody, kw_only=True):
    weekday: int
    time: str


class QueueSettingsIn(RequestBody, kw_only=True):
    timezone: str | None = None
    slots: list[SlotIO] | None = None
    min_gap_minutes: int | None = None
    move_scheduled: bool = False
    paused: bool | None = None
    paused_until: datetime | None = None


class PublicationOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    content_id: uuid.UUID
    version_id: uuid.UUID
    state: str
    due_at: datetime
    local_time: str
    timezone: str
    held: bool
    attempts: int
    last_error: str | None
    failure_reason: str | None
    post_urn: str | None
    published_at: datetime | None
    text: str
    source: str
    series_id: uuid.UUID | None
    version: int


class QueueSettingsOut(ResponseBody, kw_only=True):
    timezone: str
    slots: list[dict[str, Any]]
    min_gap_minutes: int
    paused: bool
    paused_until: datetime | None
    version: int


class SeriesOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    total: int
    to_come: int
    published: int
    cancelled: int
    first_due: datetime
    last_due: datetime
    next_due: datetime | None
    next_text: str | None
    version: int  # the series' ETag is "v<version>": send it as If-Match to stop the series


class CalendarOut(ResponseBody, kw_only=True):
    timezone: str
    items: list[PublicationOut]


class ImportOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    state: str
    total_rows: int
    processed_rows: int
    imported: int
    errors: list[dict[str, Any]]


class RecommendationOut(ResponseBody, kw_only=True):
    weekday: int
    hour: int
    label: str
    expected_rate: float
    prior_rate: float
    own_weight: float
    explanation: str


class RecommendationsOut(ResponseBody, kw_only=True):
    timezone: str
    items: list[RecommendationOut]


def to_out(p: Publication) -> PublicationOut:
    local = to_local(p.due_at, ZoneInfo(p.timezone)).strftime("%Y-%m-%dT%H:%M")
    return PublicationOut(
        id=p.id,
        content_id=p.content_id,
        version_id=p.version_id,
        state=p.state.value,
        due_at=p.due_at,
        local_time=local,
        timezone=p.timezone,
        held=p.held,
        attempts=p.attempts,
        last_error=p.last_error,
        failure_reason=p.failure_reason,
        post_urn=p.post_urn,
        published_at=p.published_at,
        text=p.text,
        source=p.source,
        series_id=p.series_id,
        version=p.version,
    )


def settings_out(s: ScheduleSettings) -> QueueSettingsOut:
    return QueueSettingsOut(
        timezone=s.timezone,
        slots=[{"weekday": x.weekday, "time": x.time} for x in s.slots],
        min_gap_minutes=s.min_gap_minutes,
        paused=s.paused,
        paused_until=s.paused_until,
        version=s.version,
    )


def import_out(p: ImportProgress) -> ImportOut:
    return ImportOut(
        id=p.id,
        state=p.state,
        total_rows=p.total_rows,
        processed_rows=p.processed_rows,
        imported=p.imported,
        errors=list(p.errors),
    )


def series_out(s: SeriesSummary) -> SeriesOut:
    return SeriesOut(id=s.id, total=s.total, to_come=s.to_come, published=s.published, cancelled=s.cancelled,
                     first_due=s.first_due, last_due=s.last_due, next_due=s.next_due, next_text=s.next_text,
                     version=s.version)
