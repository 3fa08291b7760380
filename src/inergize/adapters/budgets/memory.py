"""The in-process rate-budget store: exact fixed and rolling windows kept in dictionaries.

A ``threading.Lock`` guards every decision because the embedded Dramatiq workers run their own event
loop in another thread and share this store with the API loop. Nothing inside the lock awaits."""

from __future__ import annotations

import bisect
import math
import threading
from collections import deque
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from inergize.domain.platform.rate_budgets import (
    check_units,
    check_window_names,
    fixed_window_bounds,
    rolling_wait,
)
from inergize.ports.rate_budget import BudgetDecision, BudgetWindow

SWEEP_EVERY = 50_000  # decisions between sweeps that forget finished windows


class _Log:
    """A rolling window's charges, ascending by time, and their total."""

    __slots__ = ("entries", "total")

    def __init__(self) -> None:
        self.entries: deque[list[float]] = deque()  # [time, units]
        self.total = 0

    def prune(self, cutoff: float) -> None:
        entries = self.entries
        while entries and entries[0][0] <= cutoff:
            self.total -= int(entries.popleft()[1])

    def add(self, at: float, units: int) -> None:
        entries = self.entries
        if entries and entries[-1][0] == at:
            entries[-1][1] += units
        elif not entries or entries[-1][0] < at:
            entries.append([at, units])
        else:  # a caller whose clock is behind: keep the log sorted
            i = bisect.bisect_left([e[0] for e in entries], at)
            if i < len(entries) and entries[i][0] == at:
                entries[i][1] += units
            else:
                entries.insert(i, [at, units])
        self.total += units


class InProcessRateBudgets:
    """``RateBudgetStore`` in memory: exact, fast, per process (use Redis to share budgets)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fixed: dict[tuple[str, str, int], list[float]] = {}  # -> [start, end, used]
        self._rolling: dict[tuple[str, str, int], _Log] = {}
        self._decisions = 0

    async def spend(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                    units: int = 1) -> BudgetDecision:
        if units < 1:
            check_units(units)
        return self._decide(key, windows, now.timestamp(), units, charge=True)

    async def peek(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                   units: int = 1) -> BudgetDecision:
        check_units(units)
        return self._decide(key, windows, now.timestamp(), units, charge=False)

    async def refund(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                     units: int = 1) -> None:
        check_units(units)
        at = now.timestamp()
        with self._lock:
            for w in windows:
                wkey = (key, w.name, w.seconds)
                if w.rolling:
                    log = self._rolling.get(wkey)
                    if log is not None:
                        log.add(at, -units)  # leaves the window together with the charge it cancels
                else:
                    start, _ = fixed_window_bounds(w.seconds, _origin(w), at)
                    state = self._fixed.get(wkey)
                    if state is not None and state[0] == start:
                        state[2] = max(0, state[2] - units)

    async def spend_all(self, charges: Sequence[tuple[str, Sequence[BudgetWindow]]], *, now: datetime,
                        units: int = 1) -> list[BudgetDecision]:
        check_units(units)
        at = now.timestamp()
        with self._lock:
            checked = [self._check(key, windows, at, units) for key, windows in charges]
            spent = units if all(allowed for allowed, _, _ in checked) else 0
            if spent:
                for (key, _), (_, _, seen) in zip(charges, checked, strict=True):
                    self._charge(key, seen, at, units)
        return [_decision(allowed, retry, seen, spent) for allowed, retry, seen in checked]

    def _decide(self, key: str, windows: Sequence[BudgetWindow], now: float, units: int, *,
                charge: bool) -> BudgetDecision:
        with self._lock:
            allowed, retry, seen = self._check(key, windows, now, units)
            spent = units if allowed and charge else 0
            if spent:
                self._charge(key, seen, now, units)
        return _decision(allowed, retry, seen, spent)

    def _check(self, key: str, windows: Sequence[BudgetWindow], now: float,
               units: int) -> tuple[bool, float, list[tuple[BudgetWindow, int, Any]]]:
        """Whether every window of ``key`` has room for ``units``, the wait if not, and per window (the
        window, units used, where a charge goes). Called under the lock; charges nothing."""
        if len(windows) > 1:
            check_window_names(w.name for w in windows)
        seen: list[tuple[BudgetWindow, int, Any]] = []
        retry = 0.0
        allowed = True
        self._decisions += 1
        if self._decisions % SWEEP_EVERY == 0:
            self._sweep(now)
        for w in windows:
            wkey = (key, w.name, w.seconds)
            if w.rolling:
                log = self._rolling.get(wkey)
                if log is not None:
                    log.prune(now - w.seconds)
                n = log.total if log is not None else 0
                if n + units > w.limit:
                    allowed = False
                    wait = (math.inf if units > w.limit else
                            rolling_wait(((e[0], int(e[1])) for e in log.entries) if log else (),
                                         need=n + units - w.limit, seconds=w.seconds, now=now))
                    retry = max(retry, wait)
                seen.append((w, n, log))
            else:
                # fixed_window_bounds, inlined: this is the hot path of every API rate limit
                origin = w.anchor.timestamp() if w.anchor is not None else 0.0
                start = origin + math.floor((now - origin) / w.seconds) * w.seconds
                end = start + w.seconds
                state = self._fixed.get(wkey)
                if state is None or state[0] != start:
                    n = 0
                    state = None
                else:
                    n = int(state[2])
                if n + units > w.limit:
                    allowed = False
                    retry = max(retry, math.inf if units > w.limit else end - now)
                seen.append((w, n, state if state is not None else (start, end)))
        return allowed, retry, seen

    def _charge(self, key: str, seen: list[tuple[BudgetWindow, int, Any]], now: float, units: int) -> None:
        """Charge ``units`` to the windows :meth:`_check` saw (under the lock)."""
        for w, _, where in seen:
            wkey = (key, w.name, w.seconds)
            if w.rolling:
                if where is None:
                    where = self._rolling[wkey] = _Log()
                where.add(now, units)
            elif isinstance(where, list):
                where[2] += units
            else:
                self._fixed[wkey] = [where[0], where[1], units]

    def _sweep(self, now: float) -> None:
        """Forget fixed windows that have ended and rolling logs that are empty (memory stays bounded)."""
        for k in [k for k, s in self._fixed.items() if s[1] <= now]:
            del self._fixed[k]
        for k, log in list(self._rolling.items()):
            log.prune(now - k[2])
            if not log.entries:
                del self._rolling[k]


def _decision(allowed: bool, retry: float, seen: list[tuple[BudgetWindow, int, Any]],
              spent: int) -> BudgetDecision:
    remaining = {}
    limits = {}
    for w, n, _ in seen:
        remaining[w.name] = max(0, w.limit - n - spent)
        limits[w.name] = w.limit
    return BudgetDecision(allowed=allowed, retry_after=retry, remaining=remaining, limit=limits)


def _origin(window: BudgetWindow) -> float:
    return window.anchor.timestamp() if window.anchor is not None else 0.0
