"""/v1/notifications: the caller's notifications (unread count, mark read) and per-kind preferences."""

from __future__ import annotations

import uuid

from litestar import get, post, put
from litestar.params import Parameter

from inergize.application.notifications import inbox as uc
from inergize.domain.accounts.users import Principal
from inergize.domain.notifications.notification import Notification, NotificationPreference
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.deps import NotificationDeps
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
    notifications: NotificationDeps,
    principal: Principal,
    cursor: str | None = None,
    limit: int | None = Parameter(default=None, ge=1, le=200),
    unread: bool = False,
) -> NotificationPageOut:
    page = await uc.list_notifications(
        principal=principal, uow_factory=notifications.uow_factory, limit=limit, cursor=cursor, unread_only=unread
    )
    return NotificationPageOut(items=[_out(n) for n in page.items], next_cursor=page.next_cursor)


@get("/v1/notifications/unread-count", opt=USER)
async def unread_count(notifications: NotificationDeps, principal: Principal) -> UnreadOut:
    return UnreadOut(await uc.unread_count(principal=principal, uow_factory=notifications.uow_factory))


@post("/v1/notifications/{notification_id:uuid}/read", opt=USER, status_code=200)
async def mark_one_read(
    notifications: NotificationDeps, notification_id: uuid.UUID, principal: Principal
) -> NotificationOut:
    return _out(
        await uc.mark_one_read(
            notification_id, principal=principal, uow_factory=notifications.uow_factory, clock=notifications.clock
        )
    )


@post("/v1/notifications/read", opt=USER, status_code=200)
async def mark_read(notifications: NotificationDeps, data: MarkReadIn, principal: Principal) -> ChangedOut:
    return ChangedOut(
        await uc.mark_read(
            data.ids, principal=principal, uow_factory=notifications.uow_factory, clock=notifications.clock
        )
    )


@get("/v1/notification-preferences", opt=USER)
async def preferences(notifications: NotificationDeps, principal: Principal) -> list[PreferenceOut]:
    prefs = await uc.get_preferences(principal=principal, uow_factory=notifications.uow_factory)
    return [PreferenceOut(kind=p.kind, in_app=p.in_app, email=p.email) for p in prefs]


@put("/v1/notification-preferences/{kind:str}", opt=USER)
async def set_preference(
    notifications: NotificationDeps, kind: str, data: PreferenceIn, principal: Principal
) -> PreferenceOut:
    p = await uc.set_preference(
        NotificationPreference(kind=kind, in_app=data.in_app, email=data.email),
        principal=principal,
        uow_factory=notifications.uow_factory,
        clock=notifications.clock,
    )
    return PreferenceOut(kind=p.kind, in_app=p.in_app, email=p.email)


ROUTES = [list_notifications, unread_count, mark_one_read, mark_read, preferences, set_preference]
