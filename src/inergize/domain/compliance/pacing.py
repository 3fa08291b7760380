"""Pacing plans: human-like spacing of automated actions inside the user's open hours.

A plan is a pure function of its inputs and a seed, so tests (and support) can replay it exactly."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import msgspec

from inergize.domain.compliance.calendar import Schedule, open_intervals, why_closed, zone
from inergize.domain.platform.errors import ValidationFailed


class PacingPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """How actions are spread: at least ``min_gap_seconds`` apart, plus up to ``jitter_seconds`` of random
    extra; now and then (``long_break_probability``) a long break; each day's volume varies by
    ± ``daily_variance`` around ``daily_volume``; ``skip_day_probability`` leaves a working day idle."""

    min_gap_seconds: int = 240
    jitter_seconds: int = 600
    long_break_probability: float = 0.1
    long_break_seconds: tuple[int, int] = (1800, 5400)
    daily_volume: int = 15
    daily_variance: float = 0.3
    skip_day_probability: float = 0.0

    def __post_init__(self) -> None:
        if self.min_gap_seconds < 30:
            raise ValidationFailed("Actions must be at least 30 seconds apart.", field="min_gap_seconds")
        if not 0 <= self.daily_variance < 1 or not 0 <= self.long_break_probability <= 1:
            raise ValidationFailed("Variance and probabilities are between 0 and 1.")
        if self.daily_volume < 1:
            raise ValidationFailed("The daily volume must be at least 1.", field="daily_volume")


def _day_volume(policy: PacingPolicy, rng: random.Random, daily_cap: int) -> int:
    if rng.random() < policy.skip_day_probability:
        return 0
    spread = policy.daily_volume * policy.daily_variance
    return max(0, min(daily_cap, round(policy.daily_volume + rng.uniform(-spread, spread))))


def plan_slots(count: int, *, start: datetime, schedule: Schedule, policy: PacingPolicy, seed: int,
               daily_cap: int, horizon_days: int = 60) -> list[datetime]:
    """Up to ``count`` UTC instants from ``start`` on, each inside the schedule's open hours, at least
    ``policy.min_gap_seconds`` apart, at most ``daily_cap`` per local day. Same inputs, same plan."""
    rng = random.Random(seed)
    slots: list[datetime] = []
    day = start.astimezone(zone(schedule.timezone)).date()
    last: datetime | None = None
    for offset in range(horizon_days):
        if len(slots) >= count:
            break
        current = day + timedelta(days=offset)
        intervals = [(max(lo, start), hi) for lo, hi in open_intervals(schedule, current) if hi > start]
        if not intervals:
            continue
        quota = min(_day_volume(policy, rng, daily_cap), count - len(slots))
        cursor = intervals[0][0] + timedelta(seconds=rng.uniform(0, policy.jitter_seconds))
        placed = 0
        for lo, hi in intervals:
            cursor = max(cursor, lo)
            while placed < quota:
                if last is not None and cursor < last + timedelta(seconds=policy.min_gap_seconds):
                    cursor = last + timedelta(seconds=policy.min_gap_seconds)
                if cursor >= hi:
                    break
                if why_closed(schedule, cursor) is None:  # DST can bend a wall-clock interval
                    slots.append(cursor)
                    last = cursor
                    placed += 1
                gap = policy.min_gap_seconds + rng.uniform(0, policy.jitter_seconds)
                if rng.random() < policy.long_break_probability:
                    gap += rng.uniform(*policy.long_break_seconds)
                cursor = cursor + timedelta(seconds=gap)
    return slots
