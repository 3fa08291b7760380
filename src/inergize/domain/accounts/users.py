"""Users, roles and the principal a request acts as."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from enum import StrEnum

import msgspec

from inergize.domain.platform.errors import ValidationFailed

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_EMAIL_LENGTH = 254


class Role(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


class UserStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


def normalize_email(raw: str) -> str:
    """Trim and lower-case an address and check its shape; raise ``ValidationFailed`` if it is not one."""
    email = raw.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.match(email):
        raise ValidationFailed("That is not a valid email address.", field="email")
    return email


class WorkingHours(msgspec.Struct, frozen=True, kw_only=True):
    """Local working hours: days are ISO weekdays (1 = Monday)."""

    start: str = "09:00"
    end: str = "17:30"
    days: tuple[int, ...] = (1, 2, 3, 4, 5)


class User(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    email: str
    role: Role = Role.MEMBER
    status: UserStatus = UserStatus.ACTIVE
    display_name: str = ""
    password_hash: str | None = None
    email_verified_at: datetime | None = None
    timezone: str = "UTC"
    industry: str | None = None
    job_role: str | None = None
    tone: str | None = None
    working_hours: WorkingHours = msgspec.field(default_factory=WorkingHours)
    tier: str = "free"
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @property
    def is_active(self) -> bool:
        return self.status is UserStatus.ACTIVE


class Principal(msgspec.Struct, frozen=True):
    """Who a request or job acts as; use cases authorize against it."""

    user_id: uuid.UUID
    role: Role = Role.MEMBER

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def may_act_for(self, owner_id: uuid.UUID) -> bool:
        return self.user_id == owner_id
