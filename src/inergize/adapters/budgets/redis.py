"""The Redis rate-budget store: a Lua script checks and charges, atomic across every window of a check
(Redis runs a script alone; no other client sees half of it).

Checks made on one event loop while its previous batch is out (a publish job's calls, the budgets of
concurrent API requests) go to Redis together as one script call that runs them one after the other:
one command to pack and one reply to read for the batch, instead of a command, a reply and a
connection checkout per check. Each check's answer is what it would have been alone, in that order."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from inergize.adapters.redis import as_text
from inergize.adapters.redis.pipelining import BatchedScript
from inergize.domain.platform.rate_budgets import check_units, check_window_names, fixed_window_bounds
from inergize.ports.rate_budget import BudgetDecision, BudgetWindow

SCRIPT = (Path(__file__).parent / "budget.lua").read_text()


class RedisRateBudgets:
    """``RateBudgetStore`` on Redis. Keys live under ``prefix`` and carry the budget key in a hash tag
    (``{key}``), so every window of one budget sits in one Redis Cluster slot (``spend_all`` spans
    several budgets, so it needs one server, as deployed)."""

    def __init__(self, client: Any, *, prefix: str) -> None:
        self._client = client
        self._prefix = prefix
        self._batch = BatchedScript(client, SCRIPT)

    async def spend(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                    units: int = 1) -> BudgetDecision:
        check_units(units)
        return await self._run("spend", key, windows, now, units)

    async def peek(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                   units: int = 1) -> BudgetDecision:
        check_units(units)
        return await self._run("peek", key, windows, now, units)

    async def refund(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                     units: int = 1) -> None:
        check_units(units)
        await self._run("refund", key, windows, now, units)

    async def spend_all(self, charges: Sequence[tuple[str, Sequence[BudgetWindow]]], *, now: datetime,
                        units: int = 1) -> list[BudgetDecision]:
        check_units(units)
        return await self._check("spend", charges, now, units)

    async def _run(self, mode: str, key: str, windows: Sequence[BudgetWindow], now: datetime,
                   units: int) -> BudgetDecision:
        decisions = await self._check(mode, [(key, windows)], now, units)
        return decisions[0] if decisions else _EMPTY

    async def _check(self, mode: str, charges: Sequence[tuple[str, Sequence[BudgetWindow]]], now: datetime,
                     units: int) -> list[BudgetDecision]:
        """One script call for every window of every budget in ``charges`` (all charged or none). Their
        keys carry different hash tags: a check of several budgets needs them on one Redis server. On
        every API request, so written for the common case: fixed windows, room in all of them."""
        at = now.timestamp()
        keys: list[str] = []
        # now, units, mode, a token naming a rolling window's member (fixed windows need none), n windows
        args: list[Any] = [repr(at), units, mode, "-", 0]
        n = 0
        for key, windows in charges:
            if len(windows) > 1:
                check_window_names(w.name for w in windows)
            base = f"{self._prefix}budget:{{{key}}}:"
            for w in windows:
                n += 1
                if w.rolling:
                    if args[3] == "-":
                        args[3] = uuid.uuid4().hex
                    keys += [f"{base}{w.name}:r{w.seconds}", f"{base}{w.name}:r{w.seconds}:sum"]
                    args += ["r", w.limit, w.seconds, 0]
                else:
                    origin = w.anchor.timestamp() if w.anchor is not None else 0.0
                    start, end = fixed_window_bounds(w.seconds, origin, at)
                    keys.append(f"{base}{w.name}:f{w.seconds}:{round(start * 1000)}")
                    args += ["f", w.limit, w.seconds, repr(end)]
        args[4] = n
        reply = await self._call(keys, args)
        if mode == "refund":
            return []
        allowed = reply[0] == 1  # then every window had room: no waits to read
        decisions = []
        i = 2
        for _, windows in charges:
            count = len(windows)
            refused = [] if allowed else [
                math.inf if x == "inf" else float(x) for x in map(as_text, reply[i + n:i + n + count]) if x != "-"]
            decisions.append(BudgetDecision(
                allowed=not refused, retry_after=max(refused, default=0.0),
                remaining={w.name: int(r) for w, r in zip(windows, reply[i:i + count], strict=True)},
                limit={w.name: w.limit for w in windows},
            ))
            i += count
        return decisions

    async def _call(self, keys: list[str], args: list[Any]) -> Any:
        return await self._batch.call(keys, [_pack(args)])  # one argument per check (budget.lua)


_pack = msgspec.msgpack.Encoder().encode


_EMPTY = BudgetDecision(allowed=True, retry_after=0.0, remaining={}, limit={})
