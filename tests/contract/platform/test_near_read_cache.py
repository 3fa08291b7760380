"""The near read cache on real Redis: a value read once is read from the process after, and never once
Redis has reported a change to its scope; a report that comes while a read is out keeps that read's
value from being kept; with the change feed down every read goes to Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
import redis.asyncio as aioredis

from inergize.adapters.read_cache import NearReadCache, RedisReadCache
from inergize.adapters.redis import make_redis_client
from tests.support.services import feed_live
from tests.wire.loopback import free_port


class CountingReads(RedisReadCache):
    """The shared Redis cache, counting the reads that reach it; ``during_read`` runs while one is out."""

    def __init__(self, client: Any, *, prefix: str) -> None:
        super().__init__(client, prefix=prefix)
        self.reads = 0
        self.during_read: Any = None

    async def read(self, scope: str, key: str) -> tuple[str, bytes | None]:
        self.reads += 1
        answer = await super().read(scope, key)
        if self.during_read is not None:
            await self.during_read()
        return answer


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@asynccontextmanager
async def process(url: str, prefix: str, clock: Clock | None = None) -> AsyncIterator[tuple[NearReadCache, Any]]:
    """One API process's read cache: its own Redis client, access scopes kept near (for long enough that
    only a report can drop them), its feed live."""
    client = make_redis_client(url)
    shared = CountingReads(client, prefix=prefix)
    near = NearReadCache(shared, near_scopes=["access:"], max_age_seconds=1,
                         monotonic=clock or Clock())
    try:
        await feed_live(near)
        yield near, client
    finally:
        await near.aclose()
        await client.aclose()


def counted(near: NearReadCache) -> CountingReads:
    return near._shared  # type: ignore[return-value]


async def primed(near: NearReadCache, scope: str, value: bytes = b"active") -> str:
    """``value`` stored in Redis for ``scope`` and read once, so it is kept near; its generation."""
    generation, _ = await near.read(scope, "session")
    await near.store(scope, generation, "session", value, ttl_seconds=300)
    assert await near.read(scope, "session") == (generation, value)  # read back from Redis: kept near
    return generation


def where(url: str) -> tuple[str, int, int]:
    """The host, port and database of a redis:// URL."""
    from urllib.parse import urlparse

    parts = urlparse(url)
    return parts.hostname or "127.0.0.1", parts.port or 6379, int(parts.path.strip("/") or 0)


def sample(name: str) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name) or 0.0


def access() -> str:
    return f"access:{uuid.uuid4()}"


@pytest.fixture
def redis(redis_url: Any) -> tuple[str, str]:
    return redis_url  # type: ignore[no-any-return]


async def test_a_value_read_once_is_read_from_the_process_after(redis: tuple[str, str]) -> None:
    async with process(*redis) as (near, _):
        s = access()
        generation = await primed(near, s)
        before = counted(near).reads
        assert [await near.read(s, "session") for _ in range(5)] == [(generation, b"active")] * 5
        assert counted(near).reads == before
        assert len(near) == 1


async def test_scopes_not_named_near_are_always_read_from_redis(redis: tuple[str, str]) -> None:
    async with process(*redis) as (near, _):
        s = f"content:{uuid.uuid4()}"
        generation, _ = await near.read(s, "page")
        await near.store(s, generation, "page", b"rows", ttl_seconds=300)
        before = counted(near).reads
        for _ in range(3):
            assert await near.read(s, "page") == (generation, b"rows")
        assert counted(near).reads == before + 3
        assert len(near) == 0


async def test_a_bump_in_another_process_is_seen_once_any_later_reply_has_come(redis: tuple[str, str]) -> None:
    async with process(*redis) as (a, a_client), process(*redis) as (b, _):
        s = access()
        generation = await primed(a, s)
        await b.bump([s])  # a logout through process B
        await a_client.ping()  # the next request's budget check: any reply from Redis after the bump
        new_generation, value = await a.read(s, "session")
        assert value is None and new_generation != generation


async def test_a_value_stored_by_another_process_replaces_the_near_one(redis: tuple[str, str]) -> None:
    async with process(*redis) as (a, a_client), process(*redis) as (b, _):
        s = access()
        await primed(a, s)
        await b.bump([s])
        generation, _ = await b.read(s, "session")
        await b.store(s, generation, "session", b"disabled", ttl_seconds=300)
        await a_client.ping()
        assert await a.read(s, "session") == (generation, b"disabled")


async def test_a_bump_in_this_process_applies_to_the_very_next_read(redis: tuple[str, str]) -> None:
    async with process(*redis) as (near, _):
        s = access()
        await primed(near, s)
        await near.bump([s])
        assert (await near.read(s, "session"))[1] is None


async def test_a_near_entry_is_served_at_most_its_age(redis: tuple[str, str]) -> None:
    clock = Clock()
    async with process(*redis, clock=clock) as (near, _):
        s = access()
        await primed(near, s)
        before = counted(near).reads
        clock.now += 0.99
        await near.read(s, "session")
        assert counted(near).reads == before
        clock.now += 0.02
        await near.read(s, "session")
        assert counted(near).reads == before + 1


async def test_a_read_out_while_a_change_is_reported_is_not_kept(redis: tuple[str, str]) -> None:
    async with process(*redis) as (a, a_client), process(*redis) as (b, _):
        s = access()
        generation, _ = await a.read(s, "session")
        await a.store(s, generation, "session", b"active", ttl_seconds=300)

        async def logout_meanwhile() -> None:  # Redis answered A's read; B's bump is reported before A goes on
            counted(a).during_read = None
            await b.bump([s])
            await a_client.ping()

        counted(a).during_read = logout_meanwhile
        assert await a.read(s, "session") == (generation, b"active")  # what Redis said when asked
        assert (await a.read(s, "session"))[1] is None  # not kept near: asked Redis again
        assert len(a) == 0


