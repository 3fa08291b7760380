"""The Redis rate-budget store: one Lua script per check, so a check is one round trip and atomic
across every window (Redis runs a script alone; no other client sees half of it).

Checks made on one event loop while its previous pipeline is out (a publish job's calls, concurrent API
requests) go to Redis together in the next pipeline: one write and one read for the batch instead of a
connection checkout, a write and a read per check. Each script still runs alone; only the transport is
shared."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from inergize.adapters.redis.pipelining import PipelinedScript
from inergize.domain.platform.rate_budgets import check_units, check_window_names, fixed_window_bounds
from inergize.ports.rate_budget import BudgetDecision, BudgetWindow

SCRIPT = (Path(__file__).parent / "budget.lua").read_text()


class RedisRateBudgets:
    """``RateBudgetStore`` on Redis. Keys live under ``prefix`` and carry the budget key in a hash tag
    (``{key}``), so every window of one budget sits in one Redis Cluster slot."""

    def __init__(self, client: Any, *, prefix: str) -> None:
        self._client = client
        self._prefix = prefix
        self._pipeline = PipelinedScript(client, SCRIPT)

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

    async def _run(self, mode: str, key: str, windows: Sequence[BudgetWindow], now: datetime,
                   units: int) -> BudgetDecision:
        check_window_names(w.name for w in windows)
        at = now.timestamp()
        base = f"{self._prefix}budget:{{{key}}}:"
        keys: list[str] = []
        # a rolling window's member needs a unique name; fixed windows need none (saves a uuid per check)
        token = uuid.uuid4().hex if any(w.rolling for w in windows) else "-"
        args: list[Any] = [repr(at), units, mode, token, len(windows)]
        for w in windows:
            if w.rolling:
                keys += [f"{base}{w.name}:r{w.seconds}", f"{base}{w.name}:r{w.seconds}:sum"]
                args += ["r", w.limit, w.seconds, 0]
            else:
                origin = w.anchor.timestamp() if w.anchor is not None else 0.0
                start, end = fixed_window_bounds(w.seconds, origin, at)
                keys.append(f"{base}{w.name}:f{w.seconds}:{round(start * 1000)}")
                args += ["f", w.limit, w.seconds, repr(end)]
        reply = await self._call(keys, args)
        if mode == "refund":
            return _EMPTY
        retry = reply[1].decode() if isinstance(reply[1], bytes) else str(reply[1])
        return BudgetDecision(
            allowed=reply[0] == 1, retry_after=math.inf if retry == "inf" else float(retry),
            remaining={w.name: int(r) for w, r in zip(windows, reply[2:], strict=True)},
            limit={w.name: w.limit for w in windows},
        )


    async def _call(self, keys: list[str], args: list[Any]) -> Any:
        return await self._pipeline.call(keys, args)


_EMPTY = BudgetDecision(allowed=True, retry_after=0.0, remaining={}, limit={})
