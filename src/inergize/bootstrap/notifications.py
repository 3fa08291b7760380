"""Notifications in the composition root: which email sender the settings ask for (the file outbox, SMTP
or SendGrid)."""

from __future__ import annotations

from inergize.adapters.email import FileOutbox, SendGridEmailSender, SmtpEmailSender
from inergize.ports.email import EmailSender
from inergize.settings import Settings


def email_sender(settings: Settings) -> EmailSender:
    """The sender ``settings.email_backend`` names (``settings._check`` made sure it is configured)."""
    if settings.email_backend == "smtp" and settings.smtp_url:
        return SmtpEmailSender(settings.smtp_url, settings.email_from)
    if settings.email_backend == "sendgrid" and settings.sendgrid_api_key:
        return SendGridEmailSender(
            settings.sendgrid_api_key, settings.email_from, base_url=settings.sendgrid_base_url
        )
    return email_outbox(settings)


def email_outbox(settings: Settings) -> FileOutbox:
    """The file outbox in ``data_dir/outbox`` (what ``inergize email list`` reads)."""
    return FileOutbox(settings.data_dir / "outbox", settings.email_from)
