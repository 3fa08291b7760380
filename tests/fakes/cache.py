"""A Cache in a dict whose entries expire on the test's clock (no sleeping to see a TTL pass)."""

from __future__ import annotations

from inergize.ports.clock import Clock


class FakeCache:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._entries: dict[str, tuple[bytes, float | None]] = {}

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        value, expires = entry
        if expires is not None and self._clock.monotonic() >= expires:
            del self._entries[key]
            return None
        return value

    async def set(self, key: str, value: bytes, *, ttl_seconds: float | None = None) -> None:
        if ttl_seconds is not None and ttl_seconds <= 0:
            self._entries.pop(key, None)  # a non-positive TTL means gone, as on Redis
            return
        expires = None if ttl_seconds is None else self._clock.monotonic() + ttl_seconds
        self._entries[key] = (bytes(value), expires)

    async def delete(self, key: str) -> None:
        self._entries.pop(key, None)
