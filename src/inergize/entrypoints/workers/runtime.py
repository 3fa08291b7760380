"""Running jobs: actors built from the job specs (``jobs.py``) on the container's broker, the embedded worker threads,
and the background services ``inergize serve`` starts (embedded workers and the tick).

Every actor is created here with ``broker=container.broker()`` (never Dramatiq's global broker). An
actor is a plain function that runs the job coroutine on its worker's own event loop, where a
container built for that loop (``bootstrap.loop_container``: its own engine) serves the handler."""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import dramatiq

from inergize.entrypoints.workers.jobs import FORMER_NAMES, JOBS, spec_for
from inergize.entrypoints.workers.periodic import run_periodic
from inergize.ports.task_queue import JOB_ID_KEY, QUEUE

log = logging.getLogger("inergize.worker")
_runners: weakref.WeakKeyDictionary[Any, JobRunner] = weakref.WeakKeyDictionary()  # one per broker


class JobRunner:
    """Runs one job id at most once to completion, with a container of the worker loop's own."""

    def __init__(self, container: Any) -> None:
        from inergize.bootstrap import worker_loop

        self._parent = container
        self._loop = worker_loop(container)
        self._child: Any = None
        self._child_lock = threading.Lock()
        self._loop.on_stop.append(self._close_child)

    def loop_container(self) -> Any:
        from inergize.bootstrap import loop_container

        with self._child_lock:
            if self._child is None:
                self._child = loop_container(self._parent)
            return self._child

    async def _close_child(self) -> None:
        from inergize.bootstrap import shutdown

        with self._child_lock:
            child, self._child = self._child, None
        if child is not None:
            await shutdown(child)

    def perform(self, name: str, job_id: str, kwargs: dict[str, Any]) -> None:
        """Called by a Dramatiq worker thread: run the job on the worker's loop and wait."""
        self._loop.run(self.run(name, job_id, kwargs))

    async def run(self, name: str, job_id: str, kwargs: dict[str, Any]) -> bool:
        """Run job ``name`` (or the job a former name now means) for outbox job ``job_id`` unless it ran
        or is running; True if it ran."""
        container = self.loop_container()
        ledger = container.job_ledger()
        jid = uuid.UUID(job_id)
        if not await ledger.claim(jid, name):
            log.info("job %s (%s) already finished or running elsewhere: skipped", job_id, name)
            return False
        try:
            await spec_for(name)(container, **kwargs)
        except BaseException:
            await ledger.release(jid)  # the retry (Dramatiq's, or the outbox sweep's) may take it again
            raise
        await ledger.finish(jid)
        return True


def bind_actors(container: Any) -> dict[str, dramatiq.Actor[Any, Any]]:
    """Declare one actor per job on the container's broker, with the job's options, and one per former
    name (messages sent before a rename still find their handler); idempotent; return them all."""
    broker = container.broker()
    runner = _runners.get(broker)
    if runner is None:
        runner = _runners[broker] = JobRunner(container)
    lease = container.settings().job_lease_seconds
    names = [*JOBS, *FORMER_NAMES]
    for name in names:
        if name not in broker.actors:
            dramatiq.Actor(_performer(runner, name), broker=broker, actor_name=name, queue_name=QUEUE,
                           priority=0, options=spec_for(name).dramatiq_options(lease))
    return {name: broker.get_actor(name) for name in names}


def _performer(runner: JobRunner, name: str) -> Callable[..., None]:
    # a plain function: Dramatiq would wrap a coroutine function with its process-global loop
    def perform(**kwargs: Any) -> None:
        job_id = kwargs.pop(JOB_ID_KEY)
        runner.perform(name, job_id, kwargs)

    perform.__name__ = perform.__qualname__ = f"job_{name}"
    return perform


class Workers:
    """Dramatiq worker threads consuming the container's broker: in the API process (embedded) or in
    ``inergize worker``."""

    def __init__(self, container: Any, threads: int | None = None) -> None:
        bind_actors(container)
        self.broker = container.broker()
        self._worker = dramatiq.Worker(self.broker, queues={QUEUE},
                                       worker_threads=threads or container.settings().worker_threads,
                                       worker_timeout=100)

    def start(self) -> None:
        self._worker.start()

    def stop(self, timeout_ms: int = 10_000) -> None:
        self._worker.stop(timeout=timeout_ms)

    def join(self) -> None:
        """Wait until every message queued so far has been processed."""
        self.broker.join(QUEUE)
        self._worker.join()


def background_services(container: Any, *, tick: bool = True,
                        ) -> tuple[Callable[[], Awaitable[None]], Callable[[], Awaitable[None]]]:
    """``(start, stop)`` hooks for ``inergize serve``: worker threads when the broker is the embedded
    one (with Redis, ``inergize worker`` processes consume), and the tick on the API's loop."""
    state: dict[str, Any] = {}

    async def start() -> None:
        if container.settings().effective_broker == "memory":
            workers = Workers(container)
            workers.start()
            state["workers"] = workers
        if tick:
            stop_event = asyncio.Event()
            state["stop"] = stop_event
            state["tick"] = asyncio.create_task(run_periodic(container, stop_event), name="inergize-tick")

    async def stop() -> None:
        if "stop" in state:
            state["stop"].set()
            await state["tick"]
        if "workers" in state:
            await asyncio.to_thread(state["workers"].stop)

    return start, stop
