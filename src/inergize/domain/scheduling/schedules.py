"""Schedules: UTC instants plus the user's IANA zone, weekly time slots computed in local time, rules.

Wall-clock rules, decided once for every caller:
- a local time that does not exist (spring-forward gap) moves forward to the first valid minute;
- a local time that happens twice (autumn fold) takes its first occurrence.
Slots are stored as local times, so "Tue 08:30" stays at 08:30 on the wall on both sides of DST.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from inergize.domain.platform.errors import Conflict, ValidationFailed

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
DEFAULT_MIN_GAP_MINUTES = 60
MAX_SLOTS = 56  # 8 a day, every day: more is a queue no one reads
MAX_LOOKAHEAD_DAYS = 366


def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``; ``ValidationFailed`` when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationFailed(f"{name!r} is not an IANA time zone (e.g. 'Europe/Berlin').",
                               field="timezone") from exc


def require_aware(instant: datetime, field: str = "at") -> datetime:
    """``instant`` in UTC; ``ValidationFailed`` for a naive datetime (its meaning would be a guess)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValidationFailed("A time needs an offset or a time zone.", field=field)
    return instant.astimezone(UTC)


def _exists(local: datetime, tz: ZoneInfo) -> bool:
    aware = local.replace(tzinfo=tz, fold=0)
    return aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == local


def resolve_local(local: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant of the wall-clock time ``local`` (naive) in ``tz``.

    Nonexistent (gap) → the first valid minute after it; repeated (fold) → the first occurrence."""
    if local.tzinfo is not None:
        raise ValueError("resolve_local takes a naive wall-clock time")
    if not _exists(local, tz):
        probe = local.replace(second=0, microsecond=0)
        # Gaps are whole minutes (at most a day, Samoa 2011); walk to the first minute that exists.
        for _ in range(24 * 60 + 1):
            probe += timedelta(minutes=1)
            if _exists(probe, tz):
                local = probe
                break
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def to_local(instant: datetime, tz: ZoneInfo) -> datetime:
    """The wall-clock time (naive) of an instant in ``tz``."""
    return require_aware(instant).astimezone(tz).replace(tzinfo=None)


def parse_hhmm(raw: str) -> time:
    m = _HHMM.match(raw.strip())
    if not m:
        raise ValidationFailed(f"{raw!r} is not a time of day like '08:30'.", field="time")
    return time(int(m.group(1)), int(m.group(2)))


class TimeSlot(msgspec.Struct, frozen=True, order=True):
    """A weekly local time: ISO weekday (1 = Monday) and ``HH:MM``."""

    weekday: int
    time: str

    def __post_init__(self) -> None:
        if not 1 <= self.weekday <= 7:
            raise ValidationFailed("A weekday is 1 (Monday) to 7 (Sunday).", field="weekday")
        parse_hhmm(self.time)


def normalize_slots(slots: Iterable[TimeSlot]) -> tuple[TimeSlot, ...]:
    """Slots sorted and without repeats; ``ValidationFailed`` past :data:`MAX_SLOTS`."""
    unique = tuple(sorted(set(slots)))
    if len(unique) > MAX_SLOTS:
        raise ValidationFailed(f"A queue holds at most {MAX_SLOTS} weekly slots.", field="slots")
    return unique


def slot_instants(slots: Sequence[TimeSlot], tz: ZoneInfo, *, after: datetime,
                  days: int = MAX_LOOKAHEAD_DAYS) -> Iterator[datetime]:
    """Every slot occurrence strictly after ``after``, in time order, each resolved in local time."""
    after = require_aware(after)
    by_day: dict[int, list[time]] = {}
    for s in slots:
        by_day.setdefault(s.weekday, []).append(parse_hhmm(s.time))
    if not by_day:
        return
    # a day back: offsets can move the local date across the date line
    start: date = to_local(after, tz).date() - timedelta(days=1)
    for offset in range(days + 2):
        day = start + timedelta(days=offset)
        times = by_day.get(day.isoweekday(), [])
        instants = sorted(resolve_local(datetime.combine(day, t), tz) for t in times)
        for instant in instants:
            if instant > after:
                yield instant


def too_close(instant: datetime, others: Iterable[datetime], min_gap: timedelta) -> datetime | None:
    """The first of ``others`` closer than ``min_gap`` to ``instant`` (None when all keep their distance)."""
    for other in others:
        if abs(other - instant) < min_gap:
            return other
    return None


def next_free_slot(slots: Sequence[TimeSlot], tz: ZoneInfo, *, after: datetime, taken: Iterable[datetime],
                   min_gap: timedelta) -> datetime:
    """The first slot occurrence after ``after`` that keeps ``min_gap`` from every taken instant."""
    if not slots:
        raise ValidationFailed("The queue has no time slots; add some or give a time.", field="slots")
    taken_list = sorted(taken)
    for instant in slot_instants(slots, tz, after=after):
        if too_close(instant, taken_list, min_gap) is None:
            return instant
    raise Conflict("Every slot in the next year is taken.", code="queue_full")


def check_schedule_time(due_at: datetime, *, now: datetime, others: Iterable[datetime],
                        min_gap: timedelta, allow_close: bool = False) -> datetime:
    """Apply the rules for a publication time and return it in UTC.

    Not in the past (``now`` itself is "post now"), and at least ``min_gap`` from the same account's
    other posts unless ``allow_close``."""
    due = require_aware(due_at, "dueAt")
    if due < require_aware(now).replace(microsecond=0):
        raise ValidationFailed("That time is in the past.", field="dueAt")
    if not allow_close and min_gap > timedelta(0):
        clash = too_close(due, others, min_gap)
        if clash is not None:
            minutes = int(min_gap.total_seconds() // 60)
            raise Conflict(f"Another post of this account is scheduled at {clash.isoformat()}, within "
                           f"{minutes} minutes; pick another time or allow it.", code="too_close",
                           clash=clash.isoformat())
    return due


def reanchor(instant: datetime, old: ZoneInfo, new: ZoneInfo) -> datetime:
    """The instant showing the same wall-clock time in ``new`` as ``instant`` shows in ``old``.

    Used only when a user who changes time zone asks for their scheduled posts to follow."""
    return resolve_local(to_local(instant, old), new)


class ScheduleSettings(msgspec.Struct, frozen=True, kw_only=True):
    """A user's queue: time zone, weekly slots, spacing rule and pause (vacation) state."""

    timezone: str = "UTC"
    slots: tuple[TimeSlot, ...] = ()
    min_gap_minutes: int = DEFAULT_MIN_GAP_MINUTES
    paused: bool = False
    paused_until: datetime | None = None  # vacation mode's end: the queue resumes by itself then
    version: int = 1

    def __post_init__(self) -> None:
        zone(self.timezone)
        if not 0 <= self.min_gap_minutes <= 24 * 60:
            raise ValidationFailed("The minimum gap is 0 to 1440 minutes.", field="minGapMinutes")
        if self.paused_until is not None and not self.paused:
            raise ValidationFailed("Only a paused queue has an end to its pause.", field="pausedUntil")

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.timezone)

    @property
    def min_gap(self) -> timedelta:
        return timedelta(minutes=self.min_gap_minutes)


