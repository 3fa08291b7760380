"""Cursor pagination as a value: an opaque, URL-safe position after the last item of a page."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any, Generic, TypeVar

import msgspec

from inergize.domain.platform.errors import ValidationFailed

MAX_PAGE_SIZE = 200


T = TypeVar("T")


class Page(msgspec.Struct, Generic[T], frozen=True):
    items: list[T]
    next_cursor: str | None


def encode_cursor(sort_value: datetime | str | int, item_id: str) -> str:
    """Encode a keyset position (the sort key and id of the last item served)."""
    value: Any = sort_value.isoformat() if isinstance(sort_value, datetime) else sort_value
    raw = json.dumps([value, item_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, str]:
    """Decode a cursor made by :func:`encode_cursor`; a tampered one is a validation error."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, item_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ValidationFailed("The cursor is not valid.", field="cursor") from exc
    if not isinstance(item_id, str):
        raise ValidationFailed("The cursor is not valid.", field="cursor")
    return value, item_id


def page_size(limit: int | None, default: int = 50) -> int:
    if limit is None:
        return default
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValidationFailed(f"limit must be between 1 and {MAX_PAGE_SIZE}.", field="limit")
    return limit
