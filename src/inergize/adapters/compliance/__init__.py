"""Compliance ledgers: the in-process default and the Redis one (one Lua script, one round trip)."""

from inergize.adapters.compliance.memory import MemoryActionLedger
from inergize.adapters.compliance.redis import RedisActionLedger

__all__ = ["MemoryActionLedger", "RedisActionLedger"]
