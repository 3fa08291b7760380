from __future__ import annotations

from typing import Protocol

import msgspec


class EmailMessage(msgspec.Struct, frozen=True, kw_only=True):
    """One email. ``text`` is always sent; ``html`` is an optional alternative part."""

    to: str
    subject: str
    text: str
    html: str | None = None
    to_name: str | None = None


class EmailSender(Protocol):
    """Delivers an email now (file outbox, SMTP or SendGrid). Use cases do not call it directly:
    they write a notification or a pending email in their unit of work and the outbox job sends it,
    so nothing is lost when the process stops."""

    async def send(self, message: EmailMessage) -> None:
        """Hand ``message`` to the provider. Raise ``ProviderUnavailable`` when it may succeed later
        (rate limited, server error, unreachable) and ``ConfigurationError`` when it never will
        (bad key, sender not allowed)."""
        ...
