"""Background jobs of notifications: in-app items mailed out, and pending emails.

Both are idempotent: a second delivery of the same job finds the email already sent and does nothing."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.notifications import inbox as notifications
from inergize.entrypoints.workers.spec import JobSpec, job


@job(notifications.EMAIL_JOB, time_limit=60)
async def send_notification_email(container: Any, *, notification_id: str) -> None:
    deps = container.notification_deps()
    await notifications.deliver_notification_email(
        uuid.UUID(notification_id), uow_factory=deps.uow_factory, email_sender=deps.email_sender,
        clock=deps.clock, base_url=deps.base_url)


@job(notifications.PENDING_EMAIL_JOB, time_limit=60)
async def send_email(container: Any, *, email_id: str) -> None:
    deps = container.notification_deps()
    await notifications.deliver_pending_email(uuid.UUID(email_id), uow_factory=deps.uow_factory,
                                              email_sender=deps.email_sender)


SPECS: tuple[JobSpec, ...] = (send_notification_email, send_email)
