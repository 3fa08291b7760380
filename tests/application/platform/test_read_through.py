"""Reads through the read cache: concurrent misses share one load; a failed load is not shared; a value
loaded across a write is never served after it."""

from __future__ import annotations

import asyncio

import pytest

from inergize.adapters.read_cache import InProcessReadCache
from inergize.application.platform.read_through import read_through


def codec() -> dict[str, object]:
    return {"encode": lambda v: str(v).encode(), "decode": lambda b: int(b)}


async def test_concurrent_misses_share_one_load_and_later_reads_hit_the_cache() -> None:
    cache, loads = InProcessReadCache(max_ttl_seconds=30), []

    async def load() -> int:
        loads.append(1)
        await asyncio.sleep(0.05)
        return 7

    results = await asyncio.gather(*(read_through(cache, "s", "k", ttl_seconds=30, load=load, **codec())
                                     for _ in range(20)))
    assert results == [7] * 20 and len(loads) == 1
    assert await read_through(cache, "s", "k", ttl_seconds=30, load=load, **codec()) == 7
    assert len(loads) == 1


async def test_a_failed_load_is_not_shared_the_others_load_on_their_own() -> None:
    cache, calls = InProcessReadCache(max_ttl_seconds=30), []

    async def load() -> int:
        calls.append(1)
        await asyncio.sleep(0.02)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return 3

    first = asyncio.ensure_future(read_through(cache, "s", "k", ttl_seconds=30, load=load, **codec()))
    await asyncio.sleep(0)
    second = asyncio.ensure_future(read_through(cache, "s", "k", ttl_seconds=30, load=load, **codec()))
    with pytest.raises(RuntimeError):
        await first
    assert await second == 3


async def test_a_value_loaded_while_a_write_bumped_the_scope_is_not_served_afterwards() -> None:
    cache, data = InProcessReadCache(max_ttl_seconds=30), {"v": 1}

    async def load() -> int:
        seen = data["v"]
        data["v"] = 2  # a write commits during the load ...
        await cache.bump(["s"])  # ... and bumps before it answers
        return seen

    assert await read_through(cache, "s", "k", ttl_seconds=30, load=load, **codec()) == 1
    assert await read_through(cache, "s", "k", ttl_seconds=30, load=lambda: asyncio.sleep(0, 2), **codec()) == 2


async def test_without_a_cache_or_a_lifetime_every_read_loads() -> None:
    loads = []

    async def load() -> int:
        loads.append(1)
        return 1

    await read_through(None, "s", "k", ttl_seconds=30, load=load, **codec())
    await read_through(InProcessReadCache(), "s", "k", ttl_seconds=0, load=load, **codec())
    await read_through(InProcessReadCache(), "s", "k", ttl_seconds=0, load=load, **codec())
    assert len(loads) == 3
