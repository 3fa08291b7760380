"""The Redis read cache: a scope's generation and its entries under one hash tag (``{scope}``), so
they share a Redis Cluster slot; the reads made while the previous batch is out are one script call
(each read's generation and entry, in one round trip), so the batch's reads span several scopes' slots:
one Redis server, as deployed."""

from __future__ import annotations

import math
import os
from collections.abc import Collection
from typing import Any

from inergize.adapters.redis.pipelining import BatchedScript

# The reads of a batch in one run; read i has KEYS[i], its scope's generation key, and four ARGV: a new
# generation (used when there is none), its lifetime in ms, the entry key's prefix and suffix (the
# generation goes between). One {generation, entry} per read, in order.
READ = """
local out = {}
for i, key in ipairs(KEYS) do
  local a = (i - 1) * 4
  local generation = redis.call('GET', key)
  if not generation then
    redis.call('SET', key, ARGV[a + 1], 'PX', ARGV[a + 2])
    out[i] = {ARGV[a + 1], false}
  else
    out[i] = {generation, redis.call('GET', ARGV[a + 3] .. generation .. ARGV[a + 4])}
  end
end
return out
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
        # reads made while the previous batch is out go together, as one script call
        self._read = BatchedScript(client, READ)

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
