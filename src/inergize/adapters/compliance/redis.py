"""The Redis ``ActionLedger``: every window of a decision and the duplicate-target claim are checked and
charged by one Lua script, so a decision is one round trip and atomic across all workers.

Fixed windows are counters keyed by their start (``INCRBY`` + expiry); rolling windows are sorted sets of
spend instants (exact "any 7 days"); claims are members of a set that never expires (the database's
unique contact record stays the durable guard if Redis is ever flushed). The caller's ``now`` is used,
never Redis time, so decisions agree with the in-process adapter and with test clocks."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from inergize.adapters.compliance.memory import fixed_bounds
from inergize.ports.action_ledger import Claim, LedgerDecision, LedgerWindow

LUA = """
local now = tonumber(ARGV[1]); local units = tonumber(ARGV[2]); local mode = ARGV[3]
local member = ARGV[4]; local nonce = ARGV[5]
local n = (#ARGV - 5) / 4
local claim_key = KEYS[n + 1]
if mode == 'refund' then
  for i = 1, n do
    local b = 5 + (i - 1) * 4
    if ARGV[b + 2] == '1' then
      local ids = redis.call('ZRANGEBYSCORE', KEYS[i], now, now, 'LIMIT', 0, units)
      if #ids > 0 then redis.call('ZREM', KEYS[i], unpack(ids)) end
    else
      local v = tonumber(redis.call('GET', KEYS[i]) or '0')
      if v > 0 then redis.call('DECRBY', KEYS[i], math.min(v, units)) end
    end
  end
  if claim_key and member ~= '' then redis.call('SREM', claim_key, member) end
  return {1}
end
if claim_key and member ~= '' and redis.call('SISMEMBER', claim_key, member) == 1 then
  return {-1, 0, 0}
end
local out = {1, 0, 0}
for i = 1, n do
  local b = 5 + (i - 1) * 4
  local limit = tonumber(ARGV[b + 3]); local ms = tonumber(ARGV[b + 4])
  local used
  if ARGV[b + 2] == '1' then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - ms)
    used = redis.call('ZCARD', KEYS[i])
    if used + units > limit then
      local idx = used + units - limit - 1
      local oldest = redis.call('ZRANGE', KEYS[i], idx, idx, 'WITHSCORES')
      local retry = ms
      if oldest[2] then retry = tonumber(oldest[2]) + ms - now end
      return {0, i, retry, math.max(limit - used, 0)}
    end
  else
    used = tonumber(redis.call('GET', KEYS[i]) or '0')
    if used + units > limit then return {0, i, ms, math.max(limit - used, 0)} end
  end
  if mode == 'spend' then out[#out + 1] = limit - used - units else out[#out + 1] = limit - used end
end
if mode == 'spend' then
  for i = 1, n do
    local b = 5 + (i - 1) * 4
    local ms = tonumber(ARGV[b + 4])
    if ARGV[b + 2] == '1' then
      for u = 1, units do redis.call('ZADD', KEYS[i], now, nonce .. ':' .. u) end
    else
      redis.call('INCRBY', KEYS[i], units)
    end
    redis.call('PEXPIRE', KEYS[i], ms + 60000)
  end
  if claim_key and member ~= '' then redis.call('SADD', claim_key, member) end
end
return out
"""


class RedisActionLedger:
    def __init__(self, client: Any, *, prefix: str = "inergize:") -> None:
        self._client = client
        self._prefix = prefix + "ledger:"
        self._script = client.register_script(LUA)

    def _key(self, key: str) -> str:
        # The account (the key's first segment) is a hash tag: one decision's keys share a Cluster slot.
        scope, _, rest = key.partition(":")
        return f"{self._prefix}{{{scope}}}:{rest}"

    def _call(self, windows: Sequence[LedgerWindow], now: datetime, mode: str, claim: Claim | None,
              units: int) -> Any:
        now_ms = int(now.timestamp() * 1000)
        keys: list[str] = []
        args: list[Any] = [now_ms, units, mode, claim.member if claim else "", uuid.uuid4().hex]
        for lw in windows:
            w = lw.window
            if w.rolling:
                keys.append(f"{self._key(lw.key)}:{w.name}")
                args += [w.name, 1, w.limit, w.seconds * 1000]
            else:
                start, end = fixed_bounds(w, now)
                keys.append(f"{self._key(lw.key)}:{w.name}:{int(start)}")
                args += [w.name, 0, w.limit, max(int(end * 1000) - now_ms, 1)]
        if claim is not None:
            keys.append(f"{self._key(claim.key)}:claims")
        return self._script(keys=keys, args=args)

    @staticmethod
    def _decision(windows: Sequence[LedgerWindow], raw: list[Any]) -> LedgerDecision:
        status = int(raw[0])
        if status == -1:
            return LedgerDecision(allowed=False, duplicate=True, denied_by="duplicate")
        if status == 0:
            name = windows[int(raw[1]) - 1].window.name
            return LedgerDecision(allowed=False, denied_by=name, retry_after=max(int(raw[2]), 0) / 1000,
                                  remaining={name: int(raw[3])})
        left = {lw.window.name: int(v) for lw, v in zip(windows, raw[3:], strict=True)}
        return LedgerDecision(allowed=True, remaining=left)

    async def spend(self, windows: Sequence[LedgerWindow], *, now: datetime, claim: Claim | None = None,
                    units: int = 1) -> LedgerDecision:
        return self._decision(windows, await self._call(windows, now, "spend", claim, units))

    async def peek(self, windows: Sequence[LedgerWindow], *, now: datetime) -> LedgerDecision:
        return self._decision(windows, await self._call(windows, now, "peek", None, 1))

    async def refund(self, windows: Sequence[LedgerWindow], *, now: datetime, claim: Claim | None = None,
                     units: int = 1) -> None:
        await self._call(windows, now, "refund", claim, units)

    async def release(self, claim: Claim) -> None:
        await self._client.srem(f"{self._key(claim.key)}:claims", claim.member)
