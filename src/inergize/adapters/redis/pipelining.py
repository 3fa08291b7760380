"""One Lua script called by many coroutines of one event loop: the calls made while the loop's previous
batch is out go together in the next one, as one script call that answers each of them in turn (one
command to pack, one round trip and one reply to read for the batch, instead of a connection checkout,
a command and a reply per call). A script run is atomic, so each call's answer is what it would have
been alone, in that order. A batch's keys may carry different hash tags: one Redis server (no Cluster),
as deployed."""

from __future__ import annotations

import asyncio
from typing import Any


class BatchedScript:
    """``await script.call(keys, args)``: one call's reply. The script receives the batch's calls' keys
    and arguments one call after another and returns one reply per call, in order."""

    def __init__(self, client: Any, source: str) -> None:
        self._client = client
        self._script = client.register_script(source)  # EVALSHA, falling back to EVAL once
        self._lanes: dict[asyncio.AbstractEventLoop, _Lane] = {}

    async def call(self, keys: list[str], args: list[Any]) -> Any:
        """Run the script for one call. Calls made while this loop's previous batch is out wait for it
        and then go together: one batch in flight per loop, no added wait when idle."""
        loop = asyncio.get_running_loop()
        lane = self._lanes.get(loop)
        if lane is None:
            lane = self._lanes[loop] = _Lane()
        future: asyncio.Future[Any] = loop.create_future()
        lane.calls.append((keys, args, future))
        if not lane.busy:
            lane.busy = True
            loop.call_soon(self._send, loop, lane)  # calls made in this same turn join the first batch
        return await future

    def _send(self, loop: asyncio.AbstractEventLoop, lane: _Lane) -> None:
        calls, lane.calls = lane.calls, []
        task = loop.create_task(self._run_batch(calls))
        _RUNNING.add(task)
        task.add_done_callback(lambda done: self._sent(loop, lane, done))

    def _sent(self, loop: asyncio.AbstractEventLoop, lane: _Lane, task: asyncio.Task[None]) -> None:
        _RUNNING.discard(task)
        if lane.calls:  # gathered while the batch was out
            self._send(loop, lane)
        else:
            lane.busy = False

    async def _run_batch(self, calls: list[tuple[list[str], list[Any], asyncio.Future[Any]]]) -> None:
        try:
            replies = await self._script(keys=[k for keys, _, _ in calls for k in keys],
                                         args=[a for _, args, _ in calls for a in args])
            for (_, _, future), reply in zip(calls, replies, strict=True):
                _settle(future, reply)
        except Exception as exc:  # the connection failed: every call of the batch fails with it
            for _, _, future in calls:
                if not future.done():
                    future.set_exception(exc)


class _Lane:
    """One event loop's calls waiting for the next pipeline, and whether one is out."""

    __slots__ = ("busy", "calls")

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], list[Any], asyncio.Future[Any]]] = []
        self.busy = False


_RUNNING: set[asyncio.Task[None]] = set()  # a task nobody awaits must be referenced until it ends


def _settle(future: asyncio.Future[Any], reply: Any) -> None:
    if future.done():  # the caller gave up (cancelled)
        return
    if isinstance(reply, Exception):
        future.set_exception(reply)
    else:
        future.set_result(reply)
