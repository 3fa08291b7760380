"""The Clock contract over the fake and the system clock (the one adapter, embedded and in production):
``now`` is an aware instant in UTC, and neither clock goes back while the fake is only moved forward."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from inergize.adapters.clock import SystemClock
from inergize.ports.clock import Clock
from tests.fakes.clock import FakeClock


@pytest.fixture(params=["fake", "system"])
def any_clock(request: pytest.FixtureRequest) -> Clock:
    return FakeClock() if request.param == "fake" else SystemClock()


def test_now_is_an_aware_instant_in_utc(any_clock: Clock) -> None:
    now = any_clock.now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert now.tzinfo is UTC


def test_neither_clock_goes_back(any_clock: Clock) -> None:
    readings = [(any_clock.now(), any_clock.monotonic()) for _ in range(3)]
    assert readings == sorted(readings)


def test_the_fake_moves_both_clocks_together() -> None:
    clock = FakeClock()
    start, mono = clock.now(), clock.monotonic()
    clock.advance(90)
    assert (clock.now() - start, clock.monotonic() - mono) == (timedelta(seconds=90), 90)
