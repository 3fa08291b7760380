"""Reads through the read cache: the cached value when the scope's generation still has one, else one
load per scope, generation and key at a time in this event loop (concurrent misses share it), stored
under the generation read *before* the load, so a write committed meanwhile wins."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from typing import TypeVar

from inergize.ports.read_cache import ReadCache

T = TypeVar("T")

# Per event loop: the loads in flight by (scope, generation, key). When a short-lived entry expires
# under load, the requests in flight would otherwise all go to the database at the same moment.
_FLIGHTS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[str, str, str],
                                                                    asyncio.Future[bytes | None]]]
_FLIGHTS = weakref.WeakKeyDictionary()


async def read_through(reads: ReadCache | None, scope: str, key: str, *, ttl_seconds: float,
                       load: Callable[[], Awaitable[T]], encode: Callable[[T], bytes],
                       decode: Callable[[bytes], T]) -> T:
    """``key`` of ``scope`` from ``reads``, or ``load()`` kept there for ``ttl_seconds``. Without a
    cache (or a lifetime of 0) every call loads. A value that ``load`` answers with ``None`` is not kept."""
    if reads is None or ttl_seconds <= 0:
        return await load()
    generation, cached = await reads.read(scope, key)
    if cached is not None:
        return decode(cached)
    loop = asyncio.get_running_loop()
    flights = _FLIGHTS.setdefault(loop, {})
    flight = (scope, generation, key)
    pending = flights.get(flight)
    if pending is not None:
        shared = await asyncio.shield(pending)
        if shared is not None:
            return decode(shared)
        return await load()  # the first load failed or found nothing: try on our own
    future: asyncio.Future[bytes | None] = loop.create_future()
    flights[flight] = future
    raw = None
    try:
        value = await load()
        if value is not None:
            raw = encode(value)
            await reads.store(scope, generation, key, raw, ttl_seconds=ttl_seconds)
        return value
    finally:
        flights.pop(flight, None)
        future.set_result(raw)
