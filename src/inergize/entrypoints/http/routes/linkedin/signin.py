"""/v1/auth/linkedin: "Sign in with LinkedIn" and re-authentication through LinkedIn."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import Parameter

from inergize.application.accounts import TokenPair
from inergize.application.accounts.login import LoginResult
from inergize.application.linkedin import signin as uc
from inergize.application.linkedin.connection import AuthorizationStart
from inergize.domain.accounts.users import Principal
from inergize.entrypoints.http.auth import PUBLIC, USER
from inergize.entrypoints.http.deps import AccountDeps, LinkedInDeps
from inergize.entrypoints.http.routes.accounts.schemas import NO_STORE, client_info
from inergize.entrypoints.http.routes.linkedin.schemas import (
    LinkedInMfaOut,
    LinkedInTokensOut,
    ReauthenticatedOut,
    SignInStartOut,
)


def _start(start: AuthorizationStart) -> Response[SignInStartOut]:
    return Response(SignInStartOut(authorization_url=start.authorization_url, expires_at=start.expires_at),
                    headers=NO_STORE)


@post("/v1/auth/linkedin/start", opt=PUBLIC, status_code=200)
async def start(linkedin: LinkedInDeps) -> Response[SignInStartOut]:
    """Where to send the browser to sign in (or sign up) with LinkedIn."""
    return _start(await uc.start_signin(ports=linkedin))


@post("/v1/auth/linkedin/reauth", opt=USER, status_code=200)
async def reauth(linkedin: LinkedInDeps, principal: Principal) -> Response[SignInStartOut]:
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
) -> Response[LinkedInTokensOut | LinkedInMfaOut | ReauthenticatedOut]:
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
    body: LinkedInTokensOut | LinkedInMfaOut | ReauthenticatedOut
    match out:
        case uc.Reauthenticated(reset_token=token, expires_at=expires_at):
            body = ReauthenticatedOut(reset_token=token, expires_at=expires_at)
        case uc.SignedIn(login=LoginResult(tokens=None, mfa_token=mfa_token), created=created):
            body = LinkedInMfaOut(mfa_token=mfa_token, created=created)
        case uc.SignedIn(login=LoginResult(tokens=TokenPair() as pair), created=created):
            body = LinkedInTokensOut(access_token=pair.access_token, refresh_token=pair.refresh_token,
                                     expires_in=pair.expires_in, session_id=pair.session_id, created=created)
    return Response(body, headers=NO_STORE)


ROUTES = [start, reauth, callback]
