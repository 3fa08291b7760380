"""The platform in the composition root: where the keys come from, and which database engine, cache,
rate budgets, broker, task queue, outbox relay and ``/ready`` checks the settings ask for.

Each picks the embedded default or Redis from the settings. Redis-backed objects belong to the event
loop that first uses them, which is why every loop builds its own container (see ``loop_container``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets
from inergize.adapters.cache import InProcessCache, RedisCache
from inergize.adapters.jobs import (
    BrokerHealth,
    DramatiqTaskQueue,
    SqlJobLedger,
    SqlOutboxRelay,
    SqlPingLog,
    redis_broker,
    stub_broker,
)
from inergize.adapters.jobs.broker import loop_middleware
from inergize.adapters.metrics import Metrics
from inergize.adapters.persistence.engine import make_engine
from inergize.adapters.read_cache import InProcessReadCache, NearReadCache, RedisReadCache
from inergize.adapters.redis import RedisHealth, make_redis_client
from inergize.adapters.secrets import SECRETS_FILE, KeyMaterial, parse_encryption_keys, stored_keys
from inergize.adapters.tokens import JwtTokenService
from inergize.domain.platform.errors import ConfigurationError
from inergize.ports.read_cache import ACCESS_SCOPES
from inergize.settings import Mode, Settings


def engine(settings: Settings) -> Any:
    return make_engine(settings.effective_database_url, pool_size=settings.database_pool_size,
                       max_overflow=settings.database_max_overflow,
                       pool_timeout=settings.database_pool_timeout_seconds,
                       prepare_threshold=settings.database_prepare_threshold, echo=settings.database_echo)


def key_material(settings: Settings) -> KeyMaterial:
    """Keys from settings when given; in embedded mode, from (or newly into) ``data_dir/secrets.json``."""
    signing = settings.signing_key.replace("\\n", "\n") if settings.signing_key else None
    encryption = parse_encryption_keys(settings.encryption_keys) if settings.encryption_keys else None
    if signing and encryption:
        return KeyMaterial(signing, encryption)
    if settings.mode is Mode.PRODUCTION:  # settings validation already refuses this; belt and braces
        raise ConfigurationError("Production needs INERGIZE_SIGNING_KEY and INERGIZE_ENCRYPTION_KEYS.")
    stored = stored_keys(Path(settings.data_dir) / SECRETS_FILE)
    return KeyMaterial(signing or stored.signing_key_pem, encryption or stored.encryption_keys)


def tokens(settings: Settings, keys: Any) -> JwtTokenService:
    return JwtTokenService(keys.signing_key_pem, ttl=timedelta(seconds=settings.access_token_ttl_seconds))


def redis_client(settings: Settings) -> Any:
    """The shared ``redis.asyncio`` client, or None when no Redis is configured."""
    return make_redis_client(settings.redis_url) if settings.redis_url else None


def cache(settings: Settings, client: Callable[[], Any]) -> Any:
    if settings.redis_url:
        return RedisCache(client(), prefix=settings.redis_prefix)
    return InProcessCache(max_entries=settings.cache_max_entries)


def read_cache(settings: Settings, client: Callable[[], Any]) -> Any:
    """Access states and content pages between the writes that bump them: Redis when configured (one
    cache for every process; access states also kept near, in the process, for READ_CACHE_NEAR_SECONDS
    at most), else in this process, its entries capped at READ_CACHE_LOCAL_SECONDS."""
    if settings.redis_url:
        shared = RedisReadCache(client(), prefix=settings.redis_prefix)
        if not settings.read_cache_near_seconds:
            return shared
        return NearReadCache(shared, near_scopes=[ACCESS_SCOPES], max_scopes=settings.cache_max_entries,
                             max_age_seconds=settings.read_cache_near_seconds)
    return InProcessReadCache(max_entries=settings.cache_max_entries,
                              max_ttl_seconds=settings.read_cache_local_seconds)


def rate_budgets(settings: Settings, client: Callable[[], Any]) -> Any:
    if settings.redis_url:
        return RedisRateBudgets(client(), prefix=settings.redis_prefix)
    return InProcessRateBudgets()


def cache_health(settings: Settings, client: Callable[[], Any]) -> Any:
    """``/ready`` asks Redis when the cache (and budgets) live there; nothing to ask in-process."""
    return RedisHealth(client(), name="cache") if settings.redis_url else None


def present(checks: list[Any]) -> list[Any]:
    """The health checks the running configuration uses (the choosers answer None for unused ones)."""
    return [c for c in checks if c is not None]


def broker(settings: Settings) -> Any:
    """The broker ``settings.effective_broker`` names; never Dramatiq's global default (unset, that is a
    RabbitMQ broker on 127.0.0.1:5672)."""
    if settings.effective_broker == "redis":
        return redis_broker(settings.redis_url or "", namespace=f"{settings.redis_prefix}dramatiq")
    return stub_broker()


def task_queue(broker: Any) -> DramatiqTaskQueue:
    return DramatiqTaskQueue(broker)


def outbox_relay(settings: Settings, engine: Any, clock: Any, queue: Any) -> SqlOutboxRelay:
    return SqlOutboxRelay(engine, clock, queue, lease_seconds=60,
                          redeliver_seconds=settings.outbox_redeliver_seconds)


def job_ledger(settings: Settings, engine: Any, clock: Any) -> SqlJobLedger:
    return SqlJobLedger(engine, clock, lease_seconds=settings.job_lease_seconds)


def ping_log(engine: Any) -> SqlPingLog:
    return SqlPingLog(engine)


def broker_health(settings: Settings, broker: Callable[[], Any]) -> Any:
    return BrokerHealth(broker()) if settings.effective_broker == "redis" else None


def metrics(engine: Any) -> Metrics:
    return Metrics(engine)


def worker_loop(broker: Any) -> Any:
    """The broker's per-worker event loop (``EventLoopPerWorker``): actors run coroutines on it."""
    return loop_middleware(broker)
