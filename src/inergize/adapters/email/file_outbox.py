"""The embedded email backend: each email becomes an ``.eml`` file in ``data_dir/outbox``.

Nothing leaves the machine; an operator (or a test) reads the links with ``inergize email list|show``."""

from __future__ import annotations

import asyncio
import email.message
import email.policy
import email.utils
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import structlog

from inergize.ports.email import EmailMessage

log = structlog.get_logger("inergize.email")


class OutboxEntry(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    to: str
    subject: str
    date: str
    text: str
    html: str | None = None


def build_mime(
    message: EmailMessage, sender: str, message_id: str | None = None
) -> email.message.EmailMessage:
    """The RFC 5322 message for ``message``: a text part and, when given, an HTML alternative."""
    mime = email.message.EmailMessage(policy=email.policy.SMTP)
    mime["From"] = sender
    mime["To"] = email.utils.formataddr((message.to_name or "", message.to))
    mime["Subject"] = message.subject
    mime["Date"] = email.utils.format_datetime(datetime.now(UTC))
    mime["Message-ID"] = message_id or email.utils.make_msgid(domain="inergize.local")
    mime.set_content(message.text)
    if message.html:
        mime.add_alternative(message.html, subtype="html")
    return mime


class FileOutbox:
    def __init__(self, directory: Path, sender: str) -> None:
        self._dir = directory
        self._sender = sender

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._write, message)

    def _write(self, message: EmailMessage) -> None:
        self._dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        name = f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        tmp = self._dir / (name + ".tmp")
        tmp.write_bytes(bytes(build_mime(message, self._sender)))
        os.replace(tmp, self._dir / name)  # readers never see half a file
        log.info("email.outbox", file=name, subject=message.subject)

    def list(self, limit: int = 50) -> list[OutboxEntry]:
        """The newest ``limit`` emails, newest first."""
        if not self._dir.exists():
            return []
        files = sorted(self._dir.glob("*.eml"), reverse=True)[:limit]
        return [self._read(f) for f in files]

    def show(self, entry_id: str) -> OutboxEntry | None:
        """One email by its id (its file name without ``.eml``, or a unique prefix of it)."""
        if not self._dir.exists() or "/" in entry_id or "\\" in entry_id:
            return None
        matches = sorted(self._dir.glob(f"{entry_id}*.eml"))
        return self._read(matches[-1]) if len(matches) == 1 else None

    @staticmethod
    def _read(path: Path) -> OutboxEntry:
        import email as email_pkg

        parsed = email_pkg.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(parsed, email.message.EmailMessage)
        text_part = parsed.get_body(("plain",))
        html_part = parsed.get_body(("html",))
        return OutboxEntry(
            id=path.stem,
            to=str(parsed["To"]),
            subject=str(parsed["Subject"]),
            date=str(parsed["Date"]),
            text=text_part.get_content() if text_part else "",
            html=html_part.get_content() if html_part and html_part is not text_part else None,
        )
