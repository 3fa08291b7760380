from __future__ import annotations

from typing import Protocol


class Cache(Protocol):
    """A shared byte cache with expiry (in-process LRU, or Redis). Keys are namespaced by the caller."""

    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, *, ttl_seconds: float | None = None) -> None: ...

    async def delete(self, key: str) -> None: ...
