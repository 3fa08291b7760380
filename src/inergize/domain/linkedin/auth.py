"""LinkedIn sign-in and authorization: OAuth scopes and tokens, the member's identity and capabilities.

Everything here is a plain value: no I/O. Times are timezone-aware UTC instants.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import msgspec

from inergize.domain.platform.errors import (
    CapabilityUnavailable,
)

SIGN_IN_SCOPES: tuple[str, ...] = ("openid", "profile", "email")
SELF_SERVE_SCOPES: tuple[str, ...] = ("openid", "profile", "email", "w_member_social")


def person_urn(sub: str) -> str:
    """The author URN of the member whose OpenID ``sub`` is given."""
    return f"urn:li:person:{sub}"


class LinkedInCapability(StrEnum):
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
    available: frozenset[LinkedInCapability]
    unavailable: dict[str, str] = msgspec.field(default_factory=dict)  # capability -> human reason

    def supports(self, capability: LinkedInCapability) -> bool:
        return capability in self.available

    def require(self, capability: LinkedInCapability) -> None:
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
