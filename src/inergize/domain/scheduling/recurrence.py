"""Recurring posts: occurrences computed in local time, each with its own text.

LinkedIn rejects a post whose text repeats a recent one (422 duplicate), so a recurrence carries one
variant per occurrence and two occurrences may not share the same text."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import msgspec

from inergize.domain.platform.errors import ValidationFailed
from inergize.domain.scheduling.publication import Publication, PublicationState
from inergize.domain.scheduling.schedules import resolve_local, to_local

MAX_OCCURRENCES = 52
_SPACE = re.compile(r"\s+")


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class Recurrence(msgspec.Struct, frozen=True, kw_only=True):
    frequency: Frequency = Frequency.WEEKLY
    interval: int = 1
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.interval <= 52:
            raise ValidationFailed("The interval is 1 to 52.", field="interval")
        if not 2 <= self.count <= MAX_OCCURRENCES:
            raise ValidationFailed(f"A recurrence has 2 to {MAX_OCCURRENCES} occurrences.", field="count")

    @property
    def step(self) -> timedelta:
        return timedelta(days=self.interval * (7 if self.frequency is Frequency.WEEKLY else 1))


def occurrences(first: datetime, tz: ZoneInfo, rule: Recurrence) -> list[datetime]:
    """The UTC instants of every occurrence: the first one's wall-clock time, repeated in ``tz``."""
    local = to_local(first, tz)
    return [resolve_local(local + i * rule.step, tz) for i in range(rule.count)]


def normalized_text(text: str) -> str:
    """Text as a duplicate detector compares it: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def check_variation(texts: Sequence[str]) -> None:
    """``ValidationFailed`` naming the first occurrence whose text repeats an earlier one."""
    seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        key = normalized_text(text)
        if key in seen:
            raise ValidationFailed(
                f"Occurrence {i + 1} repeats the text of occurrence {seen[key] + 1}; LinkedIn rejects "
                "repeated posts, so every occurrence needs its own variant.", field="variants",
                occurrence=i + 1)
        seen[key] = i


class SeriesSummary(msgspec.Struct, frozen=True, kw_only=True):
    """A recurring series as its owner sees it: how many posts, how many still to come, and the next."""

    id: uuid.UUID
    total: int
    to_come: int  # scheduled (held or not) or claimed: a stop cancels these
    published: int
    cancelled: int
    first_due: datetime
    last_due: datetime
    next_due: datetime | None
    next_text: str | None
    # The sum of its posts' versions: any change to any of them makes it larger, so it is the series'
    # ETag (a stop sent with an older one would act on posts its sender has not seen).
    version: int


# Posts LinkedIn has not been asked for yet: stopping a series cancels these, and only these.
STOPPABLE = frozenset({PublicationState.SCHEDULED, PublicationState.CLAIMED})


def summarize_series(items: Iterable[Publication]) -> list[SeriesSummary]:
    """One summary per series of ``items``: series with posts to come first (soonest next), then the
    finished ones (latest first)."""
    groups: dict[uuid.UUID, list[Publication]] = {}
    for item in items:
        if item.series_id is not None:
            groups.setdefault(item.series_id, []).append(item)
    summaries = []
    for series_id, posts in groups.items():
        posts.sort(key=lambda p: (p.due_at, p.id))
        coming = [p for p in posts if p.state in STOPPABLE]
        summaries.append(SeriesSummary(
            id=series_id,
            total=len(posts),
            to_come=len(coming),
            published=sum(p.state == PublicationState.PUBLISHED for p in posts),
            cancelled=sum(p.state == PublicationState.CANCELLED for p in posts),
            first_due=posts[0].due_at,
            last_due=posts[-1].due_at,
            next_due=coming[0].due_at if coming else None,
            next_text=coming[0].text if coming else None,
            version=sum(p.version for p in posts),
        ))
    active = sorted((s for s in summaries if s.next_due is not None), key=lambda s: (s.next_due, s.id))
    done = sorted((s for s in summaries if s.next_due is None), key=lambda s: (s.last_due, s.id), reverse=True)
    return active + done
