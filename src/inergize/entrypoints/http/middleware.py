"""ASGI middleware: a correlation id on every request, response and log line; one access log line;
``X-Content-Type-Options: nosniff`` on every answer."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import structlog
from litestar.types import ASGIApp, Message, Receive, Send

HEADER = b"x-request-id"
_VALID = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")
log = structlog.get_logger("inergize.access")


def correlation_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Any, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(HEADER, b"")
        # Accept a caller's id only if it is short and plain, so it cannot forge log lines.
        request_id = incoming.decode() if _VALID.match(incoming) else uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, request_id.encode())]
            await send(message)

        try:
            await app(scope, receive, send_with_id)
        finally:
            log.info("request", method=scope["method"], path=scope["path"], status=status,
                     ms=round((time.perf_counter() - started) * 1000, 2))
            structlog.contextvars.unbind_contextvars("request_id")

    return middleware


NOSNIFF = (b"x-content-type-options", b"nosniff")


async def add_nosniff(message: Message, scope: Any) -> None:
    """Every answer, errors included, says its Content-Type is to be believed: a browser never guesses
    a JSON or CSV answer into a script or a page. (A ``before_send`` hook: it sees what exception
    handlers send too, which bypasses middleware.)"""
    if message["type"] == "http.response.start":
        headers = list(message.get("headers", []))
        if not any(name.lower() == NOSNIFF[0] for name, _ in headers):
            headers.append(NOSNIFF)
            message["headers"] = headers
