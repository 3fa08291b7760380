"""Done-when: with INERGIZE_REDIS_URL the API enqueues to Redis and a separate ``inergize worker``
process (against the same PostgreSQL database) consumes the job."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from inergize.bootstrap import bootstrap, migrate, shutdown
from inergize.domain.accounts.users import Principal, Role, User
from tests.support.settings import make_settings
from tests.wire.loopback import free_port


def worker_env(data_dir: Path, pg_url: str, redis_url: str, prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")}
    env.update(INERGIZE_DATA_DIR=str(data_dir), INERGIZE_DATABASE_URL=pg_url, INERGIZE_REDIS_URL=redis_url,
               INERGIZE_REDIS_PREFIX=prefix, INERGIZE_PASSWORD_HASH_PROFILE="fast", INERGIZE_LOG_JSON="false")
    return env


def wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if needle in line:
            return
        if proc.poll() is not None:
            raise AssertionError(f"worker exited with {proc.returncode}")
    raise AssertionError(f"worker did not print {needle!r}")


async def test_a_separate_worker_process_consumes_what_the_api_enqueued(
        tmp_path: Path, pg_url: str, redis_url: tuple[str, str]) -> None:
    from litestar.testing import AsyncTestClient

    from inergize.entrypoints.http.app import create_app

    url, prefix = redis_url
    prefix = f"{prefix}w{uuid.uuid4().hex[:6]}:"  # a broker namespace no in-process worker listens on
    settings = make_settings(tmp_path, pg_url, redis_url=url, redis_prefix=prefix)
    setup = bootstrap(settings)
    await migrate(setup)
    now = setup.clock().now()
    admin = User(id=uuid.uuid4(), email=f"a{uuid.uuid4().hex[:8]}@example.com", role=Role.ADMIN,
                 created_at=now, updated_at=now, email_verified_at=now)
    async with setup.uow_factory()() as uow:
        await uow.users.add(admin)
        await uow.commit()
    token = setup.tokens().issue_access(Principal(admin.id, Role.ADMIN), now=now)
    headers = {"Authorization": f"Bearer {token}"}
    await shutdown(setup)
    setup.broker().close()

    # starting the process is quick; reading its output happens in a thread
    metrics_port = free_port()
    proc = subprocess.Popen(  # noqa: ASYNC220
        [sys.executable, "-m", "inergize", "worker", "--threads", "2", "--metrics-port", str(metrics_port)],
        env=worker_env(tmp_path, pg_url, url, prefix), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    try:
        await asyncio.to_thread(wait_for_line, proc, "consuming", 60)
        api = bootstrap(settings)
        try:
            async with AsyncTestClient(app=create_app(api)) as client:
                r = await client.post("/v1/admin/ping", headers=headers)
                assert r.status_code == 202, r.text
                token = r.json()["token"]
                runs = 0
                for _ in range(200):
                    runs = (await client.get(f"/v1/admin/ping/{token}", headers=headers)).json()["runs"]
                    if runs:
                        break
                    await asyncio.sleep(0.1)
                assert runs == 1
                member = (await client.post("/v1/admin/ping")).status_code
                assert member == 401
            scraped = await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{metrics_port}/metrics", timeout=5)
            assert scraped.status_code == 200 and "# HELP inergize_publications_total" in scraped.text
        finally:
            api.broker().close()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.to_thread(proc.wait, 30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0


