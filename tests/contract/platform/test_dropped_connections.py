"""Connections the PostgreSQL server drops (a restart, a failover, a terminated backend): the pool replaces
the ones it holds before a statement meets them, a read that meets one mid-way runs again on a fresh
one, and a write that meets one answers ``StorageUnavailable`` (503 with Retry-After), never a 500.

The server really drops them: ``pg_terminate_backend`` from another connection."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from inergize.domain.accounts.users import User
from inergize.domain.platform.errors import StorageUnavailable
from tests.support.containers import container_on
from tests.support.services import PG_ADMIN_URL
from tests.wire.loopback import free_port


@pytest.fixture
async def postgres(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> Any:
    return await container_on("postgres", request, _session_containers)


def _terminate(database: str, pid: int | None = None) -> int:
    """Terminate one backend (or every backend of ``database``) and wait until they are gone, so their
    sockets are closed when the test goes on. How many were terminated."""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        which = "pid = %s" if pid is not None else "datname = %s"
        rows = admin.execute(f"SELECT pid FROM pg_stat_activity WHERE {which} AND pid <> pg_backend_pid()",
                             [pid if pid is not None else database]).fetchall()
        pids = [r[0] for r in rows]
        admin.execute("SELECT pg_terminate_backend(p) FROM unnest(%s::int[]) AS p", [pids])
        while admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids]).fetchone()[0]:
            admin.execute("SELECT pg_sleep(0.01)")
    return len(pids)


async def _backend(uow: Any) -> tuple[int, str]:
    row = (await uow.connection.execute(text("SELECT pg_backend_pid(), current_database()"))).one()
    return int(row[0]), str(row[1])


def _user() -> User:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return User(id=uuid.uuid4(), email=f"d{uuid.uuid4().hex[:12]}@example.com", created_at=now, updated_at=now)


async def test_reads_after_the_server_dropped_every_pooled_connection_all_succeed(postgres: Any) -> None:
    factory = postgres.uow_factory()

    async def read() -> int:
        async with factory(read_only=True) as uow:
            pid, _ = await _backend(uow)
            await asyncio.sleep(0.01)  # hold it, so the reads in flight take every pooled connection
            return pid

    before = set(await asyncio.gather(*(read() for _ in range(8))))
    async with factory(read_only=True) as uow:
        _, database = await _backend(uow)
    assert _terminate(database) >= len(before)

    after = await asyncio.gather(*(read() for _ in range(8)))
    assert before.isdisjoint(after)


async def test_a_read_that_meets_a_dropped_connection_runs_again_on_a_fresh_one(postgres: Any) -> None:
    factory = postgres.uow_factory()
    async with factory() as uow:
        user = _user()
        await uow.users.add(user)
        await uow.commit()

    async with factory(read_only=True) as uow:
        pid, _ = await _backend(uow)
        _terminate("", pid)
        found = await uow.users.get(user.id)
        assert found is not None and found.email == user.email
        assert (await _backend(uow))[0] != pid


async def test_a_page_of_content_that_meets_a_dropped_connection_is_read_again(postgres: Any) -> None:
    """The library's page runs on psycopg directly (a prepared statement on a kept cursor), not through
    SQLAlchemy's statement path, and keeps the same promise: read again on a fresh connection."""
    from inergize.domain.content.library import Content, ContentKind, VersionState

    factory = postgres.uow_factory()
    user = _user()
    item = Content(id=uuid.uuid4(), user_id=user.id, kind=ContentKind.POST, title="Kept", body="b",
                   state=VersionState.DRAFT, data={}, created_at=user.created_at, updated_at=user.created_at)
    async with factory() as uow:
        await uow.users.add(user)
        await uow.content.add(item)
        await uow.commit()

    async with factory(read_only=True) as uow:
        assert (await uow.content.list_for_user(user.id, limit=10, cursor=None)).items == [item]
        pid, _ = await _backend(uow)
        _terminate("", pid)
        assert (await uow.content.list_for_user(user.id, limit=10, cursor=None)).items == [item]
        assert (await _backend(uow))[0] != pid

    with pytest.raises(StorageUnavailable):  # in a transaction, what it held is gone: no silent retry
        async with factory() as uow:
            await uow.content.list_for_user(user.id, limit=10, cursor=None)
            _terminate("", (await _backend(uow))[0])
            await uow.content.list_for_user(user.id, limit=10, cursor=None)


async def test_a_write_that_meets_a_dropped_connection_is_storage_unavailable_and_the_next_one_succeeds(
        postgres: Any) -> None:
    factory = postgres.uow_factory()
    lost = _user()
    with pytest.raises(StorageUnavailable) as raised:
        async with factory() as uow:
            pid, _ = await _backend(uow)
            _terminate("", pid)
            await uow.users.add(lost)
            await uow.commit()
    assert raised.value.retry_after > 0

    kept = _user()
    async with factory() as uow:
        await uow.users.add(kept)
        await uow.commit()
    async with factory(read_only=True) as uow:
        assert await uow.users.get(lost.id) is None
        assert await uow.users.get(kept.id) is not None


async def test_a_database_out_of_reach_is_storage_unavailable(tmp_path: Path) -> None:
    from inergize.bootstrap import bootstrap, shutdown
    from tests.support.settings import make_settings

    container = bootstrap(make_settings(tmp_path, f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none"))
    try:
        with pytest.raises(StorageUnavailable):
            async with container.uow_factory()():
                pass
        # a read-only unit of work checks a connection out at its first statement
        with pytest.raises(StorageUnavailable):
            async with container.uow_factory()(read_only=True) as uow:
                await uow.users.get(uuid.uuid4())
        with pytest.raises(StorageUnavailable):  # a page read, batched with others
            async with container.uow_factory()(read_only=True) as uow:
                await uow.content.list_for_user(uuid.uuid4(), limit=10, cursor=None)
    finally:
        await shutdown(container)


async def test_a_batch_of_page_reads_that_meets_a_dropped_connection_is_read_again(postgres: Any) -> None:
    """Page reads of read-only units of work go in batches on a pooled connection checked out for the
    batch: one the server drops right after the checkout is read again on a fresh one."""
    from sqlalchemy import event

    from inergize.domain.content.library import Content, ContentKind, VersionState

    factory = postgres.uow_factory()
    users = [_user() for _ in range(3)]
    items = {u.id: Content(id=uuid.uuid4(), user_id=u.id, kind=ContentKind.POST, title="Kept", body="b",
                           state=VersionState.DRAFT, data={}, created_at=u.created_at, updated_at=u.created_at)
             for u in users}
    async with factory() as uow:
        for u in users:
            await uow.users.add(u)
            await uow.content.add(items[u.id])
        await uow.commit()

    dropped: list[int] = []

    def drop_once(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if not dropped:
            dropped.append(_terminate("", dbapi_connection.driver_connection.info.backend_pid))

    async def page(user_id: uuid.UUID) -> list[Content]:
        async with factory(read_only=True) as uow:
            return (await uow.content.list_for_user(user_id, limit=10, cursor=None)).items

    engine = factory.engine.sync_engine
    event.listen(engine, "checkout", drop_once)
    try:
        pages = await asyncio.gather(*(page(u.id) for u in users))
    finally:
        event.remove(engine, "checkout", drop_once)
    assert dropped == [1]
    assert pages == [[items[u.id]] for u in users]
