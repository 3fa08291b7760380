"""What INERGIZE_REDIS_URL switches: cache, budgets, broker and /ready; the worker loop's container;
and the periodic-task runner."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets
from inergize.adapters.cache import InProcessCache, RedisCache
from inergize.bootstrap import bootstrap, loop_container, shutdown
from inergize.entrypoints.workers.periodic import PERIODIC, PeriodicTask, run_periodic, tick_once
from tests.support.settings import make_settings


async def test_without_redis_everything_is_in_process(tmp_path: Path) -> None:
    c = bootstrap(make_settings(tmp_path))
    try:
        assert isinstance(c.cache(), InProcessCache)
        assert isinstance(c.rate_budgets(), InProcessRateBudgets)
        assert type(c.broker()).__name__ == "StubBroker"
        assert c.redis_client() is None
        assert [h.name for h in c.health_checks()] == ["database"]
    finally:
        await shutdown(c)


async def test_redis_url_switches_cache_budgets_broker_and_ready(tmp_path: Path,
                                                                 redis_url: tuple[str, str]) -> None:
    from litestar.testing import AsyncTestClient

    from inergize.entrypoints.http.app import create_app

    url, prefix = redis_url
    settings = make_settings(tmp_path, redis_url=url, redis_prefix=prefix)
    c = bootstrap(settings)
    try:
        assert isinstance(c.cache(), RedisCache)
        assert isinstance(c.rate_budgets(), RedisRateBudgets)
        broker = c.broker()
        assert type(broker).__name__ == "RedisBroker" and broker.namespace == f"{prefix}dramatiq"
        await c.cache().set("wiring", b"1", ttl_seconds=30)
        assert await c.redis_client().get(f"{prefix}cache:wiring") == b"1"  # the one shared client
        assert sorted(h.name for h in c.health_checks()) == ["broker", "cache", "database"]
    finally:
        await shutdown(c)
        c.broker().close()
    # the test client serves on a loop of its own: give it a container of its own (as serve does)
    api = bootstrap(settings)
    try:
        async with AsyncTestClient(app=create_app(api)) as client:
            r = await client.get("/ready")
            assert r.status_code == 200, r.text
            checks = {x["name"]: x["ok"] for x in r.json()["checks"]}
            assert checks == {"database": True, "cache": True, "broker": True}
    finally:
        api.broker().close()


async def test_ready_reports_an_unreachable_redis(tmp_path: Path) -> None:
    c = bootstrap(make_settings(tmp_path, redis_url="redis://127.0.0.1:1/0"))
    try:
        checks = {h.name: h for h in c.health_checks()}
        with pytest.raises(Exception):
            await asyncio.wait_for(checks["cache"].check(), 5)
        with pytest.raises(Exception):
            await asyncio.wait_for(checks["broker"].check(), 5)
    finally:
        await shutdown(c)


async def test_a_loop_container_has_its_own_engine_and_shares_in_process_state(tmp_path: Path) -> None:
    from tests.fakes.clock import FakeClock

    clock = FakeClock()
    parent = bootstrap(make_settings(tmp_path), clock=clock)
    child = loop_container(parent)
    try:
        assert child.engine() is not parent.engine()
        assert child.clock() is clock
        assert child.cache() is parent.cache() and child.rate_budgets() is parent.rate_budgets()
        assert child.broker() is parent.broker() and child.task_queue() is parent.task_queue()
        assert child.outbox_relay() is not parent.outbox_relay()  # it writes through the child's engine
    finally:
        await shutdown(child)
        await shutdown(parent)


async def test_tick_once_runs_every_task_and_survives_a_failing_one(tmp_path: Path) -> None:
    ran: list[str] = []

    async def ok(container: Any) -> None:
        ran.append("ok")

    async def broken(container: Any) -> None:
        raise RuntimeError("boom")

    tasks = [PeriodicTask("broken", 1, broken), PeriodicTask("ok", 1, ok)]
    assert await tick_once(object(), tasks) == {"broken": False, "ok": True}
    assert ran == ["ok"]
    assert any(t.name == "outbox.sweep" for t in PERIODIC)


async def test_run_periodic_respects_each_interval_and_stops() -> None:
    runs = {"fast": 0, "slow": 0}

    def counter(name: str) -> Any:
        async def fn(container: Any) -> None:
            runs[name] += 1
        return fn

    stop = asyncio.Event()
    tasks = [PeriodicTask("fast", 0.05, counter("fast")), PeriodicTask("slow", 60, counter("slow"))]
    runner = asyncio.create_task(run_periodic(object(), stop, tasks, tick_seconds=0.01))
    await asyncio.sleep(0.35)
    stop.set()
    await asyncio.wait_for(runner, 2)
    assert runs["slow"] == 1 and 3 <= runs["fast"] <= 9
