"""The Dramatiq broker of one container: a ``StubBroker`` (in-process queue, embedded default) or a
``RedisBroker`` (production), always created here and never taken from Dramatiq's global default
(which, unset, is a RabbitMQ broker on 127.0.0.1:5672)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from dramatiq import Broker
from dramatiq.asyncio import EventLoopThread
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import (
    AgeLimit,
    AsyncIO,
    Callbacks,
    Pipelines,
    Retries,
    ShutdownNotifications,
    TimeLimit,
)

from inergize.ports.task_queue import QUEUE

try:
    import uvloop
except ImportError:  # not on Windows: the standard loop
    uvloop = None  # type: ignore[assignment]

R = TypeVar("R")
log = logging.getLogger("inergize.worker")


class WorkerLoopThread(EventLoopThread):
    """Dramatiq's loop thread on uvloop where it is installed: the worker loop carries every publish
    call, and uvloop's loop does the same work for about a third less CPU (``bench/scheduler.py``)."""

    def __init__(self, logger: Any) -> None:
        super().__init__(logger)
        if uvloop is not None:
            self.loop.close()
            self.loop = uvloop.new_event_loop()


class EventLoopPerWorker(AsyncIO):
    """Dramatiq's ``AsyncIO`` middleware, with the loop held here instead of in a process global.

    Upstream keeps one global loop thread per process, so two workers in one process (two containers,
    as in tests) would share and then stop each other's loop. Each worker boots its own loop; actors
    run their coroutines on it through :meth:`run`. ``on_stop`` coroutines (closing the loop's own
    database engine) run on the loop before it stops."""

    def __init__(self) -> None:
        super().__init__()
        self.thread: EventLoopThread | None = None
        self.on_stop: list[Callable[[], Awaitable[None]]] = []

    def before_worker_boot(self, broker: Broker, worker: Any) -> None:
        thread = WorkerLoopThread(self.logger)
        thread.daemon = True
        thread.start(timeout=5.0)
        self.thread = thread

    def after_worker_shutdown(self, broker: Broker, worker: Any) -> None:
        thread, self.thread = self.thread, None
        if thread is None:
            return
        for cleanup in self.on_stop:
            try:
                thread.run_coroutine(cleanup())
            except Exception:  # closing must go on for the other resources
                log.exception("worker loop clean-up failed")
        thread.stop()  # type: ignore[no-untyped-call]

    def run(self, coro: Awaitable[R]) -> R:
        """Run ``coro`` on this worker's loop and wait for it (from a worker thread)."""
        if self.thread is None:
            raise RuntimeError("the worker's event loop is not running")
        return self.thread.run_coroutine(coro)


def _middleware() -> list[Any]:
    """The explicit middleware stack every broker of ours runs (no Dramatiq defaults)."""
    return [AgeLimit(), TimeLimit(), ShutdownNotifications(), Callbacks(), Pipelines(),
            Retries(max_retries=5, min_backoff=1_000, max_backoff=60_000), EventLoopPerWorker()]


def redis_broker(url: str, *, namespace: str) -> Broker:
    """A ``RedisBroker`` at ``url``; ``namespace`` keeps two deployments (or test runs) on one Redis apart."""
    broker = RedisBroker(url=url, namespace=namespace, middleware=_middleware())  # type: ignore[no-untyped-call]
    broker.declare_queue(QUEUE)
    return broker


def stub_broker() -> Broker:
    """The in-process ``StubBroker`` (the embedded default): jobs wait in memory until a worker joins it."""
    broker = StubBroker(middleware=_middleware())
    broker.emit_after("process_boot")
    broker.declare_queue(QUEUE)
    return broker


def loop_middleware(broker: Broker) -> EventLoopPerWorker:
    for m in broker.middleware:
        if isinstance(m, EventLoopPerWorker):
            return m
    raise RuntimeError("the broker was not built by redis_broker or stub_broker (no EventLoopPerWorker middleware)")
