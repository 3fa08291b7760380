"""The HTTP client of the REST adapter: httpx's API over aiohttp's connection pool and C parser.

httpx's own pool spends about 1 ms of CPU per request here and slows as more requests are in flight
(1,019 requests/s at 8 in flight, 617 at 64); over aiohttp the same client answers about 3,300/s at
any concurrency, which is what lets publishing reach 2,000 posts/s (docs/decisions/0007)."""

from __future__ import annotations

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

MAX_CONNECTIONS = 100  # per event loop; a publish job keeps at most ``scheduler_publish_concurrency`` busy


class LinkedInHttpTransport(AiohttpTransport):
    """httpx-aiohttp's transport with the failure kinds the retry rules depend on.

    The library answers every connection error with ``ConnectTimeout``. Here a connection that never
    opened (refused, unknown host, TLS refused) is ``ConnectError``: nothing was sent, so a retry cannot
    post twice. A connection dropped after the request went out is ``ReadError``: LinkedIn may have
    acted, so the attempt's outcome is unknown. Timeouts stay timeouts."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except httpx.TransportError as exc:
            cause = exc.__cause__
            if isinstance(cause, aiohttp.ServerTimeoutError):
                raise
            if isinstance(cause, aiohttp.ClientConnectorError):
                raise httpx.ConnectError(str(cause) or type(cause).__name__, request=request) from cause
            if isinstance(cause, aiohttp.ClientConnectionError):
                raise httpx.ReadError(str(cause) or type(cause).__name__, request=request) from cause
            raise


def linkedin_http_client(timeout_seconds: float) -> httpx.AsyncClient:
    """The client the REST adapter uses unless given one; its pool belongs to the first loop using it."""
    return httpx.AsyncClient(
        transport=LinkedInHttpTransport(limits=httpx.Limits(max_connections=MAX_CONNECTIONS)),
        timeout=httpx.Timeout(timeout_seconds),
        headers={"User-Agent": "InErgize"},
    )
