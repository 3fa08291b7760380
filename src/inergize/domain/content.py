"""The content library: posts, carousels and banners, each with versions of every edit."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import msgspec

from inergize.domain.errors import ValidationFailed

MAX_TITLE_LENGTH = 200
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


def check_content_fields(title: str, body: str) -> None:
    """Raise ``ValidationFailed`` when a title or body cannot be stored at all."""
    if not title.strip():
        raise ValidationFailed("A title is required.", field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationFailed(f"The title is longer than {MAX_TITLE_LENGTH} characters.", field="title")
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationFailed(f"The text is longer than {MAX_BODY_LENGTH} characters.", field="body")
