"""Prebuilt reads run straight on the unit of work's driver connection, for the hottest reads (a page of
the content library on every uncached list).

SQLAlchemy's statement path (execution context, result proxy, the greenlet hand-over) costs more per
request than the read itself on PostgreSQL. A ``PrebuiltRead`` compiles its statement once per database
into the driver's own SQL and bind processors, and runs it on the connection the unit of work already
holds, so transactions, pooling and the read-only mode are unchanged:

- PostgreSQL: psycopg executes it as a server-side prepared statement on a cursor kept with the
  connection. A read that meets a connection the server dropped runs once more on a fresh one, and a
  database still out of reach is ``StorageUnavailable``, as every other read (``connections.py``).
- SQLite: it runs on the event loop's own thread, without the hand-off to aiosqlite's thread, which on
  a busy core waits for a time slice. Only bounded, indexed reads are prebuilt (a page of at most
  ``MAX_PAGE_SIZE`` + 1 rows by an index); in WAL mode a reader never waits for a writer, so the loop
  is held for the read's own fraction of a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.connections import ReadOnlyConnection, storage_unavailable

_CURSOR = "inergize_prebuilt_cursor"  # (psycopg connection, its cursor), kept in the pool's record


class _Compiled:
    """One statement in one database's SQL: its text, and per parameter either its bind processor (a
    value the caller gives by name) or its processed value (a literal of the statement)."""

    __slots__ = ("binds", "positional", "sql")

    def __init__(self, stmt: Select[Any], dialect: Dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        self.positional = dialect.paramstyle in ("qmark", "numeric")
        names = list(compiled.positiontup or []) if self.positional else list(compiled.binds)
        self.binds: list[tuple[str, bool, Any]] = []
        for name in names:
            bind = compiled.binds[name]
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if bind.value is None and bind.callable is None:  # given at each run
                self.binds.append((name, True, processor))
            else:
                self.binds.append((name, False, processor(bind.effective_value) if processor else bind.effective_value))

    def parameters(self, values: dict[str, Any]) -> Any:
        # positional styles repeat a name used twice, so the values are a list in the statement's order
        out = [(how(values[name]) if how else values[name]) if given else how for name, given, how in self.binds]
        return out if self.positional else dict(zip((name for name, _, _ in self.binds), out, strict=True))


class PrebuiltRead:
    """A read statement returning one value (the first column of its first row, ``None`` for no row),
    built by ``build(dialect_name)`` once per database and then run on the driver itself."""

    def __init__(self, build: Callable[[str], Select[Any]]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _Compiled(self._build(dialect.name), dialect)
        return compiled

    async def scalar(self, conn: AsyncConnection, values: dict[str, Any]) -> Any:
        compiled = self._for(conn.dialect)
        parameters = compiled.parameters(values)
        if conn.dialect.name == "postgresql":
            return await _on_psycopg(conn, compiled.sql, parameters)
        raw = await conn.get_raw_connection()
        row = raw.dbapi_connection.first_row_here(compiled.sql, parameters)  # type: ignore[union-attr]
        return row[0] if row else None


async def _on_psycopg(conn: AsyncConnection, sql: str, parameters: dict[str, Any]) -> Any:
    try:
        return await _execute(conn, sql, parameters)
    except psycopg.OperationalError as exc:
        raw = await conn.get_raw_connection()
        if not raw.driver_connection.closed:  # type: ignore[union-attr]
            raise  # the statement failed, the connection is fine
        await conn.invalidate(exc)  # the pool replaces it; the next use reconnects
        if not isinstance(conn, ReadOnlyConnection):
            raise storage_unavailable() from exc  # a transaction's work is lost with it
    await conn.rollback()  # a read-only unit of work's statements autocommit: nothing is lost
    try:
        return await _execute(conn, sql, parameters)
    except (psycopg.OperationalError, DBAPIError) as exc:  # still out of reach
        raise storage_unavailable() from exc


async def _execute(conn: AsyncConnection, sql: str, parameters: dict[str, Any]) -> Any:
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    kept = raw.info.get(_CURSOR)
    if kept is None or kept[0] is not driver:  # a cursor per driver connection, made once
        kept = raw.info[_CURSOR] = (driver, driver.cursor())
    cursor = kept[1]
    await cursor.execute(sql, parameters, prepare=True)  # never when preparing is off (threshold -1)
    row = await cursor.fetchone()
    return row[0] if row else None
