"""LinkedIn's wire shapes for the REST adapter: what ordinary apps cannot do, the Posts body, and the
small parsers of OAuth and userinfo answers."""

from __future__ import annotations

from typing import Any

from inergize.domain.linkedin.auth import Capabilities, LinkedInCapability, MemberAuth
from inergize.domain.linkedin.errors import ContentRejected
from inergize.domain.linkedin.little_text import escape_little_text
from inergize.domain.linkedin.network import NetworkPage
from inergize.domain.linkedin.posts import MediaKind, PostRequest
from inergize.domain.platform.errors import CapabilityUnavailable

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
MAX_IMAGES = 20

NOT_OFFERED = {
    LinkedInCapability.SEND_INVITATION: "LinkedIn offers no invitation API to ordinary apps.",
    LinkedInCapability.WITHDRAW_INVITATION: "LinkedIn offers no invitation API to ordinary apps.",
    LinkedInCapability.SEND_MESSAGE: "Messaging needs LinkedIn partner approval.",
    LinkedInCapability.READ_CONNECTIONS: "Connections cannot be read through the API; import your data export.",
    LinkedInCapability.FULL_PROFILE: "The API gives only name, photo and email; import your data export.",
    LinkedInCapability.READ_OTHERS_POSTS: "Reading other members' posts needs LinkedIn partner approval.",
    LinkedInCapability.MEMBER_ANALYTICS: "Member post analytics need r_member_postAnalytics (partner approval); "
    "import the creator analytics export instead.",
}
REST_CAPABILITIES = Capabilities(
    adapter="rest",
    available=frozenset(
        {
            LinkedInCapability.SIGN_IN,
            LinkedInCapability.REFRESH_TOKEN,
            LinkedInCapability.PUBLISH_TEXT,
            LinkedInCapability.PUBLISH_IMAGE,
            LinkedInCapability.PUBLISH_MULTI_IMAGE,
            LinkedInCapability.PUBLISH_DOCUMENT,
            LinkedInCapability.FIRST_COMMENT,
            LinkedInCapability.COMMENT,
            LinkedInCapability.REACT,
            LinkedInCapability.DELETE_POST,
        }
    ),
    unavailable={c.value: reason for c, reason in NOT_OFFERED.items()},
)


def scopes_of(raw: Any) -> tuple[str, ...]:
    if not raw:
        return ()
    return tuple(s for s in str(raw).replace(",", " ").split() if s)


def post_body(member_urn: str, post: PostRequest, urns: list[str]) -> dict[str, Any]:
    """The documented Posts body: escaped commentary, fixed distribution, media by URN."""
    body: dict[str, Any] = {
        "author": member_urn,
        "commentary": escape_little_text(post.commentary),
        "visibility": post.visibility,
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    kinds = {m.kind for m in post.media}
    if len(post.media) == 1:
        item = post.media[0]
        media: dict[str, Any] = {"id": urns[0]}
        if item.kind is MediaKind.DOCUMENT:
            media["title"] = item.title or (item.upload.filename if item.upload else "") or "Document"
        elif item.alt_text:
            media["altText"] = item.alt_text
        body["content"] = {"media": media}
    elif post.media:
        if kinds != {MediaKind.IMAGE} or len(post.media) > MAX_IMAGES:
            raise ContentRejected(f"A post holds one document, or 2 to {MAX_IMAGES} images.", field="media")
        body["content"] = {
            "multiImage": {
                "images": [
                    {"id": urn, **({"altText": m.alt_text} if m.alt_text else {})}
                    for urn, m in zip(urns, post.media, strict=True)
                ]
            }
        }
    return body


def locale_of(raw: Any) -> str | None:
    """userinfo's ``locale`` is a string ("en-US") or an object ({"country": "US", "language": "en"})."""
    if isinstance(raw, dict):
        lang, country = raw.get("language"), raw.get("country")
        return f"{lang}-{country}" if lang and country else lang or None
    return str(raw) if raw else None


class NotOffered:
    """What LinkedIn does not offer ordinary apps: a clear ``CapabilityUnavailable``, no call made."""

    async def send_invitation(self, auth: MemberAuth, *, invitee_urn: str, message: str | None = None) -> str:
        raise CapabilityUnavailable(NOT_OFFERED[LinkedInCapability.SEND_INVITATION], capability="send_invitation")

    async def withdraw_invitation(self, auth: MemberAuth, *, invitation_id: str) -> None:
        raise CapabilityUnavailable(
            NOT_OFFERED[LinkedInCapability.WITHDRAW_INVITATION], capability="withdraw_invitation"
        )

    async def send_message(self, auth: MemberAuth, *, recipient_urn: str, text: str) -> str:
        raise CapabilityUnavailable(NOT_OFFERED[LinkedInCapability.SEND_MESSAGE], capability="send_message")

    async def list_connections(
        self, auth: MemberAuth, *, limit: int = 100, cursor: str | None = None
    ) -> NetworkPage:
        raise CapabilityUnavailable(NOT_OFFERED[LinkedInCapability.READ_CONNECTIONS], capability="read_connections")

    async def suggested_members(self, auth: MemberAuth, *, limit: int = 20) -> NetworkPage:
        raise CapabilityUnavailable(NOT_OFFERED[LinkedInCapability.READ_CONNECTIONS], capability="read_connections")
