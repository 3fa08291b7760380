"""The Redis read cache: a scope's generation and its entries under one hash tag (``{scope}``), so they
share a Redis Cluster slot. An entry is kept with the generation it was computed under in front of it,
and is served only while that is still the scope's generation; a bump deletes the generation.

A read is a plain ``GET`` of the generation and the entry: the reads made while the previous batch is
out are one ``MGET`` (``pipelining.BatchedGet``), so the batch's reads span several scopes' slots: one
Redis server, as deployed. Nothing passes through Lua: a script's reply is copied into Lua and out again,
which for a cached page of kilobytes cost Redis more than the read itself. Only a scope with no
generation (new, bumped, or expired) costs a second call, which starts one (``SET NX GET``: concurrent
readers agree on the winner)."""

from __future__ import annotations

import math
import os
from collections.abc import Collection
from typing import Any

from inergize.adapters.redis import as_text
from inergize.adapters.redis.pipelining import BatchedGet

# A generation outlives the entries stored under it; when it expires the scope starts a new one, which
# only costs a miss.
GENERATION_TTL_MS = 86_400_000
_SEPARATOR = b"\n"  # between an entry's generation (hex) and its value


class RedisReadCache:
    """``ReadCache`` on Redis, shared by every API process and worker of the deployment: a bump made by
    one is seen by the next read of any other."""

    def __init__(self, client: Any, *, prefix: str) -> None:
        self.client = client
        self._prefix = prefix + "read:"
        self._gets = BatchedGet(client)  # reads made while the previous batch is out: one MGET

    def key_prefix(self, scope_prefix: str) -> str:
        """What every key of the scopes starting with ``scope_prefix`` starts with."""
        return f"{self._prefix}{{{scope_prefix}"

    def scope_of(self, key: bytes) -> str | None:
        """The scope a key of this cache belongs to (None for any other key)."""
        text = key.decode()
        if not text.startswith(self._prefix + "{"):
            return None
        scope, brace, _ = text[len(self._prefix) + 1:].partition("}")
        return scope if brace else None

    def _generation_key(self, scope: str) -> str:
        return f"{self._prefix}{{{scope}}}:g"

    async def read(self, scope: str, key: str) -> tuple[str, bytes | None]:
        base = f"{self._prefix}{{{scope}}}:"
        generation, entry = await self._gets.get([base + "g", base + "e:" + key])
        if generation is None:
            # a new generation, as random as a uuid4; if another reader started one first, it wins
            started = os.urandom(16).hex()
            earlier = await self.client.set(base + "g", started, nx=True, get=True, px=GENERATION_TTL_MS)
            return (started if earlier is None else as_text(earlier)), None
        if entry is not None and entry.startswith(generation + _SEPARATOR):
            return as_text(generation), entry[len(generation) + 1:]
        return as_text(generation), None  # none, or computed under a generation since bumped

    async def store(self, scope: str, generation: str, key: str, value: bytes, *, ttl_seconds: float) -> None:
        if ttl_seconds <= 0:
            return
        await self.client.set(f"{self._prefix}{{{scope}}}:e:{key}", generation.encode() + _SEPARATOR + value,
                               px=max(1, math.ceil(ttl_seconds * 1000)))

    async def bump(self, scopes: Collection[str]) -> None:
        # Deleting the generation is enough: the next read starts a random new one.
        if len(scopes) == 1:
            await self.client.delete(self._generation_key(next(iter(scopes))))
        elif scopes:
            pipe = self.client.pipeline(transaction=False)
            for scope in scopes:
                pipe.delete(self._generation_key(scope))
            await pipe.execute()
