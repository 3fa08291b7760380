"""The library page's prebuilt read on PostgreSQL runs on psycopg directly, so it must honour what the
engine was told about prepared statements: behind PgBouncer in transaction mode they break, and
``INERGIZE_DATABASE_PREPARE_THRESHOLD=-1`` turns them off."""

from __future__ import annotations

import uuid
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
