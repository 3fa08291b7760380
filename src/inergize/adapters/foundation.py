"""Factories of the foundation services for ``bootstrap``: the shared Redis client, the cache, the rate
budgets, the Dramatiq broker, the task queue, the outbox relay and their ``/ready`` checks.

Each picks the embedded default or Redis from the settings. Redis-backed objects belong to the event
loop that first uses them, which is why every loop builds its own container (see ``bootstrap``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets
from inergize.adapters.cache import InProcessCache, RedisCache
from inergize.adapters.redis import RedisHealth, make_redis_client
from inergize.settings import Settings


def redis_client(settings: Settings) -> Any:
    """The shared ``redis.asyncio`` client, or None when no Redis is configured."""
    return make_redis_client(settings.redis_url) if settings.redis_url else None


def cache(settings: Settings, client: Callable[[], Any]) -> Any:
    if settings.redis_url:
        return RedisCache(client(), prefix=settings.redis_prefix)
    return InProcessCache(max_entries=settings.cache_max_entries)


def rate_budgets(settings: Settings, client: Callable[[], Any]) -> Any:
    if settings.redis_url:
        return RedisRateBudgets(client(), prefix=settings.redis_prefix)
    return InProcessRateBudgets()


def cache_health(settings: Settings, client: Callable[[], Any]) -> Any:
    """``/ready`` asks Redis when the cache (and budgets) live there; nothing to ask in-process."""
    return RedisHealth(client(), name="cache") if settings.redis_url else None


def present(checks: list[Any]) -> list[Any]:
    """The health checks the running configuration uses (factories answer None for unused ones)."""
    return [c for c in checks if c is not None]


def broker(settings: Settings) -> Any:
    from inergize.adapters.jobs import make_broker

    return make_broker(settings)


def task_queue(broker: Any) -> Any:
    from inergize.adapters.jobs import DramatiqTaskQueue

    return DramatiqTaskQueue(broker)


def outbox_relay(settings: Settings, engine: Any, clock: Any, queue: Any) -> Any:
    from inergize.adapters.jobs import SqlOutboxRelay

    return SqlOutboxRelay(engine, clock, queue, lease_seconds=60,
                          redeliver_seconds=settings.outbox_redeliver_seconds)


def job_ledger(settings: Settings, engine: Any, clock: Any) -> Any:
    from inergize.adapters.jobs import SqlJobLedger

    return SqlJobLedger(engine, clock, lease_seconds=settings.job_lease_seconds)


def ping_log(engine: Any) -> Any:
    from inergize.adapters.jobs import SqlPingLog

    return SqlPingLog(engine)


def broker_health(settings: Settings, broker: Callable[[], Any]) -> Any:
    from inergize.adapters.jobs import BrokerHealth

    return BrokerHealth(broker()) if settings.effective_broker == "redis" else None


def metrics(engine: Any) -> Any:
    from inergize.adapters.metrics import Metrics

    return Metrics(engine)


def worker_loop(broker: Any) -> Any:
    """The broker's per-worker event loop (``EventLoopPerWorker``): actors run coroutines on it."""
    from inergize.adapters.jobs.broker import loop_middleware

    return loop_middleware(broker)
