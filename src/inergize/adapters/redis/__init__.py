"""The shared ``redis.asyncio`` client and its health check.

A client's connection pool belongs to the event loop that first used it: each loop (the API's, each
worker's) gets its own client from its own container."""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis

MAX_CONNECTIONS = 64  # per event loop
POOL_WAIT_SECONDS = 10.0


def make_redis_client(url: str, *, max_connections: int = MAX_CONNECTIONS) -> Any:
    """A pooled client for ``url`` that returns bytes; connections open on first use.

    The pool *waits* for a free connection (up to ``POOL_WAIT_SECONDS``) when every one is busy: the
    default pool raises ``MaxConnectionsError`` instead, which under a burst (a publish job's budget
    checks) turned ordinary load into failed calls."""
    pool: Any = aioredis.BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=POOL_WAIT_SECONDS,
        socket_connect_timeout=5,
        health_check_interval=30,
    )
    return aioredis.Redis(connection_pool=pool)


def as_text(value: Any) -> str:
    """A reply as text: the client returns bytes, Lua numbers come back as integers."""
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisHealth:
    """``/ready``: Redis answers PING (the cache and the budgets live there)."""

    def __init__(self, client: Any, name: str = "cache") -> None:
        self.name = name
        self._client = client

    async def check(self) -> None:
        await self._client.ping()
