"""Email senders: a file outbox (embedded default, read with ``inergize email list|show``), SMTP, and
SendGrid v3 over httpx. All implement ``ports.email.EmailSender``."""

from inergize.adapters.email.file_outbox import FileOutbox
from inergize.adapters.email.sendgrid import SendGridEmailSender
from inergize.adapters.email.smtp import SmtpEmailSender
from inergize.ports.email import EmailSender
from inergize.settings import Settings

__all__ = ["FileOutbox", "SendGridEmailSender", "SmtpEmailSender"]


def make_email_sender(settings: Settings) -> EmailSender:
    """The sender ``settings.email_backend`` names (``settings._check`` made sure it is configured)."""
    if settings.email_backend == "smtp" and settings.smtp_url:
        return SmtpEmailSender(settings.smtp_url, settings.email_from)
    if settings.email_backend == "sendgrid" and settings.sendgrid_api_key:
        return SendGridEmailSender(
            settings.sendgrid_api_key, settings.email_from, base_url=settings.sendgrid_base_url
        )
    return make_email_outbox(settings)


def make_email_outbox(settings: Settings) -> FileOutbox:
    """The file outbox in ``data_dir/outbox`` (what ``inergize email list`` reads)."""
    return FileOutbox(settings.data_dir / "outbox", settings.email_from)
