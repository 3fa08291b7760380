"""Calls made by many coroutines of one event loop, sent in batches: the calls made while the loop's
previous batch is out wait for it, then go together in the next one (one command, one round trip and
one reply for the batch, instead of one each per call). No added wait when idle: a lone call goes in the
next turn of the loop. Used for the Redis calls on every request (``adapters/redis/pipelining.py``) and
the page reads of read-only units of work on PostgreSQL (``adapters/persistence/direct.py``)."""

from __future__ import annotations

import asyncio
from typing import Any


class Batched:
    """``await self._call(call)``: the reply ``_run_batch`` gives for ``call`` among its batch's calls."""

    def __init__(self) -> None:
        self._lanes: dict[asyncio.AbstractEventLoop, _Lane] = {}

    async def _call(self, call: Any) -> Any:
        loop = asyncio.get_running_loop()
        lane = self._lanes.get(loop)
        if lane is None:
            lane = self._lanes[loop] = _Lane()
        future: asyncio.Future[Any] = loop.create_future()
        lane.calls.append((call, future))
        if not lane.busy:
            lane.busy = True
            loop.call_soon(self._send, loop, lane)  # calls made in this same turn join the first batch
        return await future

    async def _run_batch(self, calls: list[Any]) -> list[Any]:
        """One reply per call, in order; a reply that is an exception is raised to its caller alone. An
        exception raised here fails every call of the batch."""
        raise NotImplementedError

    def _send(self, loop: asyncio.AbstractEventLoop, lane: _Lane) -> None:
        calls, lane.calls = lane.calls, []
        task = loop.create_task(self._settle_batch(calls))
        _RUNNING.add(task)
        task.add_done_callback(lambda done: self._sent(lane, done))

    def _sent(self, lane: _Lane, task: asyncio.Task[None]) -> None:
        _RUNNING.discard(task)
        if lane.calls:  # gathered while the batch was out
            self._send(task.get_loop(), lane)
        else:
            lane.busy = False

    async def _settle_batch(self, calls: list[tuple[Any, asyncio.Future[Any]]]) -> None:
        try:
            replies = await self._run_batch([call for call, _ in calls])
            for (_, future), reply in zip(calls, replies, strict=True):
                _settle(future, reply)
        except Exception as exc:  # the connection failed: every call of the batch fails with it
            for _, future in calls:
                if not future.done():
                    future.set_exception(exc)


class _Lane:
    """One event loop's calls waiting for the next batch, and whether one is out."""

    __slots__ = ("busy", "calls")

    def __init__(self) -> None:
        self.calls: list[tuple[Any, asyncio.Future[Any]]] = []
        self.busy = False


_RUNNING: set[asyncio.Task[None]] = set()  # a task nobody awaits must be referenced until it ends


def _settle(future: asyncio.Future[Any], reply: Any) -> None:
    if future.done():  # the caller gave up (cancelled)
        return
    if isinstance(reply, Exception):
        future.set_exception(reply)
    else:
        future.set_result(reply)
