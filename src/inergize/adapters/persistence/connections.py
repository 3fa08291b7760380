"""How units of work hold their connection: read-only ones in autocommit, and what a connection the
server dropped (a restart, a failover, a terminated backend) becomes: one retry for a read, otherwise
``StorageUnavailable`` (503 with Retry-After), never an unexplained error."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from inergize.domain.platform.errors import StorageUnavailable


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
    loses nothing a transaction would have held."""

    __slots__ = ()

    async def execute(self, statement: Any, parameters: Any = None, *,
                      execution_options: Any = None) -> Any:
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


async def connect(engine: AsyncEngine, *, read_only: bool) -> AsyncConnection:
    """A connection for a unit of work; ``StorageUnavailable`` when the database cannot be reached."""
    try:
        return await (ReadOnlyConnection(engine) if read_only else engine.connect())
    except (DBAPIError, PoolTimeout) as exc:  # out of reach, or every connection busy past the wait
        raise storage_unavailable() from exc
