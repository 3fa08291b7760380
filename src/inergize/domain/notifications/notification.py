"""In-app notifications and the per-kind choice of where they are delivered."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import msgspec

from inergize.domain.platform.errors import ValidationFailed

_KIND = re.compile(r"^[a-z][a-z0-9_.-]{0,47}$")
MAX_TITLE = 200
MAX_BODY = 5000
MAX_LINK = 500

# Kinds a user cannot silence: they tell the owner about changes to the account's security.
SECURITY_PREFIX = "security."


class Notification(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    title: str
    body: str
    link: str | None = None
    visible: bool = True  # False: the user chose email only for this kind
    email_to: str | None = None  # another address than the account's (a notice to the old address)
    created_at: datetime
    read_at: datetime | None = None
    emailed_at: datetime | None = None


class NotificationPreference(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    in_app: bool = True
    email: bool = True


def check_kind(kind: str) -> str:
    """A kind is a short dotted lower-case name such as ``publishing.failed``."""
    if not _KIND.match(kind):
        raise ValidationFailed("A notification kind is a short lower-case dotted name.", field="kind")
    return kind


def is_security_kind(kind: str) -> bool:
    return kind.startswith(SECURITY_PREFIX)


def effective_preference(kind: str, stored: NotificationPreference | None) -> NotificationPreference:
    """What applies to ``kind``: the stored choice, except that security notices always go out by
    email and in the app (ASVS V2.2.3: users are told about changes to their authentication)."""
    if is_security_kind(kind):
        return NotificationPreference(kind=kind, in_app=True, email=True)
    return stored or NotificationPreference(kind=kind)
