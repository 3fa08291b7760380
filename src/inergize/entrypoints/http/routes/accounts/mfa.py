"""/v1/me/mfa: TOTP two-step verification: enrol (secret, otpauth URI, QR code), confirm, recovery
codes, disable (with the password and a code)."""

from __future__ import annotations

import base64
from typing import Any

from litestar import Request, Response, get, post

from inergize.application.accounts import mfa
from inergize.domain.accounts.users import Principal
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.deps import AccountDeps
from inergize.entrypoints.http.openapi import answers, files
from inergize.entrypoints.http.routes.accounts.schemas import (
    NO_STORE,
    CodeIn,
    EnrolmentOut,
    MfaStatusOut,
    ReauthIn,
    RecoveryCodesOut,
    client_info,
)


@get("/v1/me/mfa", opt=USER)
async def mfa_status(accounts: AccountDeps, principal: Principal) -> MfaStatusOut:
    s = await mfa.status(principal=principal, ports=accounts)
    return MfaStatusOut(enabled=s.enabled, pending=s.pending, recovery_codes_left=s.recovery_codes_left)


@post("/v1/me/mfa/totp", opt=USER | answers(409), status_code=201)
async def enrol(accounts: AccountDeps, principal: Principal) -> Response[EnrolmentOut]:
    e = await mfa.enrol(principal=principal, ports=accounts)
    return Response(
        EnrolmentOut(
            secret=e.secret, otpauth_uri=e.otpauth_uri, qr_png_base64=base64.b64encode(e.qr_png).decode()
        ),
        status_code=201,
        headers=NO_STORE,
    )


@get("/v1/me/mfa/totp/qr.png", opt=USER | files("image/png") | answers(404))
async def enrolment_qr(accounts: AccountDeps, principal: Principal) -> Response[bytes]:
    png = await mfa.enrolment_qr(principal=principal, ports=accounts)
    return Response(png, media_type="image/png", headers=NO_STORE)


@post("/v1/me/mfa/totp/confirm", opt=USER | answers(404, 409), status_code=200)
async def confirm(
    accounts: AccountDeps, request: Request[Any, Any, Any], data: CodeIn, principal: Principal
) -> Response[RecoveryCodesOut]:
    codes = await mfa.confirm(
        data.code, principal=principal, client=client_info(request), ports=accounts
    )
    return Response(RecoveryCodesOut(codes), headers=NO_STORE)


@post("/v1/me/mfa/recovery-codes", opt=USER | answers(409), status_code=200)
async def regenerate(
    accounts: AccountDeps, request: Request[Any, Any, Any], data: ReauthIn, principal: Principal
) -> Response[RecoveryCodesOut]:
    codes = await mfa.regenerate_recovery_codes(
        data.password, data.code, principal=principal, client=client_info(request), ports=accounts
    )
    return Response(RecoveryCodesOut(codes), headers=NO_STORE)


@post("/v1/me/mfa/disable", opt=USER | answers(409), status_code=204)
async def disable(accounts: AccountDeps, request: Request[Any, Any, Any], data: ReauthIn, principal: Principal) -> None:
    await mfa.disable(
        data.password,
        code=data.code,
        recovery_code=data.recovery_code,
        principal=principal,
        client=client_info(request),
        ports=accounts,
    )


ROUTES = [mfa_status, enrol, enrolment_qr, confirm, regenerate, disable]
