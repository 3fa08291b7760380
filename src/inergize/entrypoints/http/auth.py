"""Who is calling: the bearer access token, verified on every request.

Route handlers declare ``opt={"auth": "public" | "user" | "admin"}``; tests walk every route and
require the declaration, so a new route cannot be left unprotected by accident."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection

from inergize.application.accounts.guard import authenticate
from inergize.domain.errors import Unauthorized
from inergize.domain.users import Principal
from inergize.entrypoints.accounts_wiring import account_ports

PUBLIC = {"auth": "public"}
USER = {"auth": "user"}
# A user route whose body is a file (exports, CSV): allowed up to INERGIZE_UPLOAD_MAX_BYTES.
USER_UPLOAD = {"auth": "user", "upload": True}
ADMIN = {"auth": "admin"}


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Send an access token: 'Authorization: Bearer <token>'.")
    return token.strip()


async def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """The caller, via the accounts access guard: the signature check may be cached by the token
    service; account status, not-before and session revocation are read on every request (issue 4).
    The session id is left in ``request.state.session_id`` for logout and password changes."""
    token = bearer_token(request)
    principal, session_id = await authenticate(token, ports=account_ports(request.app.state.container))
    request.state.session_id = session_id
    return principal
