"""A user's LinkedIn connection, OAuth state, sign-in identity and profile, with the rules that keep a
connection alive: refresh ahead of expiry, ask for re-consent from day 50, never disconnect on a blip."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import msgspec

STATE_TTL = timedelta(minutes=10)
REFRESH_AHEAD = timedelta(days=7)  # refresh a token when it has less than this left
# Access tokens live 60 days; without a refresh token the member must consent again. Ask from day 50.
RECONSENT_BEFORE_EXPIRY = timedelta(days=10)


class ConnectionStatus(StrEnum):
    ACTIVE = "active"
    RECONSENT_NEEDED = "reconsent_needed"  # still works; the member should reconnect before it expires
    BROKEN = "broken"  # LinkedIn refused the token even after a refresh attempt


class StatePurpose(StrEnum):
    CONNECT = "connect"
    SIGNIN = "signin"
    REAUTH = "reauth"  # re-authentication for a sensitive action of an account created through LinkedIn


class ConnectionSummary(msgspec.Struct, frozen=True, kw_only=True):
    """A connection as the member may see it: never a token."""

    adapter: str
    member_urn: str
    status: ConnectionStatus
    expires_at: datetime
    can_refresh: bool
    scopes: list[str]
    connected_at: datetime
    last_refresh_at: datetime | None = None
    last_error: str | None = None


class ConnectionState(msgspec.Struct, frozen=True, kw_only=True):
    """Whether the member is connected, and what the adapter can do for them."""

    connected: bool
    connection: ConnectionSummary | None
    capabilities: list[str]
    unavailable: dict[str, str]  # capability -> why it is not offered (keys are capability names)
    adapter: str


class LinkedInConnection(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    adapter: str
    linkedin_sub: str
    member_urn: str
    status: ConnectionStatus
    access_token_enc: str  # SecretBox ciphertexts, never plaintext
    refresh_token_enc: str | None
    expires_at: datetime
    refresh_expires_at: datetime | None
    scopes: list[str]
    connected_at: datetime
    last_refresh_at: datetime | None = None
    last_error: str | None = None
    reconsent_notified_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1

    def can_refresh(self, now: datetime) -> bool:
        return self.refresh_token_enc is not None and (
            self.refresh_expires_at is None or self.refresh_expires_at > now
        )

    def should_refresh(self, now: datetime) -> bool:
        """Refresh ahead of expiry when a usable refresh token exists."""
        return (
            self.status is not ConnectionStatus.BROKEN
            and self.can_refresh(now)
            and (self.expires_at - now <= REFRESH_AHEAD)
        )

    def reconsent_due(self, now: datetime) -> bool:
        """No way to refresh and the token enters its last 10 days (day 50 of 60): ask the member."""
        return not self.can_refresh(now) and self.expires_at - now <= RECONSENT_BEFORE_EXPIRY

    def public(self, now: datetime) -> ConnectionSummary:
        """What the member may see: never a token."""
        return ConnectionSummary(adapter=self.adapter, member_urn=self.member_urn, status=self.status,
                                 expires_at=self.expires_at, can_refresh=self.can_refresh(now),
                                 scopes=list(self.scopes), connected_at=self.connected_at,
                                 last_refresh_at=self.last_refresh_at, last_error=self.last_error)


class OAuthState(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    state_hash: str
    user_id: uuid.UUID | None
    purpose: StatePurpose
    redirect_uri: str
    data: dict[str, Any] = msgspec.field(default_factory=dict)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class LinkedInIdentityLink(msgspec.Struct, kw_only=True):
    sub: str
    user_id: uuid.UUID
    email: str | None
    email_verified: bool
    created_at: datetime
    last_login_at: datetime | None = None


class Position(msgspec.Struct, kw_only=True):
    company: str
    title: str
    description: str = ""
    location: str = ""
    started_on: str = ""
    finished_on: str = ""  # empty = current


class Education(msgspec.Struct, kw_only=True):
    school: str
    degree: str = ""
    start: str = ""
    end: str = ""


class LinkedInProfile(msgspec.Struct, kw_only=True):
    user_id: uuid.UUID
    linkedin_sub: str | None = None
    full_name: str = ""
    headline: str = ""
    summary: str = ""
    industry: str = ""
    location: str = ""
    photo_url: str | None = None
    banner_url: str | None = None
    vanity_url: str | None = None
    positions: list[Position] = msgspec.field(default_factory=list)
    education: list[Education] = msgspec.field(default_factory=list)
    skills: list[str] = msgspec.field(default_factory=list)
    featured: list[str] = msgspec.field(default_factory=list)
    recommendations: int = 0
    certifications: list[str] = msgspec.field(default_factory=list)
    languages: list[str] = msgspec.field(default_factory=list)
    connections: int = 0
    completeness_score: int | None = None
    last_sync_at: datetime | None = None
    sources: list[str] = msgspec.field(default_factory=list)  # userinfo, sandbox, export


class TokenReencryption(msgspec.Struct, frozen=True, kw_only=True):
    """What a key rotation pass did: connections moved to the primary key, and connections whose
    tokens no configured key opens (a key retired too early): those stay as they are, to reconnect."""

    changed: int
    unreadable: int
