"""The SQL unit of work: one connection, one transaction, repositories bound to it, and the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from inergize.adapters.persistence.connections import connect, dropped, read_only_options, storage_unavailable
from inergize.adapters.persistence.direct import BatchedReads, LoopThreadReads
from inergize.adapters.persistence.engine import own_reads
from inergize.adapters.persistence.repositories import ai as ai_repos
from inergize.adapters.persistence.repositories.audit import SqlAuditLog
from inergize.adapters.persistence.repositories.campaigns import SqlCampaignRepository
from inergize.adapters.persistence.repositories.compliance import SqlComplianceRepository
from inergize.adapters.persistence.repositories.content import SqlContentRepository
from inergize.adapters.persistence.repositories.idempotency import SqlIdempotencyRepository
from inergize.adapters.persistence.repositories.linkedin import SqlLinkedInRepository
from inergize.adapters.persistence.repositories.notifications import SqlNotificationRepository
from inergize.adapters.persistence.repositories.publications import SqlPublicationRepository
from inergize.adapters.persistence.repositories.scheduling import (
    SqlScheduleImportRepository,
    SqlScheduleSettingsRepository,
)
from inergize.adapters.persistence.repositories.security import SqlSecurityRepository
from inergize.adapters.persistence.repositories.sessions import SqlSessionRepository
from inergize.adapters.persistence.repositories.user_data import SqlUserDataStore
from inergize.adapters.persistence.repositories.users import SqlUserRepository
from inergize.adapters.persistence.tables.platform import outbox
from inergize.ports.clock import Clock

AfterCommit = Callable[[list[uuid.UUID]], Awaitable[None]]
# Called with the read-cache scopes a committed unit of work changed (``ports.read_cache``), before
# ``commit`` returns: a read made after the write answered never gets an entry cached before it.
OnChanges = Callable[[set[str]], Awaitable[None]]


# Attribute name on the unit of work -> SQL repository class. A capability adds one line here and
# one attribute to ``ports.unit_of_work.UnitOfWork``.
REPOSITORIES: dict[str, Callable[[AsyncConnection], Any]] = {
    "idempotency": SqlIdempotencyRepository,
    # scheduling
    "publications": SqlPublicationRepository,
    "schedule_settings": SqlScheduleSettingsRepository,
    "schedule_imports": SqlScheduleImportRepository,
    "linkedin": SqlLinkedInRepository,
    "notifications": SqlNotificationRepository,
    "audit": SqlAuditLog,
    # AI content
    "content_versions": ai_repos.SqlContentVersionRepository,
    "ai_calls": ai_repos.SqlAiCallRepository,
    "ai_jobs": ai_repos.SqlAiJobRepository,
    "content_preferences": ai_repos.SqlContentPreferencesRepository,
    # compliance and campaigns
    "compliance": SqlComplianceRepository,
    "campaigns": SqlCampaignRepository,
}


# Repositories whose writes change what the read cache keeps: each records the scopes it changed in
# the unit of work's set (a user's access state, a user's content), bumped once the commit is done.
TRACKED_REPOSITORIES: dict[str, Callable[[AsyncConnection, set[str]], Any]] = {
    "users": SqlUserRepository,
    "content": SqlContentRepository,
    "sessions": SqlSessionRepository,
    "security": SqlSecurityRepository,
    "user_data": SqlUserDataStore,
}


class OutboxWriter:
    """Collects jobs during the unit of work; they are inserted just before commit."""

    def __init__(self) -> None:
        self.pending: list[tuple[uuid.UUID, str, dict[str, Any], datetime | None]] = []

    def enqueue(self, actor: str, /, *, _delay_until: datetime | None = None, **kwargs: Any) -> None:
        self.pending.append((uuid.uuid4(), actor, kwargs, _delay_until))


class SqlUnitOfWork:
    def __init__(self, engine: AsyncEngine, clock: Clock, *, read_only: bool = False,
                 after_commit: AfterCommit | None = None, on_changes: OnChanges | None = None,
                 own_reads: BatchedReads | LoopThreadReads | None = None) -> None:
        self._engine = engine
        self._own_reads = own_reads
        self._clock = clock
        self._read_only = read_only
        self._after_commit = after_commit
        self._on_changes = on_changes
        self._conn: AsyncConnection | None = None
        self.changed: set[str] = set()

    @property
    def connection(self) -> AsyncConnection:
        if self._conn is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._conn

    async def __aenter__(self) -> Self:
        conn = await connect(self._engine, read_only=self._read_only, own_reads=self._own_reads)
        if not self._read_only:
            # A read-only one starts no transaction (its statements autocommit), and checks a connection
            # out only when a statement needs one.
            try:
                await conn.begin()  # BEGIN is sent here (engine.py), so it may meet a dropped connection
            except BaseException as exc:
                await conn.close()
                if dropped(exc):
                    raise storage_unavailable() from exc
                raise
        self._conn = conn
        self.jobs = OutboxWriter()
        return self

    def __getattr__(self, name: str) -> Any:
        """A repository, made on first use and kept for the rest of the unit of work: a read touches one
        or two of the twenty."""
        factory = REPOSITORIES.get(name)
        if factory is not None:
            repository = factory(self.connection)
        elif (tracked := TRACKED_REPOSITORIES.get(name)) is not None:
            repository = tracked(self.connection, self.changed)
        else:
            raise AttributeError(name)
        setattr(self, name, repository)
        return repository

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        conn = self._conn
        self._conn = None
        if conn is None:
            return
        for name in [n for n in vars(self) if n in REPOSITORIES or n in TRACKED_REPOSITORIES]:
            delattr(self, name)  # bound to this connection: a later ``async with`` makes its own
        await conn.close()  # rolls back what is still open
        if exc is not None and dropped(exc):
            # The server dropped the connection under this unit of work (a restart, a failover): the
            # pool already replaced it; the caller may retry.
            raise storage_unavailable() from exc

    async def commit(self) -> None:
        conn = self.connection
        sent = [job[0] for job in self.jobs.pending]
        if self.jobs.pending:
            now = self._clock.now()
            await conn.execute(insert(outbox), [
                {"id": job_id, "actor": actor, "payload": payload, "created_at": now,
                 "available_at": delay or now, "attempts": 0}
                for job_id, actor, payload, delay in self.jobs.pending
            ])
            self.jobs.pending.clear()
        await conn.commit()
        if self.changed:
            changed = set(self.changed)
            self.changed.clear()
            if self._on_changes is not None:
                await self._on_changes(changed)
        # The unit of work stays usable: its next statement begins the next transaction (on SQLite the
        # write lock is taken only then, so the relay below gets it).
        if sent and self._after_commit is not None:
            await self._after_commit(sent)

    async def rollback(self) -> None:
        self.jobs.pending.clear()
        self.changed.clear()
        await self.connection.rollback()  # the next statement begins again


class SqlUnitOfWorkFactory:
    def __init__(self, engine: AsyncEngine, clock: Clock, after_commit: AfterCommit | None = None,
                 on_changes: OnChanges | None = None) -> None:
        self.engine = engine
        # the same pool, its connections handed out with the read-only options already set
        self._reader = engine.execution_options(**read_only_options())
        # the prebuilt reads of read-only units of work: in batches on PostgreSQL, on the loop's own
        # connection on a SQLite file (``direct.py``)
        self._own_reads = own_reads(engine, self._reader)
        self._clock = clock
        self.after_commit = after_commit
        self.on_changes = on_changes

    def __call__(self, *, read_only: bool = False) -> SqlUnitOfWork:
        if read_only:
            return SqlUnitOfWork(self._reader, self._clock, read_only=True, after_commit=self.after_commit,
                                 on_changes=self.on_changes, own_reads=self._own_reads)
        return SqlUnitOfWork(self.engine, self._clock, after_commit=self.after_commit, on_changes=self.on_changes)
