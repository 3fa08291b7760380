"""Scheduling rules: local time across DST, weekly slots, spacing, time zone changes, recurrence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.domain.platform.errors import Conflict, ValidationFailed
from inergize.domain.scheduling.recurrence import Frequency, Recurrence, check_variation, occurrences
from inergize.domain.scheduling.schedules import (
    ScheduleSettings,
    TimeSlot,
    change_timezone,
    check_schedule_time,
    next_free_slot,
    resolve_local,
    slot_instants,
    to_local,
)

BERLIN = ZoneInfo("Europe/Berlin")
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia",
         "America/Santiago", "UTC", "Europe/London", "Asia/Tehran"]
local_times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31))
zones = st.sampled_from(ZONES).map(ZoneInfo)


def test_nine_berlin_is_nine_local_on_both_sides_of_the_spring_change() -> None:
    # 2026-03-29 is the spring-forward day in Europe/Berlin
    before = resolve_local(datetime(2026, 3, 28, 9, 0), BERLIN)
    after = resolve_local(datetime(2026, 3, 30, 9, 0), BERLIN)
    assert before == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)  # CET, +01:00
    assert after == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # CEST, +02:00
    assert to_local(before, BERLIN).hour == to_local(after, BERLIN).hour == 9


def test_nonexistent_local_time_moves_to_the_first_valid_minute() -> None:
    got = resolve_local(datetime(2026, 3, 29, 2, 30), BERLIN)
    assert to_local(got, BERLIN) == datetime(2026, 3, 29, 3, 0)


def test_repeated_local_time_takes_its_first_occurrence() -> None:
    first = resolve_local(datetime(2026, 10, 25, 2, 30), BERLIN)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still CEST


def test_weekly_slot_stays_at_local_time_across_dst() -> None:
    slots = [TimeSlot(2, "08:30"), TimeSlot(4, "08:30")]
    start = datetime(2026, 3, 20, tzinfo=UTC)
    instants = [i for _, i in zip(range(8), slot_instants(slots, BERLIN, after=start), strict=False)]
    assert {to_local(i, BERLIN).strftime("%a %H:%M") for i in instants} == {"Tue 08:30", "Thu 08:30"}
    offsets = {i.astimezone(BERLIN).utcoffset() for i in instants}
    # the UTC instant moved, the wall clock did not
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}
    autumn = list(zip(range(6), slot_instants(slots, BERLIN, after=datetime(2026, 10, 15, tzinfo=UTC)),
                      strict=False))
    assert all(to_local(i, BERLIN).strftime("%H:%M") == "08:30" for _, i in autumn)


@given(local=local_times, tz=zones)
def test_resolved_local_time_is_never_before_the_wish_and_exact_when_it_exists(local: datetime,
                                                                               tz: ZoneInfo) -> None:
    local = local.replace(second=0, microsecond=0)
    shown = to_local(resolve_local(local, tz), tz)
    assert shown >= local
    if local.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == local:
        assert shown == local  # existing times are kept (first occurrence for repeated ones)
    else:
        assert shown - local <= timedelta(hours=24)
        assert shown.second == 0


@given(local=local_times, tz=zones)
def test_repeated_time_resolves_to_the_earlier_instant(local: datetime, tz: ZoneInfo) -> None:
    resolved = resolve_local(local, tz)
    other = local.replace(tzinfo=tz, fold=1).astimezone(UTC)
    if to_local(other, tz) == local:
        assert resolved <= other


utc_times = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                         timezones=st.just(UTC))


@given(tz=zones, weekday=st.integers(1, 7), hour=st.integers(0, 23), minute=st.integers(0, 59),
       start=utc_times)
def test_slot_instants_are_increasing_after_start_and_on_the_slot_weekday(
        tz: ZoneInfo, weekday: int, hour: int, minute: int, start: datetime) -> None:
    slot = TimeSlot(weekday, f"{hour:02d}:{minute:02d}")
    got = [i for _, i in zip(range(5), slot_instants([slot], tz, after=start), strict=False)]
    assert len(got) == 5
    assert all(i > start for i in got)
    assert got == sorted(got) and len(set(got)) == 5
    for i in got:
        shown = to_local(i, tz)
        assert shown.isoweekday() == weekday or shown.time() != datetime(1, 1, 1, hour, minute).time()


@given(due=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1),
                        timezones=st.just(UTC)),
       others=st.lists(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1),
                                    timezones=st.just(UTC)), max_size=5),
       gap=st.integers(0, 180))
def test_spacing_rule_accepts_exactly_the_times_far_enough_from_others(due: datetime, others: list[datetime],
                                                                       gap: int) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    min_gap = timedelta(minutes=gap)
    clash = gap > 0 and any(abs(o - due) < min_gap for o in others)
    if clash:
        with pytest.raises(Conflict):
            check_schedule_time(due, now=now, others=others, min_gap=min_gap)
        assert check_schedule_time(due, now=now, others=others, min_gap=min_gap, allow_close=True) == due
    else:
        assert check_schedule_time(due, now=now, others=others, min_gap=min_gap) == due


@given(past=st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=400)))
def test_a_time_in_the_past_is_refused(past: timedelta) -> None:
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    with pytest.raises(ValidationFailed):
        check_schedule_time(now - past, now=now, others=[], min_gap=timedelta(0))


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        check_schedule_time(datetime(2030, 1, 1), now=datetime(2026, 1, 1, tzinfo=UTC), others=[],
                            min_gap=timedelta(0))


@given(taken=st.lists(st.integers(0, 40), max_size=10), gap=st.integers(0, 600))
def test_next_free_slot_keeps_the_gap_and_is_the_earliest_such_slot(taken: list[int], gap: int) -> None:
    slots = [TimeSlot(d, "08:30") for d in range(1, 8)] + [TimeSlot(3, "17:00")]
    after = datetime(2026, 3, 25, tzinfo=UTC)
    occ = [i for _, i in zip(range(50), slot_instants(slots, BERLIN, after=after), strict=False)]
    taken_instants = [occ[t] for t in taken]
    got = next_free_slot(slots, BERLIN, after=after, taken=taken_instants, min_gap=timedelta(minutes=gap))
    assert all(abs(got - t) >= timedelta(minutes=gap) for t in taken_instants)
    earlier = [i for i in occ if i < got]
    assert all(any(abs(i - t) < timedelta(minutes=gap) for t in taken_instants) for i in earlier)


@given(tz_from=zones, tz_to=zones, hours=st.lists(st.integers(1, 24 * 300), max_size=5))
def test_timezone_change_keeps_slots_and_instants_unless_asked(tz_from: ZoneInfo, tz_to: ZoneInfo,
                                                               hours: list[int]) -> None:
    current = ScheduleSettings(timezone=tz_from.key, slots=(TimeSlot(2, "08:30"),))
    scheduled = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=h) for h in hours]
    kept, same = change_timezone(current, tz_to.key, scheduled)
    assert kept.slots == current.slots and kept.timezone == tz_to.key
    assert same == scheduled
    _, moved = change_timezone(current, tz_to.key, scheduled, move_scheduled=True)
    for old, new in zip(scheduled, moved, strict=True):
        assert to_local(new, tz_to) >= to_local(old, tz_from).replace(second=0, microsecond=0)


def test_recurrence_repeats_the_local_time_across_dst() -> None:
    first = resolve_local(datetime(2026, 3, 24, 9, 0), BERLIN)
    got = occurrences(first, BERLIN, Recurrence(frequency=Frequency.WEEKLY, count=3))
    assert [to_local(i, BERLIN) for i in got] == [datetime(2026, 3, 24, 9), datetime(2026, 3, 31, 9),
                                                  datetime(2026, 4, 7, 9)]


@given(texts=st.lists(st.text(max_size=20), min_size=2, max_size=6))
def test_recurrence_requires_variation(texts: list[str]) -> None:
    from inergize.domain.scheduling.recurrence import normalized_text

    distinct = len({normalized_text(t) for t in texts}) == len(texts)
    if distinct:
        check_variation(texts)
    else:
        with pytest.raises(ValidationFailed):
            check_variation(texts)


def test_bad_zone_and_slot_are_validation_errors() -> None:
    with pytest.raises(ValidationFailed):
        ScheduleSettings(timezone="Mars/Olympus")
    with pytest.raises(ValidationFailed):
        TimeSlot(8, "08:30")
    with pytest.raises(ValidationFailed):
        TimeSlot(1, "25:00")
