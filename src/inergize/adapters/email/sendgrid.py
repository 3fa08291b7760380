"""SendGrid v3 ``POST /v3/mail/send`` over httpx.

202 is success. Errors come as ``{"errors": [{"message", "field", "help"}]}``: 401/403 mean our key or
sender is wrong (retrying will not help), 400/413 mean this message is refused, 429 and 5xx may work
later (``Retry-After`` is honoured by the job's retry)."""

from __future__ import annotations

import email.utils
from typing import Any

import httpx

from inergize.domain.platform.errors import ConfigurationError, ProviderUnavailable, ValidationFailed
from inergize.ports.email import EmailMessage

TIMEOUT_SECONDS = 15.0


def _errors(response: httpx.Response) -> str:
    try:
        body = response.json()
        messages = [e.get("message", "") for e in body.get("errors", []) if isinstance(e, dict)]
    except (ValueError, AttributeError):
        messages = []
    return "; ".join(m for m in messages if m)[:300] or response.reason_phrase


def request_body(message: EmailMessage, sender: str) -> dict[str, Any]:
    """The documented v3 mail-send body for ``message``."""
    name, address = email.utils.parseaddr(sender)
    to: dict[str, str] = {"email": message.to}
    if message.to_name:
        to["name"] = message.to_name
    sender_obj = {"email": address, **({"name": name} if name else {})}
    content = [{"type": "text/plain", "value": message.text}]
    if message.html:
        content.append({"type": "text/html", "value": message.html})
    return {
        "personalizations": [{"to": [to]}],
        "from": sender_obj,
        "subject": message.subject,
        "content": content,
    }


class SendGridEmailSender:
    def __init__(
        self,
        api_key: str,
        sender: str,
        *,
        base_url: str = "https://api.sendgrid.com",
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._key = api_key
        self._sender = sender
        self._url = base_url.rstrip("/") + "/v3/mail/send"
        self._client = client

    async def send(self, message: EmailMessage) -> None:
        headers = {"Authorization": f"Bearer {self._key}", "Content-Type": "application/json"}
        body = request_body(message, self._sender)
        try:
            if self._client is not None:
                response = await self._client.post(
                    self._url, json=body, headers=headers, timeout=TIMEOUT_SECONDS
                )
            else:
                async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
                    response = await client.post(self._url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise ProviderUnavailable(f"SendGrid is unreachable: {type(exc).__name__}.") from exc
        status = response.status_code
        if status in (200, 202):
            return
        detail = f"SendGrid answered {status}: {_errors(response)}"
        if status in (401, 403):
            raise ConfigurationError(detail, variable="INERGIZE_SENDGRID_API_KEY")
        if status in (400, 413):
            raise ValidationFailed(detail, code="email_rejected")
        retry_after = response.headers.get("retry-after")
        raise ProviderUnavailable(
            detail, retry_after=float(retry_after) if retry_after and retry_after.isdigit() else None
        )
