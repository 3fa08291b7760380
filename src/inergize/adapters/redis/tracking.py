"""Redis's word that keys changed: client-side caching's invalidations in broadcast mode.

One connection per event loop asks Redis to report every change, deletion and expiry of a key under
some prefixes (``CLIENT TRACKING ON REDIRECT <itself> BCAST PREFIX …``, then ``SUBSCRIBE
__redis__:invalidate``). Redis writes a report out before the reply to the command that made the change,
so once a later reply of any connection has arrived, the report has too.

The connection is an asyncio protocol of its own rather than a redis-py connection: each report is
handed to ``on_change`` in the same callback that receives its bytes, before any task of the loop runs
again. A request that went to Redis for anything after a change was made therefore cannot act on what
the change undid (``read_cache/near.py`` builds on this)."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

import hiredis
import structlog
from prometheus_client import Counter, Gauge
from redis.asyncio.connection import SSLConnection, UnixDomainSocketConnection
from redis.credentials import UsernamePasswordCredentialProvider

log = structlog.get_logger("inergize.redis.tracking")

CHANNEL = b"__redis__:invalidate"
# between attempts to (re)open the feed: doubling while they fail (a Redis that refuses CLIENT TRACKING
# costs a line in the log now and then, not every second)
RETRY_SECONDS = 1.0
RETRY_CAP_SECONDS = 60.0
HANDSHAKE_SECONDS = 5.0

FEEDS_LIVE = Gauge("inergize_redis_change_feeds_live",
                   "Redis change feeds open in this process (at 0, access states are read from Redis every time)")
FEEDS_LOST = Counter("inergize_redis_change_feeds_lost_total",
                     "Redis change feeds lost or refused (each is opened again after a wait)")

OnChange = Callable[[Sequence[bytes] | None], None]  # the keys changed; None: any key may have


def _command(*args: bytes | str | int) -> bytes:
    """One command in RESP."""
    out = [b"*%d\r\n" % len(args)]
    for arg in args:
        raw = arg if isinstance(arg, bytes) else str(arg).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(raw), raw))
    return b"".join(out)


class _Feed(asyncio.Protocol):
    """The connection: handshake replies go to the futures waiting for them, reports to ``on_change``."""

    def __init__(self, on_change: OnChange) -> None:
        self._on_change = on_change
        self._reader = hiredis.Reader()
        self._replies: deque[asyncio.Future[Any]] = deque()
        self.transport: asyncio.Transport | None = None
        self.subscribed = False
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self._reader.feed(data)
        while (reply := self._reader.gets()) is not False:
            if (self.subscribed and isinstance(reply, list) and len(reply) == 3 and reply[0] == b"message"
                    and reply[1] == CHANNEL):
                self._on_change(reply[2])
            elif self._replies:
                waiter = self._replies.popleft()
                if not waiter.done():
                    waiter.set_result(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        for waiter in self._replies:
            if not waiter.done():
                waiter.set_exception(ConnectionError("the Redis change feed was closed"))
        if not self.closed.done():
            self.closed.set_result(None)

    async def ask(self, *args: bytes | str | int) -> Any:
        assert self.transport is not None
        waiter: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._replies.append(waiter)
        self.transport.write(_command(*args))
        reply = await asyncio.wait_for(waiter, HANDSHAKE_SECONDS)
        if isinstance(reply, hiredis.ReplyError):
            raise ConnectionError(f"Redis refused {args[0]!r}: {reply}")
        return reply


class ChangeFeed:
    """Reports of changes to keys under ``prefixes``, for the event loop that :meth:`start`\\ s it.

    ``live`` is True while reports are known to arrive. When the feed opens or is lost, ``on_change(None)``
    is called: whatever was kept on the strength of the reports must be dropped. A lost feed is opened
    again after ``RETRY_SECONDS``, twice as long after each attempt that fails."""

    def __init__(self, client: Any, prefixes: Sequence[str], on_change: OnChange) -> None:
        self._client = client  # a redis.asyncio client: the feed connects as its connections do
        self._prefixes = list(prefixes)
        self._on_change = on_change
        self._task: asyncio.Task[None] | None = None
        self.live = False
        self.client_id: int | None = None  # the feed's connection, as CLIENT LIST names it

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="redis-change-feed")

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        wait = RETRY_SECONDS
        while True:
            feed: _Feed | None = None
            try:
                feed = await self._open()
                self._set_live(True)
                wait = RETRY_SECONDS
                await feed.closed
                log.warning("redis_change_feed_lost")
                FEEDS_LOST.inc()
            except (TimeoutError, OSError, ConnectionError) as exc:
                FEEDS_LOST.inc()
                log.warning("redis_change_feed_unavailable", error=str(exc), retry_seconds=wait)
                wait = min(wait * 2, RETRY_CAP_SECONDS)
            finally:
                self._set_live(False)
                if feed is not None and feed.transport is not None:
                    feed.transport.close()
            await asyncio.sleep(wait)

    def _set_live(self, live: bool) -> None:
        if live or self.live:
            self._on_change(None)  # before the feed: unknown; after it: no longer told
        if live and not self.live:
            FEEDS_LIVE.inc()
        elif self.live and not live:
            FEEDS_LIVE.dec()
        self.live = live

    async def _open(self) -> _Feed:
        loop = asyncio.get_running_loop()
        feed = _Feed(self._on_change)
        # The client's own connection settings (host or socket, TLS, credentials), read off a connection
        # object that is never connected.
        pool = self._client.connection_pool
        template = pool.connection_class(**pool.connection_kwargs)
        if isinstance(template, UnixDomainSocketConnection):
            connecting = loop.create_unix_connection(lambda: feed, template.path)
        else:
            tls = template.ssl_context.get() if isinstance(template, SSLConnection) else None
            connecting = loop.create_connection(lambda: feed, template.host, template.port, ssl=tls)
        await asyncio.wait_for(connecting, template.socket_connect_timeout or HANDSHAKE_SECONDS)
        try:
            if template.credential_provider or template.username or template.password:
                provider: Any = template.credential_provider or UsernamePasswordCredentialProvider(
                    template.username, template.password)
                await feed.ask("AUTH", *await provider.get_credentials_async())
            await feed.ask("CLIENT", "SETNAME", "inergize-change-feed")
            client_id = self.client_id = await feed.ask("CLIENT", "ID")
            prefixes: list[bytes | str | int] = []
            for prefix in self._prefixes:
                prefixes += ["PREFIX", prefix]
            await feed.ask("CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", *prefixes)
            feed.subscribed = True  # reports may follow the subscription's reply in the same bytes
            await feed.ask("SUBSCRIBE", CHANNEL)
        except BaseException:
            if feed.transport is not None:
                feed.transport.close()
            raise
        return feed
