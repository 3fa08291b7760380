"""A ReadCache in dicts whose entries expire on the test's clock: generations are counters per scope."""

from __future__ import annotations

import itertools
from collections.abc import Collection

from inergize.ports.clock import Clock


class FakeReadCache:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._ids = itertools.count(1)
        self._generations: dict[str, str] = {}
        self._entries: dict[tuple[str, str, str], tuple[bytes, float]] = {}  # (scope, gen, key) -> value, end

    async def read(self, scope: str, key: str) -> tuple[str, bytes | None]:
        generation = self._generations.setdefault(scope, f"g{next(self._ids)}")
        entry = self._entries.get((scope, generation, key))
        if entry is None or entry[1] <= self._clock.monotonic():
            return generation, None
        return generation, entry[0]

    async def store(self, scope: str, generation: str, key: str, value: bytes, *, ttl_seconds: float) -> None:
        if ttl_seconds > 0:  # a non-positive TTL keeps nothing
            self._entries[(scope, generation, key)] = (bytes(value), self._clock.monotonic() + ttl_seconds)

    async def bump(self, scopes: Collection[str]) -> None:
        for scope in scopes:
            self._generations[scope] = f"g{next(self._ids)}"  # older generations are never read again
