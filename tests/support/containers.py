"""The session's InErgize containers, one migrated database per backend, shared by every suite."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.fakes.clock import FakeClock
from tests.support.settings import make_settings

# One fake clock for the session: singletons the container builds once (the unit-of-work factory,
# the outbox relay, stores) keep the clock they were built with, so tests move this one object
# instead of swapping in a new clock that those singletons would never see.
SESSION_CLOCK = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


async def container_on(backend: str, request: pytest.FixtureRequest, built: dict[str, Any]) -> Any:
    """The session's migrated InErgize on ``backend`` (built on first use into ``built``, the
    ``_session_containers`` fixture), also for fixtures that choose the backend themselves (contract
    suites run the fake beside both databases)."""
    from inergize.bootstrap import bootstrap, migrate

    if backend not in built:
        url = request.getfixturevalue("pg_url") if backend == "postgres" else None
        c = bootstrap(make_settings(request.getfixturevalue("session_tmp") / backend, url), clock=SESSION_CLOCK)
        await migrate(c)
        built[backend] = c
    return built[backend]


async def unit_of_work_factory_on(backend: str, request: pytest.FixtureRequest, built: dict[str, Any]) -> Any:
    """A unit-of-work factory on ``backend``: ``fake`` (a fresh in-memory database), ``sqlite`` or
    ``postgres`` (the session's migrated databases), for repository contract suites."""
    if backend == "fake":
        from tests.fakes.unit_of_work import InMemoryDatabase

        return InMemoryDatabase()
    return (await container_on(backend, request, built)).uow_factory()
