"""The shared ``redis.asyncio`` client and its health check.

A client's connection pool belongs to the event loop that first used it: each loop (the API's, each
worker's) gets its own client from its own container."""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis


def make_redis_client(url: str) -> Any:
    """A pooled client for ``url`` that returns bytes; connections open on first use."""
    return aioredis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)


class RedisHealth:
    """``/ready``: Redis answers PING (the cache and the budgets live there)."""

    def __init__(self, client: Any, name: str = "cache") -> None:
        self.name = name
        self._client = client

    async def check(self) -> None:
        await self._client.ping()
