"""One Lua script called by many coroutines of one event loop: the calls made while the loop's previous
pipeline is out go together in the next one (one write and one read for the batch instead of a
connection checkout, a write and a read per call). Each script still runs alone in Redis; only the
transport is shared, so no answer changes."""

from __future__ import annotations

import asyncio
from typing import Any

from redis.exceptions import NoScriptError


class PipelinedScript:
    """``await script.call(keys, args)``: the script's reply, sent in the loop's next pipeline."""

    def __init__(self, client: Any, source: str) -> None:
        self._client = client
        self._script = client.register_script(source)  # EVALSHA, falling back to EVAL once
        self._lanes: dict[asyncio.AbstractEventLoop, _Lane] = {}

    async def call(self, keys: list[str], args: list[Any]) -> Any:
        """Run the script once. Calls made while this loop's previous pipeline is out wait for it and
        then go together: one pipeline in flight per loop, no added wait when idle."""
        loop = asyncio.get_running_loop()
        lane = self._lanes.get(loop)
        if lane is None:
            lane = self._lanes[loop] = _Lane()
        future: asyncio.Future[Any] = loop.create_future()
        lane.calls.append((keys, args, future))
        if not lane.busy:
            lane.busy = True
            loop.call_soon(self._send, loop, lane)  # calls made in this same turn join the first pipeline
        return await future

    def _send(self, loop: asyncio.AbstractEventLoop, lane: _Lane) -> None:
        calls, lane.calls = lane.calls, []
        task = loop.create_task(self._run_batch(calls))
        _RUNNING.add(task)
        task.add_done_callback(lambda done: self._sent(loop, lane, done))

    def _sent(self, loop: asyncio.AbstractEventLoop, lane: _Lane, task: asyncio.Task[None]) -> None:
        _RUNNING.discard(task)
        if lane.calls:  # gathered while the pipeline was out
            self._send(loop, lane)
        else:
            lane.busy = False

    async def _run_batch(self, calls: list[tuple[list[str], list[Any], asyncio.Future[Any]]]) -> None:
        try:
            if len(calls) == 1:
                keys, args, future = calls[0]
                _settle(future, await self._script(keys=keys, args=args))
                return
            pipe = self._client.pipeline(transaction=False)
            for keys, args, _ in calls:
                pipe.evalsha(self._script.sha, len(keys), *keys, *args)
            replies = await pipe.execute(raise_on_error=False)
            for (keys, args, future), reply in zip(calls, replies, strict=True):
                if isinstance(reply, NoScriptError):  # Redis forgot the script (restart): load it again
                    reply = await self._script(keys=keys, args=args)
                _settle(future, reply)
        except Exception as exc:  # the connection failed: every call of the batch fails with it
            for _, _, future in calls:
                if not future.done():
                    future.set_exception(exc)


class BatchedScript(PipelinedScript):
    """A script that answers a whole batch in one run: the calls' keys and arguments go in turn as one
    call (one command to pack and one reply to read for the batch), and the script returns one reply per
    call, in order. A batch's keys may carry different hash tags: one Redis server (no Cluster), as
    deployed."""

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
