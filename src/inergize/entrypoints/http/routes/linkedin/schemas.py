"""Request and response bodies of /v1/linkedin."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from inergize.domain.linkedin.network import ReactionType
from inergize.domain.linkedin.posts import MediaKind
from inergize.entrypoints.http.schemas import RequestBody, ResponseBody


class MediaIn(RequestBody, kw_only=True):
    kind: MediaKind
    data_base64: str
    content_type: str
    filename: str = ""
    alt_text: str | None = None
    title: str | None = None


class PostIn(RequestBody, kw_only=True):
    commentary: str
    media: list[MediaIn] = []
    first_comment: str | None = None


class ReactIn(RequestBody, kw_only=True):
    post_urn: str
    reaction: ReactionType = ReactionType.LIKE


class CommentIn(RequestBody, kw_only=True):
    post_urn: str
    text: str


class InvitationIn(RequestBody, kw_only=True):
    invitee_urn: str
    message: str | None = None


class MessageIn(RequestBody, kw_only=True):
    recipient_urn: str
    text: str


class MisbehaveIn(RequestBody, kw_only=True):
    rate_limit: int = 0
    retry_after: int = 5
    fail: int = 0
    restricted: bool = False


class PositionOut(ResponseBody, kw_only=True):
    company: str
    title: str
    description: str = ""
    location: str = ""
    started_on: str = ""
    finished_on: str = ""  # empty = current


class EducationOut(ResponseBody, kw_only=True):
    school: str
    degree: str = ""
    start: str = ""
    end: str = ""


class LinkedInProfileOut(ResponseBody, kw_only=True):
    """What we know of the member's LinkedIn profile; ``sources`` says where it came from (empty: nowhere yet)."""

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
    positions: list[PositionOut] = []
    education: list[EducationOut] = []
    skills: list[str] = []
    featured: list[str] = []
    recommendations: int = 0
    certifications: list[str] = []
    languages: list[str] = []
    connections: int = 0
    completeness_score: int | None = None
    last_sync_at: datetime | None = None
    sources: list[str] = []


class ProfileCheckOut(ResponseBody, kw_only=True):
    """One completeness check: its weight in the 0–100 score, whether it is met, why it matters, what to do."""

    key: str
    label: str
    weight: int
    done: bool
    reason: str
    action: str


class ScoredProfileOut(ResponseBody, kw_only=True):
    profile: LinkedInProfileOut
    score: int
    checks: list[ProfileCheckOut]
    roadmap: list[ProfileCheckOut]  # the unmet checks, biggest gain first


class AuthorizationOut(ResponseBody, kw_only=True):
    """Where to send the browser to connect; the ``state`` in it is single-use and bound to you."""

    authorization_url: str
    state: str
    expires_at: datetime


class ConnectionOut(ResponseBody, kw_only=True):
    """A connected LinkedIn account as the API shows it: never a token."""

    adapter: str
    member_urn: str
    status: str  # active, reconsent_needed (reconnect before it expires) or broken
    expires_at: datetime
    can_refresh: bool
    scopes: list[str]
    connected_at: datetime
    last_refresh_at: datetime | None = None
    last_error: str | None = None


class ConnectionStatusOut(ResponseBody, kw_only=True):
    connected: bool
    connection: ConnectionOut | None
    capabilities: list[str]
    unavailable: dict[str, str]  # capability -> why this connection does not offer it
    adapter: str


class SignInStartOut(ResponseBody, kw_only=True):
    """Where to send the browser to sign in (or confirm it is you) with LinkedIn."""

    authorization_url: str
    expires_at: datetime


class LinkedInTokensOut(ResponseBody, kw_only=True):
    """Signed in with LinkedIn: a session; ``created`` says the account was made just now."""

    access_token: str
    refresh_token: str | None
    token_type: str = "Bearer"
    expires_in: int
    session_id: uuid.UUID
    created: bool


class LinkedInMfaOut(ResponseBody, kw_only=True):
    """Two-step verification is on: finish at /v1/auth/login/mfa with ``mfaToken`` and a code."""

    mfa_required: bool = True
    mfa_token: str | None
    created: bool


class ReauthenticatedOut(ResponseBody, kw_only=True):
    """Re-authenticated through LinkedIn: a single-use token for setting a password."""

    reset_token: str
    expires_at: datetime


class PostOut(ResponseBody, kw_only=True):
    """A post published straight to LinkedIn; ``url`` once it is published."""

    id: uuid.UUID
    state: str  # pending, sending, unknown, published, failed or deleted
    post_urn: str | None
    media_urns: list[str]
    first_comment_urn: str | None
    last_error: str | None
    attempts: int
    created_at: datetime
    published_at: datetime | None
    url: str | None


class PostsOut(ResponseBody, kw_only=True):
    items: list[PostOut]


class CommentOut(ResponseBody, kw_only=True):
    comment_urn: str


class InvitationOut(ResponseBody, kw_only=True):
    invitation_id: str


class MessageOut(ResponseBody, kw_only=True):
    message_id: str


class NetworkMemberOut(ResponseBody, kw_only=True):
    urn: str
    name: str
    headline: str
    company: str
    connected_at: datetime | None
    degree: int  # 1 = connection, 2 = second-degree (invitable)


class NetworkPageOut(ResponseBody, kw_only=True):
    items: list[NetworkMemberOut]
    next_cursor: str | None


class ArchiveImportOut(ResponseBody, kw_only=True):
    """What the data archive held (the CSV files recognised, counts) and how many events were new."""

    files: list[str]
    positions: int
    skills: int
    education: int
    connections: int
    posts: int
    events_added: int
    skipped_rows: int
    score: int


class AnalyticsImportOut(ResponseBody, kw_only=True):
    """What the creator analytics workbook held, by event type, and how many events were new."""

    events_found: int
    events_added: int
    by_type: dict[str, int]  # event type (as stored, e.g. ``post_impressions``) -> events found
    sheets: list[str]


class VersionStatusOut(ResponseBody, kw_only=True):
    version: str
    state: str  # current, near_retirement, retired or future
    released_on: date
    retires_on: date
    message: str
