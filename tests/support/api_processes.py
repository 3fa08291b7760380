"""Two InErgize API processes side by side, as a deployment runs them: each its own container (its
own engine, Redis client and in-process state) on one shared database, and on one Redis when given."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from tests.support.settings import make_settings


class CacheClock:
    """The in-process read cache's clock, moved only by the test: how long a change made in another
    process goes unseen is then counted in the cache's own seconds, not in a busy machine's."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class ApiProcess(msgspec.Struct):
    container: Any
    client: httpx.AsyncClient
    cache_clock: CacheClock | None = None  # None when the processes share Redis


@asynccontextmanager
async def two_api_processes(data_dir: Path, database_url: str | None,
                            redis: tuple[str, str] | None) -> AsyncIterator[tuple[ApiProcess, ApiProcess]]:
    """Processes A and B. With ``redis`` (url, prefix) they share the read cache there; without, each
    keeps its own in-process read cache. The in-process broker keeps jobs out of Redis."""
    from dependency_injector import providers

    from inergize.adapters.read_cache.memory import InProcessReadCache
    from inergize.bootstrap import bootstrap, migrate, shutdown
    from inergize.entrypoints.http.app import create_app

    shared = {"redis_url": redis[0], "redis_prefix": redis[1]} if redis else {}
    containers = [bootstrap(make_settings(data_dir, database_url, broker="memory", **shared)) for _ in range(2)]
    await migrate(containers[0])
    processes = []
    for c in containers:
        clock = None
        if not redis:  # the embedded cache, as bootstrap builds it, on a clock the test moves
            clock = CacheClock()
            settings = c.settings()
            c.read_cache.override(providers.Object(InProcessReadCache(
                max_entries=settings.cache_max_entries, max_ttl_seconds=settings.read_cache_local_seconds,
                monotonic=clock)))
        transport = httpx.ASGITransport(app=create_app(c), client=("127.0.0.1", 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver.local")
        processes.append(ApiProcess(c, client, clock))
    try:
        yield processes[0], processes[1]
    finally:
        for p in processes:
            await p.client.aclose()
            await shutdown(p.container)


@pytest.fixture(params=["sqlite-memory", "sqlite-redis", "postgres-memory", "postgres-redis"])
async def api_processes(request: pytest.FixtureRequest,
                        tmp_path: Path) -> AsyncIterator[tuple[ApiProcess, ApiProcess]]:
    """Two API processes on each database, sharing Redis or each with its own in-process cache."""
    backend, cache = request.param.split("-")
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    redis = request.getfixturevalue("redis_url") if cache == "redis" else None
    async with two_api_processes(tmp_path, url, redis) as pair:
        yield pair


async def signed_in(process: ApiProcess, role: str = "member") -> tuple[Any, dict[str, str]]:
    """A user created in the shared database, signed in on a session of its own: (user, bearer header)."""
    from inergize.domain.accounts.users import Role, User

    now = process.container.clock().now()
    user = User(id=uuid.uuid4(), email=f"p{uuid.uuid4().hex[:12]}@example.com", role=Role(role),
                created_at=now, updated_at=now, email_verified_at=now)
    async with process.container.uow_factory()() as uow:
        await uow.users.add(user)
        await uow.commit()
    return user, await new_session(process, user)


async def new_session(process: ApiProcess, user: Any) -> dict[str, str]:
    """Another signed-in session of ``user`` (another device): its bearer header."""
    from inergize.domain.accounts.security import AuthSession
    from inergize.domain.accounts.users import Principal

    c = process.container
    now = c.clock().now()
    session = AuthSession(id=uuid.uuid4(), user_id=user.id, created_at=now, last_used_at=now,
                          expires_at=now + timedelta(days=1))
    async with c.uow_factory()() as uow:
        await uow.sessions.add(session)
        await uow.commit()
    token = c.tokens().issue_access(Principal(user.id, user.role), now=now, session_id=str(session.id))
    return {"Authorization": f"Bearer {token}"}
