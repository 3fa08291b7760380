"""/v1/auth/linkedin: "Sign in with LinkedIn" and re-authentication through LinkedIn."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import Parameter

from inergize.application.linkedin import signin as uc
from inergize.domain.accounts.users import Principal
from inergize.entrypoints.http.auth import PUBLIC, USER
from inergize.entrypoints.http.deps import AccountDeps, LinkedInDeps
from inergize.entrypoints.http.routes.accounts.schemas import NO_STORE, client_info, tokens_out
from inergize.entrypoints.http.routes.linkedin.routes import camelize


def _start(start: Any) -> Response[Any]:
    return Response(
        camelize({"authorization_url": start.authorization_url, "expires_at": start.expires_at}),
        headers=NO_STORE,
    )


@post("/v1/auth/linkedin/start", opt=PUBLIC, status_code=200)
async def start(linkedin: LinkedInDeps) -> Response[Any]:
    """Where to send the browser to sign in (or sign up) with LinkedIn."""
    return _start(await uc.start_signin(ports=linkedin))


@post("/v1/auth/linkedin/reauth", opt=USER, status_code=200)
async def reauth(linkedin: LinkedInDeps, principal: Principal) -> Response[Any]:
    """Confirm it is you through LinkedIn; the callback then answers a password-reset token."""
    return _start(await uc.start_reauth(principal=principal, ports=linkedin))


@get("/v1/auth/linkedin/callback", opt=PUBLIC)
async def callback(
    request: Request[Any, Any, Any],
    linkedin: LinkedInDeps,
    accounts: AccountDeps,
    oauth_state: str = Parameter(query="state"),
    code: str | None = None,
    error: str | None = None,
) -> Response[Any]:
    """Tokens (``mfaRequired`` + ``mfaToken`` when two-step verification is on, to finish at
    /v1/auth/login/mfa), or for a re-authentication a ``resetToken``."""
    out = await uc.complete_linkedin_auth(
        code=code,
        state=oauth_state,
        error=error,
        client=client_info(request),
        ports=linkedin,
        accounts=accounts,
    )
    if "reset_token" in out:
        return Response(camelize(out), headers=NO_STORE)
    login = out["login"]
    if login.tokens is None:
        body: dict[str, Any] = {"mfa_required": True, "mfa_token": login.mfa_token}
    else:
        t = tokens_out(login.tokens)
        body = {
            "access_token": t.access_token,
            "refresh_token": t.refresh_token,
            "token_type": "Bearer",
            "expires_in": t.expires_in,
            "session_id": str(t.session_id),
        }
    return Response(camelize({**body, "created": out["created"]}), headers=NO_STORE)


ROUTES = [start, reauth, callback]
