"""HTTP for the REST adapter, on aiohttp: one connection pool per event loop, answers read whole, and
failures sorted by what they say about the request (decision 0007).

Why not httpx, like the other adapters: publishing makes one LinkedIn call per post, and httpx's request
and response models cost more CPU than the rest of a publish together. Measured in one session with
``bench/scheduler.py`` (product publish job, 2 worker processes, 2 cores): httpx's own pool 795 posts/s,
httpx over aiohttp's transport 1,537, aiohttp directly 2,119."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import msgspec
from multidict import CIMultiDictProxy
from yarl import URL

MAX_CONNECTIONS = 100  # per event loop; a publish job keeps at most ``scheduler_publish_concurrency`` busy


class HttpFailure(Exception):
    """No answer was read."""


class ConnectFailed(HttpFailure):
    """The connection never opened (refused, unknown host, TLS refused, connect timeout): nothing was
    sent, so a retry cannot act twice."""


class RequestFailed(HttpFailure):
    """The connection broke after the request may have gone out: the server may have acted on it."""


class TimedOut(HttpFailure):
    """No answer in time after the request went out: the server may have acted on it."""


class HttpResponse:
    """An answer, read whole."""

    __slots__ = ("content", "headers", "status_code")

    def __init__(self, status_code: int, headers: CIMultiDictProxy[str], content: bytes) -> None:
        self.status_code = status_code
        self.headers = headers  # case-insensitive
        self.content = content

    def json(self) -> Any:
        """The body as JSON; ``ValueError`` when it is not JSON."""
        try:
            return msgspec.json.decode(self.content)
        except msgspec.DecodeError as exc:
            raise ValueError(str(exc)) from exc

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


class HttpClient:
    """aiohttp sessions, one per event loop that uses the client (a pool belongs to its loop)."""

    def __init__(self, timeout_seconds: float, *, user_agent: str = "InErgize") -> None:
        # sock_read: the longest silence while waiting for or reading the answer
        self._timeout = aiohttp.ClientTimeout(
            total=None, connect=timeout_seconds, sock_connect=timeout_seconds, sock_read=timeout_seconds
        )
        self._headers = {"User-Agent": user_agent}
        self._sessions: dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = {}

    def _session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        session = self._sessions.get(loop)
        if session is None or session.closed:
            session = self._sessions[loop] = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=MAX_CONNECTIONS),
                timeout=self._timeout,
                headers=self._headers,
            )
        return session

    async def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        json: Any = None,
        data: dict[str, str] | None = None,
        content: bytes | None = None,
    ) -> HttpResponse:
        """Send and read the whole answer. ``json`` is encoded as JSON; ``data`` as a form."""
        body: Any = content
        headers = dict(headers or {})
        if json is not None:
            body = msgspec.json.encode(json)
            headers.setdefault("Content-Type", "application/json")
        elif data is not None:
            body = data  # aiohttp form-encodes a dict
        try:
            # encoded=True: URNs and signed upload URLs go out exactly as built, never re-quoted
            async with self._session().request(method, URL(url, encoded=True), headers=headers, data=body) as r:
                return HttpResponse(r.status, r.headers, await r.read())
        except aiohttp.ConnectionTimeoutError as exc:  # before ``ClientConnectorError``: not a subclass
            raise ConnectFailed(f"connect timed out: {exc}") from exc
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise TimedOut(str(exc) or "timed out") from exc
        except (aiohttp.ClientConnectorError, aiohttp.InvalidURL) as exc:
            raise ConnectFailed(str(exc) or type(exc).__name__) from exc
        except aiohttp.ClientError as exc:
            raise RequestFailed(f"{type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        """Close the pool of the current loop; pools of other loops are dropped."""
        loop = asyncio.get_running_loop()
        sessions, self._sessions = self._sessions, {}
        for owner, session in sessions.items():
            if owner is loop:
                await session.close()
