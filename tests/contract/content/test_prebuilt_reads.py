"""The library page's prebuilt read runs on the driver directly. On PostgreSQL it must honour what the
engine was told about prepared statements: behind PgBouncer in transaction mode they break, and
``INERGIZE_DATABASE_PREPARE_THRESHOLD=-1`` turns them off. On a SQLite file it has a connection of its
own, which must go with the engine."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.support.containers import SESSION_CLOCK, container_on

# written so that this query's own text does not contain what it looks for
PREPARED_PAGES = text(
    "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%' || 'json' || '_agg(' || '%'")


@pytest.mark.parametrize(("threshold", "prepared"), [(-1, False), (1, True)])
async def test_the_page_read_is_prepared_only_when_preparing_is_on(
        request: pytest.FixtureRequest, _session_containers: dict[str, Any], threshold: int, prepared: bool) -> None:
    from inergize.adapters.persistence.engine import make_engine
    from inergize.adapters.persistence.unit_of_work import SqlUnitOfWorkFactory

    await container_on("postgres", request, _session_containers)  # the schema
    engine = make_engine(request.getfixturevalue("pg_url"), prepare_threshold=threshold, pool_size=1, max_overflow=0)
    try:
        async with SqlUnitOfWorkFactory(engine, SESSION_CLOCK)(read_only=True) as uow:
            for _ in range(3):
                assert (await uow.content.list_for_user(uuid.uuid4(), limit=5, cursor=None)).items == []
            count = (await uow.connection.execute(PREPARED_PAGES)).scalar_one()
        assert (count > 0) is prepared
    finally:
        await engine.dispose()


def _open_files(database: str) -> int:
    """How many of this process's open files are ``database`` itself."""
    path, fds = os.path.realpath(database), Path("/proc/self/fd")
    return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == path) if fds.exists() else 0


async def test_the_sqlite_read_connection_of_read_only_units_of_work_is_closed_with_the_engine(
        tmp_path: Path) -> None:
    """On a SQLite file the page reads of read-only units of work run on a connection of the loop's own,
    outside the pool, so shutting down must close it too. (SQLite keeps a closed connection's file open
    while another of the process still has the file, so this database is the test's alone.)"""
    from inergize.bootstrap import bootstrap, migrate, shutdown
    from tests.support.settings import make_settings

    container = bootstrap(make_settings(tmp_path), clock=SESSION_CLOCK)
    await migrate(container)
    path = container.engine().url.database
    async with container.uow_factory()(read_only=True) as uow:
        assert (await uow.content.list_for_user(uuid.uuid4(), limit=5, cursor=None)).items == []
    assert _open_files(path) > 0
    await shutdown(container)
    assert _open_files(path) == 0
