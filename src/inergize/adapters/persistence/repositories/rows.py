"""Reading one row by a key column, as most repository ``get`` methods do."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Row, select
from sqlalchemy.ext.asyncio import AsyncConnection


async def row_where(conn: AsyncConnection, column: Column[Any], value: Any) -> Row[Any] | None:
    """The row of ``column``'s table whose ``column`` is ``value`` (a key, so at most one), or None."""
    return (await conn.execute(select(column.table).where(column == value))).first()
