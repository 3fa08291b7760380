"""Who is calling, and may they come in: the bearer access token, verified on every request, and the
role each route declares, enforced at the door.

Route handlers declare ``opt={"auth": "public" | "user" | "admin"}``. :func:`role_guard`, applied to
the whole app, turns that declaration into a 401 or 403 problem before the handler (or its body
parsing) runs; use cases keep their own checks, so a mistake in one layer is caught by the other.
``create_app`` refuses a route whose declaration the guard does not know, and tests walk every route."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.handlers import HTTPRouteHandler
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Scope

from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.guard import VerifiedToken, admit, verify_token
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import Forbidden, InergizeError, Unauthorized
from inergize.entrypoints.http.deps import account_deps

PUBLIC = {"auth": "public"}
USER = {"auth": "user"}
# A user route whose body is a file (exports, CSV): allowed up to INERGIZE_UPLOAD_MAX_BYTES.
USER_UPLOAD = {"auth": "user", "upload": True}
ADMIN = {"auth": "admin"}
# Every role a route may declare: what the guard knows how to enforce. Anything else is refused.
ROLES = frozenset({"public", "user", "admin"})


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Send an access token: 'Authorization: Bearer <token>'.")
    return token.strip()


# Where the entry middleware (API budgets) leaves its verdict on the bearer token, in the request scope's state.
VERIFIED_TOKEN = "inergize.verified_token"


# ... and the accounts bundle it used, so the guard does not ask the container for it again
ACCOUNTS = "inergize.accounts"


def hand_on(scope: Scope, verdict: VerifiedToken | InergizeError, accounts: AccountDeps) -> None:
    """Leave the verdict on this request's bearer token (verified, or the refusal) for the role guard."""
    state = scope.setdefault("state", {})
    state[VERIFIED_TOKEN] = verdict
    state[ACCOUNTS] = accounts


def _verified(connection: ASGIConnection[Any, Any, Any, Any], accounts: AccountDeps) -> VerifiedToken:
    """The bearer token, verified by the entry middleware (once per request) or here when it did not see
    it (paths exempt from API budgets)."""
    verdict = connection.scope.get("state", {}).get(VERIFIED_TOKEN)
    if isinstance(verdict, InergizeError):
        raise verdict
    if verdict is None:
        return verify_token(bearer_token(connection), ports=accounts)
    return verdict  # type: ignore[no-any-return]


async def _authenticated(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    """The caller, once per request: the token's signature was checked when the request came in; the
    account status, not-before and session revocation are read here, on every request. The session id
    is left in ``state.session_id`` for logout and password changes."""
    # the scope's state dict itself: ``connection.state`` builds a State object on every access
    state = connection.scope.setdefault("state", {})
    principal: Principal | None = state.get("principal")
    if principal is None:
        accounts = state.get(ACCOUNTS) or account_deps(connection.app)
        verified = _verified(connection, accounts)
        principal = await admit(verified, ports=accounts)
        state["session_id"] = verified.session_id
        state["principal"] = principal
    return principal


async def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """The caller (authenticated by :func:`role_guard` already on user and admin routes)."""
    return await _authenticated(request)


def caller(request: Request[Any, Any, Any]) -> Principal:
    """The caller :func:`role_guard` admitted, for a user or admin route that takes it from the request
    rather than as the ``principal`` dependency."""
    principal: Principal = request.scope["state"]["principal"]
    return principal


def is_automatic_options(handler: BaseRouteHandler) -> bool:
    """Litestar's own OPTIONS answer of a path (which methods it allows): it runs no handler of ours."""
    return getattr(handler, "http_methods", None) == {"OPTIONS"} and handler.handler_name == "options_handler"


def declared_role(handler: BaseRouteHandler) -> str:
    """The role ``handler`` declares; raises when it declares none or one the guard cannot enforce, or
    when it is not an HTTP handler (the guard runs before HTTP handlers only)."""
    role = handler.opt.get("auth")
    if role not in ROLES:
        raise ValueError(f"{handler} declares auth={role!r}; declare one of {sorted(ROLES)}")
    if not isinstance(handler, HTTPRouteHandler):
        raise ValueError(f"{handler} is not an HTTP route: the role guard cannot enforce its role")
    return str(role)


async def role_guard(request: Request[Any, Any, Any]) -> None:
    """Enforce the route's declared role before the handler runs and before its body is read (the app's
    ``before_request`` hook, which costs less per request than a Litestar guard): ``user`` needs a valid
    access token, ``admin`` also the admin role (read from the account, so a demotion applies at once).
    An unknown declaration is refused rather than let through."""
    handler = request.route_handler
    role = handler.opt.get("auth")
    if role == "public" or (role is None and is_automatic_options(handler)):
        return
    if role not in ROLES:
        raise Forbidden("This route is closed.", role=str(role))
    principal = await _authenticated(request)
    if role == "admin" and not principal.is_admin:
        # the same code as the use cases' refusal (clients key on it); ``role`` says what was required
        raise Forbidden("Only administrators may do this.", role="admin")
