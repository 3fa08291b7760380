"""The in-process read cache: generations in a dictionary, entries in an LRU map with expiry."""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection


class InProcessReadCache:
    """``ReadCache`` in one process's memory, authoritative for that process: every write made in it
    bumps the generation at once. Another process (a second server, the CLI) cannot reach this memory,
    so entries live at most ``max_ttl_seconds``: that bounds how long a change made elsewhere goes unseen.
    Thread-safe: the embedded workers' event loop shares it."""

    def __init__(self, *, max_entries: int = 10_000, max_ttl_seconds: float = 1.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max = max_entries
        self._max_ttl = max_ttl_seconds
        self._now = monotonic
        self._lock = threading.Lock()
        self._generations: dict[str, str] = {}
        self._counter = itertools.count(1)
        self._items: OrderedDict[tuple[str, str, str], tuple[bytes, float]] = OrderedDict()

    async def read(self, scope: str, key: str) -> tuple[str, bytes | None]:
        with self._lock:
            generation = self._generations.get(scope)
            if generation is None:
                generation = self._generations[scope] = str(next(self._counter))
                return generation, None
            entry_key = (scope, generation, key)
            item = self._items.get(entry_key)
            if item is None:
                return generation, None
            if item[1] <= self._now():
                del self._items[entry_key]
                return generation, None
            self._items.move_to_end(entry_key)
            return generation, item[0]

    async def store(self, scope: str, generation: str, key: str, value: bytes, *, ttl_seconds: float) -> None:
        ttl = min(ttl_seconds, self._max_ttl)
        if ttl <= 0:
            return
        with self._lock:
            if self._generations.get(scope) != generation:
                return  # bumped meanwhile: nobody would read it
            self._items[(scope, generation, key)] = (value, self._now() + ttl)
            self._items.move_to_end((scope, generation, key))
            while len(self._items) > self._max:
                self._items.popitem(last=False)
            if len(self._generations) > 4 * self._max:
                self._forget_generations()

    async def bump(self, scopes: Collection[str]) -> None:
        with self._lock:
            for scope in scopes:
                # a fresh number, never reused: entries under the old one are dropped as they are met
                self._generations[scope] = str(next(self._counter))

    def _forget_generations(self) -> None:
        """Drop the generations of scopes that hold no entry (a forgotten scope starts a new one)."""
        live = {scope for scope, _, _ in self._items}
        self._generations = {s: g for s, g in self._generations.items() if s in live}

    def __len__(self) -> int:
        return len(self._items)
