"""`inergize serve` (what `make run` starts) migrates an empty data dir and serves /health and /schema."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from inergize.entrypoints.http.app import YOUNG_COLLECTION_EVERY
from tests.support import services
from tests.support.serving import first_answer
from tests.wire.loopback import free_port


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_serve_from_an_empty_data_dir(tmp_path: Path, backend: str) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")}
    env.update(INERGIZE_DATA_DIR=str(tmp_path), INERGIZE_HTTP_PORT=str(port))
    pg_name = None
    if backend == "postgres":  # INERGIZE_DATABASE_URL switches `make run` to PostgreSQL
        env["INERGIZE_DATABASE_URL"], pg_name = services.create_pg_database()
    try:
        _serve_and_check(env, port, tmp_path, backend)
    finally:
        if pg_name:
            services.drop_pg_database(pg_name)


def _serve_and_check(env: dict[str, str], port: int, tmp_path: Path, backend: str) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "inergize", "serve"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        r = first_answer(proc, f"http://127.0.0.1:{port}/health", seconds=60,
                         output=lambda: proc.stdout.read().decode())  # type: ignore[union-attr]
        assert r.json() == {"status": "ok"}
        assert "x-request-id" in r.headers
        assert httpx.get(f"http://127.0.0.1:{port}/schema/openapi.json", timeout=5).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/ready", timeout=5).json()["ready"] is True
        assert (tmp_path / "inergize.db").exists() == (backend == "sqlite")
        assert (tmp_path / "secrets.json").exists()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    lines = [line for line in out.decode().splitlines() if '"path": "/health"' in line]
    assert lines and '"request_id"' in lines[0], "access log lines are JSON with a correlation id"


def test_links_in_emails_follow_the_port_serve_was_given(tmp_path: Path) -> None:
    """Without INERGIZE_PUBLIC_URL, links point at where `inergize serve` listens (its --port here,
    not the environment's port) and open the web app's pages."""
    import re

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")}
    env.update(INERGIZE_DATA_DIR=str(tmp_path), INERGIZE_HTTP_PORT=str(free_port()),
               INERGIZE_PASSWORD_HASH_PROFILE="fast", INERGIZE_WEB_DIR=str(tmp_path / "no-web"))
    proc = subprocess.Popen([sys.executable, "-m", "inergize", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        page = first_answer(proc, f"http://127.0.0.1:{port}/", seconds=60)
        assert page.status_code == 200 and "not built" in page.text
        r = httpx.post(f"http://127.0.0.1:{port}/v1/auth/register", timeout=10,
                       json={"email": "links@example.com", "password": "violet-harbour-7-lantern"})
        assert r.status_code == 202, r.text
        while not list((tmp_path / "outbox").glob("*.eml")):  # sent by the in-process worker
            assert time.monotonic() < deadline, "no email was written"
            time.sleep(0.3)
        text = next((tmp_path / "outbox").glob("*.eml")).read_text()
        assert re.search(rf"http://127\.0\.0\.1:{port}/verify-email/\?token=[A-Za-z0-9_-]+", text), text
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_a_serving_process_takes_what_start_up_built_out_of_the_collectors_reach(tmp_path: Path) -> None:
    """The production ASGI factory freezes the start-up heap (``gc.freeze``) once start-up is done, so full
    collections under traffic walk only what requests create, and makes young collections rarer; a
    process that has not started has done neither."""
    code = (
        "import gc\n"
        "from litestar.testing import TestClient\n"
        "from inergize.entrypoints.http.asgi import app\n"
        "served = app()\n"
        "before, young = gc.get_freeze_count(), gc.get_threshold()[0]\n"
        "with TestClient(served) as client:\n"
        "    assert client.get('/health').status_code == 200\n"
        "    print(young, before, gc.get_freeze_count(), gc.get_threshold()[0])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")}
    env.update(INERGIZE_DATA_DIR=str(tmp_path), INERGIZE_LOG_LEVEL="WARNING")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    young_before, before, after, young_after = map(int, out.stdout.split()[-4:])
    assert before == 0 and after > 10_000
    assert young_before == 700 and young_after == YOUNG_COLLECTION_EVERY  # and young collections are rarer
