"""Request and response bodies of /v1/content."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from inergize.domain.content.library import ContentKind
from inergize.entrypoints.http.schemas import RequestBody, ResponseBody


class ContentIn(RequestBody, kw_only=True):
    title: str
    kind: ContentKind = ContentKind.POST
    body: str = ""
    data: dict[str, Any] = {}


class ContentPatch(RequestBody, kw_only=True):
    title: str | None = None
    body: str | None = None
    data: dict[str, Any] | None = None


class ContentOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    kind: str
    title: str
    body: str
    state: str
    data: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    version: int


class ContentPageOut(ResponseBody):
    items: list[ContentOut]
    next_cursor: str | None


class IssueOut(ResponseBody, kw_only=True):
    code: str
    detail: str


class VersionOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    number: int
    title: str
    body: str
    data: dict[str, Any]
    media: list[str]
    state: str
    moderation: list[IssueOut]
    provider: str | None
    created_at: datetime


class VersionListOut(ResponseBody):
    items: list[VersionOut]


class PagesOut(ResponseBody, kw_only=True):
    """The pages of a carousel's PDF: ``GET …/pages/{n}`` draws page n (1…count) as a PNG."""

    version: int
    count: int
