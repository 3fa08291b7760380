from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from inergize.domain.notifications.notification import Notification, NotificationPreference
from inergize.domain.platform.pagination import Page
from inergize.ports.email import EmailMessage


class NotificationRepository(Protocol):
    """Notifications, their per-kind preferences, and emails waiting for the outbox job."""

    async def add(self, notification: Notification) -> None: ...

    async def get(self, notification_id: uuid.UUID) -> Notification | None: ...

    async def list_for_user(
        self, user_id: uuid.UUID, *, limit: int, cursor: str | None, unread_only: bool = False
    ) -> Page[Notification]:
        """Visible notifications of ``user_id``, newest first."""
        ...

    async def unread_count(self, user_id: uuid.UUID) -> int: ...

    async def mark_read(self, user_id: uuid.UUID, ids: list[uuid.UUID] | None, now: datetime) -> int:
        """Mark the given (or all) unread notifications of ``user_id`` read; return how many changed."""
        ...

    async def mark_emailed(self, notification_id: uuid.UUID, now: datetime) -> bool:
        """Record the email as sent; False when it already was (another delivery won)."""
        ...

    async def preferences(self, user_id: uuid.UUID) -> list[NotificationPreference]: ...

    async def set_preference(
        self, user_id: uuid.UUID, pref: NotificationPreference, now: datetime
    ) -> None: ...

    async def add_email(
        self, email_id: uuid.UUID, user_id: uuid.UUID | None, message: EmailMessage, now: datetime
    ) -> None:
        """Keep an email (it may carry a one-time link) until the outbox job has sent it."""
        ...

    async def take_email(self, email_id: uuid.UUID) -> EmailMessage | None:
        """The pending email, or None when it was already sent."""
        ...

    async def drop_email(self, email_id: uuid.UUID) -> None:
        """Forget a sent email, so its one-time link does not stay in the database."""
        ...
