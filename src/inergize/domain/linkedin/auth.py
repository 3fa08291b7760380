"""LinkedIn value types and errors shared by the ``LinkedInGateway`` port, its adapters and use cases.

Everything here is a plain value: no I/O. Times are timezone-aware UTC instants.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import msgspec

from inergize.domain.errors import (
    CapabilityUnavailable,
    ConfigurationError,
    Conflict,
    Forbidden,
    InergizeError,
    ProviderUnavailable,
    RateLimited,
    ValidationFailed,
)

__all__ = [
    "SELF_SERVE_SCOPES",
    "SIGN_IN_SCOPES",
    "Capabilities",
    "Capability",
    "CapabilityUnavailable",
    "ContentRejected",
    "DuplicatePost",
    "LinkedInError",
    "LinkedInForbidden",
    "LinkedInIdentity",
    "LinkedInRateLimited",
    "LinkedInTokenRejected",
    "LinkedInUnavailable",
    "MediaAttachment",
    "MediaKind",
    "MediaUpload",
    "MemberAuth",
    "NetworkMember",
    "NetworkPage",
    "OAuthTokens",
    "PostRequest",
    "ProfileSnapshot",
    "PublishedPost",
    "ReactionType",
    "UploadedMedia",
    "VersionUnsupported",
    "person_urn",
]

SIGN_IN_SCOPES: tuple[str, ...] = ("openid", "profile", "email")
SELF_SERVE_SCOPES: tuple[str, ...] = ("openid", "profile", "email", "w_member_social")


def person_urn(sub: str) -> str:
    """The author URN of the member whose OpenID ``sub`` is given."""
    return f"urn:li:person:{sub}"


class Capability(StrEnum):
    SIGN_IN = "sign_in"
    REFRESH_TOKEN = "refresh_token"
    PUBLISH_TEXT = "publish_text"
    PUBLISH_IMAGE = "publish_image"
    PUBLISH_MULTI_IMAGE = "publish_multi_image"
    PUBLISH_DOCUMENT = "publish_document"
    FIRST_COMMENT = "first_comment"
    COMMENT = "comment"
    REACT = "react"
    DELETE_POST = "delete_post"
    SEND_INVITATION = "send_invitation"
    WITHDRAW_INVITATION = "withdraw_invitation"
    SEND_MESSAGE = "send_message"
    READ_CONNECTIONS = "read_connections"
    READ_OTHERS_POSTS = "read_others_posts"
    MEMBER_ANALYTICS = "member_analytics"
    FULL_PROFILE = "full_profile"  # headline, about, experience… (the REST API gives only name/photo/email)
    SIMULATED = "simulated"  # the account is the sandbox's simulation, not a real LinkedIn member


class Capabilities(msgspec.Struct, frozen=True, kw_only=True):
    """What one adapter can do; ``unavailable`` says why each missing capability is missing."""

    adapter: str  # "sandbox" | "rest"
    available: frozenset[Capability]
    unavailable: dict[str, str] = msgspec.field(default_factory=dict)  # capability -> human reason

    def supports(self, capability: Capability) -> bool:
        return capability in self.available

    def require(self, capability: Capability) -> None:
        """Raise ``CapabilityUnavailable`` unless ``capability`` is available."""
        if capability not in self.available:
            reason = self.unavailable.get(capability.value, "This connection does not offer it.")
            raise CapabilityUnavailable(f"{capability.value}: {reason}", capability=capability.value)


class OAuthTokens(msgspec.Struct, frozen=True, kw_only=True):
    access_token: str
    expires_at: datetime
    refresh_token: str | None = None  # only some apps get one; its absence is normal
    refresh_expires_at: datetime | None = None
    scopes: tuple[str, ...] = ()
    id_token: str | None = None


class LinkedInIdentity(msgspec.Struct, frozen=True, kw_only=True):
    """OpenID ``userinfo``: who the token belongs to."""

    sub: str
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    picture: str | None = None
    locale: str | None = None
    email: str | None = None
    email_verified: bool = False

    @property
    def urn(self) -> str:
        return person_urn(self.sub)


class MemberAuth(msgspec.Struct, frozen=True, kw_only=True):
    """A member's access token plus the member's URN (the author; the key of per-member budgets)."""

    access_token: str
    member_urn: str

    def __repr__(self) -> str:  # never leak the token into logs or tracebacks
        return f"MemberAuth(member_urn={self.member_urn!r}, access_token=***)"


class MediaKind(StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"  # a PDF; LinkedIn's organic "carousel"


class MediaUpload(msgspec.Struct, frozen=True, kw_only=True):
    """Bytes to upload once; the resulting URN is what a publish (or its retry) refers to."""

    kind: MediaKind
    data: bytes
    content_type: str  # image/png, image/jpeg, image/gif, application/pdf
    filename: str = ""

    def __repr__(self) -> str:
        return f"MediaUpload(kind={self.kind!r}, content_type={self.content_type!r}, bytes={len(self.data)})"


class UploadedMedia(msgspec.Struct, frozen=True, kw_only=True):
    kind: MediaKind
    urn: str  # urn:li:image:… or urn:li:document:…


class MediaAttachment(msgspec.Struct, frozen=True, kw_only=True):
    """One image or document of a post. Give ``urn`` when already uploaded (a retry never re-uploads);
    otherwise ``upload``. ``alt_text`` is for images, ``title`` for documents (required by LinkedIn)."""

    kind: MediaKind
    urn: str | None = None
    upload: MediaUpload | None = None
    alt_text: str | None = None
    title: str | None = None


class PostRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A post as the user wrote it. ``commentary`` is raw text: the adapter escapes it.

    ``retry_of_unconfirmed_attempt``: we sent this post before and never learned the outcome (timeout,
    crash); a duplicate-post answer then means that attempt succeeded and is recorded as this post."""

    commentary: str
    media: tuple[MediaAttachment, ...] = ()  # 0 = text, 1 image/document, 2..20 images = multi-image
    first_comment: str | None = None
    visibility: str = "PUBLIC"
    retry_of_unconfirmed_attempt: bool = False


