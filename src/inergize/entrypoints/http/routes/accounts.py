"""/v1/auth: sign-up, email verification, login (with the MFA step), refresh, logout, password reset
and email-change confirmation. Public routes answer the same whether or not an address has an account."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post

from inergize.application.accounts import credentials, login, registration
from inergize.domain.users import Principal
from inergize.entrypoints.accounts_wiring import account_ports
from inergize.entrypoints.http.auth import PUBLIC, USER
from inergize.entrypoints.http.routes.account_schemas import (
    NO_STORE,
    Accepted,
    Code,
    Email,
    LoginOut,
    Name,
    Password,
    RecoveryCode,
    Token,
    client_info,
    tokens_out,
)
from inergize.entrypoints.http.schemas import RequestBody

SENT = "If this address can be used, we sent it an email with the next step."


class RegisterIn(RequestBody, kw_only=True):
    email: Email
    password: Password
    display_name: Name = ""


class EmailIn(RequestBody):
    email: Email


class TokenIn(RequestBody):
    token: Token


class LoginIn(RequestBody):
    email: Email
    password: Password


class MfaLoginIn(RequestBody, kw_only=True):
    mfa_token: Token
    code: Code | None = None
    recovery_code: RecoveryCode | None = None


class RefreshIn(RequestBody):
    refresh_token: Token


class ResetIn(RequestBody, kw_only=True):
    token: Token
    new_password: Password
    code: Code | None = None
    recovery_code: RecoveryCode | None = None


def _ports(request: Request[Any, Any, Any]) -> Any:
    return account_ports(request.app.state.container)


@post("/v1/auth/register", opt=PUBLIC, status_code=202)
async def register(request: Request[Any, Any, Any], data: RegisterIn) -> Accepted:
    await registration.register(
        data.email,
        data.password,
        display_name=data.display_name,
        client=client_info(request),
        ports=_ports(request),
    )
    return Accepted(SENT)


@post("/v1/auth/verify-email", opt=PUBLIC, status_code=204)
async def verify_email(request: Request[Any, Any, Any], data: TokenIn) -> None:
    await registration.verify_email(data.token, client=client_info(request), ports=_ports(request))


@post("/v1/auth/verify-email/resend", opt=PUBLIC, status_code=202)
async def resend_verification(request: Request[Any, Any, Any], data: EmailIn) -> Accepted:
    await registration.resend_verification(data.email, client=client_info(request), ports=_ports(request))
    return Accepted(SENT)


@post("/v1/auth/login", opt=PUBLIC, status_code=200)
async def login_route(request: Request[Any, Any, Any], data: LoginIn) -> Response[LoginOut]:
    result = await login.login(data.email, data.password, client=client_info(request), ports=_ports(request))
    if result.tokens is None:
        return Response(LoginOut(mfa_required=True, mfa_token=result.mfa_token), headers=NO_STORE)
    t = tokens_out(result.tokens)
    return Response(
        LoginOut(
            access_token=t.access_token,
            refresh_token=t.refresh_token,
            token_type="Bearer",
            expires_in=t.expires_in,
            session_id=t.session_id,
        ),
        headers=NO_STORE,
    )


@post("/v1/auth/login/mfa", opt=PUBLIC, status_code=200)
async def login_mfa(request: Request[Any, Any, Any], data: MfaLoginIn) -> Response[Any]:
    pair = await login.complete_mfa_login(
        data.mfa_token,
        code=data.code,
        recovery_code=data.recovery_code,
        client=client_info(request),
        ports=_ports(request),
    )
    return Response(tokens_out(pair), headers=NO_STORE)


@post("/v1/auth/refresh", opt=PUBLIC, status_code=200)
async def refresh(request: Request[Any, Any, Any], data: RefreshIn) -> Response[Any]:
    pair = await login.refresh(data.refresh_token, client=client_info(request), ports=_ports(request))
    return Response(tokens_out(pair), headers=NO_STORE)


@post("/v1/auth/logout", opt=USER, status_code=204)
async def logout(request: Request[Any, Any, Any], principal: Principal) -> None:
    await login.logout(
        principal=principal,
        session_id=request.state.get("session_id"),
        client=client_info(request),
        ports=_ports(request),
    )


@post("/v1/auth/logout-all", opt=USER, status_code=204)
async def logout_all(request: Request[Any, Any, Any], principal: Principal) -> None:
    await login.logout_everywhere(principal=principal, client=client_info(request), ports=_ports(request))


@post("/v1/auth/password/forgot", opt=PUBLIC, status_code=202)
async def forgot_password(request: Request[Any, Any, Any], data: EmailIn) -> Accepted:
    await credentials.forgot_password(data.email, client=client_info(request), ports=_ports(request))
    return Accepted(SENT)


@post("/v1/auth/password/reset", opt=PUBLIC, status_code=204)
async def reset_password(request: Request[Any, Any, Any], data: ResetIn) -> None:
    await credentials.reset_password(
        data.token,
        data.new_password,
        code=data.code,
        recovery_code=data.recovery_code,
        client=client_info(request),
        ports=_ports(request),
    )


@post("/v1/auth/email/confirm", opt=PUBLIC, status_code=204)
async def confirm_email_change(request: Request[Any, Any, Any], data: TokenIn) -> None:
    await credentials.confirm_email_change(data.token, client=client_info(request), ports=_ports(request))


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
