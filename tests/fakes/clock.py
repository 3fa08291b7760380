from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float = 0, **kwargs: float) -> datetime:
        delta = timedelta(seconds=seconds, **kwargs)
        self._now += delta
        self._mono += delta.total_seconds()
        return self._now

    def set(self, when: datetime) -> None:
        self._mono += (when - self._now).total_seconds()
        self._now = when

    def reset(self, when: datetime) -> None:
        """Start a new test at ``when``; the monotonic clock still only moves forward."""
        self._now = when
        self._mono += 1.0
