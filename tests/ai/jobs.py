"""Run the content engine's outbox jobs in the test's process, as the worker would."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from inergize.adapters.persistence.tables.platform import outbox
from inergize.application.ai.carousels import CAROUSEL_JOB
from inergize.application.content.library import RENDER_JOB
from inergize.entrypoints.workers.jobs import JOBS

AI_ACTORS = [CAROUSEL_JOB, RENDER_JOB]


async def run_ai_jobs(container: Any) -> int:
    engine = container.engine()
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                select(outbox.c.id, outbox.c.actor, outbox.c.payload)
                .where(outbox.c.actor.in_(AI_ACTORS))
                .order_by(outbox.c.created_at)
            )
        ).all()
    ran = 0
    for row in rows:
        async with engine.begin() as conn:
            claimed = (await conn.execute(delete(outbox).where(outbox.c.id == row.id))).rowcount
        if claimed:
            await JOBS[row.actor](container, **row.payload)
            ran += 1
    return ran
