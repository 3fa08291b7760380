"""Keyset pagination over in-memory rows, as the SQL lists page (the fake repositories share it)."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from inergize.domain.platform.errors import ValidationFailed
from inergize.domain.platform.pagination import Page, decode_cursor, encode_cursor

T = TypeVar("T")


def newest_first_page(items: Sequence[T], limit: int, cursor: str | None, *,
                      sort: Callable[[T], datetime], ident: Callable[[T], uuid.UUID]) -> Page[T]:
    """Keyset pagination as the SQL lists do it: newest first by (sort, id), continuing after ``cursor``."""
    ordered = sorted(items, key=lambda i: (sort(i), ident(i)), reverse=True)
    if cursor:
        value, item_id = decode_cursor(cursor)
        try:
            after = (datetime.fromisoformat(value), uuid.UUID(item_id))
        except (TypeError, ValueError) as exc:
            raise ValidationFailed("The cursor is not valid.", field="cursor") from exc
        ordered = [i for i in ordered if (sort(i), ident(i)) < after]
    page = ordered[:limit]
    more = len(ordered) > limit
    next_cursor = encode_cursor(sort(page[-1]), str(ident(page[-1]))) if more and page else None
    return Page(items=[copy.deepcopy(i) for i in page], next_cursor=next_cursor)

