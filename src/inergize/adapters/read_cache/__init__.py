"""Read caches with generations: in-process (the embedded default), Redis, and Redis with a near copy
of the access states in each process."""

from inergize.adapters.read_cache.memory import InProcessReadCache
from inergize.adapters.read_cache.near import NearReadCache
from inergize.adapters.read_cache.redis import RedisReadCache

__all__ = ["InProcessReadCache", "NearReadCache", "RedisReadCache"]
