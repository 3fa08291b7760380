"""GDPR export and erasure, walking the registry of user-owned tables (``info={"owner": column}``)."""

from __future__ import annotations

import base64
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import msgspec
from sqlalchemy import Table, delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.tables.base import metadata
from inergize.ports.read_cache import access_scope, content_scope

# Columns never exported: credentials and secrets (hashes, encrypted tokens, MFA secrets).
_SECRET_WORDS = ("hash", "secret", "password", "token", "encrypted", "ciphertext")


def _owned() -> list[tuple[Table, str]]:
    return [(t, t.info["owner"]) for t in metadata.sorted_tables if "owner" in t.info]


def _owner_value(table: Table, user_id: uuid.UUID) -> Any:
    return str(user_id) if table.info.get("owner_is_text") else user_id


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(type(value).__name__)


def is_secret_column(name: str) -> bool:
    return any(word in name for word in _SECRET_WORDS)


class SqlUserDataStore:
    def __init__(self, conn: AsyncConnection, changed: set[str] | None = None) -> None:
        self._conn = conn
        self._changed = changed if changed is not None else set()  # read-cache scopes this unit of work changed

    async def export(self, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for table, owner in _owned():
            columns = [c for c in table.c if not is_secret_column(c.name)]
            rows = (
                await self._conn.execute(
                    select(*columns).where(table.c[owner] == _owner_value(table, user_id))
                )
            ).all()
            # str(): column names are str subclasses, which msgspec does not take as keys
            out[table.name] = [
                msgspec.to_builtins({str(k): v for k, v in r._mapping.items()}, enc_hook=_plain) for r in rows
            ]
        return out

    async def erase(self, user_id: uuid.UUID) -> dict[str, int]:
        counts: dict[str, int] = {}
        self._changed.update((access_scope(user_id), content_scope(user_id)))
        # Children before parents (reverse dependency order), the users row itself last.
        for table, owner in reversed(_owned()):
            if table.info.get("retain"):
                continue
            result = await self._conn.execute(
                delete(table).where(table.c[owner] == _owner_value(table, user_id))
            )
            counts[table.name] = int(result.rowcount)
        return counts
