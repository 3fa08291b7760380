"""The Redis read cache: a scope's generation and its entries under one hash tag (``{scope}``), so
they share a Redis Cluster slot; a read is one script call (generation and entry in one round trip)."""

from __future__ import annotations

import math
import os
from collections.abc import Collection
from typing import Any

from inergize.adapters.redis.pipelining import PipelinedScript

# KEYS[1]: the scope's generation key. ARGV: a new generation (used when there is none), its lifetime
# in ms, the entry key's prefix and suffix (the generation goes between).
READ = """
local generation = redis.call('GET', KEYS[1])
if not generation then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return {ARGV[1], false}
end
return {generation, redis.call('GET', ARGV[3] .. generation .. ARGV[4])}
"""

# A generation outlives the entries stored under it; when it expires the scope starts a new one, which
# only costs a miss.
GENERATION_TTL_MS = 86_400_000


class RedisReadCache:
    """``ReadCache`` on Redis, shared by every API process and worker of the deployment: a bump made by
    one is seen by the next read of any other."""

    def __init__(self, client: Any, *, prefix: str) -> None:
        self._client = client
        self._prefix = prefix + "read:"
        # reads made while the previous batch is out go together (the budgets' checks do the same)
        self._read = PipelinedScript(client, READ)

    def _generation_key(self, scope: str) -> str:
        return f"{self._prefix}{{{scope}}}:g"

    async def read(self, scope: str, key: str) -> tuple[str, bytes | None]:
        base = f"{self._prefix}{{{scope}}}:"
        # a new generation in case the scope has none: as random as a uuid4, without building a UUID
        reply = await self._read.call([base + "g"], [os.urandom(16).hex(), GENERATION_TTL_MS, base + "e:", ":" + key])
        generation, value = reply
        return (generation.decode() if isinstance(generation, bytes) else str(generation),
                bytes(value) if value is not None else None)

    async def store(self, scope: str, generation: str, key: str, value: bytes, *, ttl_seconds: float) -> None:
        if ttl_seconds <= 0:
            return
        await self._client.set(f"{self._prefix}{{{scope}}}:e:{generation}:{key}", value,
                               px=max(1, math.ceil(ttl_seconds * 1000)))

    async def bump(self, scopes: Collection[str]) -> None:
        # Deleting the generation is enough: the next read starts a random new one.
        if len(scopes) == 1:
            await self._client.delete(self._generation_key(next(iter(scopes))))
        elif scopes:
            pipe = self._client.pipeline(transaction=False)
            for scope in scopes:
                pipe.delete(self._generation_key(scope))
            await pipe.execute()
