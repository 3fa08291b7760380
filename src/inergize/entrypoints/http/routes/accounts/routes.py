"""/v1/auth: sign-up, email verification, login (with the MFA step), refresh, logout, password reset
and email-change confirmation. Public routes answer the same whether or not an address has an account.

Login, MFA login and refresh have a browser mode (``X-Session-Mode: cookie``, see
``entrypoints/http/browser_sessions.py``): the refresh token then lives in a cookie, not in bodies."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIType, Schema
from litestar.openapi.spec import RequestBody as OpenAPIRequestBody

from inergize.application.accounts import TokenPair, credentials, login, registration
from inergize.domain.accounts.users import Principal
from inergize.entrypoints.http.auth import PUBLIC, USER
from inergize.entrypoints.http.browser_sessions import (
    CsrfCookie,
    CsrfHeader,
    RefreshCookie,
    SessionMode,
    cleared_cookies,
    refresh_token_from_cookies,
    session_cookies,
)
from inergize.entrypoints.http.deps import AccountDeps
from inergize.entrypoints.http.openapi import answers
from inergize.entrypoints.http.openapi_bodies import declared_body, decode_json, no_content
from inergize.entrypoints.http.routes.accounts.schemas import (
    NO_STORE,
    Accepted,
    CookieRefreshIn,
    EmailIn,
    LoginIn,
    LoginOut,
    MfaLoginIn,
    RefreshIn,
    RegisterIn,
    ResetIn,
    TokenIn,
    TokensOut,
    client_info,
    tokens_out,
)

SENT = "If this address can be used, we sent it an email with the next step."


_REFRESH_BODY = declared_body(OpenAPIRequestBody(
    required=True,
    description="`{refreshToken}` for API clients; `{}` with `X-Session-Mode: cookie` (the token is the "
                "`inergize_refresh` cookie and `X-CSRF-Token` must equal the `inergize_csrf` cookie).",
    content={"application/json": OpenAPIMediaType(schema=Schema(one_of=[
        Schema(title="RefreshIn", type=OpenAPIType.OBJECT, required=["refreshToken"],
               properties={"refreshToken": Schema(type=OpenAPIType.STRING, min_length=1, max_length=256)},
               additional_properties=False),
        Schema(title="CookieRefreshIn", type=OpenAPIType.OBJECT, properties={}, additional_properties=False),
    ]))},
))


@post("/v1/auth/register", opt=PUBLIC, status_code=202)
async def register(accounts: AccountDeps, request: Request[Any, Any, Any], data: RegisterIn) -> Accepted:
    await registration.register(
        data.email,
        data.password,
        display_name=data.display_name,
        client=client_info(request),
        ports=accounts,
    )
    return Accepted(SENT)


@post("/v1/auth/verify-email", opt=PUBLIC, status_code=204)
async def verify_email(accounts: AccountDeps, request: Request[Any, Any, Any], data: TokenIn) -> None:
    await registration.verify_email(data.token, client=client_info(request), ports=accounts)


@post("/v1/auth/verify-email/resend", opt=PUBLIC, status_code=202)
async def resend_verification(accounts: AccountDeps, request: Request[Any, Any, Any], data: EmailIn) -> Accepted:
    await registration.resend_verification(data.email, client=client_info(request), ports=accounts)
    return Accepted(SENT)


def _tokens(request: Request[Any, Any, Any], pair: TokenPair, cookie_mode: bool,
            accounts: AccountDeps) -> Response[TokensOut]:
    """The new pair: all in the body for API clients; for a browser the refresh token as a cookie."""
    if not cookie_mode:
        return Response(tokens_out(pair), headers=NO_STORE)
    max_age = accounts.policy.refresh_ttl_days * 86_400
    body = TokensOut(access_token=pair.access_token, refresh_token=None, expires_in=pair.expires_in,
                     session_id=pair.session_id)
    return Response(body, headers=NO_STORE, cookies=session_cookies(request, pair.refresh_token, max_age))


@post("/v1/auth/login", opt=PUBLIC | answers(401), status_code=200)
async def login_route(accounts: AccountDeps, request: Request[Any, Any, Any], data: LoginIn,
                      session_mode: SessionMode = None) -> Response[LoginOut]:
    result = await login.login(data.email, data.password, client=client_info(request), ports=accounts)
    if result.tokens is None:
        return Response(LoginOut(mfa_required=True, mfa_token=result.mfa_token), headers=NO_STORE)
    answer = _tokens(request, result.tokens, session_mode == "cookie", accounts)
    t = answer.content
    return Response(
        LoginOut(
            access_token=t.access_token,
            refresh_token=t.refresh_token,
            token_type="Bearer",
            expires_in=t.expires_in,
            session_id=t.session_id,
        ),
        headers=NO_STORE,
        cookies=answer.cookies,
    )


@post("/v1/auth/login/mfa", opt=PUBLIC | answers(401), status_code=200)
async def login_mfa(accounts: AccountDeps, request: Request[Any, Any, Any], data: MfaLoginIn,
                    session_mode: SessionMode = None) -> Response[TokensOut]:
    pair = await login.complete_mfa_login(
        data.mfa_token,
        code=data.code,
        recovery_code=data.recovery_code,
        client=client_info(request),
        ports=accounts,
    )
    return _tokens(request, pair, session_mode == "cookie", accounts)


@post("/v1/auth/refresh", opt=PUBLIC | answers(401), status_code=200, operation_class=_REFRESH_BODY)
async def refresh(accounts: AccountDeps, request: Request[Any, Any, Any], session_mode: SessionMode = None,
                  csrf_token: CsrfHeader = None, refresh_cookie: RefreshCookie = None,
                  csrf_cookie: CsrfCookie = None) -> Response[TokensOut]:
    raw = await request.body()
    if session_mode == "cookie":
        decode_json(raw, CookieRefreshIn, empty=CookieRefreshIn())
        token = refresh_token_from_cookies(refresh_cookie, csrf_cookie, csrf_token)
    else:
        token = decode_json(raw, RefreshIn).refresh_token
    pair = await login.refresh(token, client=client_info(request), ports=accounts)
    return _tokens(request, pair, session_mode == "cookie", accounts)


@post("/v1/auth/logout", opt=USER, status_code=204, operation_class=no_content())
async def logout(accounts: AccountDeps, request: Request[Any, Any, Any], principal: Principal) -> Response[None]:
    """Ends this session; the browser's session cookies are cleared whatever the mode."""
    await login.logout(
        principal=principal,
        session_id=request.state.get("session_id"),
        client=client_info(request),
        ports=accounts,
    )
    return Response(None, status_code=204, cookies=cleared_cookies(request))