async def test_with_the_feed_lost_nothing_is_kept_near_until_it_is_back(redis: tuple[str, str]) -> None:
    async with process(*redis) as (a, a_client), process(*redis) as (b, _):
        s = access()
        await primed(a, s)
        # The feed's connection dies: what B changes now is never reported to A.
        names = [c for c in await a_client.client_list() if c["name"] == "inergize-change-feed"]
        assert names
        live, lost = sample("inergize_redis_change_feeds_live"), sample("inergize_redis_change_feeds_lost_total")
        await a_client.client_kill_filter(_id=a.feed.client_id)
        await a_client.ping()
        for _ in range(50):
            if not a.feed.live:
                break
            await asyncio.sleep(0.01)
        assert not a.feed.live and len(a) == 0
        # what /metrics tells operators: one feed fewer, one loss more
        assert sample("inergize_redis_change_feeds_live") == live - 1
        assert sample("inergize_redis_change_feeds_lost_total") == lost + 1
        await b.bump([s])
        generation, value = await a.read(s, "session")
        assert value is None
        await a.store(s, generation, "session", b"again", ttl_seconds=300)
        before = counted(a).reads
        await a.read(s, "session")
        await a.read(s, "session")
        assert counted(a).reads == before + 2  # every read goes to Redis meanwhile
        await feed_live(a)  # opened again
        await a.read(s, "session")
        before = counted(a).reads
        assert await a.read(s, "session") == (generation, b"again")
        assert counted(a).reads == before


async def test_near_entries_are_bounded(redis: tuple[str, str]) -> None:
    url, prefix = redis
    client = make_redis_client(url)
    near = NearReadCache(RedisReadCache(client, prefix=prefix), near_scopes=["access:"],
                         max_age_seconds=1, max_scopes=3)
    try:
        await feed_live(near)
        for _ in range(7):
            s = access()
            generation, _ = await near.read(s, "k")
            await near.store(s, generation, "k", b"v", ttl_seconds=300)
            await near.read(s, "k")
            assert 1 <= len(near) <= 3
    finally:
        await near.aclose()
        await client.aclose()


def test_a_near_age_beyond_one_second_is_refused() -> None:
    client = make_redis_client("redis://127.0.0.1:6379/0")
    with pytest.raises(ValueError, match="at most 1"):
        NearReadCache(RedisReadCache(client, prefix="x:"), near_scopes=["access:"], max_age_seconds=2)


@pytest.mark.parametrize(("seconds", "kind"), [(None, NearReadCache), (0, RedisReadCache)])
async def test_with_redis_the_access_states_are_kept_near_unless_turned_off(
        redis: tuple[str, str], tmp_path: Any, seconds: float | None, kind: type) -> None:
    from inergize.bootstrap import bootstrap, shutdown
    from tests.support.settings import make_settings

    url, prefix = redis
    given = {} if seconds is None else {"read_cache_near_seconds": seconds}
    container = bootstrap(make_settings(tmp_path, redis_url=url, redis_prefix=prefix, **given))
    try:
        assert type(container.read_cache()) is kind
    finally:
        await shutdown(container)


async def test_a_feed_redis_refuses_or_cannot_reach_never_goes_live(redis: tuple[str, str]) -> None:
    from inergize.adapters.redis.tracking import ChangeFeed

    reports: list[Any] = []
    host, port, _ = where(redis[0])
    clients = [aioredis.Redis(host=host, port=port, password="not-configured"),
               aioredis.Redis(host="127.0.0.1", port=free_port())]
    feeds = [ChangeFeed(client, ["x:"], reports.append) for client in clients]
    for feed in feeds:
        feed.start()
    await asyncio.sleep(0.3)
    try:
        assert [feed.live for feed in feeds] == [False, False] and reports == []
    finally:
        for feed, client in zip(feeds, clients, strict=True):
            await feed.aclose()
            await client.aclose()


async def test_the_feed_connects_as_the_client_does_over_tls(redis: tuple[str, str], tmp_path: Any) -> None:
    """``rediss://``: the feed takes the client's TLS settings (here, the CA it trusts)."""
    url, prefix = redis
    host, port, db = where(url)
    async with tls_in_front_of_redis(tmp_path, host, port) as (tls_port, ca):
        client = aioredis.Redis(host="localhost", port=tls_port, db=db, ssl=True, ssl_ca_certs=str(ca))
        near = NearReadCache(RedisReadCache(client, prefix=prefix), near_scopes=["access:"],
                             max_age_seconds=1)
        plain = make_redis_client(url)
        try:
            await feed_live(near)
            s = access()
            await primed(near, s)
            await RedisReadCache(plain, prefix=prefix).bump([s])  # another process, without TLS
            await client.ping()
            assert (await near.read(s, "session"))[1] is None
        finally:
            await near.aclose()
            await client.aclose()
            await plain.aclose()


@asynccontextmanager
async def tls_in_front_of_redis(tmp_path: Any, host: str, port: int) -> AsyncIterator[tuple[int, Any]]:
    """A TLS endpoint for ``localhost`` that passes its bytes to Redis at ``host:port``, as a managed
    Redis speaks TLS: its port and the CA file that signed its certificate."""
    import datetime
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=1))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    ca, key_file = tmp_path / "ca.pem", tmp_path / "key.pem"
    ca.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(ca, key_file)

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        r_reader, r_writer = await asyncio.open_connection(host, port)
        await asyncio.gather(pipe(reader, r_writer), pipe(r_reader, writer))

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=context)
    try:
        yield server.sockets[0].getsockname()[1], ca
    finally:
        server.close()