class PublishedPost(msgspec.Struct, frozen=True, kw_only=True):
    urn: str  # urn:li:share:… / urn:li:ugcPost:…
    media_urns: tuple[str, ...] = ()
    first_comment_urn: str | None = None
    first_comment_error: str | None = None  # the post exists even when its first comment failed
    recovered_duplicate: bool = False  # True: our earlier unconfirmed attempt was found, nothing re-posted

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/feed/update/{self.urn}/"


class ReactionType(StrEnum):
    LIKE = "LIKE"
    PRAISE = "PRAISE"  # "Celebrate"
    EMPATHY = "EMPATHY"  # "Love"
    INTEREST = "INTEREST"  # "Insightful"
    APPRECIATION = "APPRECIATION"  # "Support"
    ENTERTAINMENT = "ENTERTAINMENT"  # "Funny"


class NetworkMember(msgspec.Struct, frozen=True, kw_only=True):
    urn: str
    name: str
    headline: str = ""
    company: str = ""
    connected_at: datetime | None = None
    degree: int = 1  # 1 = connection, 2 = second-degree (invitable)


class ProfileSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """The member's profile as the adapter can see it; fields it cannot read stay empty."""

    full_name: str = ""
    headline: str = ""
    summary: str = ""
    industry: str = ""
    location: str = ""
    photo_url: str | None = None
    banner_url: str | None = None
    vanity_url: str | None = None
    positions: list[dict[str, str]] = msgspec.field(default_factory=list)  # company, title, description, …
    education: list[dict[str, str]] = msgspec.field(default_factory=list)  # school, degree, start, end
    skills: list[str] = msgspec.field(default_factory=list)
    featured: list[str] = msgspec.field(default_factory=list)
    recommendations: int = 0
    connections: int = 0
    followers: int = 0


class NetworkPage(msgspec.Struct, frozen=True, kw_only=True):
    items: list[NetworkMember]
    next_cursor: str | None = None


# --- errors ---------------------------------------------------------------------------------------------


class LinkedInError(InergizeError):
    """Base of LinkedIn failures. ``media_urns``: media uploaded before the failure (store them; a retry
    passes them as ``MediaAttachment.urn`` so nothing is uploaded twice)."""

    code = "linkedin_error"
    title = "LinkedIn refused the request"
    media_urns: tuple[str, ...] = ()


class LinkedInUnavailable(LinkedInError, ProviderUnavailable):
    """Transient (timeout, 5xx, 429): retry later; never a reason to disconnect or to touch tokens."""

    code = "linkedin_unavailable"
    title = "LinkedIn is unavailable right now"

    def __init__(self, detail: str, *, retry_after: float | None = None, **extra: Any) -> None:
        super().__init__(detail, **extra)
        self.retry_after = retry_after


class LinkedInRateLimited(RateLimited, LinkedInUnavailable):  # type: ignore[misc]  # retry_after: float here
    """429 from LinkedIn, or our own daily API-call budget is spent (``scope`` = member | app | remote)."""

    code = "linkedin_rate_limited"
    title = "LinkedIn's daily limit is reached"

    def __init__(self, detail: str, *, retry_after: float, scope: str = "remote", **extra: Any) -> None:
        InergizeError.__init__(self, detail, scope=scope, **extra)
        self.retry_after = retry_after
        self.scope = scope


class LinkedInTokenRejected(LinkedInError, Conflict):
    """LinkedIn answered 401: the token is expired or revoked. The connection needs a refresh or
    re-consent (only a 401 after one refresh attempt marks a connection broken)."""

    code = "linkedin_reauthorization_required"
    title = "LinkedIn needs you to reconnect"


class LinkedInForbidden(LinkedInError, Forbidden):
    """403: a scope is missing or the member is restricted."""

    code = "linkedin_forbidden"
    title = "LinkedIn does not allow this"


class DuplicatePost(LinkedInError, Conflict):
    """LinkedIn says this exact post already exists; ``existing_urn`` names it when LinkedIn does."""

    code = "linkedin_duplicate_post"
    title = "LinkedIn already has this post"

    def __init__(self, detail: str, *, existing_urn: str | None, **extra: Any) -> None:
        super().__init__(detail, existing_urn=existing_urn, **extra)
        self.existing_urn = existing_urn


class ContentRejected(LinkedInError, ValidationFailed):
    """The post or media itself is not acceptable (too long, bad media, 4xx about the body)."""

    code = "linkedin_content_rejected"
    title = "LinkedIn rejected the content"


class VersionUnsupported(LinkedInError, ConfigurationError):
    """The configured ``LinkedIn-Version`` is retired or unknown (an admin must update the setting)."""

    code = "linkedin_version_unsupported"
    title = "The configured LinkedIn API version is not supported"
