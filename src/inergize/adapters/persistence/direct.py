"""Prebuilt reads run straight on the driver, for the hottest reads (a page of the content library on
every uncached list).

SQLAlchemy's statement path (execution context, result proxy, the greenlet hand-over) costs more per
request than the read itself on PostgreSQL. A ``PrebuiltRead`` compiles its statement once per database
into the driver's own SQL and bind processors:

- PostgreSQL, in a unit of work that holds a connection (a write transaction, or a read-only one that
  already ran a statement): psycopg executes it as a server-side prepared statement on a cursor kept
  with the connection, so the read sees the transaction's own writes.
- PostgreSQL, in a read-only unit of work holding no connection yet: the reads that concurrent requests
  make while the previous batch is out go together (``BatchedReads``), as one prepared statement over the
  batch's parameters unnested into rows, on one pooled connection: one checkout, one execution and one
  round trip for the batch, instead of one each per request. Each read still sees every write committed
  before it was asked for (the batch starts after it), which is all a read-only unit of work promises.
- A read that meets a connection the server dropped runs once more on a fresh one, and a database still
  out of reach is ``StorageUnavailable``, as every other read (``connections.py``).
- SQLite: it runs on the event loop's own thread, without the hand-off to aiosqlite's thread, which on
  a busy core waits for a time slice. Only bounded, indexed reads are prebuilt (a page of at most
  ``MAX_PAGE_SIZE`` + 1 rows by an index); in WAL mode a reader never waits for a writer, so the loop
  is held for the read's own fraction of a millisecond.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import psycopg
from sqlalchemy import ColumnElement, Select, bindparam, event, literal_column
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.types import TypeEngine

from inergize.adapters.batching import Batched
from inergize.adapters.persistence.connections import ReadOnlyConnection, connect, storage_unavailable

_CURSOR = "inergize_prebuilt_cursor"  # (psycopg connection, its cursor), kept in the pool's record

# How a statement's builder names a value given at each run: ``given("user_id", content.c.user_id.type)``.
Given = Callable[[str, TypeEngine[Any]], ColumnElement[Any]]
_CALL = "inergize_call"  # the batched statement's row of one call's values


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


class _BatchedStatement:
    """A statement for many calls at once, on PostgreSQL: each given value becomes an array of the calls'
    values, unnested into one row per call, and the statement runs once per row as a subquery of it::

        SELECT inergize_call.n, (<the statement, its values read from inergize_call>)
        FROM unnest(%(user_id)s::UUID[], %(size)s::INTEGER[]) WITH ORDINALITY AS inergize_call(user_id, size, n)
    """

    __slots__ = ("inner", "names", "processors", "sql")

    def __init__(self, build: Callable[[str, Given], Select[Any]], dialect: Dialect,
                 given: list[tuple[str, TypeEngine[Any]]]) -> None:
        self.inner = _Compiled(build(dialect.name, lambda name, type_: literal_column(f"{_CALL}.{name}", type_)),
                               dialect)
        self.names = [name for name, _ in given]
        self.processors = [type_.dialect_impl(dialect).bind_processor(dialect) for _, type_ in given]
        arrays = ", ".join(f"%({name})s::{type_.compile(dialect=dialect)}[]" for name, type_ in given)
        # names and types are the builder's own, never a caller's input
        self.sql = (f"SELECT {_CALL}.n, ({self.inner.sql}) FROM unnest({arrays}) "  # noqa: S608
                    f"WITH ORDINALITY AS {_CALL}({', '.join(self.names)}, n)")

    def parameters(self, calls: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = self.inner.parameters({})  # the statement's own literals, if any
        for name, how in zip(self.names, self.processors, strict=True):
            out[name] = [how(call[name]) for call in calls] if how else [call[name] for call in calls]
        return out


class PrebuiltRead:
    """A read statement returning one value (the first column of its first row, ``None`` for no row),
    built by ``build(dialect_name, given)`` once per database and then run on the driver itself.
    ``given(name, type)`` stands for a value given at each run."""

    def __init__(self, build: Callable[[str, Given], Select[Any]]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}
        self._batched: dict[str, _BatchedStatement] = {}

    def compiled(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _Compiled(
                self._build(dialect.name, lambda name, type_: bindparam(name, type_=type_)), dialect)
        return compiled

    def batched(self, dialect: Dialect) -> _BatchedStatement:
        batched = self._batched.get(dialect.name)
        if batched is None:
            given: list[tuple[str, TypeEngine[Any]]] = []

            def record(name: str, type_: TypeEngine[Any]) -> ColumnElement[Any]:
                given.append((name, type_))
                return bindparam(name, type_=type_)

            self._build(dialect.name, record)
            batched = self._batched[dialect.name] = _BatchedStatement(self._build, dialect, given)
        return batched

    async def scalar(self, conn: AsyncConnection, values: dict[str, Any]) -> Any:
        if isinstance(conn, ReadOnlyConnection) and conn.own_reads is not None and not conn.started:
            return await conn.own_reads.scalar(self, values)
        compiled = self.compiled(conn.dialect)
        parameters = compiled.parameters(values)
        if conn.dialect.name == "postgresql":
            return await _on_psycopg(conn, compiled.sql, parameters, _first_value)
        raw = await conn.get_raw_connection()
        row = raw.dbapi_connection.first_row_here(compiled.sql, parameters)  # type: ignore[union-attr]
        return row[0] if row else None


class BatchedReads(Batched):
    """Prebuilt reads of read-only units of work on PostgreSQL, sent in batches (``adapters/batching.py``):
    the reads asked for while this loop's previous batch is out go together, on one pooled connection."""

    def __init__(self, reader: AsyncEngine) -> None:
        super().__init__()
        self._reader = reader  # the pool's connections with the read-only options (autocommit)

    async def scalar(self, read: PrebuiltRead, values: dict[str, Any]) -> Any:
        return await self._call((read, values))

    async def _run_batch(self, calls: list[tuple[PrebuiltRead, dict[str, Any]]]) -> list[Any]:
        replies: list[Any] = [None] * len(calls)  # unnest gives one row per call
        groups: dict[PrebuiltRead, list[int]] = {}
        for i, (read, _) in enumerate(calls):
            groups.setdefault(read, []).append(i)
        conn = await connect(self._reader, read_only=True)
        try:
            for read, members in groups.items():
                batched = read.batched(conn.dialect)
                parameters = batched.parameters([calls[i][1] for i in members])
                for n, value in await _on_psycopg(conn, batched.sql, parameters, _all_rows):
                    replies[members[n - 1]] = value
        finally:
            await conn.close()
        return replies


