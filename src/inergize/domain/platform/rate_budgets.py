"""Rate-budget arithmetic shared by every budget store: where a fixed window starts and ends, and how
long a rolling window must wait until enough units have aged out. Pure functions of numbers."""

from __future__ import annotations

import math
from collections.abc import Iterable


def fixed_window_bounds(seconds: int, origin: float, now: float) -> tuple[float, float]:
    """The fixed window of length ``seconds`` (aligned to ``origin``, a Unix time) that holds ``now``."""
    if seconds <= 0:
        raise ValueError("a window lasts at least one second")
    start = origin + math.floor((now - origin) / seconds) * seconds
    return start, start + seconds


def rolling_wait(entries: Iterable[tuple[float, int]], *, need: int, seconds: int, now: float) -> float:
    """Seconds until units charged at the (ascending) ``entries`` times free at least ``need`` units.

    An entry charged at ``t`` stops counting at ``t + seconds``. Entries sharing a time leave together
    (a refund is a negative entry at its charge's time), so the total is only compared at a change of
    time. ``math.inf`` when the entries never free ``need`` units."""
    freed = 0
    previous: float | None = None
    for at, units in entries:
        if previous is not None and at != previous and freed >= need:
            return max(0.0, previous + seconds - now)
        freed += units
        previous = at
    if previous is not None and freed >= need:
        return max(0.0, previous + seconds - now)
    return math.inf


def check_units(units: int) -> None:
    if units < 1:
        raise ValueError("spend at least one unit")


def check_window_names(names: Iterable[str]) -> None:
    seen = list(names)
    if len(set(seen)) != len(seen):
        raise ValueError("budget windows of one check need distinct names")
