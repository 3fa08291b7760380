"""Properties of the in-process budget math, against a brute-force model of every charge ever made."""

from __future__ import annotations

import asyncio
import math
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from inergize.adapters.budgets import InProcessRateBudgets
from inergize.domain.platform.rate_budgets import fixed_window_bounds, rolling_wait
from inergize.ports.rate_budget import BudgetWindow

T0 = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)


def used_by_model(charges: list[tuple[float, int]], w: BudgetWindow, now: float) -> int:
    if w.rolling:
        return sum(u for t, u in charges if now - w.seconds < t <= now)
    origin = w.anchor.timestamp() if w.anchor else 0.0
    start, end = fixed_window_bounds(w.seconds, origin, now)
    return sum(u for t, u in charges if start <= t < end)


def model_allows(charges: list[tuple[float, int]], windows: list[BudgetWindow], now: float,
                 units: int) -> bool:
    return all(used_by_model(charges, w, now) + units <= w.limit for w in windows)


windows_st = st.lists(
    st.builds(
        lambda i, limit, seconds, rolling, anchor: BudgetWindow(
            name=f"w{i}", limit=limit, seconds=seconds, rolling=rolling,
            anchor=None if anchor is None else T0 + timedelta(seconds=anchor)),
        st.integers(0, 1_000_000), st.integers(1, 8), st.integers(1, 40), st.booleans(),
        st.none() | st.integers(-50, 50)),
    min_size=1, max_size=3, unique_by=lambda w: w.name)
ops_st = st.lists(st.tuples(st.sampled_from([0, 0, 0.5, 1, 2.25, 7, 30]), st.integers(1, 4), st.booleans()),
                  min_size=1, max_size=60)


@given(windows=windows_st, ops=ops_st)
def test_in_process_store_matches_the_model_and_its_retry_after_is_exact(
        windows: list[BudgetWindow], ops: list[tuple[float, int, bool]]) -> None:
    asyncio.run(_check(windows, ops))


async def _check(windows: list[BudgetWindow], ops: list[tuple[float, int, bool]]) -> None:
    store = InProcessRateBudgets()
    charges: list[tuple[float, int]] = []
    t = 1000.0
    for dt, units, refund in ops:
        t += dt
        now = T0 + timedelta(seconds=t)
        at = now.timestamp()
        charged_now = sum(u for t0, u in charges if t0 == at)
        if refund and charged_now > 0:
            # give back part of what was charged at this very moment
            back = min(units, charged_now)
            await store.refund("k", windows, now=now, units=back)
            charges.append((at, -back))
            continue
        expected = model_allows(charges, windows, at, units)
        d = await store.spend("k", windows, now=now, units=units)
        assert d.allowed is expected
        if d.allowed:
            charges.append((at, units))
            assert d.retry_after == 0
        elif units > min(w.limit for w in windows):
            assert math.isinf(d.retry_after)
        else:
            # nobody else spends: the same spend succeeds exactly after retry_after, not a moment before
            assert d.retry_after > 0
            assert model_allows(charges, windows, at + d.retry_after, units)
            if d.retry_after > 1e-3:
                assert not model_allows(charges, windows, at + d.retry_after - 1e-3, units)
        assert d.remaining == {w.name: max(0, w.limit - used_by_model(charges, w, at)) for w in windows}
        assert all(used_by_model(charges, w, at) <= w.limit for w in windows)  # never over-spent


@given(seconds=st.integers(1, 10**6), origin=st.floats(-1e9, 1e9), now=st.floats(0, 4e9))
def test_fixed_window_bounds_hold_now_and_align_to_the_origin(seconds: int, origin: float,
                                                              now: float) -> None:
    start, end = fixed_window_bounds(seconds, origin, now)
    assert start <= now + 1e-6 and now < end + 1e-6
    assert end - start == seconds
    assert abs(round((start - origin) / seconds) - (start - origin) / seconds) < 1e-6


@given(entries=st.lists(st.tuples(st.integers(0, 100), st.integers(1, 5)), max_size=20),
       need=st.integers(1, 30), seconds=st.integers(1, 50))
def test_rolling_wait_is_the_first_moment_enough_units_have_left(
        entries: list[tuple[int, int]], need: int, seconds: int) -> None:
    entries = sorted(entries)
    now = 100.0
    wait = rolling_wait(entries, need=need, seconds=seconds, now=now)

    def freed_at(moment: float) -> int:
        return sum(u for t, u in entries if t + seconds <= moment)

    if math.isinf(wait):
        assert sum(u for _, u in entries) < need
    else:
        assert freed_at(now + wait) >= need
        assert wait == 0 or freed_at(now + wait - 1e-9) < need
