"""A fresh container per test for job tests: its own clock from the start (singletons such as the relay
keep the clock they were built with), on a database of the job suite's own (other suites leave outbox
rows behind, and the sweep tests count what they sweep), with the broker under test."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.clock import FakeClock
from tests.support import services
from tests.support.settings import make_settings


@pytest.fixture(params=["memory", "redis"])
def broker_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
async def jobs_databases(session_tmp: Path) -> Any:
    """backend -> (data dir, database url), created and migrated on first use, dropped at the end."""
    made: dict[str, tuple[Path, str | None]] = {}
    pg_names: list[str] = []
    yield made, pg_names
    for name in pg_names:
        services.drop_pg_database(name)


async def _jobs_database(backend: str, session_tmp: Path, jobs_databases: Any) -> tuple[Path, str | None]:
    from inergize.bootstrap import bootstrap, migrate, shutdown

    made, pg_names = jobs_databases
    if backend not in made:
        data_dir = session_tmp / f"jobs-{backend}"
        url = None
        if backend == "postgres":
            url, name = services.create_pg_database()
            pg_names.append(name)
        c = bootstrap(make_settings(data_dir, url))
        await migrate(c)
        await shutdown(c)
        made[backend] = (data_dir, url)
    return made[backend]


@pytest.fixture
async def jobs_container(backend: str, broker_kind: str, session_tmp: Path, request: pytest.FixtureRequest,
                         jobs_databases: Any, clock: FakeClock) -> Any:
    """A migrated container on ``backend`` (the job suite's database) with ``broker_kind`` and ``clock``."""
    from inergize.bootstrap import bootstrap, shutdown

    data_dir, database_url = await _jobs_database(backend, session_tmp, jobs_databases)
    extra: dict[str, Any] = {}
    if broker_kind == "redis":
        url, prefix = request.getfixturevalue("redis_url")
        extra = {"redis_url": url, "redis_prefix": prefix}
    c = bootstrap(make_settings(data_dir, database_url, **extra), clock=clock)
    yield c
    broker = c.broker()
    broker.flush_all()  # leave nothing for the next test's workers
    await shutdown(c)
    await asyncio.to_thread(broker.close)
