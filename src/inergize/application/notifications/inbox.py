"""Notifications: the in-app list, per-kind preferences, and email delivery through the outbox.

Every capability tells a user something with :func:`notify`, inside its own unit of work::

    async with uow_factory() as uow:
        ...
        await notify(uow, user_id, "publishing.failed", "Your post was not published",
                     "LinkedIn refused it: ...", link="/compose/?id=42", now=clock.now())
        await uow.commit()

The row and its email job commit (or roll back) together with the caller's change, so a notice is
never sent for something that did not happen, and never lost for something that did.
"""

from __future__ import annotations

import html as html_lib
import uuid
from datetime import datetime

from inergize.domain.accounts.users import Principal
from inergize.domain.notifications.notification import (
    MAX_BODY,
    MAX_LINK,
    MAX_TITLE,
    Notification,
    NotificationPreference,
    check_kind,
    effective_preference,
    is_security_kind,
)
from inergize.domain.platform.errors import NotFound, ValidationFailed
from inergize.domain.platform.pagination import Page, page_size
from inergize.ports.clock import Clock
from inergize.ports.email import EmailMessage, EmailSender
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

EMAIL_JOB = "notifications.email_notification"
PENDING_EMAIL_JOB = "notifications.send_email"


async def notify(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str,
    link: str | None = None,
    *,
    now: datetime,
    email_to: str | None = None,
) -> Notification:
    """Record a notification for ``user_id`` in ``uow`` and, if the user wants email for ``kind``,
    enqueue its email through the outbox. The caller commits. ``link`` is a page of the web app
    (``/compose/?id=42``, see ``domain/notifications/web_pages.py``) or an absolute URL; ``email_to``
    sends the email to another address (a notice to a previous address). Security kinds
    (``security.*``) cannot be silenced."""
    check_kind(kind)
    if link is not None and len(link) > MAX_LINK:
        raise ValidationFailed("The link is too long.", field="link")
    stored = {p.kind: p for p in await uow.notifications.preferences(user_id)}
    pref = effective_preference(kind, stored.get(kind))
    item = Notification(
        id=uuid.uuid4(),
        user_id=user_id,
        kind=kind,
        title=title[:MAX_TITLE],
        body=body[:MAX_BODY],
        link=link,
        visible=pref.in_app,
        email_to=email_to,
        created_at=now,
    )
    await uow.notifications.add(item)
    if pref.email or email_to is not None:
        uow.jobs.enqueue(EMAIL_JOB, notification_id=str(item.id))
    return item


async def queue_email(
    uow: UnitOfWork, user_id: uuid.UUID | None, message: EmailMessage, *, now: datetime
) -> None:
    """Send ``message`` through the outbox (for emails that are not notifications, such as a
    verification link). It is kept only until it is sent."""
    email_id = uuid.uuid4()
    await uow.notifications.add_email(email_id, user_id, message, now)
    uow.jobs.enqueue(PENDING_EMAIL_JOB, email_id=str(email_id))


def _absolute(link: str | None, base_url: str) -> str | None:
    if link is None:
        return None
    return link if link.startswith(("https://", "http://")) else base_url.rstrip("/") + "/" + link.lstrip("/")


def render_notification_email(item: Notification, to: str, base_url: str) -> EmailMessage:
    url = _absolute(item.link, base_url)
    text = item.body + (f"\n\n{url}\n" if url else "\n")
    html = f"<p>{html_lib.escape(item.body)}</p>"
    if url:
        html += f'<p><a href="{html_lib.escape(url, quote=True)}">{html_lib.escape(url)}</a></p>'
    return EmailMessage(to=to, subject=item.title, text=text, html=html)


async def deliver_notification_email(
    notification_id: uuid.UUID,
    *,
    uow_factory: UnitOfWorkFactory,
    email_sender: EmailSender,
    clock: Clock,
    base_url: str,
) -> bool:
    """The ``notifications.email_notification`` job: send the email of a notification once. Safe to run again
    (delivery is at least once): an already emailed notification is skipped. Returns whether it sent."""
    async with uow_factory(read_only=True) as uow:
        item = await uow.notifications.get(notification_id)
        user = await uow.users.get(item.user_id) if item else None
    if item is None or item.emailed_at is not None or user is None:
        return False
    if not user.is_active and not is_security_kind(item.kind):
        return False
    await email_sender.send(render_notification_email(item, item.email_to or user.email, base_url))
    async with uow_factory() as uow:
        await uow.notifications.mark_emailed(notification_id, clock.now())
        await uow.commit()
    return True


async def deliver_pending_email(
    email_id: uuid.UUID, *, uow_factory: UnitOfWorkFactory, email_sender: EmailSender
) -> bool:
    """The ``notifications.send_email`` job: send a pending email and forget it. Safe to run again."""
    async with uow_factory(read_only=True) as uow:
        message = await uow.notifications.take_email(email_id)
    if message is None:
        return False
    await email_sender.send(message)
    async with uow_factory() as uow:
        await uow.notifications.drop_email(email_id)
        await uow.commit()
    return True


# --- the user's own notifications --------------------------------------------------------------


async def list_notifications(
    *,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    limit: int | None = None,
    cursor: str | None = None,
    unread_only: bool = False,
) -> Page[Notification]:
    async with uow_factory(read_only=True) as uow:
        return await uow.notifications.list_for_user(
            principal.user_id, limit=page_size(limit), cursor=cursor, unread_only=unread_only
        )


async def unread_count(*, principal: Principal, uow_factory: UnitOfWorkFactory) -> int:
    async with uow_factory(read_only=True) as uow:
        return await uow.notifications.unread_count(principal.user_id)


async def mark_read(
    ids: list[uuid.UUID] | None, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> int:
    """Mark the principal's notifications read (all of them when ``ids`` is None); others' ids are
    ignored, so nobody can touch another user's notifications."""
    async with uow_factory() as uow:
        changed = await uow.notifications.mark_read(principal.user_id, ids, clock.now())
        await uow.commit()
    return changed


async def mark_one_read(
    notification_id: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> Notification:
    async with uow_factory() as uow:
        item = await uow.notifications.get(notification_id)
        if item is None or not principal.may_act_for(item.user_id) or not item.visible:
            raise NotFound("No such notification.")
        await uow.notifications.mark_read(principal.user_id, [notification_id], clock.now())
        await uow.commit()
        return await uow.notifications.get(notification_id) or item


async def get_preferences(
    *, principal: Principal, uow_factory: UnitOfWorkFactory
) -> list[NotificationPreference]:
    async with uow_factory(read_only=True) as uow:
        return await uow.notifications.preferences(principal.user_id)


async def set_preference(
    pref: NotificationPreference, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> NotificationPreference:
    """Choose in-app and email delivery for one kind. Security notices cannot be turned off."""
    check_kind(pref.kind)
    if is_security_kind(pref.kind) and not (pref.in_app and pref.email):
        raise ValidationFailed("Security notices cannot be turned off.", field="kind", code="kind_required")
    async with uow_factory() as uow:
        await uow.notifications.set_preference(principal.user_id, pref, clock.now())
        await uow.commit()
    return pref
