"""Who is calling: the bearer access token, verified on every request.

Route handlers declare ``opt={"auth": "public" | "user" | "admin"}``; tests walk every route and
require the declaration, so a new route cannot be left unprotected by accident."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection

from inergize.domain.errors import Unauthorized
from inergize.domain.users import Principal

PUBLIC = {"auth": "public"}
USER = {"auth": "user"}
ADMIN = {"auth": "admin"}


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Send an access token: 'Authorization: Bearer <token>'.")
    return token.strip()


async def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    container = request.app.state.container
    token = bearer_token(request)
    now = container.clock().now()
    principal, issued_at, session_id = container.tokens().verify_access(token, now=now)
    guard = request.app.state.get("access_guard")
    if guard is not None:  # revocation (not-before / sessions): checked on every request, never cached
        principal = await guard(principal, issued_at, session_id)
    return principal  # type: ignore[no-any-return]
