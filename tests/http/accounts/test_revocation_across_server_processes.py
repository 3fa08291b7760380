"""Two API servers as deployed: separate operating-system processes (uvicorn on the production ASGI
factory) on one PostgreSQL database and one Redis, each keeping access states near. A logout, a
logout-everywhere and a disabled account made through one are refused by the very next request to the
other, which had the session's access state in its memory."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.api_processes import ApiProcess, new_session, signed_in
from tests.support.serving import first_answer
from tests.support.settings import make_settings
from tests.wire.loopback import free_port


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory, redis_url: Any) -> Iterator[dict[str, str]]:
    """The environment both servers run in: one data dir (so one signing key), one database, one Redis."""
    from tests.support import services

    url, name = services.create_pg_database()
    redis, prefix = redis_url
    env = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")}
    env.update(INERGIZE_DATA_DIR=str(tmp_path_factory.mktemp("servers")), INERGIZE_DATABASE_URL=url,
               INERGIZE_REDIS_URL=redis, INERGIZE_REDIS_PREFIX=prefix, INERGIZE_BROKER="memory",
               INERGIZE_PASSWORD_HASH_PROFILE="fast", INERGIZE_API_RATE_USER_PER_MINUTE="100000",
               INERGIZE_API_RATE_GLOBAL_PER_MINUTE="1000000")
    try:
        yield env
    finally:
        services.drop_pg_database(name)


@pytest.fixture(scope="module")
async def setup(shared: dict[str, str]) -> Any:
    """The test's own view of the deployment (migrations, users, sessions), on the servers' settings."""
    from inergize.bootstrap import bootstrap, migrate, shutdown

    container = bootstrap(make_settings(Path(shared["INERGIZE_DATA_DIR"]), shared["INERGIZE_DATABASE_URL"],
                                        redis_url=shared["INERGIZE_REDIS_URL"],
                                        redis_prefix=shared["INERGIZE_REDIS_PREFIX"], broker="memory"))
    await migrate(container)
    client = httpx.AsyncClient(base_url="http://unused.local")
    yield ApiProcess(container, client)
    await client.aclose()
    await shutdown(container)


@pytest.fixture(scope="module")
def servers(shared: dict[str, str], setup: Any) -> Iterator[tuple[str, str]]:
    """Servers A and B: their base URLs."""
    procs, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--factory", "inergize.entrypoints.http.asgi:app",
                 "--port", str(port), "--log-level", "warning"],
                env=shared, stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
        for proc, url in zip(procs, urls, strict=True):
            first_answer(proc, url + "/health", seconds=60, output=lambda p=proc: p.stdout.read().decode())
        yield urls[0], urls[1]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.communicate(timeout=20)


async def near_in(server: str, headers: dict[str, str]) -> None:
    """Served a few times by ``server``, so the session's access state is in its memory (its first near
    read opens the server's change feed, a moment before it keeps anything)."""
    async with httpx.AsyncClient(base_url=server) as client:
        for _ in range(3):
            assert (await client.get("/v1/content", headers=headers)).status_code == 200
            await asyncio.sleep(0.1)


async def refused_next(server: str, headers: dict[str, str], code: str) -> None:
    async with httpx.AsyncClient(base_url=server) as client:
        r = await client.get("/v1/content", headers=headers)
    assert r.status_code == 401, r.text
    assert r.json()["code"] == code


async def test_a_logout_through_one_server_is_refused_by_the_next_request_to_the_other(
        servers: tuple[str, str], setup: Any) -> None:
    a, b = servers
    _, headers = await signed_in(setup)
    await near_in(b, headers)
    async with httpx.AsyncClient(base_url=a) as client:
        assert (await client.post("/v1/auth/logout", headers=headers)).status_code == 204
    await refused_next(b, headers, "session_revoked")


async def test_a_logout_everywhere_through_one_server_ends_every_session_on_the_other(
        servers: tuple[str, str], setup: Any) -> None:
    a, b = servers
    user, here = await signed_in(setup)
    elsewhere = await new_session(setup, user)
    await near_in(b, here)
    await near_in(b, elsewhere)
    async with httpx.AsyncClient(base_url=a) as client:
        assert (await client.post("/v1/auth/logout-all", headers=here)).status_code == 204
    await refused_next(b, elsewhere, "session_revoked")
    await refused_next(b, here, "session_revoked")


async def test_an_account_disabled_through_one_server_is_refused_by_the_other(
        servers: tuple[str, str], setup: Any) -> None:
    a, b = servers
    _, admin = await signed_in(setup, role="admin")
    user, headers = await signed_in(setup)
    await near_in(b, headers)
    async with httpx.AsyncClient(base_url=a) as client:
        assert (await client.post(f"/v1/admin/users/{user.id}/disable", headers=admin)).status_code == 200
    await refused_next(b, headers, "account_disabled")
