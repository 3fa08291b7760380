"""A local ASGI server that speaks SendGrid's v3 mail-send: it checks the bearer key and the documented
body, answers 202 with no body, and can be told to answer any documented error."""

from __future__ import annotations

import json
from typing import Any

from tests.wire.loopback import answer, read_body

ERROR_BODIES = {
    400: {
        "errors": [
            {
                "message": "The from email does not contain a valid address.",
                "field": "from.email",
                "help": "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from",
            }
        ]
    },
    401: {
        "errors": [
            {
                "message": "The provided authorization grant is invalid, expired, or revoked",
                "field": None,
                "help": None,
            }
        ]
    },
    403: {
        "errors": [
            {
                "message": "The from address does not match a verified Sender Identity.",
                "field": "from",
                "help": None,
            }
        ]
    },
    413: {
        "errors": [
            {
                "message": "The JSON payload you have included in your request is too large.",
                "field": None,
                "help": None,
            }
        ]
    },
    429: {"errors": [{"message": "too many requests", "field": None, "help": None}]},
    500: {"errors": [{"message": "Internal error", "field": None, "help": None}]},
}


class SendGridServer:
    def __init__(self, key: str = "SG.test-key") -> None:
        self.key = key
        self.received: list[dict[str, Any]] = []
        self.next_status: int | None = None

    def _check(self, body: dict[str, Any]) -> int:
        try:
            to = body["personalizations"][0]["to"][0]["email"]
            assert "@" in to and "@" in body["from"]["email"] and body["subject"]
            types = [c["type"] for c in body["content"]]
            assert types[0] == "text/plain" and set(types) <= {"text/plain", "text/html"}
        except (KeyError, IndexError, TypeError, AssertionError):
            return 400
        return 202

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        raw = await read_body(receive)
        if raw is None:
            return
        headers = dict(scope["headers"])
        status = 404
        if scope["method"] == "POST" and scope["path"] == "/v3/mail/send":
            if headers.get(b"authorization") != f"Bearer {self.key}".encode():
                status = 401
            elif self.next_status is not None:
                status, self.next_status = self.next_status, None
            else:
                status = self._check(json.loads(raw))
                if status == 202:
                    self.received.append(json.loads(raw))
        body = None if status == 202 else ERROR_BODIES.get(status, {"errors": []})
        await answer(send, status, body, {"retry-after": "7"} if status == 429 else None)
