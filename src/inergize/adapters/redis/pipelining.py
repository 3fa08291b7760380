"""Redis calls made on every request, sent in batches (``adapters/batching.py``): the calls made while
the loop's previous batch is out go together as one command. A batch's keys may carry different hash
tags: one Redis server (no Cluster), as deployed.

- ``BatchedScript``: one Lua script that answers each call of the batch in turn. A script run is
  atomic, so each call's answer is what it would have been alone, in that order.
- ``BatchedGet``: plain reads, one ``MGET`` for the batch's keys; nothing passes through Lua (a value
  returned by a script is copied into Lua and back, which for a page of kilobytes costs Redis more than
  the read itself)."""

from __future__ import annotations

from typing import Any

from inergize.adapters.batching import Batched


class BatchedScript(Batched):
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


class BatchedGet(Batched):
    """``await gets.get(keys)``: the values of ``keys`` (``None`` where missing), read with the keys of
    the other calls of the batch in one ``MGET``."""

    def __init__(self, client: Any) -> None:
        super().__init__()
        self._client = client

    async def get(self, keys: list[str]) -> list[Any]:
        values: list[Any] = await self._call(keys)
        return values

    async def _run_batch(self, calls: list[list[str]]) -> list[Any]:
        values = await self._client.mget([k for keys in calls for k in keys])
        out, i = [], 0
        for keys in calls:
            out.append(values[i:i + len(keys)])
            i += len(keys)
        return out
