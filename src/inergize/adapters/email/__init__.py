"""Email senders: a file outbox (embedded default, read with ``inergize email list|show``), SMTP, and
SendGrid v3 over httpx. All implement ``ports.email.EmailSender``."""

from inergize.adapters.email.file_outbox import FileOutbox
from inergize.adapters.email.sendgrid import SendGridEmailSender
from inergize.adapters.email.smtp import SmtpEmailSender

__all__ = ["FileOutbox", "SendGridEmailSender", "SmtpEmailSender"]
