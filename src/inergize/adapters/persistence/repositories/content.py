from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Text,
    and_,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.direct import Given, PrebuiltRead
from inergize.adapters.persistence.repositories.pagination import keyset_after, keyset_position
from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.repositories.search import every_word_in
from inergize.adapters.persistence.tables.seed import content
from inergize.domain.content.library import Content, ContentFilter, ContentKind, VersionState
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.platform.pagination import Page, encode_cursor
from inergize.ports.read_cache import content_scope


def _to_content(row: Row[Any]) -> Content:
    m = row._mapping
    return Content(
        id=m["id"], user_id=m["user_id"], kind=ContentKind(m["kind"]), title=m["title"], body=m["body"],
        state=VersionState(m["state"]), data=m["data"] or {}, created_at=m["created_at"],
        updated_at=m["updated_at"], version=m["version"],
    )


_decode_items = msgspec.json.Decoder(list[Content]).decode


def _instant(column: Any) -> ColumnElement[str]:
    """An instant as RFC 3339 text in UTC: SQLite keeps "YYYY-MM-DD HH:MM:SS.ffffff" in UTC."""
    return func.replace(column, " ", "T").op("||")("Z")


def _newest_first(item: Content) -> tuple[datetime, uuid.UUID]:
    return item.created_at, item.id


_FIELDS = [content.c[name] for name in Content.__struct_fields__]


def page_document(stmt: Select[Any], dialect: str) -> Select[Any]:
    """``stmt`` (the ordered, limited rows of ``content``, any columns) as one JSON array of ``Content``
    objects, as text: the driver would otherwise parse the JSON into Python objects first."""
    page = stmt.with_only_columns(*_FIELDS).subquery("page")
    if dialect == "postgresql":
        # each row as the object of its columns; instants as RFC 3339 in the session's time zone, UTC
        # (``engine.py``), which costs the server half of what formatting each one by hand did
        return select(cast(func.json_agg(page.table_valued()), Text))
    c = page.c
    item = func.json_object("id", c.id, "user_id", c.user_id, "kind", c.kind, "title", c.title, "body", c.body,
                            "state", c.state, "data", func.json(c.data), "created_at", _instant(c.created_at),
                            "updated_at", _instant(c.updated_at), "version", c.version)
    return select(cast(func.json_group_array(item), Text))


def _plain_page(after_cursor: bool) -> PrebuiltRead:
    """A user's page of content newest first (after a keyset position), as a page document: the read
    behind every uncached library list, so it runs on the driver itself (``direct.py``)."""
    def build(dialect: str, given: Given) -> Select[Any]:
        c = content.c
        query = select(content).where(c.user_id == given("user_id", c.user_id.type))
        if after_cursor:
            at, key = given("after_at", c.created_at.type), given("after_id", c.id.type)
            query = query.where(or_(c.created_at < at, and_(c.created_at == at, c.id < key)))
        query = query.order_by(c.created_at.desc(), c.id.desc()).limit(given("size", Integer()))
        return page_document(query, dialect)

    return PrebuiltRead(build)


_FIRST_PAGE, _NEXT_PAGE = _plain_page(after_cursor=False), _plain_page(after_cursor=True)


def _to_row(item: Content) -> dict[str, Any]:
    row = msgspec.structs.asdict(item)
    row["kind"] = item.kind.value
    row["state"] = item.state.value
    return row


def _filter(only: ContentFilter) -> list[ColumnElement[bool]]:
    """Every word in the title or the text (case-insensitive on both databases), the kind, the state."""
    conditions = every_word_in([content.c.title, content.c.body], only.words)
    if only.kind is not None:
        conditions.append(content.c.kind == only.kind.value)
    if only.state is not None:
        conditions.append(content.c.state == only.state.value)
    return conditions


class SqlContentRepository:
    def __init__(self, conn: AsyncConnection, changed: set[str] | None = None) -> None:
        self._conn = conn
        self._changed = changed if changed is not None else set()  # read-cache scopes this unit of work changed

    async def add(self, item: Content) -> None:
        await self._conn.execute(insert(content).values(**_to_row(item)))
        self._changed.add(content_scope(item.user_id))

    async def get(self, content_id: uuid.UUID) -> Content | None:
        row = await row_where(self._conn, content.c.id, content_id)
        return _to_content(row) if row else None

    async def update(self, item: Content, *, expected_version: int) -> Content:
        values = _to_row(item)
        for key in ("id", "user_id", "created_at", "version"):
            values.pop(key)
        result = await self._conn.execute(
            update(content).where(content.c.id == item.id, content.c.version == expected_version)
            .values(**values, version=expected_version + 1)
        )
        if result.rowcount != 1:
            raise PreconditionFailed("The content changed since you read it; fetch it again.")
        self._changed.add(content_scope(item.user_id))
        return msgspec.structs.replace(item, version=expected_version + 1)

    async def delete(self, content_id: uuid.UUID) -> bool:
        row = (await self._conn.execute(
            delete(content).where(content.c.id == content_id).returning(content.c.user_id))).first()
        if row is None:
            return False
        self._changed.add(content_scope(row.user_id))
        return True

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int, cursor: str | None,
                            only: ContentFilter | None = None) -> Page[Content]:
        # The database hands back the page as one JSON array of objects named like ``Content``'s
        # fields, which msgspec decodes straight into Structs: no per-column conversion, no Row.
        if only is None or not (only.words or only.kind or only.state):
            # the library's plain pages: one statement per database and cursor shape, built once
            params: dict[str, Any] = {"user_id": user_id, "size": limit + 1}
            if cursor is None:
                document = await _FIRST_PAGE.scalar(self._conn, params)
            else:
                params["after_at"], params["after_id"] = keyset_position(cursor)
                document = await _NEXT_PAGE.scalar(self._conn, params)
        else:
            query = select(content).where(content.c.user_id == user_id, *_filter(only))
            query = keyset_after(query, content.c.created_at, content.c.id, cursor).limit(limit + 1)
            document = (await self._conn.execute(page_document(query, self._conn.dialect.name))).scalar_one()
        items = _decode_items(document) if document else []
        items.sort(key=_newest_first, reverse=True)  # an aggregate promises no order
        more = len(items) > limit
        items = items[:limit]
        last = items[-1] if more else None
        return Page(items=items, next_cursor=encode_cursor(last.created_at, str(last.id)) if last else None)
