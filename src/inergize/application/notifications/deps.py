"""The ports the notification use cases are handed, bundled once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from inergize.ports.clock import Clock
from inergize.ports.email import EmailSender
from inergize.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class NotificationDeps:
    """The inbox's storage and time, and for email delivery the sender and the public address that
    relative links in a notification are made absolute against."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    email_sender: EmailSender
    base_url: str
