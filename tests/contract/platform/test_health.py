"""The HealthCheck contract (what ``/ready`` asks) over the fake, the database check on SQLite (the
embedded default's one dependency) and PostgreSQL, and the Redis cache and Redis broker checks
(production): each answers while its dependency does and raises once it is gone. A gone dependency is
one at an address where nothing answers (for SQLite, a
folder where the database file should be)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from inergize.adapters.jobs import redis_broker
from inergize.adapters.jobs.queue import BrokerHealth
from inergize.adapters.persistence.engine import make_engine
from inergize.adapters.persistence.health import DatabaseHealth
from inergize.adapters.redis import RedisHealth, make_redis_client
from inergize.ports.health import HealthCheck
from tests.fakes.operations import FakeHealthCheck
from tests.support.containers import container_on

NOBODY = "127.0.0.1:1"  # a port nothing listens on


class Dependency(msgspec.Struct):
    up: HealthCheck
    down: HealthCheck  # the same kind of check of a dependency that does not answer


@pytest.fixture(params=["fake", "sqlite", "postgres", "redis-cache", "redis-broker"])
async def dependency(request: pytest.FixtureRequest, _session_containers: dict[str, Any],
                     tmp_path: Path) -> AsyncIterator[Dependency]:
    kind = request.param
    if kind == "fake":
        broken = FakeHealthCheck()
        broken.failure = ConnectionError("refused")
        yield Dependency(FakeHealthCheck(), broken)
    elif kind in ("sqlite", "postgres"):
        engine = (await container_on(kind, request, _session_containers)).engine()
        gone = make_engine(f"sqlite+aiosqlite:///{tmp_path}" if kind == "sqlite"  # a folder, not a file
                           else f"postgresql+psycopg://postgres@{NOBODY}/test")
        yield Dependency(DatabaseHealth(engine), DatabaseHealth(gone))
        await gone.dispose()
    elif kind == "redis-cache":
        url, _ = request.getfixturevalue("redis_url")
        client, nobody = make_redis_client(url), make_redis_client(f"redis://{NOBODY}/0")
        yield Dependency(RedisHealth(client), RedisHealth(nobody))
        await client.aclose()
        await nobody.aclose()
    else:
        url, prefix = request.getfixturevalue("redis_url")
        broker, nobody = (redis_broker(url, namespace=f"{prefix}dramatiq-health"),
                          redis_broker(f"redis://{NOBODY}/0", namespace="unused"))
        yield Dependency(BrokerHealth(broker), BrokerHealth(nobody))
        broker.close()
        nobody.close()


async def test_a_dependency_that_answers_is_healthy(dependency: Dependency) -> None:
    assert await dependency.up.check() is None
    assert isinstance(dependency.up.name, str) and dependency.up.name


async def test_a_dependency_that_does_not_answer_raises(dependency: Dependency) -> None:
    with pytest.raises(Exception):  # the port promises "any exception"
        await dependency.down.check()
    assert dependency.down.name == dependency.up.name
    assert await dependency.up.check() is None  # a failing check leaves the others alone
