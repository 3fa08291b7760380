"""SMTP delivery with the standard library, in a thread (smtplib blocks).

``smtp_url``: ``smtp://user:pass@host:587`` (STARTTLS when the server offers it),
``smtps://user:pass@host:465`` (implicit TLS), or ``smtp+plain://host:25`` (no TLS: local relays only)."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from urllib.parse import unquote, urlsplit

from inergize.adapters.email.file_outbox import build_mime
from inergize.domain.platform.errors import ConfigurationError, ProviderUnavailable
from inergize.ports.email import EmailMessage

TIMEOUT_SECONDS = 20.0


class SmtpEmailSender:
    def __init__(self, url: str, sender: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "smtp+plain") or not parts.hostname:
            raise ConfigurationError(
                "INERGIZE_SMTP_URL must be smtp://, smtps:// or smtp+plain://host[:port].",
                variable="INERGIZE_SMTP_URL",
            )
        self._scheme = parts.scheme
        self._host = parts.hostname
        self._port = parts.port or (465 if parts.scheme == "smtps" else 587 if parts.scheme == "smtp" else 25)
        self._user = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password) if parts.password else None
        self._sender = sender

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._send, message)

    def _send(self, message: EmailMessage) -> None:
        mime = build_mime(message, self._sender)
        context = ssl.create_default_context()
        try:
            if self._scheme == "smtps":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self._host, self._port, timeout=TIMEOUT_SECONDS, context=context
                )
            else:
                client = smtplib.SMTP(self._host, self._port, timeout=TIMEOUT_SECONDS)
            with client:
                client.ehlo()
                if self._scheme == "smtp" and client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
                if self._user:
                    client.login(self._user, self._password or "")
                client.send_message(mime)
        except smtplib.SMTPAuthenticationError as exc:
            raise ConfigurationError(
                "The SMTP server refused our credentials.", variable="INERGIZE_SMTP_URL"
            ) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            raise ProviderUnavailable(
                "The SMTP server refused the recipient.", code="email_rejected", retry=False
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise ProviderUnavailable(f"SMTP delivery failed: {type(exc).__name__}.") from exc
