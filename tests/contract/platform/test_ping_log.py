"""The PingLog contract over the fake, SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from inergize.adapters.jobs import SqlPingLog
from inergize.ports.jobs import PingLog
from tests.fakes.clock import FakeClock
from tests.fakes.jobs import MemoryPingLog
from tests.support.containers import container_on


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def pings(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> PingLog:
    if request.param == "fake":
        return MemoryPingLog()
    return SqlPingLog((await container_on(request.param, request, _session_containers)).engine())


async def test_every_ping_of_a_token_is_counted(pings: PingLog, clock: FakeClock) -> None:
    token = uuid.uuid4().hex
    assert await pings.count(token) == 0
    await pings.record(token, clock.now())
    await pings.record(token, clock.now())  # the same moment twice: two pings
    await pings.record(token, clock.now() + timedelta(seconds=1))
    assert await pings.count(token) == 3


async def test_tokens_are_counted_apart(pings: PingLog, clock: FakeClock) -> None:
    mine, other = uuid.uuid4().hex, uuid.uuid4().hex
    await pings.record(mine, clock.now())
    await pings.record(other, clock.now())
    await pings.record(other, clock.now())
    assert (await pings.count(mine), await pings.count(other)) == (1, 2)
