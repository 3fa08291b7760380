"""The web app's pages that emails and notifications link to, by path.

The web app is a static export served at these paths (ids travel as query parameters, since a static
export has no dynamic segments); a link is a path here, made absolute against ``INERGIZE_PUBLIC_URL``
when it leaves in an email."""

from __future__ import annotations

import uuid
from urllib.parse import quote

HOME = "/"
SIGN_IN = "/sign-in/"
LINKEDIN = "/linkedin/"  # connect and connection state
COMPLIANCE = "/compliance/"
SECURITY_SETTINGS = "/settings/security/"
NOTIFICATIONS = "/notifications/"


def _with(path: str, name: str, value: str | uuid.UUID) -> str:
    return f"{path}?{name}={quote(str(value), safe='')}"


def verify_email(token: str) -> str:
    return _with("/verify-email/", "token", token)


def reset_password(token: str) -> str:
    return _with("/reset-password/", "token", token)


def confirm_email(token: str) -> str:
    return _with("/confirm-email/", "token", token)


def publication(publication_id: uuid.UUID | str) -> str:
    """The calendar, opened on one publication (its state, reason and actions)."""
    return _with("/calendar/", "publication", publication_id)


def compose(content_id: uuid.UUID | str) -> str:
    return _with("/compose/", "id", content_id)
