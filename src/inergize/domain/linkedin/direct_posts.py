"""A post published straight to LinkedIn ("post now"), as we keep it: at most one per idempotency key."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import msgspec


class DirectPostState(StrEnum):
    PENDING = "pending"  # recorded, not sent yet
    SENDING = "sending"  # sent; if we never learn the outcome, the retry tells LinkedIn so
    UNKNOWN = "unknown"  # the call failed in a way that may hide an accepted post
    PUBLISHED = "published"
    FAILED = "failed"
    DELETED = "deleted"


class RequestedMedia(msgspec.Struct, frozen=True, kw_only=True):
    """A media file as it was asked for (its bytes are not kept; its URN is, once uploaded)."""

    kind: str
    alt_text: str | None = None
    title: str | None = None
    filename: str = ""


class RequestedPost(msgspec.Struct, frozen=True, kw_only=True):
    """What was asked besides the text, kept so a record says what a retry must send."""

    first_comment: str | None = None
    media: tuple[RequestedMedia, ...] = ()


class DirectPost(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    idempotency_key: str
    state: DirectPostState
    commentary: str
    request: RequestedPost = RequestedPost()
    media_urns: tuple[str, ...] = ()  # uploaded so far: a retry uploads only the rest
    post_urn: str | None = None
    first_comment_urn: str | None = None
    last_error: str | None = None
    attempts: int = 0
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None = None

    @property
    def url(self) -> str | None:
        """The post on LinkedIn, once published."""
        return f"https://www.linkedin.com/feed/update/{self.post_urn}/" if self.post_urn else None
