"""The worker's job ledger and the ``pings`` log, in SQL."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from inergize.adapters.persistence.tables.jobs import pings, processed_jobs
from inergize.adapters.persistence.tables.platform import outbox
from inergize.ports.clock import Clock


class SqlJobLedger:
    """``JobLedger``: a conditional insert (or an update of an expired lease) takes a job, so two
    deliveries of one job id never both run, and a finished job is never run again."""

    def __init__(self, engine: AsyncEngine, clock: Clock, *, lease_seconds: float,
                 retention_days: float = 7) -> None:
        self._engine = engine
        self._clock = clock
        self._lease = timedelta(seconds=lease_seconds)
        self._retention = timedelta(days=retention_days)

    async def claim(self, job_id: uuid.UUID, actor: str) -> bool:
        now = self._clock.now()
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        take = (dialect.insert(processed_jobs)
                .values(job_id=job_id, actor=actor, state="running", lease_until=now + self._lease, runs=1)
                .on_conflict_do_nothing(index_elements=["job_id"])
                .returning(processed_jobs.c.job_id))  # rowcount is not reliable for INSERT on psycopg
        async with self._engine.begin() as conn:
            if (await conn.execute(take)).first() is not None:
                return True
            # a worker that died while holding the job: its lease ran out, take it over
            retake = (update(processed_jobs)
                      .where(processed_jobs.c.job_id == job_id, processed_jobs.c.state == "running",
                             processed_jobs.c.lease_until <= now)
                      .values(lease_until=now + self._lease, runs=processed_jobs.c.runs + 1)
                      .returning(processed_jobs.c.job_id))
            return (await conn.execute(retake)).first() is not None

    async def finish(self, job_id: uuid.UUID) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(update(processed_jobs).where(processed_jobs.c.job_id == job_id)
                               .values(state="done", finished_at=self._clock.now()))
            # a finished job needs no more (re)delivery
            await conn.execute(delete(outbox).where(outbox.c.id == job_id))

    async def release(self, job_id: uuid.UUID) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(delete(processed_jobs).where(processed_jobs.c.job_id == job_id,
                                                            processed_jobs.c.state == "running"))

    async def purge(self) -> int:
        cutoff = self._clock.now() - self._retention
        async with self._engine.begin() as conn:
            gone = await conn.execute(delete(processed_jobs).where(processed_jobs.c.state == "done",
                                                                   processed_jobs.c.finished_at < cutoff)
                                      .returning(processed_jobs.c.job_id))
            return len(gone.all())


class SqlPingLog:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def record(self, token: str, at: datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(insert(pings).values(id=uuid.uuid4(), token=token, created_at=at))

    async def count(self, token: str) -> int:
        async with self._engine.connect() as conn:
            return int((await conn.execute(select(func.count()).where(pings.c.token == token))).scalar_one())
