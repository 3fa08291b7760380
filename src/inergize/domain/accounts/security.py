"""Accounts: sessions, one-time tokens, audit events and the rules passwords and profiles follow."""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from inergize.domain.accounts.users import WorkingHours
from inergize.domain.platform.errors import ValidationFailed

MIN_PASSWORD = 12
MAX_PASSWORD = 128  # ASVS V2.1.2 allows at most 128; argon2 hashes any length, this bounds the CPU spent
RECOVERY_CODES = 10
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class TokenPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"
    CHANGE_EMAIL = "change_email"
    MFA_CHALLENGE = "mfa_challenge"


class ClientInfo(msgspec.Struct, frozen=True):
    """Where a request came from, for throttling, audit and new-device notices."""

    ip: str | None = None
    user_agent: str | None = None

    def device_fingerprint(self) -> str:
        """A stable hash of the browser and network (/24 or /48) a sign-in came from."""
        ip = self.ip or ""
        net = ".".join(ip.split(".")[:3]) if "." in ip else ":".join(ip.split(":")[:3])
        return hashlib.sha256(f"{self.user_agent or ''}|{net}".encode()).hexdigest()[:32]


class AuthSession(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = None
    ip: str | None = None
    user_agent: str | None = None


class OneTimeToken(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    purpose: TokenPurpose
    data: dict[str, str]
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class SecurityState(msgspec.Struct, kw_only=True):
    """A user's authentication settings (one row per user, created on first need)."""

    user_id: uuid.UUID
    not_before: datetime | None = None
    mfa_secret: str | None = None
    mfa_pending_secret: str | None = None
    mfa_enabled_at: datetime | None = None
    mfa_last_step: int | None = None
    password_changed_at: datetime | None = None
    known_devices: list[str] = msgspec.field(default_factory=list)

    @property
    def mfa_enabled(self) -> bool:
        return self.mfa_secret is not None and self.mfa_enabled_at is not None


class AuditEvent(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    action: str
    detail: dict[str, object]
    ip: str | None
    user_agent: str | None
    created_at: datetime


def new_secret_token() -> str:
    """A URL-safe token with 256 bits of entropy (refresh, reset and verification tokens)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored instead of a token: its SHA-256 (the token has 256 random bits, so no salt or
    slow hash is needed; a database leak gives no usable token)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_recovery_code() -> str:
    """A recovery code like ``k7qm-2xw9-p4td`` (60 bits, unambiguous characters)."""
    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalize_recovery_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code.strip().lower())


def check_password(password: str, *, email: str, common: frozenset[str]) -> None:
    """ASVS V2.1: at least 12 and at most 128 characters, any characters allowed (no composition
    rules), not a common or breached password (also with digits or symbols around it), and not the
    account's email or its name part."""
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed(
            f"The password must be at least {MIN_PASSWORD} characters long.",
            field="password",
            code="password_too_short",
        )
    if len(password) > MAX_PASSWORD:
        raise ValidationFailed(
            f"The password must be at most {MAX_PASSWORD} characters long.",
            field="password",
            code="password_too_long",
        )
    lowered = password.lower()
    core = re.sub(r"^[\d\W_]+|[\d\W_]+$", "", lowered)
    if lowered in common or (core and core in common) or len(set(lowered)) < 4:
        raise ValidationFailed(
            "This password is too common; choose another one.", field="password", code="password_common"
        )
    local = email.split("@", 1)[0].lower()
    if email.lower() in lowered or (len(local) >= 4 and local in lowered):
        raise ValidationFailed(
            "The password must not contain your email address.",
            field="password",
            code="password_contains_email",
        )


def check_timezone(name: str) -> str:
    """An IANA zone name such as ``Europe/Paris``."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        raise ValidationFailed("Unknown time zone; use an IANA name such as Europe/Paris.", field="timezone")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValidationFailed(
            "Unknown time zone; use an IANA name such as Europe/Paris.", field="timezone"
        ) from exc
    return name


def check_working_hours(hours: WorkingHours) -> WorkingHours:
    if not (_HHMM.match(hours.start) and _HHMM.match(hours.end)) or hours.start >= hours.end:
        raise ValidationFailed("Working hours are HH:MM with start before end.", field="workingHours")
    if not hours.days or any(d < 1 or d > 7 for d in hours.days) or len(set(hours.days)) != len(hours.days):
        raise ValidationFailed("Working days are distinct ISO weekdays 1–7.", field="workingHours")
    return WorkingHours(start=hours.start, end=hours.end, days=tuple(sorted(hours.days)))
