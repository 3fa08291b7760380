"""ASGI middleware: a correlation id on every request, response and log line, the API budgets, one
access log line and ``X-Content-Type-Options: nosniff`` on every answer, in one layer."""

from __future__ import annotations

import os
import re
import time
from typing import Any

import structlog
from litestar.types import ASGIApp, Message, Receive, Send

from inergize.entrypoints.http.problems import ENTERED, NOSNIFF
from inergize.entrypoints.http.rate_limits import charge, headers_for, refuse

HEADER = b"x-request-id"
_VALID = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")
log = structlog.get_logger("inergize.access")


def entry_middleware(app: ASGIApp) -> ASGIApp:
    """Every HTTP request's way in, as one layer with one send wrapper: its correlation id (bound to the
    log lines and echoed in ``X-Request-ID``), its API budget (``rate_limits.py``: the ``RateLimit``
    headers, or the 429 without calling the app), ``nosniff`` and one access log line."""

    async def middleware(scope: Any, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        incoming, authorization = b"", b""
        for name, value in scope["headers"]:
            if name == HEADER:
                incoming = value
            elif name == b"authorization":
                authorization = value
        # Accept a caller's id only if it is short and plain, so it cannot forge log lines. Ours is as
        # random as a uuid4's hex, without building a UUID.
        request_id = incoming.decode() if _VALID.match(incoming) else os.urandom(16).hex()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 0
        # Every answer says its Content-Type is to be believed: a browser never guesses a JSON or CSV
        # answer into a script or a page (what never comes here gets it in problems.py).
        scope[ENTERED] = True
        extra = [(HEADER, request_id.encode()), NOSNIFF]

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            budget = await charge(scope, authorization)
            if budget is not None:
                extra += headers_for(budget)
                if not budget.allowed:
                    await refuse(scope, send_with_headers)
                    return
            await app(scope, receive, send_with_headers)
        finally:
            log.info("request", method=scope["method"], path=scope["path"], status=status,
                     ms=round((time.perf_counter() - started) * 1000, 2))
            structlog.contextvars.unbind_contextvars("request_id")

    return middleware
