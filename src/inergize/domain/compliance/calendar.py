"""The user's local calendar: local days (DST-correct), working hours, quiet hours and days off.

Every function takes aware instants and returns aware UTC instants; local wall-clock time is only
used to decide, never stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import msgspec

from inergize.domain.platform.errors import ValidationFailed


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError) as exc:
        raise ValidationFailed(f"Unknown time zone {name!r}.", field="timezone") from exc


@lru_cache(maxsize=1024)
def parse_hhmm(value: str) -> time:
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise ValidationFailed(f"{value!r} is not a HH:MM time.") from exc


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant the local ``day`` begins (the first existing instant if midnight is skipped)."""
    naive = datetime.combine(day, time(0))
    # A midnight skipped by DST (e.g. America/Santiago) maps, with fold=0, to the instant just after the gap.
    return naive.replace(tzinfo=tz).astimezone(UTC)


def local_day(now: datetime, tz_name: str) -> tuple[datetime, int]:
    """The local day containing ``now``: its start in UTC and its length in seconds (23, 24 or 25 h)."""
    tz = zone(tz_name)
    day = now.astimezone(tz).date()
    start = local_midnight(day, tz)
    end = local_midnight(day + timedelta(days=1), tz)
    return start, int((end - start).total_seconds())


class Schedule(msgspec.Struct, frozen=True, kw_only=True):
    """When automation may act: working hours on working days, minus quiet hours and days off."""

    timezone: str = "UTC"
    start: str = "09:00"
    end: str = "17:30"
    days: tuple[int, ...] = (1, 2, 3, 4, 5)  # ISO weekdays
    quiet: tuple[tuple[str, str], ...] = ()  # local intervals, e.g. (("12:00", "13:00"),)
    days_off: tuple[date, ...] = ()  # holidays, vacation

    def __post_init__(self) -> None:
        zone(self.timezone)
        if parse_hhmm(self.start) >= parse_hhmm(self.end):
            raise ValidationFailed("Working hours must start before they end.", field="working_hours")
        if not set(self.days) <= set(range(1, 8)):
            raise ValidationFailed("Working days are ISO weekdays 1–7.", field="working_hours")


def why_closed(schedule: Schedule, now: datetime) -> str | None:
    """``None`` when automation may act at ``now``; else why not: day_off, outside_hours or quiet_hours."""
    local = now.astimezone(zone(schedule.timezone))
    if local.isoweekday() not in schedule.days or local.date() in schedule.days_off:
        return "day_off"
    t = local.time()
    if not parse_hhmm(schedule.start) <= t < parse_hhmm(schedule.end):
        return "outside_hours"
    for q_start, q_end in schedule.quiet:
        if parse_hhmm(q_start) <= t < parse_hhmm(q_end):
            return "quiet_hours"
    return None


def open_intervals(schedule: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    """The UTC intervals of ``day`` in which automation may act (working hours minus quiet hours)."""
    tz = zone(schedule.timezone)
    if day.isoweekday() not in schedule.days or day in schedule.days_off:
        return []
    cuts = sorted((parse_hhmm(a), parse_hhmm(b)) for a, b in schedule.quiet)
    pieces: list[tuple[time, time]] = []
    cursor, end = parse_hhmm(schedule.start), parse_hhmm(schedule.end)
    for a, b in cuts:
        if a > cursor:
            pieces.append((cursor, min(a, end)))
        cursor = max(cursor, b)
    if cursor < end:
        pieces.append((cursor, end))
    out = []
    for a, b in pieces:
        if a >= b:
            continue
        lo = datetime.combine(day, a).replace(tzinfo=tz).astimezone(UTC)
        hi = datetime.combine(day, b).replace(tzinfo=tz).astimezone(UTC)
        if lo < hi:
            out.append((lo, hi))
    return out


def next_open(schedule: Schedule, now: datetime, *, horizon_days: int = 21) -> datetime | None:
    """The first instant at or after ``now`` when automation may act; ``None`` if none in the horizon."""
    tz = zone(schedule.timezone)
    day = now.astimezone(tz).date()
    for offset in range(horizon_days + 1):
        for lo, hi in open_intervals(schedule, day + timedelta(days=offset)):
            if hi > now:
                candidate = max(lo, now)
                if why_closed(schedule, candidate) is None:
                    return candidate
    return None
