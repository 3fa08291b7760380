"""A fresh container per test for job tests: its own clock from the start (singletons such as the relay
keep the clock they were built with), on the backend's database, with the broker under test."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.fakes.clock import FakeClock


@pytest.fixture(params=["memory", "redis"])
def broker_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def jobs_container(backend: str, broker_kind: str, session_tmp: Path, request: pytest.FixtureRequest,
                         container: Any, clock: FakeClock) -> Any:
    """A migrated container on ``backend`` (the session's database) with ``broker_kind`` and ``clock``."""
    from inergize.bootstrap import bootstrap, shutdown

    settings = container.settings()
    extra: dict[str, Any] = {}
    if broker_kind == "redis":
        url, prefix = request.getfixturevalue("redis_url")
        extra = {"redis_url": url, "redis_prefix": prefix}
    c = bootstrap(make_settings(settings.data_dir, settings.database_url, **extra), clock=clock)
    yield c
    broker = c.broker()
    broker.flush_all()  # leave nothing for the next test's workers
    await shutdown(c)
    await asyncio.to_thread(broker.close)
