from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.pagination import keyset_after, page_from_rows
from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.accounts import notification_preferences as prefs
from inergize.adapters.persistence.tables.accounts import notifications, pending_emails
from inergize.domain.notifications.notification import Notification, NotificationPreference
from inergize.domain.platform.pagination import Page
from inergize.ports.email import EmailMessage


def _to_notification(row: Row[Any]) -> Notification:
    m = row._mapping
    return Notification(
        id=m["id"],
        user_id=m["user_id"],
        kind=m["kind"],
        title=m["title"],
        body=m["body"],
        link=m["link"],
        visible=m["visible"],
        email_to=m["email_to"],
        created_at=m["created_at"],
        read_at=m["read_at"],
        emailed_at=m["emailed_at"],
    )


class SqlNotificationRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, notification: Notification) -> None:
        await self._conn.execute(insert(notifications).values(**msgspec.structs.asdict(notification)))

    async def get(self, notification_id: uuid.UUID) -> Notification | None:
        row = await row_where(self._conn, notifications.c.id, notification_id)
        return _to_notification(row) if row else None

    async def list_for_user(
        self, user_id: uuid.UUID, *, limit: int, cursor: str | None, unread_only: bool = False
    ) -> Page[Notification]:
        stmt = select(notifications).where(notifications.c.user_id == user_id, notifications.c.visible.is_(True))
        if unread_only:
            stmt = stmt.where(notifications.c.read_at.is_(None))
        stmt = keyset_after(stmt, notifications.c.created_at, notifications.c.id, cursor).limit(limit + 1)
        rows = (await self._conn.execute(stmt)).all()
        return page_from_rows(rows, limit, _to_notification, "created_at")

    async def unread_count(self, user_id: uuid.UUID) -> int:
        stmt = (
            select(func.count())
            .select_from(notifications)
            .where(
                notifications.c.user_id == user_id, notifications.c.visible.is_(True), notifications.c.read_at.is_(None)
            )
        )
        return int((await self._conn.execute(stmt)).scalar_one())

    async def mark_read(self, user_id: uuid.UUID, ids: list[uuid.UUID] | None, now: datetime) -> int:
        stmt = update(notifications).where(notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
        if ids is not None:
            stmt = stmt.where(notifications.c.id.in_(ids))
        result = await self._conn.execute(stmt.values(read_at=now))
        return int(result.rowcount)

    async def mark_emailed(self, notification_id: uuid.UUID, now: datetime) -> bool:
        result = await self._conn.execute(
            update(notifications)
            .where(notifications.c.id == notification_id, notifications.c.emailed_at.is_(None))
            .values(emailed_at=now)
        )
        return result.rowcount == 1

    async def preferences(self, user_id: uuid.UUID) -> list[NotificationPreference]:
        rows = (
            await self._conn.execute(
                select(prefs.c.kind, prefs.c.in_app, prefs.c.email)
                .where(prefs.c.user_id == user_id)
                .order_by(prefs.c.kind)
            )
        ).all()
        return [NotificationPreference(kind=r.kind, in_app=r.in_app, email=r.email) for r in rows]

    async def set_preference(self, user_id: uuid.UUID, pref: NotificationPreference, now: datetime) -> None:
        values = {"in_app": pref.in_app, "email": pref.email, "updated_at": now}
        result = await self._conn.execute(
            update(prefs).where(prefs.c.user_id == user_id, prefs.c.kind == pref.kind).values(**values)
        )
        if result.rowcount == 0:
            await self._conn.execute(insert(prefs).values(user_id=user_id, kind=pref.kind, **values))

    async def add_email(
        self, email_id: uuid.UUID, user_id: uuid.UUID | None, message: EmailMessage, now: datetime
    ) -> None:
        await self._conn.execute(
            insert(pending_emails).values(
                id=email_id,
                user_id=user_id,
                to_address=message.to,
                to_name=message.to_name,
                subject=message.subject,
                text=message.text,
                html=message.html,
                created_at=now,
            )
        )

    async def take_email(self, email_id: uuid.UUID) -> EmailMessage | None:
        row = await row_where(self._conn, pending_emails.c.id, email_id)
        if row is None:
            return None
        return EmailMessage(to=row.to_address, to_name=row.to_name, subject=row.subject, text=row.text, html=row.html)

    async def drop_email(self, email_id: uuid.UUID) -> None:
        await self._conn.execute(delete(pending_emails).where(pending_emails.c.id == email_id))
