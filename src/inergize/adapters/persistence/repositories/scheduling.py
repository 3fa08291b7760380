"""SQL repositories of a user's queue settings and of bulk CSV imports."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.persistence.repositories.rows import row_where
from inergize.adapters.persistence.tables.scheduling import (
    schedule_imports,
    schedule_settings,
)
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.scheduling.schedules import ScheduleSettings, TimeSlot
from inergize.ports.scheduling import ImportProgress


class SqlScheduleSettingsRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def get(self, user_id: uuid.UUID) -> ScheduleSettings | None:
        row = await row_where(self._conn, schedule_settings.c.user_id, user_id)
        if row is None:
            return None
        m = row._mapping
        return ScheduleSettings(
            timezone=m["timezone"],
            slots=tuple(TimeSlot(d, t) for d, t in m["slots"]),
            min_gap_minutes=m["min_gap_minutes"],
            paused=m["paused"],
            paused_until=m["paused_until"],
            version=m["version"],
        )

    async def put(self, user_id: uuid.UUID, settings: ScheduleSettings, now: datetime) -> ScheduleSettings:
        values = {
            "timezone": settings.timezone,
            "slots": [[s.weekday, s.time] for s in settings.slots],
            "min_gap_minutes": settings.min_gap_minutes,
            "paused": settings.paused,
            "paused_until": settings.paused_until,
            "updated_at": now,
        }
        current = await self.get(user_id)
        if current is None:
            await self._conn.execute(
                insert(schedule_settings).values(user_id=user_id, created_at=now, version=1, **values)
            )
            return msgspec.structs.replace(settings, version=1)
        result = await self._conn.execute(
            update(schedule_settings)
            .where(schedule_settings.c.user_id == user_id, schedule_settings.c.version == settings.version)
            .values(**values, version=settings.version + 1)
        )
        if result.rowcount != 1:
            raise PreconditionFailed("The schedule settings changed meanwhile; fetch them again.")
        return msgspec.structs.replace(settings, version=settings.version + 1)

    async def pauses_ended(self, now: datetime, *, limit: int) -> list[uuid.UUID]:
        s = schedule_settings.c
        rows = await self._conn.execute(
            select(s.user_id).where(s.paused, s.paused_until <= now).order_by(s.paused_until).limit(limit)
        )
        return [row.user_id for row in rows]


class SqlScheduleImportRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, progress: ImportProgress) -> None:
        await self._conn.execute(insert(schedule_imports).values(**msgspec.structs.asdict(progress)))

    async def get(self, import_id: uuid.UUID) -> ImportProgress | None:
        row = await row_where(self._conn, schedule_imports.c.id, import_id)
        return ImportProgress(**dict(row._mapping)) if row else None

    async def update(self, progress: ImportProgress) -> None:
        values = msgspec.structs.asdict(progress)
        values.pop("id")
        await self._conn.execute(
            update(schedule_imports).where(schedule_imports.c.id == progress.id).values(**values)
        )
