"""/metrics: off without a token, for the token's bearer only, and what it counts (requests by route
template, the outbox queue depth, publications and LinkedIn calls)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY

from tests.support.settings import make_settings

TOKEN = "scrape-me-7f3a"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
async def metered(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    from inergize.bootstrap import bootstrap, migrate, shutdown
    from inergize.entrypoints.http.app import create_app

    container = bootstrap(make_settings(tmp_path, metrics_token=TOKEN))
    await migrate(container)
    transport = httpx.ASGITransport(app=create_app(container))
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as c:
        c.container = container  # type: ignore[attr-defined]
        yield c
    await shutdown(container)


async def test_metrics_are_off_without_a_token(client: Any) -> None:
    r = await client.get("/metrics")
    assert r.status_code == 404 and r.json()["code"] == "metrics_off"


async def test_only_the_token_bearer_reads_the_metrics(metered: httpx.AsyncClient) -> None:
    assert (await metered.get("/metrics")).status_code == 401
    wrong = await metered.get("/metrics", headers={"Authorization": "Bearer " + TOKEN[:-1] + "x"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "metrics_token"
    ok = await metered.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.headers["content-type"].startswith("text/plain")
    assert "inergize_outbox_pending" in ok.text


async def test_requests_are_counted_by_route_template_and_the_queue_depth_is_read(
    metered: httpx.AsyncClient,
) -> None:
    from sqlalchemy import insert

    from inergize.adapters.persistence.tables.platform import outbox

    labels = {"method": "GET", "path": "/health", "status_code": "200", "app_name": "inergize"}
    before = sample("inergize_requests_total", **labels)
    for _ in range(3):
        await metered.get("/health")
    assert sample("inergize_requests_total", **labels) - before == 3
    container = metered.container  # type: ignore[attr-defined]
    now = container.clock().now()
    async with container.engine().begin() as conn:  # two jobs committed, not handed to the broker yet
        await conn.execute(insert(outbox), [
            {"id": uuid.uuid4(), "actor": "noop", "payload": {}, "created_at": now, "available_at": now,
             "attempts": 0} for _ in range(2)
        ])
    text = (await metered.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})).text
    assert "inergize_outbox_pending 2.0" in text
