"""API budgets per caller and for the whole service, charged by the entry middleware (``middleware.py``).

Every request is charged to the global budget and to its caller: the user of a valid bearer token, or
else the client address. The budgets live in the ``RateBudgetStore`` (Redis in production), so they
hold across API processes. Answers carry ``RateLimit`` / ``RateLimit-Policy`` (IETF draft) and the
older ``X-RateLimit-*`` headers; a refusal is a 429 problem with ``Retry-After``."""

from __future__ import annotations

import math

import msgspec
from litestar.types import HTTPResponseStartEvent, Scope, Send

from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.guard import ApiBudget, spend_api_budget, verify_token
from inergize.domain.platform.errors import InergizeError
from inergize.entrypoints.http.auth import hand_on
from inergize.entrypoints.http.deps import account_deps
from inergize.entrypoints.http.problems import PROBLEM_MEDIA_TYPE, TYPE_BASE
from inergize.entrypoints.http.web_app import is_api_path

EXEMPT = ("/health", "/ready")  # probes must not be starved by traffic


def _caller(scope: Scope, authorization: bytes, accounts: AccountDeps) -> tuple[str, bool]:
    """Who the request is charged to. A bearer token is verified here, once per request: the outcome
    (the verified token, or why it was refused) is handed on in the scope's state, so the role guard
    only asks whether it is still honoured (see ``auth.py``)."""
    scheme, _, token = authorization.decode("latin-1").partition(" ")
    if scheme.lower() == "bearer" and token:
        try:
            verified = verify_token(token.strip(), ports=accounts)
        except InergizeError as refusal:
            # answered 401 by the guard if the route needs a caller; budgeted by address meanwhile
            hand_on(scope, refusal, accounts)
        else:
            hand_on(scope, verified, accounts)
            return f"user:{verified.principal.user_id}", True
    client = scope.get("client")
    return f"addr:{client[0] if client else 'unknown'}", False


async def charge(scope: Scope, authorization: bytes) -> ApiBudget | None:
    """Charge an API request to the global budget and its caller's (``authorization`` is its header);
    ``None`` for what is not an API call: the probes, which must not be starved by traffic, and the web
    app's files (one page load fetches dozens of them)."""
    path = scope["path"]
    if path in EXEMPT or not is_api_path(path):
        return None
    accounts = account_deps(scope["app"])
    caller, authenticated = _caller(scope, authorization, accounts)
    return await spend_api_budget(caller, authenticated=authenticated, ports=accounts)


def headers_for(budget: ApiBudget) -> list[tuple[bytes, bytes]]:
    reset = str(budget.reset_seconds).encode()
    out = [
        (
            b"ratelimit",
            f"limit={budget.limit}, remaining={budget.remaining}, reset={budget.reset_seconds}".encode(),
        ),
        (b"ratelimit-policy", f"{budget.limit};w={budget.window_seconds}".encode()),
        (b"x-ratelimit-limit", str(budget.limit).encode()),
        (b"x-ratelimit-remaining", str(budget.remaining).encode()),
        (b"x-ratelimit-reset", reset),
    ]
    if not budget.allowed:
        out.append((b"retry-after", str(max(1, math.ceil(budget.retry_after))).encode()))
    return out


async def refuse(scope: Scope, send: Send) -> None:
    """Answer the 429 problem of a spent budget (``send`` adds the budget's headers)."""
    body = msgspec.json.encode(
        {
            "type": TYPE_BASE + "rate_limited",
            "title": "Too many requests",
            "status": 429,
            "detail": "Too many requests; slow down and retry after the time in Retry-After.",
            "code": "rate_limited",
            "instance": scope["path"],
        }
    )
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": 429,
        "headers": [(b"content-type", PROBLEM_MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode())],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body, "more_body": False})
