"""Vacation mode's rules: a pause with an end date holds the queue until that instant and no longer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.domain.platform.errors import ValidationFailed
from inergize.domain.scheduling.schedules import (
    MAX_LOOKAHEAD_DAYS,
    ScheduleSettings,
    is_paused_at,
    pause_has_ended,
    pause_queue,
    resume_queue,
)

NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
ahead = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=MAX_LOOKAHEAD_DAYS))
moment = st.timedeltas(min_value=timedelta(days=-400), max_value=timedelta(days=400))


@given(ahead, moment)
def test_a_pause_with_an_end_holds_the_queue_exactly_until_that_end(length: timedelta, offset: timedelta) -> None:
    paused = pause_queue(ScheduleSettings(), until=NOW + length, now=NOW)
    at = NOW + offset
    assert is_paused_at(paused, at) == (at < NOW + length)
    assert pause_has_ended(paused, at) == (at >= NOW + length)


@given(moment)
def test_a_pause_without_an_end_holds_until_resumed(offset: timedelta) -> None:
    paused = pause_queue(ScheduleSettings(), until=None, now=NOW)
    assert is_paused_at(paused, NOW + offset) and not pause_has_ended(paused, NOW + offset)
    resumed = resume_queue(paused)
    assert not is_paused_at(resumed, NOW + offset) and not pause_has_ended(resumed, NOW + offset)


@given(ahead, moment)
def test_resuming_drops_the_end_and_pausing_again_replaces_it(length: timedelta, offset: timedelta) -> None:
    once = pause_queue(ScheduleSettings(), until=NOW + length, now=NOW)
    assert resume_queue(once).paused_until is None
    assert pause_queue(once, until=None, now=NOW).paused_until is None
    assert not is_paused_at(resume_queue(once), NOW + offset)


@given(st.timedeltas(min_value=timedelta(days=-400), max_value=timedelta(0)))
def test_an_end_that_is_not_ahead_is_refused(back: timedelta) -> None:
    with pytest.raises(ValidationFailed) as refused:
        pause_queue(ScheduleSettings(), until=NOW + back, now=NOW)
    assert refused.value.extra["field"] == "pausedUntil"


def test_an_end_past_a_year_or_without_a_zone_is_refused() -> None:
    for until in (NOW + timedelta(days=MAX_LOOKAHEAD_DAYS, seconds=1), datetime(2026, 7, 2, 9, 0)):
        with pytest.raises(ValidationFailed):
            pause_queue(ScheduleSettings(), until=until, now=NOW)


def test_only_a_paused_queue_has_an_end() -> None:
    with pytest.raises(ValidationFailed):
        ScheduleSettings(paused=False, paused_until=NOW)
