"""The ReadCache contract, run over the fake, the in-process cache and real Redis: a bump makes every entry of
its scope unreachable, including one stored by a reader that read before the bump."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.adapters.read_cache import InProcessReadCache, NearReadCache, RedisReadCache
from tests.fakes.clock import FakeClock
from tests.fakes.read_cache import FakeReadCache
from tests.support.services import feed_live, implementation, redis_client


@pytest.fixture(params=["fake", "memory", "redis", "near"])
async def read_cache(request: pytest.FixtureRequest, clock: FakeClock) -> Any:
    if request.param == "near":  # every scope of these tests kept near; entries outlive no test's sleep
        async with redis_client(request) as (client, prefix):
            near = NearReadCache(RedisReadCache(client, prefix=prefix), near_scopes=["s-"],
                                 max_age_seconds=0.1)
            await feed_live(near)
            yield near
            await near.aclose()
        return
    async with implementation(request, fake=lambda: FakeReadCache(clock),
                              memory=lambda: InProcessReadCache(max_entries=1000, max_ttl_seconds=30),
                              redis=lambda client, prefix: RedisReadCache(client, prefix=prefix)) as cache:
        yield cache


def scope() -> str:
    return f"s-{uuid.uuid4().hex}"


async def test_a_value_stored_under_the_current_generation_is_read_back(read_cache: Any) -> None:
    s = scope()
    generation, value = await read_cache.read(s, "page")
    assert value is None
    await read_cache.store(s, generation, "page", b"\x00rows\xff", ttl_seconds=30)
    assert await read_cache.read(s, "page") == (generation, b"\x00rows\xff")
    assert (await read_cache.read(s, "other"))[1] is None


async def test_a_bump_hides_every_entry_of_the_scope_and_no_other(read_cache: Any) -> None:
    s, t = scope(), scope()
    for sc in (s, t):
        generation, _ = await read_cache.read(sc, "a")
        await read_cache.store(sc, generation, "a", b"1", ttl_seconds=30)
        await read_cache.store(sc, generation, "b", b"2", ttl_seconds=30)
    await read_cache.bump([s])
    new_generation, value = await read_cache.read(s, "a")
    assert value is None and (await read_cache.read(s, "b"))[1] is None
    assert (await read_cache.read(t, "a"))[1] == b"1"
    await read_cache.store(s, new_generation, "a", b"3", ttl_seconds=30)
    assert (await read_cache.read(s, "a"))[1] == b"3"


async def test_a_value_read_before_a_bump_and_stored_after_it_is_never_served(read_cache: Any) -> None:
    s = scope()
    generation, _ = await read_cache.read(s, "page")  # a reader starts, reads the database ...
    await read_cache.bump([s])  # ... a write commits and bumps ...
    await read_cache.store(s, generation, "page", b"stale", ttl_seconds=30)  # ... the reader stores
    assert (await read_cache.read(s, "page"))[1] is None


async def test_bumping_several_scopes_at_once(read_cache: Any) -> None:
    scopes = [scope() for _ in range(3)]
    for s in scopes:
        generation, _ = await read_cache.read(s, "k")
        await read_cache.store(s, generation, "k", b"v", ttl_seconds=30)
    await read_cache.bump(scopes)
    assert [(await read_cache.read(s, "k"))[1] for s in scopes] == [None, None, None]
    await read_cache.bump([])  # nothing to do


async def test_an_entry_expires_after_its_ttl(read_cache: Any, clock: FakeClock) -> None:
    s = scope()
    generation, _ = await read_cache.read(s, "k")
    await read_cache.store(s, generation, "k", b"v", ttl_seconds=0.15)
    await read_cache.store(s, generation, "never", b"v", ttl_seconds=0)
    assert (await read_cache.read(s, "k"))[1] == b"v"
    assert (await read_cache.read(s, "never"))[1] is None
    clock.advance(0.3)  # the fake's time; the others' passes in the sleep
    await asyncio.sleep(0.3)
    assert (await read_cache.read(s, "k"))[1] is None


async def test_the_in_process_cache_keeps_entries_at_most_its_cap() -> None:
    cache = InProcessReadCache(max_ttl_seconds=0.1)
    generation, _ = await cache.read("s", "k")
    await cache.store("s", generation, "k", b"v", ttl_seconds=300)
    await asyncio.sleep(0.2)
    assert (await cache.read("s", "k"))[1] is None


async def test_the_in_process_cache_drops_the_least_recently_used_beyond_its_size() -> None:
    cache = InProcessReadCache(max_entries=2, max_ttl_seconds=30)
    generation, _ = await cache.read("s", "a")
    for k in ("a", "b"):
        await cache.store("s", generation, k, k.encode(), ttl_seconds=30)
    await cache.read("s", "a")  # a is now the most recently used
    await cache.store("s", generation, "c", b"c", ttl_seconds=30)
    assert [(await cache.read("s", k))[1] for k in ("a", "b", "c")] == [b"a", None, b"c"]


# One scope's history as a sequence of steps: a reader reading (and later storing what the database
# said at that moment), a write changing the data and bumping. Whatever the interleaving, a read after
# the last write returned never sees data older than that write.
STEPS = st.lists(st.sampled_from(["read", "store", "write"]), min_size=1, max_size=25)


@given(steps=STEPS)
async def test_no_interleaving_of_readers_and_writes_serves_stale_data(read_cache: Any, steps: list[str]) -> None:
    cache, s = read_cache, scope()
    data = 0  # the database's value
    pending: list[tuple[str, int]] = []  # readers that read the database and have not stored yet
    for step in steps:
        if step == "read":
            generation, cached = await cache.read(s, "k")
            if cached is not None:
                assert int(cached) == data
            pending.append((generation, data))
        elif step == "store" and pending:
            generation, seen = pending.pop(0)
            await cache.store(s, generation, "k", str(seen).encode(), ttl_seconds=30)
        elif step == "write":
            data += 1
            await cache.bump([s])
        _, cached = await cache.read(s, "k")
        assert cached is None or int(cached) == data


async def test_reads_made_together_each_get_their_own_scope(read_cache: Any) -> None:
    """Reads made at once (on Redis one script call for the batch) answer each for its own scope and
    key, and reads of one scope in the same batch agree on its generation."""
    scopes = [scope() for _ in range(20)]
    first = await asyncio.gather(*(read_cache.read(s, "page") for s in scopes for _ in range(2)))
    generations = [g for g, _ in first]
    assert generations[0::2] == generations[1::2] and len(set(generations[0::2])) == len(scopes)
    assert all(value is None for _, value in first)
    for s, generation in zip(scopes, generations[0::2], strict=True):
        await read_cache.store(s, generation, "page", s.encode(), ttl_seconds=30)
    again = await asyncio.gather(*(read_cache.read(s, key) for s in scopes for key in ("page", "other")))
    assert again[0::2] == [(g, s.encode()) for s, g in zip(scopes, generations[0::2], strict=True)]
    assert all(value is None for _, value in again[1::2])


async def test_redis_reads_made_together_survive_a_script_flush(redis_url: Any) -> None:
    from inergize.adapters.redis import make_redis_client

    url, prefix = redis_url
    client = make_redis_client(url)
    cache = RedisReadCache(client, prefix=prefix)
    try:
        s = scope()
        generation, _ = await cache.read(s, "page")
        await cache.store(s, generation, "page", b"rows", ttl_seconds=30)
        await client.script_flush()  # a restart forgets the script
        assert await asyncio.gather(*(cache.read(s, "page") for _ in range(10))) == [(generation, b"rows")] * 10
    finally:
        await client.aclose()
