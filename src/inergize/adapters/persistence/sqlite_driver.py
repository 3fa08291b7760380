"""aiosqlite under SQLAlchemy with one hand-off to aiosqlite's thread per statement.

aiosqlite runs every call on a thread of its own; SQLAlchemy's adapter makes four such calls for one
query (open a cursor, execute, fetch, close), each a wake-up of that thread and then of the event loop.
On a loaded core every wake-up waits for a time slice. Here a statement runs, its rows are read and its
cursor closed in one call on that thread, and a commit or rollback with no transaction open (a read-only
unit of work reads in autocommit) makes no call at all."""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Iterator
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_connection, AsyncAdapt_aiosqlite_dbapi
from sqlalchemy.util import await_only

_Outcome = tuple[Any, list[Any], int, int | None]


def _run(conn: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> _Outcome:
    """On aiosqlite's thread: the statement, its rows, its counts; the cursor is closed before returning."""
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        return description, cursor.fetchall() if description else [], cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class OneHopCursor:
    """The DB-API cursor SQLAlchemy drives: buffered, every result read in the statement's one call."""

    server_side = False
    arraysize = 1

    def __init__(self, adapted: OneHopConnection) -> None:
        self._adapted = adapted
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: deque[Any] = deque()

    def _call(self, operation: str, parameters: Any, many: bool) -> None:
        aio = self._adapted._connection
        try:
            outcome: _Outcome = await_only(aio._execute(_run, aio._conn, operation, parameters, many))
        except Exception as error:
            self._adapted._handle_exception(error)
        self.description, rows, self.rowcount, self.lastrowid = outcome
        self._rows = deque(rows)

    def execute(self, operation: str, parameters: Any = None) -> None:
        self._call(operation, parameters, False)

    def executemany(self, operation: str, seq_of_parameters: Any) -> None:
        self._call(operation, seq_of_parameters, True)

    def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    def fetchmany(self, size: int | None = None) -> list[Any]:
        rows = self._rows
        return [rows.popleft() for _ in range(min(size or self.arraysize, len(rows)))]

    def fetchall(self) -> list[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    def __iter__(self) -> Iterator[Any]:
        while self._rows:
            yield self._rows.popleft()

    def close(self) -> None:
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        """SQLAlchemy's async result closes the driver's cursor here; ours is closed already."""

    def setinputsizes(self, *sizes: Any) -> None:
        pass

    def nextset(self) -> None:
        return None


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()

    def cursor(self, server_side: bool = False) -> Any:
        return super().cursor(server_side=True) if server_side else OneHopCursor(self)

    def first_row_here(self, operation: str, parameters: Any) -> Any:
        """The statement's first row, run on the calling thread (the event loop's) instead of aiosqlite's:
        for bounded reads only (``direct.py``); the connection is opened without check_same_thread."""
        _, rows, _, _ = _run(self._connection._conn, operation, parameters, False)
        return rows[0] if rows else None

    def _in_transaction(self) -> bool:
        # Read on the loop's thread: only this connection's own calls change it, and they are
        # awaited one at a time.
        raw = self._connection._connection
        return raw is not None and raw.in_transaction

    def rollback(self) -> None:
        if self._in_transaction():
            super().rollback()

    def commit(self) -> None:
        if self._in_transaction():
            super().commit()


class OneHopDbapi(AsyncAdapt_aiosqlite_dbapi):
    """The DB-API module handed to ``create_async_engine(module=…)``: aiosqlite with the cursor above."""

    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        adapted = super().connect(*arg, **kw)
        return OneHopConnection(self, adapted._connection)


def one_hop_aiosqlite() -> OneHopDbapi:
    import aiosqlite

    return OneHopDbapi(aiosqlite, sqlite3)
