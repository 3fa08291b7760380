"""/v1/admin/users and /v1/admin/audit: administrators list, disable and re-enable accounts and read
everyone's security events (the use cases check the role)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, get, post
from litestar.params import Parameter

from inergize.application.accounts import admin
from inergize.domain.accounts.users import Principal, UserStatus
from inergize.entrypoints.http.auth import ADMIN
from inergize.entrypoints.http.deps import AccountDeps
from inergize.entrypoints.http.routes.accounts.schemas import (
    AuditPageOut,
    ProfileOut,
    UserPageOut,
    audit_out,
    client_info,
    profile_out,
)


@get("/v1/admin/users", opt=ADMIN)
async def list_users(
    accounts: AccountDeps, principal: Principal,
    cursor: str | None = None,
    limit: int | None = Parameter(default=None, ge=1, le=200),
    q: str | None = Parameter(default=None, description="Every word in the email address or the name, any case."),
) -> UserPageOut:
    page = await admin.list_users(
        principal=principal, ports=accounts, limit=limit, cursor=cursor, search=q
    )
    return UserPageOut(items=[profile_out(u) for u in page.items], next_cursor=page.next_cursor)


async def _set_status(accounts: AccountDeps, request: Request[Any, Any, Any], user_id: uuid.UUID,
                      principal: Principal, status: UserStatus) -> ProfileOut:
    user = await admin.set_user_status(
        user_id, status, principal=principal, client=client_info(request), ports=accounts
    )
    return profile_out(user)


@post("/v1/admin/users/{user_id:uuid}/disable", opt=ADMIN, status_code=200)
async def disable_user(
    accounts: AccountDeps, request: Request[Any, Any, Any], user_id: uuid.UUID, principal: Principal
) -> ProfileOut:
    return await _set_status(accounts, request, user_id, principal, UserStatus.DISABLED)


@post("/v1/admin/users/{user_id:uuid}/enable", opt=ADMIN, status_code=200)
async def enable_user(
    accounts: AccountDeps, request: Request[Any, Any, Any], user_id: uuid.UUID, principal: Principal
) -> ProfileOut:
    return await _set_status(accounts, request, user_id, principal, UserStatus.ACTIVE)


@get("/v1/admin/audit", opt=ADMIN)
async def audit(
    accounts: AccountDeps, principal: Principal,
    cursor: str | None = None,
    user_id: uuid.UUID | None = Parameter(query="userId", default=None),
    limit: int | None = Parameter(default=None, ge=1, le=200),
) -> AuditPageOut:
    page = await admin.list_audit(
        principal=principal,
        ports=accounts,
        user_id=user_id,
        all_users=user_id is None,
        limit=limit,
        cursor=cursor,
    )
    return AuditPageOut(items=[audit_out(e) for e in page.items], next_cursor=page.next_cursor)


ROUTES = [list_users, disable_user, enable_user, audit]