class LoopThreadReads:
    """Prebuilt reads of read-only units of work on SQLite, on a connection of their own that only the
    event loop's thread uses: no checkout from the pool, no hand-off to aiosqlite's thread. The connection
    is query-only and reads in autocommit; in WAL mode each read sees every write committed before it
    and never waits for a writer. Closed with the engine."""

    def __init__(self, engine: AsyncEngine, path: str, configure: Callable[[sqlite3.Connection], None]) -> None:
        self._dialect = engine.dialect
        self._path = path
        self._configure = configure
        self._conn: sqlite3.Connection | None = None
        event.listen(engine.sync_engine, "engine_disposed", lambda _engine: self.close())

    async def scalar(self, read: PrebuiltRead, values: dict[str, Any]) -> Any:
        conn = self._conn
        if conn is None:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            self._configure(conn)
            conn.execute("PRAGMA query_only=ON")
            self._conn = conn
        compiled = read.compiled(self._dialect)
        # read to the end, so the statement's read transaction (its WAL snapshot) ends here
        rows = conn.execute(compiled.sql, compiled.parameters(values)).fetchall()
        return rows[0][0] if rows else None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


async def _first_value(cursor: Any) -> Any:
    row = await cursor.fetchone()
    return row[0] if row else None


async def _all_rows(cursor: Any) -> Any:
    return await cursor.fetchall()


async def _on_psycopg(conn: AsyncConnection, sql: str, parameters: dict[str, Any],
                      fetch: Callable[[Any], Any]) -> Any:
    try:
        return await _execute(conn, sql, parameters, fetch)
    except psycopg.OperationalError as exc:
        raw = await conn.get_raw_connection()
        if not raw.driver_connection.closed:  # type: ignore[union-attr]
            raise  # the statement failed, the connection is fine
        await conn.invalidate(exc)  # the pool replaces it; the next use reconnects
        if not isinstance(conn, ReadOnlyConnection):
            raise storage_unavailable() from exc  # a transaction's work is lost with it
    await conn.rollback()  # a read-only unit of work's statements autocommit: nothing is lost
    try:
        return await _execute(conn, sql, parameters, fetch)
    except (psycopg.OperationalError, DBAPIError) as exc:  # still out of reach
        raise storage_unavailable() from exc


async def _execute(conn: AsyncConnection, sql: str, parameters: dict[str, Any], fetch: Callable[[Any], Any]) -> Any:
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    kept = raw.info.get(_CURSOR)
    if kept is None or kept[0] is not driver:  # a cursor per driver connection, made once
        kept = raw.info[_CURSOR] = (driver, driver.cursor())
    cursor = kept[1]
    await cursor.execute(sql, parameters, prepare=True)  # never when preparing is off (threshold -1)
    return await fetch(cursor)
