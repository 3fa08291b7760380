"""The in-process cache: least-recently-used eviction above ``max_entries`` plus per-entry expiry."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class InProcessCache:
    """``Cache`` in one process's memory. Thread-safe: the embedded workers' loop shares it."""

    def __init__(self, *, max_entries: int = 10_000, monotonic: Callable[[], float] = time.monotonic) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max = max_entries
        self._now = monotonic
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[bytes, float | None]] = OrderedDict()

    async def get(self, key: str) -> bytes | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            value, expires = item
            if expires is not None and expires <= self._now():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return value

    async def set(self, key: str, value: bytes, *, ttl_seconds: float | None = None) -> None:
        if ttl_seconds is not None and ttl_seconds <= 0:
            await self.delete(key)  # already expired: what Redis does with a non-positive expiry
            return
        expires = None if ttl_seconds is None else self._now() + ttl_seconds
        with self._lock:
            self._items[key] = (value, expires)
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    async def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)
