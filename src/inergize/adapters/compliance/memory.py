"""The in-process ``ActionLedger``: dictionaries behind one lock (worker threads share it)."""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence
from datetime import UTC, datetime

from inergize.ports.action_ledger import Claim, LedgerDecision, LedgerWindow
from inergize.ports.rate_budget import BudgetWindow

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def fixed_bounds(window: BudgetWindow, now: datetime) -> tuple[float, float]:
    """Start and end (Unix seconds) of the fixed window containing ``now``."""
    anchor = (window.anchor or _EPOCH).timestamp()
    index = (now.timestamp() - anchor) // window.seconds
    start = anchor + index * window.seconds
    return start, start + window.seconds


class MemoryActionLedger:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fixed: dict[tuple[str, str], list[float]] = {}  # (key, name) -> [window start, used]
        self._rolling: dict[tuple[str, str], list[float]] = {}  # (key, name) -> sorted spend instants
        self._claims: dict[str, set[str]] = {}

    def _used(self, lw: LedgerWindow, ts: float, now: datetime) -> tuple[int, float]:
        """Units used in the window at ``ts`` and the seconds until one unit frees up."""
        w = lw.window
        if w.rolling:
            spent = self._rolling.setdefault((lw.key, w.name), [])
            cut = bisect.bisect_right(spent, ts - w.seconds)
            del spent[:cut]  # older than the window: forget them
            retry = spent[0] + w.seconds - ts if spent else 0.0
            return len(spent), retry
        start, end = fixed_bounds(w, now)
        slot = self._fixed.get((lw.key, w.name))
        used = int(slot[1]) if slot and slot[0] == start else 0
        return used, end - ts

    def _decide(self, windows: Sequence[LedgerWindow], now: datetime, units: int,
                charge: bool) -> LedgerDecision:
        ts = now.timestamp()
        remaining: dict[str, int] = {}
        for lw in windows:
            used, retry = self._used(lw, ts, now)
            if lw.window.rolling and used + units > lw.window.limit:
                spent = self._rolling[(lw.key, lw.window.name)]
                idx = min(len(spent) - 1, used + units - lw.window.limit - 1)
                retry = spent[idx] + lw.window.seconds - ts if idx >= 0 else float(lw.window.seconds)
            if used + units > lw.window.limit:
                return LedgerDecision(allowed=False, denied_by=lw.window.name, retry_after=max(retry, 0.0),
                                      remaining={lw.window.name: max(lw.window.limit - used, 0)})
            remaining[lw.window.name] = lw.window.limit - used - (units if charge else 0)
        if charge:
            for lw in windows:
                w = lw.window
                if w.rolling:
                    spent = self._rolling[(lw.key, w.name)]
                    for _ in range(units):
                        bisect.insort(spent, ts)
                else:
                    start, _ = fixed_bounds(w, now)
                    slot = self._fixed.get((lw.key, w.name))
                    if slot is None or slot[0] != start:
                        slot = self._fixed[(lw.key, w.name)] = [start, 0]
                    slot[1] += units
        return LedgerDecision(allowed=True, remaining=remaining)

    async def spend(self, windows: Sequence[LedgerWindow], *, now: datetime, claim: Claim | None = None,
                    units: int = 1) -> LedgerDecision:
        with self._lock:
            if claim is not None and claim.member in self._claims.get(claim.key, ()):
                return LedgerDecision(allowed=False, duplicate=True, denied_by="duplicate")
            decision = self._decide(windows, now, units, charge=True)
            if decision.allowed and claim is not None:
                self._claims.setdefault(claim.key, set()).add(claim.member)
            return decision

    async def peek(self, windows: Sequence[LedgerWindow], *, now: datetime) -> LedgerDecision:
        with self._lock:
            return self._decide(windows, now, 1, charge=False)

    async def refund(self, windows: Sequence[LedgerWindow], *, now: datetime, claim: Claim | None = None,
                     units: int = 1) -> None:
        ts = now.timestamp()
        with self._lock:
            for lw in windows:
                w = lw.window
                if w.rolling:
                    spent = self._rolling.get((lw.key, w.name), [])
                    for _ in range(units):
                        i = bisect.bisect_left(spent, ts)
                        if i < len(spent) and spent[i] == ts:
                            del spent[i]
                else:
                    start, _ = fixed_bounds(w, now)
                    slot = self._fixed.get((lw.key, w.name))
                    if slot and slot[0] == start:
                        slot[1] = max(0, slot[1] - units)
            if claim is not None:
                self._claims.get(claim.key, set()).discard(claim.member)

    async def release(self, claim: Claim) -> None:
        with self._lock:
            self._claims.get(claim.key, set()).discard(claim.member)
