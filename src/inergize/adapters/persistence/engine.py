"""Engines. An async engine belongs to one event loop: the API and each worker loop build their own."""

from __future__ import annotations

import select
from pathlib import Path
from typing import Any

from psycopg.pq import ConnStatus
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from inergize.adapters.persistence.direct import BatchedReads, LoopThreadReads
from inergize.adapters.persistence.sqlite_driver import one_hop_aiosqlite

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _kept_pool(pool_size: int, max_overflow: int, pool_timeout: float) -> dict[str, Any]:
    """A pool that keeps every connection it opens, up to ``pool_size + max_overflow``.

    SQLAlchemy closes an overflow connection as soon as it comes back to a pool holding ``pool_size``
    idle ones, so under a load hovering above ``pool_size`` it opened one for about every seventh
    request: a new server process and fresh prepared statements on PostgreSQL, a thread and four
    PRAGMAs on SQLite."""
    return {"pool_size": pool_size + max_overflow, "max_overflow": 0, "pool_timeout": pool_timeout}


def make_engine(url: str, *, pool_size: int = 10, max_overflow: int = 10, pool_timeout: float = 10.0,
                prepare_threshold: int = 1, echo: bool = False) -> AsyncEngine:
    """An engine for ``url``; on SQLite: WAL, a busy timeout, foreign keys, ``BEGIN IMMEDIATE`` for
    write transactions, one hop to aiosqlite's thread per statement (``sqlite_driver``); ``read_only``
    units of work read in autocommit mode (one snapshot per statement). On PostgreSQL (psycopg 3,
    async): a pool of ``pool_size`` plus ``max_overflow`` connections, and statements prepared
    server-side after ``prepare_threshold`` executions on a connection (SQLAlchemy sends the same SQL
    text for a cached statement, so the hot reads are parsed and planned once per connection; -1 never
    prepares, for PgBouncer); connections kept in autocommit, transactions begun explicitly; a
    connection the server closed while it sat in the pool is replaced at checkout."""
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url, echo=echo, module=one_hop_aiosqlite(),
            # check_same_thread off: prebuilt bounded reads run on the event loop's thread (``direct.py``)
            # while the connection's other statements run on aiosqlite's, never two at once
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **_kept_pool(pool_size, max_overflow, pool_timeout),
            # Units of work always end their transaction themselves; a reset on return would be one
            # more hop to aiosqlite's thread per request.
            pool_reset_on_return=None,
        )
        _configure_sqlite(engine)
        return engine
    engine = create_async_engine(
        url, echo=echo, **_kept_pool(pool_size, max_overflow, pool_timeout), pool_recycle=1800,
        # Connections stay in autocommit for their whole life: a read-only unit of work reads as they
        # are, without switching autocommit on at checkout and off at checkin; ``_begin_explicitly``
        # opens every other transaction.
        # The session's time zone is UTC, so instants the server writes as text (the JSON of a page of
        # content) are in UTC whatever the server's own setting.
        connect_args={"prepare_threshold": None if prepare_threshold < 0 else prepare_threshold,
                      "autocommit": True, "options": "-c TimeZone=UTC"},
    )
    event.listen(engine.sync_engine, "checkout", _discard_if_dropped)
    event.listen(engine.sync_engine, "begin", _begin_explicitly)
    return engine


def _begin_explicitly(conn: Any) -> None:
    """BEGIN for a transaction on a connection kept in autocommit (psycopg's COMMIT and ROLLBACK follow
    the server's transaction state, so they end it as usual); none for a read-only unit of work, whose
    statements autocommit."""
    if conn.get_execution_options().get("inergize_read_only"):
        return
    if conn.connection.dbapi_connection.autocommit:  # else psycopg begins the transaction itself
        conn.exec_driver_sql("BEGIN")


def _discard_if_dropped(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """No ping per checkout (a round trip per unit of work); instead a look at the socket, no round
    trip: an idle connection has nothing to read unless the server closed it (a restart, a terminated
    backend). Such a connection is replaced before any statement meets it."""
    pgconn = dbapi_connection.driver_connection.pgconn
    if pgconn.status != ConnStatus.OK:
        raise DisconnectionError("the connection is closed")
    poller = select.poll()
    poller.register(pgconn.socket, select.POLLIN)
    if poller.poll(0):
        raise DisconnectionError("the server closed the connection")


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when a transaction starts (pysqlite would start it
        # at the first write, leaving earlier reads outside it).
        dbapi_connection.isolation_level = None
        _sqlite_pragmas(dbapi_connection)

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("inergize_read_only"):
            # A read-only unit of work reads in autocommit mode: in WAL each statement sees a
            # committed snapshot, and skipping BEGIN/ROLLBACK saves two thread hops per request.
            return
        else:
            # Take the write lock up front so a transaction that reads then writes waits for the
            # lock (busy timeout) instead of failing with SQLITE_BUSY at its first write.
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def own_reads(engine: AsyncEngine, reader: AsyncEngine) -> BatchedReads | LoopThreadReads | None:
    """Where the prebuilt reads of read-only units of work go (``direct.py``): batched over ``reader``'s
    connections on PostgreSQL, on a connection of the loop's own on a SQLite file (closed with
    ``engine``); an in-memory SQLite database has only the pool's."""
    if is_postgres(engine):
        return BatchedReads(reader)
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return LoopThreadReads(engine, path, _sqlite_pragmas)


def is_postgres(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"
