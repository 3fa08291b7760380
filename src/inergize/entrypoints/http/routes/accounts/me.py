"""/v1/me: the caller's own account: profile and preferences, password and email changes, sessions,
security events, GDPR export and deletion."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, Response, delete, get, patch, post
from litestar.params import Parameter

from inergize.application.accounts import admin, credentials, gdpr, login, profile
from inergize.domain.accounts.users import Principal, WorkingHours
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.conventions import IF_MATCH, etag, expected_version
from inergize.entrypoints.http.deps import AccountDeps
from inergize.entrypoints.http.routes.accounts.schemas import (
    Accepted,
    AuditPageOut,
    DataExportOut,
    DeleteIn,
    EmailChangeIn,
    PasswordChangeIn,
    ProfileOut,
    ProfilePatch,
    SessionOut,
    audit_out,
    client_info,
    data_export_out,
    profile_out,
    session_out,
)


@get("/v1/me", opt=USER)
async def get_me(accounts: AccountDeps, principal: Principal) -> Response[ProfileOut]:
    user = await profile.get_profile(principal=principal, ports=accounts)
    return Response(profile_out(user), headers={"ETag": etag(user.version)})


@patch("/v1/me", opt=USER | IF_MATCH)
async def patch_me(
    accounts: AccountDeps, request: Request[Any, Any, Any], data: ProfilePatch, principal: Principal
) -> Response[ProfileOut]:
    hours = data.working_hours
    change = profile.ProfileChange(
        display_name=data.display_name,
        timezone=data.timezone,
        industry=data.industry,
        job_role=data.job_role,
        tone=data.tone,
        working_hours=WorkingHours(start=hours.start, end=hours.end, days=tuple(hours.days))
        if hours
        else None,
    )
    user = await profile.update_profile(
        change, expected_version=expected_version(request), principal=principal, ports=accounts
    )
    return Response(profile_out(user), headers={"ETag": etag(user.version)})


@post("/v1/me/password", opt=USER, status_code=204)
async def change_password(
    accounts: AccountDeps, request: Request[Any, Any, Any], data: PasswordChangeIn, principal: Principal
) -> None:
    await credentials.change_password(
        data.current_password,
        data.new_password,
        principal=principal,
        session_id=request.state.get("session_id"),
        client=client_info(request),
        ports=accounts,
    )


@post("/v1/me/email", opt=USER, status_code=202)
async def change_email(
    accounts: AccountDeps, request: Request[Any, Any, Any], data: EmailChangeIn, principal: Principal
) -> Accepted:
    await credentials.request_email_change(
        data.password, data.new_email, principal=principal, client=client_info(request), ports=accounts
    )
    return Accepted("We sent a confirmation link to the new address.")


@get("/v1/me/sessions", opt=USER)
async def list_sessions(
    accounts: AccountDeps, request: Request[Any, Any, Any], principal: Principal
) -> list[SessionOut]:
    sessions = await login.list_sessions(principal=principal, ports=accounts)
    current = request.state.get("session_id")
    return [session_out(s, current) for s in sessions]


@delete("/v1/me/sessions/{session_id:uuid}", opt=USER, status_code=204)
async def revoke_session(
    accounts: AccountDeps, request: Request[Any, Any, Any], session_id: uuid.UUID, principal: Principal
) -> None:
    await login.revoke_session(
        session_id, principal=principal, client=client_info(request), ports=accounts
    )


@get("/v1/me/audit", opt=USER)
async def my_audit(
    accounts: AccountDeps, principal: Principal,
    cursor: str | None = None,
    limit: int | None = Parameter(default=None, ge=1, le=200),
) -> AuditPageOut:
    page = await admin.list_audit(principal=principal, ports=accounts, limit=limit, cursor=cursor)
    return AuditPageOut(items=[audit_out(e) for e in page.items], next_cursor=page.next_cursor)


@get("/v1/me/export", opt=USER)
async def export(
    accounts: AccountDeps, request: Request[Any, Any, Any], principal: Principal
) -> Response[DataExportOut]:
    document = await gdpr.export_data(principal=principal, client=client_info(request), ports=accounts)
    return Response(
        data_export_out(document),
        headers={
            "Content-Disposition": 'attachment; filename="inergize-export.json"',
            "Cache-Control": "no-store",
        },
    )


@post("/v1/me/delete", opt=USER, status_code=204)
async def delete_account(
    accounts: AccountDeps, request: Request[Any, Any, Any], data: DeleteIn, principal: Principal
) -> None:
    await gdpr.delete_account(
        data.password,
        code=data.code,
        recovery_code=data.recovery_code,
        principal=principal,
        client=client_info(request),
        ports=accounts,
    )


ROUTES = [
    get_me,
    patch_me,
    change_password,
    change_email,
    list_sessions,
    revoke_session,
    my_audit,
    export,
    delete_account,
]
