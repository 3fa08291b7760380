"""The Cache contract, run over the fake, the in-process cache (embedded default) and real Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from inergize.adapters.cache import InProcessCache, RedisCache
from inergize.adapters.redis import make_redis_client
from tests.fakes.cache import FakeCache
from tests.fakes.clock import FakeClock
from tests.support.services import implementation


@pytest.fixture(params=["fake", "memory", "redis"])
async def cache(request: pytest.FixtureRequest, clock: FakeClock) -> Any:
    async with implementation(request, fake=lambda: FakeCache(clock), memory=lambda: InProcessCache(max_entries=100),
                              redis=lambda client, prefix: RedisCache(client, prefix=prefix)) as cache:
        yield cache


@pytest.fixture
def wait(clock: FakeClock) -> Callable[[float], Awaitable[None]]:
    """Let ``seconds`` pass for every cache: the fake's clock and the real ones'."""

    async def wait(seconds: float) -> None:
        clock.advance(seconds)
        await asyncio.sleep(seconds)

    return wait


def key() -> str:
    return f"k-{uuid.uuid4().hex}"


async def test_a_value_set_is_read_back_until_deleted(cache: Any) -> None:
    k = key()
    assert await cache.get(k) is None
    await cache.set(k, b"\x00value\xff")
    assert await cache.get(k) == b"\x00value\xff"
    await cache.set(k, b"second")
    assert await cache.get(k) == b"second"
    await cache.delete(k)
    assert await cache.get(k) is None
    await cache.delete(k)  # deleting a missing key is fine


async def test_an_entry_expires_after_its_ttl(cache: Any, wait: Callable[[float], Awaitable[None]]) -> None:
    short, long = key(), key()
    await cache.set(short, b"a", ttl_seconds=0.15)
    await cache.set(long, b"b", ttl_seconds=30)
    assert await cache.get(short) == b"a"
    await wait(0.3)
    assert await cache.get(short) is None
    assert await cache.get(long) == b"b"


async def test_a_non_positive_ttl_means_gone(cache: Any) -> None:
    k = key()
    await cache.set(k, b"a")
    await cache.set(k, b"b", ttl_seconds=0)
    assert await cache.get(k) is None


async def test_keys_are_independent(cache: Any) -> None:
    a, b = key(), key()
    await asyncio.gather(cache.set(a, b"1"), cache.set(b, b"2"))
    assert (await cache.get(a), await cache.get(b)) == (b"1", b"2")


async def test_in_process_cache_evicts_the_least_recently_used() -> None:
    now = [0.0]
    cache = InProcessCache(max_entries=3, monotonic=lambda: now[0])
    for k in "abc":
        await cache.set(k, k.encode())
    assert await cache.get("a") == b"a"  # "a" is now the most recent; "b" the least
    await cache.set("d", b"d")
    assert await cache.get("b") is None
    assert [await cache.get(k) for k in "acd"] == [b"a", b"c", b"d"]
    assert len(cache) == 3
    await cache.set("e", b"e", ttl_seconds=5)
    now[0] = 4.999
    assert await cache.get("e") == b"e"
    now[0] = 5.0
    assert await cache.get("e") is None


async def test_redis_cache_keys_live_under_the_prefix(redis_url: tuple[str, str]) -> None:
    url, prefix = redis_url
    client = make_redis_client(url)
    try:
        await RedisCache(client, prefix=prefix).set("x", b"1", ttl_seconds=60)
        assert await client.get(prefix + "cache:x") == b"1"
        assert 0 < await client.pttl(prefix + "cache:x") <= 60_000
    finally:
        await client.aclose()
