"""Read caches with generations: in-process (the embedded default) and Redis."""

from inergize.adapters.read_cache.memory import InProcessReadCache
from inergize.adapters.read_cache.redis import RedisReadCache

__all__ = ["InProcessReadCache", "RedisReadCache"]
