"""/v1/notifications: the caller's notifications (unread count, mark read) and per-kind preferences."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, get, post, put
from litestar.params import Parameter

from inergize.application.notifications import inbox as uc
from inergize.domain.accounts.users import Principal
from inergize.domain.notifications.notification import Notification, NotificationPreference
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.routes.notifications.schemas import (
    ChangedOut,
    MarkReadIn,
    NotificationOut,
    NotificationPageOut,
    PreferenceIn,
    PreferenceOut,
    UnreadOut,
)


def _out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.id,
        kind=n.kind,
        title=n.title,
        body=n.body,
        link=n.link,
        created_at=n.created_at,
        read_at=n.read_at,
    )


@get("/v1/notifications", opt=USER)
async def list_notifications(
    request: Request[Any, Any, Any],
    principal: Principal,
    cursor: str | None = None,
    limit: int | None = Parameter(default=None, ge=1, le=200),
    unread: bool = False,
) -> NotificationPageOut:
    c = request.app.state.container
    page = await uc.list_notifications(
        principal=principal, uow_factory=c.uow_factory(), limit=limit, cursor=cursor, unread_only=unread
    )
    return NotificationPageOut(items=[_out(n) for n in page.items], next_cursor=page.next_cursor)


@get("/v1/notifications/unread-count", opt=USER)
async def unread_count(request: Request[Any, Any, Any], principal: Principal) -> UnreadOut:
    c = request.app.state.container
    return UnreadOut(await uc.unread_count(principal=principal, uow_factory=c.uow_factory()))


@post("/v1/notifications/{notification_id:uuid}/read", opt=USER, status_code=200)
async def mark_one_read(
    request: Request[Any, Any, Any], notification_id: uuid.UUID, principal: Principal
) -> NotificationOut:
    c = request.app.state.container
    return _out(
        await uc.mark_one_read(
            notification_id, principal=principal, uow_factory=c.uow_factory(), clock=c.clock()
        )
    )


@post("/v1/notifications/read", opt=USER, status_code=200)
async def mark_read(request: Request[Any, Any, Any], data: MarkReadIn, principal: Principal) -> ChangedOut:
    c = request.app.state.container
    return ChangedOut(
        await uc.mark_read(data.ids, principal=principal, uow_factory=c.uow_factory(), clock=c.clock())
    )


@get("/v1/notification-preferences", opt=USER)
async def preferences(request: Request[Any, Any, Any], principal: Principal) -> list[PreferenceOut]:
    c = request.app.state.container
    prefs = await uc.get_preferences(principal=principal, uow_factory=c.uow_factory())
    return [PreferenceOut(kind=p.kind, in_app=p.in_app, email=p.email) for p in prefs]


@put("/v1/notification-preferences/{kind:str}", opt=USER)
async def set_preference(
    request: Request[Any, Any, Any], kind: str, data: PreferenceIn, principal: Principal
) -> PreferenceOut:
    c = request.app.state.container
    p = await uc.set_preference(
        NotificationPreference(kind=kind, in_app=data.in_app, email=data.email),
        principal=principal,
        uow_factory=c.uow_factory(),
        clock=c.clock(),
    )
    return PreferenceOut(kind=p.kind, in_app=p.in_app, email=p.email)


ROUTES = [list_notifications, unread_count, mark_one_read, mark_read, preferences, set_preference]
