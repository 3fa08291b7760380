"""How units of work hold their connection: read-only ones in autocommit, and what a connection the
server dropped (a restart, a failover, a terminated backend) becomes: one retry for a read, otherwise
``StorageUnavailable`` (503 with Retry-After), never an unexplained error."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from inergize.domain.platform.errors import StorageUnavailable

if TYPE_CHECKING:
    from inergize.adapters.persistence.direct import BatchedReads, LoopThreadReads


def storage_unavailable() -> StorageUnavailable:
    return StorageUnavailable("The database is unavailable for a moment; retry shortly.")


def read_only_options() -> dict[str, Any]:
    """Execution options of a read-only unit of work: statement by statement in autocommit, each seeing a
    committed snapshot, without BEGIN/ROLLBACK round trips (PostgreSQL) or hops to aiosqlite's thread.
    ``engine.py`` skips BEGIN for these; both drivers keep their connections in autocommit."""
    return {"inergize_read_only": True}


def dropped(exc: BaseException) -> bool:
    """Whether ``exc`` says the connection was lost (SQLAlchemy has then replaced it in the pool)."""
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


class ReadOnlyConnection(AsyncConnection):
    """A read-only unit of work's connection. Its statements autocommit, each on its own snapshot, so a
    statement that met a connection the server had dropped runs once more on a fresh one: retrying it
    loses nothing a transaction would have held.

    It checks a connection out of the pool only when a statement needs one: a unit of work whose only
    read is a prebuilt one hands it to ``own_reads`` (``direct.py``: batched on PostgreSQL, on the loop's
    own connection on SQLite) and never holds a pooled connection."""

    __slots__ = ("own_reads",)

    def __init__(self, engine: AsyncEngine, own_reads: BatchedReads | LoopThreadReads | None = None) -> None:
        super().__init__(engine)
        self.own_reads = own_reads

    @property
    def started(self) -> bool:
        return self.sync_connection is not None

    @property  # type: ignore[misc]
    def dialect(self) -> Dialect:
        return self.sync_engine.dialect  # the same before and after the checkout

    async def _checked_out(self) -> None:
        if self.sync_connection is None:
            await _reachable(self.start())

    async def execute(self, statement: Any, parameters: Any = None, *,
                      execution_options: Any = None) -> Any:
        await self._checked_out()
        try:
            return await super().execute(statement, parameters, execution_options=execution_options)
        except DBAPIError as exc:
            if not dropped(exc):
                raise
        await self.rollback()  # leaves the failed autobegun transaction; the next statement reconnects
        try:
            return await super().execute(statement, parameters, execution_options=execution_options)
        except OperationalError as exc:  # the database is still out of reach
            raise storage_unavailable() from exc

    async def exec_driver_sql(self, statement: str, parameters: Any = None,
                              execution_options: Any = None) -> Any:
        await self._checked_out()
        return await super().exec_driver_sql(statement, parameters, execution_options)

    async def run_sync(self, fn: Any, *args: Any, **kw: Any) -> Any:
        await self._checked_out()
        return await super().run_sync(fn, *args, **kw)

    async def get_raw_connection(self) -> Any:
        await self._checked_out()
        return await super().get_raw_connection()

    async def commit(self) -> None:
        if self.started:
            await super().commit()

    async def rollback(self) -> None:
        if self.started:
            await super().rollback()

    async def close(self) -> None:
        if self.started:
            await super().close()


async def connect(engine: AsyncEngine, *, read_only: bool,
                  own_reads: BatchedReads | LoopThreadReads | None = None) -> AsyncConnection:
    """A connection for a unit of work; ``StorageUnavailable`` when the database cannot be reached. A
    read-only one is checked out at its first statement."""
    if read_only:
        return ReadOnlyConnection(engine, own_reads)
    return await _reachable(engine.connect())


async def _reachable(checkout: Awaitable[AsyncConnection]) -> AsyncConnection:
    try:
        return await checkout
    except (DBAPIError, PoolTimeout) as exc:  # out of reach, or every connection busy past the wait
        raise storage_unavailable() from exc
