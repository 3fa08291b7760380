"""Redis calls made by many coroutines of one event loop, sent in batches: the calls made while the
loop's previous batch is out go together in the next one, as one command (one command to pack, one
round trip and one reply to read for the batch, instead of a connection checkout, a command and a reply
per call). A batch's keys may carry different hash tags: one Redis server (no Cluster), as deployed.

- ``BatchedScript``: one Lua script that answers each call of the batch in turn. A script run is
  atomic, so each call's answer is what it would have been alone, in that order.
- ``BatchedGet``: plain reads, one ``MGET`` for the batch's keys; nothing passes through Lua (a value
  returned by a script is copied into Lua and back, which for a page of kilobytes costs Redis more than
  the read itself)."""

from __future__ import annotations

import asyncio
from typing import Any


class _Batched:
    """Calls of one event loop waiting for the next batch, and whether one is out; ``_run_batch`` sends
    a batch and settles each call's future."""

    def __init__(self) -> None:
        self._lanes: dict[asyncio.AbstractEventLoop, _Lane] = {}

    async def _call(self, call: Any) -> Any:
        """One call's reply. Calls made while this loop's previous batch is out wait for it and then go
        together: one batch in flight per loop, no added wait when idle."""
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

    def _send(self, loop: asyncio.AbstractEventLoop, lane: _Lane) -> None:
        calls, lane.calls = lane.calls, []
        task = loop.create_task(self._settle_batch(calls))
        _RUNNING.add(task)
        task.add_done_callback(lambda done: self._sent(loop, lane, done))

    def _sent(self, loop: asyncio.AbstractEventLoop, lane: _Lane, task: asyncio.Task[None]) -> None:
        _RUNNING.discard(task)
        if lane.calls:  # gathered while the batch was out
            self._send(loop, lane)
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

    async def _run_batch(self, calls: list[Any]) -> list[Any]:
        raise NotImplementedError


class BatchedScript(_Batched):
    """``await script.call(keys, args)``: one call's reply. The script receives the batch's calls' keys
    and arguments one call after another and returns one reply per call, in order."""

    def __init__(self, client: Any, source: str) -> None:
        super().__init__()
        self._script = client.register_script(source)  # EVALSHA, falling back to EVAL once

    async def call(self, keys: list[str], args: list[Any]) -> Any:
        return await self._call((keys, args))

    async def _run_batch(self, calls: list[tuple[list[str], list[Any]]]) -> list[Any]:
        replies: list[Any] = await self._script(keys=[k for keys, _ in calls for k in keys],
                                                args=[a for _, args in calls for a in args])
        return replies


class BatchedGet(_Batched):
    """``await gets.get(keys)``: the values of ``keys`` (``None`` where missing), read with the keys of
    the other calls of the batch in one ``MGET``."""

    def __init__(self, client: Any) -> None:
        super().__init__()
        self._client = client

    async def get(self, keys: list[str]) -> list[Any]:
        return await self._call(keys)  # type: ignore[no-any-return]

    async def _run_batch(self, calls: list[list[str]]) -> list[Any]:
        values = await self._client.mget([k for keys in calls for k in keys])
        out, i = [], 0
        for keys in calls:
            out.append(values[i:i + len(keys)])
            i += len(keys)
        return out


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
