"""Recurring posts: occurrences computed in local time, each with its own text.

LinkedIn rejects a post whose text repeats a recent one (422 duplicate), so a recurrence carries one
variant per occurrence and two occurrences may not share the same text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import msgspec

from inergize.domain.platform.errors import ValidationFailed
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
