"""The Redis read cache with a near copy of some scopes in the process: a user's access state, read on
every request, is then read from memory instead of from Redis.

A near entry is a value this process read from Redis, kept for at most ``max_age_seconds`` and dropped
as soon as Redis reports that a key of its scope changed, was deleted or expired
(``adapters/redis/tracking.py``). Redis sends that report before its reply to the write, and a request
asks Redis for its API budget before it reads its access state, so a logout or a disabled account
made through any process is seen by the next request of every other; ``max_age_seconds`` (at most one
second) bounds what is served should reports stop arriving unnoticed. Without a live feed nothing is
kept near and every read goes to Redis."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection, Sequence

from inergize.adapters.read_cache.redis import RedisReadCache
from inergize.adapters.redis.tracking import ChangeFeed


class NearReadCache:
    """``ReadCache``: ``shared`` (Redis), with the scopes starting with one of ``near_scopes`` kept near
    too, in the event loop that first reads one (reads from any other loop go to Redis)."""

    def __init__(self, shared: RedisReadCache, *, near_scopes: Sequence[str], max_age_seconds: float,
                 max_scopes: int = 10_000, monotonic: Callable[[], float] = time.monotonic) -> None:
        if not 0 < max_age_seconds <= 1:
            raise ValueError("max_age_seconds must be more than 0 and at most 1")
        self._shared = shared
        self._near = tuple(near_scopes)
        self._max_age = max_age_seconds
        self._max_scopes = max_scopes
        self._now = monotonic
        self._entries: dict[str, dict[str, tuple[str, bytes, float]]] = {}  # scope → key → (generation, value, until)
        # Moves on every report, and when the feed opens or is lost: a value read from Redis is kept only
        # if the feed is live and the epoch did not move while the read was out.
        self._epoch = 0
        self.feed = ChangeFeed(shared.client, [shared.key_prefix(s) for s in self._near], self._changed)
        self._loop: asyncio.AbstractEventLoop | None = None

    async def read(self, scope: str, key: str) -> tuple[str, bytes | None]:
        if not scope.startswith(self._near) or not self._in_own_loop():
            return await self._shared.read(scope, key)
        if self.feed.live:
            hit = self._entries.get(scope, {}).get(key)
            if hit is not None and hit[2] > self._now():
                return hit[0], hit[1]
        epoch = self._epoch
        generation, value = await self._shared.read(scope, key)
        if value is not None and self.feed.live and epoch == self._epoch:
            self._keep(scope, key, generation, value)
        return generation, value

    async def store(self, scope: str, generation: str, key: str, value: bytes, *, ttl_seconds: float) -> None:
        # Kept near only once read back from Redis: by then a bump made meanwhile would have hidden it.
        await self._shared.store(scope, generation, key, value, ttl_seconds=ttl_seconds)

    async def bump(self, scopes: Collection[str]) -> None:
        self._forget(scopes)
        await self._shared.bump(scopes)
        # A read answered by Redis before the bump, whose report has not come yet, may have kept its
        # value near while the bump was out.
        self._forget(scopes)

    async def aclose(self) -> None:
        await self.feed.aclose()

    def watch(self) -> None:
        """Open the change feed in the running event loop, the one near entries are kept for (the first
        near read does, when this was not called)."""
        self._in_own_loop()

    def _in_own_loop(self) -> bool:
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
            self.feed.start()
        return loop is self._loop

    def _keep(self, scope: str, key: str, generation: str, value: bytes) -> None:
        if scope not in self._entries and len(self._entries) >= self._max_scopes:
            self._entries.clear()  # rare (more users at once than scopes kept): start over
        self._entries.setdefault(scope, {})[key] = (generation, value, self._now() + self._max_age)

    def _forget(self, scopes: Collection[str]) -> None:
        self._epoch += 1
        for scope in scopes:
            self._entries.pop(scope, None)

    def _changed(self, keys: Sequence[bytes] | None) -> None:
        """The change feed's report (None: any key may have changed)."""
        if keys is None:
            self._epoch += 1
            self._entries.clear()
        else:
            self._forget([scope for k in keys if (scope := self._shared.scope_of(k)) is not None])

    def __len__(self) -> int:
        return sum(map(len, self._entries.values()))