def pause_queue(settings: ScheduleSettings, *, until: datetime | None, now: datetime) -> ScheduleSettings:
    """Vacation mode: paused until ``until`` (then it resumes by itself), or until resumed by hand.

    The end lies ahead of ``now`` and within a year (the queue's own horizon)."""
    if until is not None:
        until = require_aware(until, "pausedUntil")
        if until <= require_aware(now):
            raise ValidationFailed("The end of the pause must be in the future.", field="pausedUntil")
        if until > require_aware(now) + timedelta(days=MAX_LOOKAHEAD_DAYS):
            raise ValidationFailed(f"A pause ends within {MAX_LOOKAHEAD_DAYS} days.", field="pausedUntil")
    return msgspec.structs.replace(settings, paused=True, paused_until=until)


def resume_queue(settings: ScheduleSettings) -> ScheduleSettings:
    """Publishing on again; a pause's end date goes with the pause."""
    return msgspec.structs.replace(settings, paused=False, paused_until=None)


def is_paused_at(settings: ScheduleSettings, instant: datetime) -> bool:
    """Whether the queue holds its posts at ``instant``: paused, and its end (if any) not reached."""
    return settings.paused and (settings.paused_until is None or require_aware(instant) < settings.paused_until)


def pause_has_ended(settings: ScheduleSettings, now: datetime) -> bool:
    """A pause with an end date that ``now`` has reached: the scheduler resumes the queue."""
    return settings.paused and not is_paused_at(settings, now)


def change_timezone(current: ScheduleSettings, new_timezone: str, scheduled: Sequence[datetime], *,
                    move_scheduled: bool = False) -> tuple[ScheduleSettings, list[datetime]]:
    """The settings in the new zone (slots keep their local times) and the scheduled instants:
    unchanged, or moved to the same wall-clock time in the new zone when ``move_scheduled``."""
    new_tz = zone(new_timezone)
    updated = msgspec.structs.replace(current, timezone=new_timezone)
    if not move_scheduled:
        return updated, list(scheduled)
    return updated, [reanchor(i, current.tz, new_tz) for i in scheduled]
