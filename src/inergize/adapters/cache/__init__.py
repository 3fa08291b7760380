"""Caches: an in-process TTL + LRU map (the embedded default) and Redis."""

from inergize.adapters.cache.memory import InProcessCache
from inergize.adapters.cache.redis import RedisCache

__all__ = ["InProcessCache", "RedisCache"]
