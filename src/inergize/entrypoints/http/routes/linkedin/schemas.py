"""Request bodies of /v1/linkedin."""

from __future__ import annotations

from inergize.domain.linkedin.network import ReactionType
from inergize.domain.linkedin.posts import MediaKind
from inergize.entrypoints.http.schemas import RequestBody


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
