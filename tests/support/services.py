"""Real servers the suite runs against: PostgreSQL and Redis on this machine.

With ``CI=true`` a server that cannot be reached fails the run; elsewhere its tests are skipped.
Each run gets its own PostgreSQL database and its own Redis key prefix, and removes them after."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

CI = os.environ.get("CI", "").lower() == "true"
PG_ADMIN_URL = os.environ.get("INERGIZE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("INERGIZE_TEST_REDIS", "redis://127.0.0.1:6379/0")


def unavailable(what: str, exc: BaseException) -> None:
    message = f"{what} is not reachable: {exc}"
    if CI:
        pytest.fail(f"{message} (CI=true: a real server is required)", pytrace=False)
    pytest.skip(message)


def create_pg_database() -> tuple[str, str]:
    """Create a fresh database; return (async SQLAlchemy URL, name)."""
    import psycopg

    name = f"inergize_t_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        unavailable("PostgreSQL", exc)
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return f"{base}/{name}", name


def drop_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_prefix() -> str:
    return f"inergize-test:{uuid.uuid4().hex[:10]}:"


def check_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        unavailable("Redis", exc)


def cleanup_redis(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=prefix + "*", count=1000))
    for i in range(0, len(keys), 500):
        client.delete(*keys[i:i + 500])


@asynccontextmanager
async def redis_client(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Any, str]]:
    """An asyncio client of this run's Redis and the run's key prefix; closed afterwards."""
    from inergize.adapters.redis import make_redis_client

    url, prefix = request.getfixturevalue("redis_url")
    client = make_redis_client(url)
    try:
        yield client, prefix
    finally:
        await client.aclose()


@asynccontextmanager
async def implementation(request: pytest.FixtureRequest, *, redis: Callable[[Any, str], Any],
                         **embedded: Callable[[], Any]) -> AsyncIterator[Any]:
    """The implementation of a port that ``request.param`` names, for a contract suite: one of
    ``embedded``, or ``"redis"``, built by ``redis(client, prefix)`` on this run's Redis."""
    if request.param in embedded:
        yield embedded[request.param]()
        return
    assert request.param == "redis", request.param
    async with redis_client(request) as (client, prefix):
        yield redis(client, prefix)


async def feed_live(near: Any) -> None:
    """Wait until ``near`` (a NearReadCache) hears Redis's change reports, so its reads are kept near."""
    import asyncio

    near.watch()
    for _ in range(250):  # five seconds
        if near.feed.live:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the change feed did not open")
