"""Request and response bodies of /v1/notifications."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from inergize.entrypoints.http.schemas import RequestBody, ResponseBody


class NotificationOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    kind: str
    title: str
    body: str
    link: str | None
    created_at: datetime
    read_at: datetime | None


class NotificationPageOut(ResponseBody):
    items: list[NotificationOut]
    next_cursor: str | None


class UnreadOut(ResponseBody):
    unread: int


class MarkReadIn(RequestBody, kw_only=True):
    ids: Annotated[list[uuid.UUID], msgspec.Meta(max_length=200)] | None = None


class ChangedOut(ResponseBody):
    changed: int


class PreferenceIn(RequestBody, kw_only=True):
    in_app: bool = True
    email: bool = True


class PreferenceOut(ResponseBody, kw_only=True):
    kind: str
    in_app: bool
    email: bool
