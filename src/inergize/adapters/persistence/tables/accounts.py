"""Accounts and security: sessions with rotating refresh tokens, one-time tokens, MFA, notifications,
pending emails and the audit log."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, ForeignKey, Index, String, Table, Text, Uuid

from inergize.adapters.persistence.tables.base import metadata, owner_column, user_table
from inergize.adapters.persistence.types import JSONType, UTCDateTime

# One row per sign-in (a refresh-token family). Revoking it ends every token of the family and,
# through the access guard, the access tokens that carry its id.
auth_sessions = user_table(
    "auth_sessions",
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_used_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime()),
    Column("revoked_reason", String(32)),
    Column("ip", String(64)),
    Column("user_agent", String(300)),
)
Index("ix_auth_sessions_user_created", auth_sessions.c.user_id, auth_sessions.c.created_at)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("session_id", Uuid, ForeignKey("auth_sessions.id", ondelete="CASCADE"), nullable=False),
    owner_column(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime()),
    info={"owner": "user_id"},
)
Index("ix_refresh_tokens_session", refresh_tokens.c.session_id)

# Email verification, password reset, email change and MFA challenges: stored hashed, spent once.
one_time_tokens = user_table(
    "one_time_tokens",
    Column("purpose", String(32), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("data", JSONType, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime()),
)
Index("ix_one_time_tokens_user_purpose", one_time_tokens.c.user_id, one_time_tokens.c.purpose)

user_security = Table(
    "user_security",
    metadata,
    owner_column(primary_key=True),
    Column("not_before", UTCDateTime()),  # access tokens issued before this are refused
    Column("mfa_secret", String(255)),  # encrypted with the SecretBox (AES-256-GCM)
    Column("mfa_pending_secret", String(255)),
    Column("mfa_enabled_at", UTCDateTime()),
    Column("mfa_last_step", BigInteger),  # the last TOTP time step accepted: each code works once
    Column("password_changed_at", UTCDateTime()),
    Column("known_devices", JSONType, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    info={"owner": "user_id"},
)

mfa_recovery_codes = user_table(
    "mfa_recovery_codes",
    Column("code_hash", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime()),
)
Index(
    "uq_mfa_recovery_codes_user_hash",
    mfa_recovery_codes.c.user_id,
    mfa_recovery_codes.c.code_hash,
    unique=True,
)

notifications = user_table(
    "notifications",
    Column("kind", String(48), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("link", String(500)),
    Column("visible", Boolean, nullable=False),
    Column("email_to", String(254)),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("read_at", UTCDateTime()),
    Column("emailed_at", UTCDateTime()),
)
Index(
    "ix_notifications_user_created", notifications.c.user_id, notifications.c.created_at, notifications.c.id
)

notification_preferences = Table(
    "notification_preferences",
    metadata,
    owner_column(primary_key=True),
    Column("kind", String(48), primary_key=True),
    Column("in_app", Boolean, nullable=False),
    Column("email", Boolean, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    info={"owner": "user_id"},
)

# Emails waiting for the outbox job; deleted once sent, so one-time links do not linger.
pending_emails = Table(
    "pending_emails",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE")),
    Column("to_address", String(254), nullable=False),
    Column("to_name", String(200)),
    Column("subject", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("html", Text),
    Column("created_at", UTCDateTime(), nullable=False),
    info={"owner": "user_id"},
)

# Security events. Kept when an account is deleted (no foreign key; ``retain``): who, what, when, from where.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid),  # the account the event is about
    Column("actor_id", Uuid),  # who did it (the user, an admin, or nobody for anonymous attempts)
    Column("action", String(48), nullable=False),
    Column("detail", JSONType, nullable=False),
    Column("ip", String(64)),
    Column("user_agent", String(300)),
    Column("created_at", UTCDateTime(), nullable=False),
    info={"owner": "user_id", "retain": True},
)
Index("ix_audit_log_user_created", audit_log.c.user_id, audit_log.c.created_at, audit_log.c.id)
Index("ix_audit_log_created", audit_log.c.created_at, audit_log.c.id)
