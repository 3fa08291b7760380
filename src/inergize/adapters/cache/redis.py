"""The Redis cache: plain string keys under the configured prefix, expiry by ``PX``."""

from __future__ import annotations

import math
from typing import Any


class RedisCache:
    """``Cache`` on Redis (shared by every process of the deployment)."""

    def __init__(self, client: Any, *, prefix: str) -> None:
        self._client = client
        self._prefix = prefix + "cache:"

    async def get(self, key: str) -> bytes | None:
        value = await self._client.get(self._prefix + key)
        return bytes(value) if value is not None else None

    async def set(self, key: str, value: bytes, *, ttl_seconds: float | None = None) -> None:
        if ttl_seconds is None:
            await self._client.set(self._prefix + key, value)
        elif ttl_seconds <= 0:
            await self._client.delete(self._prefix + key)
        else:
            await self._client.set(self._prefix + key, value, px=max(1, math.ceil(ttl_seconds * 1000)))

    async def delete(self, key: str) -> None:
        await self._client.delete(self._prefix + key)