@post("/v1/auth/logout-all", opt=USER, status_code=204, operation_class=no_content())
async def logout_all(accounts: AccountDeps, request: Request[Any, Any, Any], principal: Principal) -> Response[None]:
    """Ends every session of the account; this browser's session cookies are cleared too."""
    await login.logout_everywhere(principal=principal, client=client_info(request), ports=accounts)
    return Response(None, status_code=204, cookies=cleared_cookies(request))


@post("/v1/auth/password/forgot", opt=PUBLIC, status_code=202)
async def forgot_password(accounts: AccountDeps, request: Request[Any, Any, Any], data: EmailIn) -> Accepted:
    await credentials.forgot_password(data.email, client=client_info(request), ports=accounts)
    return Accepted(SENT)


@post("/v1/auth/password/reset", opt=PUBLIC, status_code=204)
async def reset_password(accounts: AccountDeps, request: Request[Any, Any, Any], data: ResetIn) -> None:
    await credentials.reset_password(
        data.token,
        data.new_password,
        code=data.code,
        recovery_code=data.recovery_code,
        client=client_info(request),
        ports=accounts,
    )


@post("/v1/auth/email/confirm", opt=PUBLIC, status_code=204)
async def confirm_email_change(accounts: AccountDeps, request: Request[Any, Any, Any], data: TokenIn) -> None:
    await credentials.confirm_email_change(data.token, client=client_info(request), ports=accounts)


ROUTES = [
    register,
    verify_email,
    resend_verification,
    login_route,
    login_mfa,
    refresh,
    logout,
    logout_all,
    forgot_password,
    reset_password,
    confirm_email_change,
]
