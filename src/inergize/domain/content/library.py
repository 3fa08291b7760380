"""The content library: posts, carousels and banners, each with versions of every edit."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import msgspec

from inergize.domain.platform.errors import ValidationFailed

MAX_TITLE_LENGTH = 200
MAX_SEARCH_LENGTH = 200
MAX_BODY_LENGTH = 20_000  # storage bound; LinkedIn's own 3,000 limit is a moderation rule


class ContentKind(StrEnum):
    POST = "post"
    CAROUSEL = "carousel"
    BANNER = "banner"


class VersionState(StrEnum):
    DRAFT = "draft"
    READY = "ready"


class Content(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    kind: ContentKind
    title: str
    body: str
    state: VersionState = VersionState.DRAFT
    data: dict[str, Any] = msgspec.field(default_factory=dict)
    created_at: datetime
    updated_at: datetime
    version: int = 1


class ContentFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Which of a user's content items a list shows: every word of ``text`` in the title or the text
    (case-insensitive), of one ``kind``, in one ``state``; ``None`` leaves that side open."""

    text: str | None = None
    kind: ContentKind | None = None
    state: VersionState | None = None

    def __post_init__(self) -> None:
        if self.text is not None and len(self.text) > MAX_SEARCH_LENGTH:
            raise ValidationFailed(f"Search for at most {MAX_SEARCH_LENGTH} characters.", field="q")

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.split()) if self.text else ()


def check_content_fields(title: str, body: str) -> None:
    """Raise ``ValidationFailed`` when a title or body cannot be stored at all."""
    if not title.strip():
        raise ValidationFailed("A title is required.", field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationFailed(f"The title is longer than {MAX_TITLE_LENGTH} characters.", field="title")
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationFailed(f"The text is longer than {MAX_BODY_LENGTH} characters.", field="body")


class ModerationIssue(msgspec.Struct, frozen=True, kw_only=True):
    """One reason a text may not be published: a stable ``code`` and a human ``detail``."""

    code: str
    detail: str


class ContentVersion(msgspec.Struct, kw_only=True):
    """One edit of a content item. ``ready`` means it passed moderation; ``moderation`` keeps the reasons
    a draft was blocked (empty when it passed or was never checked). ``media`` are BlobStore keys."""

    id: uuid.UUID
    content_id: uuid.UUID
    user_id: uuid.UUID
    number: int
    title: str
    body: str
    data: dict[str, Any] = msgspec.field(default_factory=dict)
    media: list[str] = msgspec.field(default_factory=list)
    state: VersionState = VersionState.DRAFT
    moderation: list[ModerationIssue] = msgspec.field(default_factory=list)
    provider: str | None = None
    created_at: datetime


class ReadyVersion(msgspec.Struct, frozen=True, kw_only=True):
    """What a publisher needs: the current version of a content item, known to have passed moderation."""

    content_id: uuid.UUID
    version_id: uuid.UUID
    number: int
    kind: ContentKind
    title: str
    text: str
    media: tuple[str, ...]
