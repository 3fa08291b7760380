"""Keyset (cursor) pagination shared by every list query."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Column, Select, and_, or_
from sqlalchemy.engine import Row

from inergize.domain.platform.errors import ValidationFailed
from inergize.domain.platform.pagination import Page, decode_cursor, encode_cursor

T = TypeVar("T")


def keyset_after(stmt: Select[Any], sort_col: Column[Any], id_col: Column[Any], cursor: str | None,
                 *, descending: bool = True) -> Select[Any]:
    """Order by (sort_col, id) and continue after the position in ``cursor``.

    ``sort_col`` holds datetimes, ``id_col`` UUIDs: the only shapes our lists page on."""
    if cursor:
        sort_value, key_id = keyset_position(cursor)
        if descending:
            stmt = stmt.where(or_(sort_col < sort_value, and_(sort_col == sort_value, id_col < key_id)))
        else:
            stmt = stmt.where(or_(sort_col > sort_value, and_(sort_col == sort_value, id_col > key_id)))
    order = (sort_col.desc(), id_col.desc()) if descending else (sort_col.asc(), id_col.asc())
    return stmt.order_by(*order)


def keyset_position(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The (instant, id) a cursor made from a datetime sort key points after; a bad one is a
    validation error."""
    value, item_id = decode_cursor(cursor)
    try:
        return datetime.fromisoformat(value), uuid.UUID(item_id)
    except (TypeError, ValueError) as exc:
        raise ValidationFailed("The cursor is not valid.", field="cursor") from exc


def page_from_rows(rows: Sequence[Row[Any]], limit: int, to_item: Callable[[Row[Any]], T],
                   sort_key: str, id_key: str = "id") -> Page[T]:
    """Build a page from ``limit + 1`` fetched rows; the extra row only says there is more."""
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]._mapping
        next_cursor = encode_cursor(last[sort_key], str(last[id_key]))
    return Page(items=[to_item(r) for r in rows], next_cursor=next_cursor)
