from __future__ import annotations

from inergize.ports.email import EmailMessage


class RecordingEmailSender:
    """An ``EmailSender`` that keeps what it was asked to send; ``fail`` makes the next sends raise."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self.fail: Exception | None = None

    async def send(self, message: EmailMessage) -> None:
        if self.fail is not None:
            raise self.fail
        self.sent.append(message)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.sent if m.to == address]
